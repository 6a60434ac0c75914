import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedRequest } from '../../../preload/contract';
import { parseJournal, RunJournal, type RunMeta } from '../../../main/services/streams/run-journal';
import { intendedOf, stateMatches } from '../../../main/services/streams/stream-runner';
import { tempDir } from '../../support/temp-dir';

const config = (name: string, sync: 'incremental' | 'full_refresh' = 'incremental') => ({
  stream_name: name,
  sync_mode: sync,
  destination_sync_mode: sync === 'incremental' ? ('append_dedup' as const) : ('overwrite' as const),
  cursor_field: sync === 'incremental' ? ['updated_at'] : [],
  primary_key: [['id']],
});

const meta = (runId: string, total: number): RunMeta => ({
  runId, profileId: 'p', label: 'test', workspaceId: 'w', sourceId: 's', catalogDiscoveredAt: 'd', startedAt: new Date().toISOString(), finishedAt: null, state: 'running', total, applied: 0, failed: 0, pending: total, skipped: 0,
});

const adds = (n: number): PlannedRequest[] => Array.from({ length: n }, (_, i) => ({ kind: 'add', streamName: `s${i}`, settings: { sync_mode: 'incremental' }, before: null }));

describe('run journal', () => {
  it('drops a torn last line, calls the run interrupted at the next start, and appends cleanly after it', async () => {
    const folder = tempDir('ec-journal-');
    const first = new RunJournal(folder);
    await first.load();
    await first.create(meta('r1', 3), adds(3));
    await first.sent('r1', 0, 1);
    await first.result('r1', 0, { outcome: 'applied', status: 200, error: null, after: config('s0'), attempts: 1 });
    await first.sent('r1', 1, 1);
    await first.flush();
    // kill -9 in the middle of a line.
    const file = path.join(folder, 'r1.jsonl');
    appendFileSync(file, '{"t":"result","i":1,"o":"appl');

    const second = new RunJournal(folder);
    await second.load();
    expect(second.recovered).toEqual(['r1']);
    expect(second.meta('r1')).toMatchObject({ state: 'interrupted', applied: 1, pending: 2 });
    const run = await second.read('r1');
    expect(run.damagedLines).toBe(1);
    expect(run.unknown).toEqual(new Set([1]));
    expect(run.results.map((r) => r.outcome)).toEqual(['applied', 'pending', 'pending']);
    expect(run.results[1]?.attempts).toBe(1);

    await second.result('r1', 1, { outcome: 'applied', status: 200, error: null, after: config('s1'), attempts: 1, verified: true });
    await second.flush();
    const repaired = parseJournal(readFileSync(file, 'utf8'));
    expect(repaired.damagedLines).toBe(0);
    expect(repaired.unknown.size).toBe(0);
    expect(repaired.results.map((r) => r.outcome)).toEqual(['applied', 'applied', 'pending']);
  });

  it('keeps order: the last result wins, a send after a result is in flight again, plan lines out of order are refused', () => {
    const plan = adds(2).map((r, i) => JSON.stringify({ t: 'plan', i, r }));
    const lines = [
      ...plan,
      JSON.stringify({ t: 'sent', i: 0, a: 1 }),
      JSON.stringify({ t: 'result', i: 0, o: 'failed', s: 503, e: 'server error', after: null, a: 1 }),
      JSON.stringify({ t: 'sent', i: 0, a: 2 }),
      JSON.stringify({ t: 'result', i: 0, o: 'applied', s: 200, e: null, after: config('s0'), a: 2 }),
      JSON.stringify({ t: 'sent', i: 1, a: 1 }),
      JSON.stringify({ t: 'result', i: 1, o: 'failed', s: 422, e: 'no', after: null, a: 1 }),
      JSON.stringify({ t: 'sent', i: 1, a: 2 }),
      JSON.stringify({ t: 'plan', i: 7, r: adds(1)[0] }),
      JSON.stringify({ t: 'result', i: 99, o: 'applied', s: 200, e: null, after: null, a: 1 }),
      'not json',
    ];
    const run = parseJournal(lines.join('\n') + '\n');
    expect(run.results[0]).toMatchObject({ outcome: 'applied', attempts: 2, status: 200, error: null });
    expect(run.results[1]).toMatchObject({ outcome: 'failed', attempts: 2 });
    expect(run.unknown).toEqual(new Set([1]));
    expect(run.requests).toHaveLength(2);
    expect(run.damagedLines).toBe(3);
  });

  it('journals 5,200 streams with 6 writers fast, and reads them back whole', async () => {
    const folder = tempDir('ec-journal-');
    const journal = new RunJournal(folder);
    await journal.load();
    const n = 5200;
    const started = performance.now();
    await journal.create(meta('big', n), adds(n));
    let next = 0;
    await Promise.all(
      Array.from({ length: 6 }, async () => {
        while (next < n) {
          const i = next++;
          await journal.sent('big', i, 1);
          void journal.result('big', i, { outcome: i % 100 === 0 ? 'failed' : 'applied', status: i % 100 === 0 ? 503 : 200, error: i % 100 === 0 ? 'server error' : null, after: i % 100 === 0 ? null : config(`s${i}`), attempts: 1 });
        }
      }),
    );
    await journal.flush();
    const writeMs = performance.now() - started;
    const readStarted = performance.now();
    const run = await journal.read('big');
    const readMs = performance.now() - readStarted;
    expect(run.results.filter((r) => r.outcome === 'applied')).toHaveLength(n - 52);
    expect(run.results.filter((r) => r.outcome === 'failed')).toHaveLength(52);
    expect(run.unknown.size).toBe(0);
    console.log(`journal: 5,200 streams written in ${writeMs.toFixed(0)} ms, read in ${readMs.toFixed(0)} ms`);
    // One fsync per batch, not per line: well under the 300 streams/s the runs need.
    expect(writeMs).toBeLessThan(8000);
    expect(readMs).toBeLessThan(1000);
  });

  it('an unreadable index is moved aside with a notice; the app starts with an empty journal', async () => {
    const folder = tempDir('ec-journal-');
    writeFileSync(path.join(folder, 'index.json'), '{"version":1,"runs":[{"runId":"../x"}]}');
    const journal = new RunJournal(folder);
    await journal.load();
    expect(journal.notice).toMatch(/run journal .* moved to/);
    expect(journal.list('p')).toEqual([]);
  });
});

