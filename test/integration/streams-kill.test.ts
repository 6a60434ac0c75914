import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BULK_HEAD_HEADER, IPC_PATH_PREFIX, LAUNCH_SECRET_HEADER, type Result, type RunResult, type RunSummary } from '../../preload/contract';
import { parseJournal } from '../../main/services/streams/run-journal';
import { ensureBrowserShellBuilt, startBuiltBrowserShell, type BuiltShell } from '../support/browser-shell-process';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';
import { INCREMENTAL_DEDUP, startCountingProxy, until, type CountingProxy } from './streams-harness';

// kill -9 of the built browser shell in the middle of a run, then a restart on the same data folder.
// The sandbox runs here, in the test process, behind a counting proxy (not in the shell, whose
// in-process Sandbox profile would die with it): the shell reaches it through a profile of its own.

let h: SandboxHarness;
let proxy: CountingProxy;
const shells: BuiltShell[] = [];

beforeAll(async () => {
  await ensureBrowserShellBuilt();
  h = await startHarness();
  proxy = await startCountingProxy(h.url);
}, 180_000);
afterAll(async () => {
  await Promise.all(shells.map((s) => s.stop()));
  await proxy.close();
  await h.close();
});

function ipc(shell: BuiltShell) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const call = (channel: string, input?: unknown) =>
    new Promise<Result<unknown>>((resolve, reject) => {
      const body = JSON.stringify({ input });
      const req = http.request(
        { host: '127.0.0.1', port: shell.port, method: 'POST', path: `${IPC_PATH_PREFIX}${channel}`, agent, headers: { Origin: shell.origin, [LAUNCH_SECRET_HEADER]: shell.secret, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            try {
              const bytes = Buffer.concat(chunks);
              // A catalog comes as the envelope (its text member "") followed by the text's raw bytes.
              const head = Number(res.headers[BULK_HEAD_HEADER.toLowerCase()] ?? NaN);
              if (Number.isInteger(head)) {
                const envelope = JSON.parse(bytes.subarray(0, head).toString('utf8')) as { ok: true; value: Record<string, unknown> };
                resolve({ ...envelope, value: { ...envelope.value, text: bytes.subarray(head).toString('utf8') } });
                return;
              }
              resolve(JSON.parse(bytes.toString('utf8')) as Result<unknown>);
            } catch (error) {
              reject(error as Error);
            }
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const value = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return result.value as T;
  };
  return { value, close: () => agent.destroy() };
}

describe('kill -9 during a run', () => {
  it('on restart the run is interrupted, its journal intact, and resume applies only what was not applied', async () => {
    const dataDir = tempDir('ec-streams-kill-');
    const first = await startBuiltBrowserShell({ dataDir });
    shells.push(first);
    const a = ipc(first);
    const profile = await a.value<{ id: string }>('profiles:create', { name: 'local sandbox', baseUrl: proxy.url });
    await a.value('credentials:set', { id: profile.id, clientId: 'sandbox', clientSecret: 'sandbox', sessionOnly: true });
    await a.value('profiles:select', { id: profile.id });
    const workspace = (await a.value<{ items: Array<{ id: string; name: string }> }>('workspaces:list', { nameContains: 'bigdata-us-demo' })).items[0] as { id: string };
    const source = (await a.value<Array<{ id: string; name: string }>>('workspaces:sources', { id: workspace.id })).find((s) => s.name.startsWith('Warehouse')) as { id: string };
    const ids = { workspaceId: workspace.id, sourceId: source.id };
    const found = await a.value<{ text: string; discoveredAt: string }>('catalog:discover', { ...ids, requestId: 'discover-kill' });
    // 1,500 of the 5,200 streams: enough for a kill mid-run, short enough for the test budget.
    const names = (JSON.parse(found.text) as { catalog: { streams: Array<{ name: string }> } }).catalog.streams.map((s) => s.name).slice(0, 1500);
    // Slow enough that the kill lands mid-run.
    await h.call('POST', '/__sandbox/faults', { body: { route: 'POST /api/v1/integrations/sources/{source_id}/streams', kind: 'latency', ms: 5, times: 100_000 } });
    const run = await a.value<RunSummary>('streams:startRun', { ...ids, catalogDiscoveredAt: found.discoveredAt, label: 'before the kill', requests: names.map((streamName) => ({ kind: 'add', streamName, settings: INCREMENTAL_DEDUP, before: null })) });
    await until(() => a.value<RunSummary>('streams:runStatus', { runId: run.runId }), (s) => s.applied >= 300, 30_000, 5);
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    a.close();
    // Requests the proxy already had still reach the sandbox: let them land before reading it.
    await until(async () => proxy.current, (n) => n === 0, 5_000, 10);

    const journal = parseJournal(readFileSync(path.join(dataDir, 'stream-runs', `${run.runId}.jsonl`), 'utf8'));
    console.log(`kill -9: ${journal.results.filter((r) => r.outcome === 'applied').length} applied, ${journal.unknown.size} in flight (read back on resume), ${journal.damagedLines} torn line(s)`);
    expect(journal.requests).toHaveLength(names.length);
    expect(journal.damagedLines).toBeLessThanOrEqual(1);
    // At most the requests in flight are unknown; everything recorded applied is on the sandbox.
    expect(journal.unknown.size).toBeLessThanOrEqual(6);
    const appliedBefore = journal.results.filter((r) => r.outcome === 'applied');
    expect(appliedBefore.length).toBeGreaterThanOrEqual(250);
    expect(appliedBefore.length).toBeLessThan(names.length);
    const configured = h.sandbox.store.source(ids.sourceId).streams;
    for (const r of appliedBefore) expect(configured[r.streamName], r.streamName).toEqual({ stream_name: r.streamName, ...INCREMENTAL_DEDUP });

    const second = await startBuiltBrowserShell({ dataDir });
    shells.push(second);
    const b = ipc(second);
    // Session-only credentials died with the process; the profile and its selection did not.
    await b.value('credentials:set', { id: profile.id, clientId: 'sandbox', clientSecret: 'sandbox', sessionOnly: true });
    const runs = await b.value<RunSummary[]>('streams:runs', { sourceId: ids.sourceId });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ runId: run.runId, state: 'interrupted', applied: appliedBefore.length, total: names.length });
    expect(await b.value<RunSummary>('streams:resumeRun', { runId: run.runId })).toMatchObject({ state: 'running' });
    const done = await until(() => b.value<RunSummary>('streams:runStatus', { runId: run.runId }), (s) => s.state !== 'running', 30_000);
    expect(done).toMatchObject({ state: 'done', applied: names.length, failed: 0, pending: 0 });
    const results: RunResult[] = (await b.value<{ results: RunResult[] }>('streams:runResults', { runId: run.runId, limit: 5000 })).results;
    expect(results.every((r) => r.outcome === 'applied')).toBe(true);
    // Each stream was added exactly once at the server, across both processes.
    for (const name of names) expect(proxy.adds.get(name), name).toBe(1);
    const after = h.sandbox.store.source(ids.sourceId).streams;
    for (const name of names) expect(after[name], name).toEqual({ stream_name: name, ...INCREMENTAL_DEDUP });
    b.close();
    await second.stop();
  }, 60_000);
});
