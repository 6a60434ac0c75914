import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, RunSummary } from '../../preload/contract';
import { parseJournal } from '../../main/services/streams/run-journal';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { coreOn, discover, INCREMENTAL_DEDUP, sourceIds, startCountingProxy, until, type CountingProxy } from './streams-harness';

// Runs over all 5,200 streams of bigdata-us-demo with sandbox faults injected mid-way:
// each stream ends applied once or failed with its reason, and the report, the journal and the
// sandbox's own state agree. Then pause, resume, cancel and retry of the failed ones.

let h: SandboxHarness;
let proxy: CountingProxy;
let app: ReturnType<typeof coreOn>;
let big: { workspaceId: string; sourceId: string; discoveredAt: string; names: string[] };
const STREAMS_POST = 'POST /api/v1/integrations/sources/{source_id}/streams';
/** Pause, resume and cancel need a run that lasts, not a long one. */
const SUBSET = 600;
const subsetOf = () => big.names.slice(1000, 1000 + SUBSET);

beforeAll(async () => {
  h = await startHarness();
  proxy = await startCountingProxy(h.url);
  app = coreOn(proxy.url);
  const ids = await sourceIds(app.value, 'bigdata-us-demo', 'Warehouse');
  const found = await discover(app.value, ids, 'discover-big');
  big = { ...ids, discoveredAt: found.discoveredAt, names: found.streams.map((s) => s.name) };
  expect(new Set(big.names).size).toBe(5200);
}, 60_000);
afterAll(async () => {
  await app.core.close();
  await proxy.close();
  await h.close();
});

const fault = async (rule: Record<string, unknown>) => expect((await h.call('POST', '/__sandbox/faults', { body: rule })).status).toBeLessThan(300);
const status = (runId: string) => app.value<RunSummary>('streams:runStatus', { runId });
const results = async (runId: string) => {
  const all: RunResult[] = [];
  for (let offset = 0; ; offset += 250) {
    const page = await app.value<{ results: RunResult[]; total: number }>('streams:runResults', { runId, offset, limit: 250 });
    all.push(...page.results);
    if (all.length >= page.total) return all;
  }
};
const settled = (runId: string) => until(() => status(runId), (s) => s.state !== 'running', 30_000);
const start = (label: string, requests: unknown[]) => app.value<RunSummary>('streams:startRun', { ...big, catalogDiscoveredAt: big.discoveredAt, label, requests });
const streams = () => h.sandbox.store.source(big.sourceId).streams;
const journal = (runId: string) => parseJournal(readFileSync(path.join(app.userDataDir, 'stream-runs', `${runId}.jsonl`), 'utf8'));