describe('what a request intends (read-backs decide lost answers by it)', () => {
  const before = config('users', 'full_refresh');
  const patch: PlannedRequest = { kind: 'patch', streamName: 'users', before, patch: [{ op: 'replace', path: '/sync_mode', value: 'incremental' }, { op: 'replace', path: '/cursor_field', value: ['updated_at'] }, { op: 'replace', path: '/destination_sync_mode', value: 'append_dedup' }] };
  const at = new Date().toISOString();

  it('a patch is applied when the stream reads back as patched, not when it reads back as before', () => {
    expect(intendedOf(patch)).toEqual({ sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'], primary_key: [['id']] });
    expect(stateMatches(patch, { state: 'configured', config: config('users'), readAt: at })).toBe(true);
    expect(stateMatches(patch, { state: 'configured', config: before, readAt: at })).toBe(false);
    expect(stateMatches(patch, { state: 'not_configured', readAt: at })).toBe(false);
    // fast-json-patch must not have edited the plan's `before`.
    expect(before.sync_mode).toBe('full_refresh');
  });

  it('removing a whole member (server default) needs the state to differ from before', () => {
    const reset: PlannedRequest = { kind: 'patch', streamName: 'users', before: config('users'), patch: [{ op: 'remove', path: '/cursor_field' }] };
    expect(stateMatches(reset, { state: 'configured', config: config('users'), readAt: at })).toBe(false);
    expect(stateMatches(reset, { state: 'configured', config: { ...config('users'), cursor_field: ['id'] }, readAt: at })).toBe(true);
  });

  it('adds compare the settings given; removes want the stream gone', () => {
    const add: PlannedRequest = { kind: 'add', streamName: 'users', settings: { sync_mode: 'full_refresh' }, before: null };
    expect(stateMatches(add, { state: 'configured', config: before, readAt: at })).toBe(true);
    expect(stateMatches(add, { state: 'not_configured', readAt: at })).toBe(false);
    const remove: PlannedRequest = { kind: 'remove', streamName: 'users', before };
    expect(stateMatches(remove, { state: 'not_configured', readAt: at })).toBe(true);
    expect(stateMatches(remove, { state: 'configured', config: before, readAt: at })).toBe(false);
  });
});