describe('a run over every stream of bigdata-us-demo', () => {
  it('with 503, reset, truncated body and 429 mid-way: each stream applied once or failed with its reason; report, journal and sandbox agree', async () => {
    const run = await start('all incremental', big.names.map((streamName) => ({ kind: 'add', streamName, settings: INCREMENTAL_DEDUP, before: null })));
    expect(run).toMatchObject({ state: 'running', total: big.names.length });
    await until(() => status(run.runId), (s) => s.applied >= 120);
    // Consumed in this order by the next stream requests.
    await fault({ route: STREAMS_POST, kind: 'status', status: 503, times: 4 });
    await fault({ route: STREAMS_POST, kind: 'reset', times: 4 });
    await fault({ route: STREAMS_POST, kind: 'truncate', times: 4 });
    await fault({ route: STREAMS_POST, kind: 'status', status: 429, retry_after_s: 1, times: 3 });
    const waited = await until(() => status(run.runId), (s) => s.waitingUntil !== null || s.state !== 'running', 10_000, 5);
    expect(waited.waitingUntil).not.toBeNull();
    const done = await settled(run.runId);
    expect(done).toMatchObject({ state: 'done', total: big.names.length, applied: big.names.length - 8, failed: 8, pending: 0, waitingUntil: null });

    const report = await results(run.runId);
    const failed = report.filter((r) => r.outcome === 'failed');
    expect(failed.filter((r) => r.status === 503)).toHaveLength(4);
    for (const r of failed) expect(r.error).toMatch(/was not changed: retry the failed streams/);
    // Read back from the sandbox itself: applied ⇔ configured as intended; failed ⇔ untouched.
    for (const r of report) {
      if (r.outcome === 'applied') expect(streams()[r.streamName], r.streamName).toEqual({ stream_name: r.streamName, ...INCREMENTAL_DEDUP });
      else expect(streams()[r.streamName], r.streamName).toBeUndefined();
      expect(proxy.adds.get(r.streamName) ?? 0, r.streamName).toBe(r.outcome === 'applied' ? 1 : 0);
    }
    // The journal on disk says the same, stream by stream.
    const onDisk = journal(run.runId);
    expect(onDisk.damagedLines).toBe(0);
    expect(onDisk.unknown.size).toBe(0);
    expect(onDisk.results.map((r) => [r.streamName, r.outcome, r.error])).toEqual(report.map((r) => [r.streamName, r.outcome, r.error]));

    // Retry of the failed ones: each is sent once more and lands; nothing applied is sent again.
    expect(await app.value<RunSummary>('streams:retryFailed', { runId: run.runId })).toMatchObject({ state: 'running', failed: 0, pending: 8 });
    expect(await settled(run.runId)).toMatchObject({ state: 'done', applied: big.names.length, failed: 0 });
    for (const name of big.names) expect(proxy.adds.get(name), name).toBe(1);
    expect(journal(run.runId).results.every((r) => r.outcome === 'applied')).toBe(true);
    expect(await app.call('streams:retryFailed', { runId: run.runId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  }, 30_000);

  it('pause lets in-flight requests finish and sends nothing more; resume sends only the rest', async () => {
    const subset = subsetOf();
    const before = { stream_name: '', ...INCREMENTAL_DEDUP };
    const patch = [{ op: 'replace', path: '/sync_mode', value: 'full_refresh' }, { op: 'replace', path: '/destination_sync_mode', value: 'overwrite' }];
    await fault({ route: 'PATCH /api/v1/integrations/sources/{source_id}/streams/{stream_name}', kind: 'latency', ms: 15, times: 10_000 });
    const run = await start('to full refresh', subset.map((streamName) => ({ kind: 'patch', streamName, patch, before: { ...before, stream_name: streamName } })));
    await until(() => status(run.runId), (s) => s.applied >= 60);
    expect(await app.value<RunSummary>('streams:pauseRun', { runId: run.runId })).toMatchObject({ state: 'paused' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const paused = await status(run.runId);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await status(run.runId)).toEqual(paused);
    expect(paused.applied + paused.pending).toBe(subset.length);
    const changed = subset.filter((n) => streams()[n]?.sync_mode === 'full_refresh');
    expect(changed).toHaveLength(paused.applied);
    expect(await app.call('streams:pauseRun', { runId: run.runId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await app.call('streams:retryFailed', { runId: run.runId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await app.value<RunSummary>('streams:resumeRun', { runId: run.runId })).toMatchObject({ state: 'running' });
    const done = await settled(run.runId);
    expect(done).toMatchObject({ state: 'done', applied: subset.length, failed: 0 });
    const report = await results(run.runId);
    expect(report.every((r) => r.attempts === 1 && r.after?.sync_mode === 'full_refresh')).toBe(true);
    await h.call('DELETE', '/__sandbox/faults');
  }, 30_000);

  it('cancel stops sending; what was not sent stays pending and untouched; runs lists it', async () => {
    const subset = subsetOf();
    await fault({ route: 'DELETE /api/v1/integrations/sources/{source_id}/streams/{stream_name}', kind: 'latency', ms: 15, times: 10_000 });
    const run = await start('remove some', subset.map((streamName) => ({ kind: 'remove', streamName, before: null })));
    await until(() => status(run.runId), (s) => s.applied >= 30);
    expect(await app.value<RunSummary>('streams:cancelRun', { runId: run.runId })).toMatchObject({ state: 'cancelled' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    const cancelled = await status(run.runId);
    expect(cancelled.finishedAt).not.toBeNull();
    expect(cancelled.pending).toBeGreaterThan(0);
    const report = await results(run.runId);
    for (const r of report) expect(streams()[r.streamName] === undefined, r.streamName).toBe(r.outcome === 'applied');
    expect(await app.call('streams:resumeRun', { runId: run.runId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await app.call('streams:cancelRun', { runId: run.runId })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const runs = await app.value<RunSummary[]>('streams:runs', { sourceId: big.sourceId });
    expect(runs[0]).toMatchObject({ runId: run.runId, state: 'cancelled' });
    expect(runs.map((r) => r.label)).toEqual(['remove some', 'to full refresh', 'all incremental']);
    await h.call('DELETE', '/__sandbox/faults');
  }, 30_000);
});
