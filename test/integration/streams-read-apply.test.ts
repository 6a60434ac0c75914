import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult, RunSummary, StreamState } from '../../preload/contract';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { coreOn, discover, INCREMENTAL_DEDUP, sourceIds, startCountingProxy, type CountingProxy } from './streams-harness';

// streams:read and streams:apply against a real sandbox over loopback HTTP, through a counting proxy
// that measures concurrency at the server side.

let h: SandboxHarness;
let proxy: CountingProxy;
let app: ReturnType<typeof coreOn>;
let small: { workspaceId: string; sourceId: string; discoveredAt: string; names: string[] };
let big: { workspaceId: string; sourceId: string; discoveredAt: string; names: string[]; noSourceCursor: string[] };
type States = { states: Record<string, StreamState> };

beforeAll(async () => {
  h = await startHarness();
  proxy = await startCountingProxy(h.url);
  app = coreOn(proxy.url);
  const s = await sourceIds(app.value, 'acme-us-demo', 'Postgres');
  const sd = await discover(app.value, s, 'discover-small');
  small = { ...s, discoveredAt: sd.discoveredAt, names: sd.streams.map((x) => x.name) };
  const b = await sourceIds(app.value, 'bigdata-us-demo', 'Warehouse');
  const bd = await discover(app.value, b, 'discover-big');
  big = { ...b, discoveredAt: bd.discoveredAt, names: bd.streams.map((x) => x.name), noSourceCursor: [] };
  const byName = (await h.sandbox.store.catalog(h.sandbox.store.source(b.sourceId))).byName;
  big.noSourceCursor = big.names.filter((n) => byName.get(n)?.source_defined_cursor === false);
}, 60_000);
afterAll(async () => {
  await app.core.close();
  await proxy.close();
  await h.close();
});

const sandboxStreams = (sourceId: string) => h.sandbox.store.source(sourceId).streams;

describe('streams:read', () => {
  it('answers configured, not_configured and error states, each with the time read', async () => {
    const configured = Object.keys(sandboxStreams(small.sourceId))[0] as string;
    const unconfigured = small.names.find((n) => !(n in sandboxStreams(small.sourceId))) as string;
    const { states } = await app.value<States>('streams:read', { workspaceId: small.workspaceId, sourceId: small.sourceId, names: [configured, unconfigured, 'no_such_stream'] });
    expect(states[configured]).toMatchObject({ state: 'configured', config: sandboxStreams(small.sourceId)[configured] });
    expect(states[unconfigured]).toMatchObject({ state: 'not_configured' });
    expect(states.no_such_stream).toMatchObject({ state: 'error' });
    expect((states.no_such_stream as { message: string }).message).toMatch(/not in the source’s catalog any more: rediscover the catalog/);
    for (const state of Object.values(states)) expect(Date.parse(state.readAt)).not.toBeNaN();
  });

  it('serves the cache until asked for fresh', async () => {
    const name = Object.keys(sandboxStreams(small.sourceId))[1] as string;
    const input = { workspaceId: small.workspaceId, sourceId: small.sourceId, names: [name] };
    const first = (await app.value<States>('streams:read', { ...input, fresh: true })).states[name] as StreamState & { state: 'configured' };
    // Changed behind the app's back: the cache still says what it read, with when.
    const token = await h.scopedToken('acme-us-demo');
    const changed = await h.call('PATCH', `/api/v1/integrations/sources/${small.sourceId}/streams/${name}`, { token, body: [{ op: 'replace', path: '/sync_mode', value: 'full_refresh' }, { op: 'replace', path: '/destination_sync_mode', value: 'overwrite' }] });
    expect(changed.status).toBe(200);
    const cached = (await app.value<States>('streams:read', input)).states[name];
    expect(cached).toEqual(first);
    const fresh = (await app.value<States>('streams:read', { ...input, fresh: true })).states[name];
    expect(fresh).toMatchObject({ state: 'configured', config: { sync_mode: 'full_refresh' } });
    expect((fresh?.readAt ?? '') >= first.readAt).toBe(true);
  });

  it('never has more than 6 stream requests in flight at the sandbox, for reads and a run together', async () => {
    const reads = big.names.slice(0, 300);
    const adds = big.names.slice(4000, 4300);
    proxy.resetPeak();
    const run = app.value<RunSummary>('streams:startRun', {
      workspaceId: big.workspaceId, sourceId: big.sourceId, catalogDiscoveredAt: big.discoveredAt, label: 'concurrency',
      requests: adds.map((streamName) => ({ kind: 'add', streamName, settings: INCREMENTAL_DEDUP, before: null })),
    });
    const read = await app.value<States>('streams:read', { workspaceId: big.workspaceId, sourceId: big.sourceId, names: reads, fresh: true });
    const started = await run;
    const done = await waitDone(started.runId);
    expect(Object.keys(read.states)).toHaveLength(reads.length);
    expect(done).toMatchObject({ state: 'done', applied: adds.length, failed: 0 });
    expect(proxy.peak).toBeGreaterThanOrEqual(4);
    expect(proxy.peak).toBeLessThanOrEqual(6);
  });

  it('refuses hostile input with a clear error and keeps working', async () => {
    for (const input of [undefined, {}, { workspaceId: '', sourceId: 'x', names: ['a'] }, { workspaceId: 'w', sourceId: 's', names: [] }, { workspaceId: 'w', sourceId: 's', names: Array(1001).fill('a') }, { workspaceId: 'w', sourceId: 's', names: ['\ud800'] }]) {
      const result = await app.call('streams:read', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    // Names that are object keys elsewhere stay data, `__proto__` included (no prototype is touched).
    const odd = ['__proto__', 'constructor', 'toString', '../../etc/passwd', 'a/b?c#d'];
    const { states } = await app.value<States>('streams:read', { workspaceId: small.workspaceId, sourceId: small.sourceId, names: odd });
    expect(Object.keys(states)).toEqual(odd);
    expect(Object.getPrototypeOf(states)).toBe(Object.prototype);
    for (const name of odd) expect(states[name]).toMatchObject({ state: 'error' });
    expect(await app.call('streams:read', { workspaceId: 'no-such-workspace', sourceId: small.sourceId, names: ['x'] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

async function waitDone(runId: string): Promise<RunSummary> {
  for (;;) {
    const status = await app.value<RunSummary>('streams:runStatus', { runId });
    if (status.state !== 'running') return status;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('streams:apply (one request)', () => {
  const apply = (request: unknown, discoveredAt = big.discoveredAt) => app.call('streams:apply', { workspaceId: big.workspaceId, sourceId: big.sourceId, catalogDiscoveredAt: discoveredAt, request });
  const applied = async (request: unknown) => {
    const result = await apply(request);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { runId: string; result: RunResult };
  };

  it('adds, patches and removes a stream; the answer, the cache and the sandbox agree', async () => {
    const name = big.names[10] as string;
    const added = await applied({ kind: 'add', streamName: name, settings: INCREMENTAL_DEDUP, before: null });
    expect(added.result).toMatchObject({ outcome: 'applied', status: 200, attempts: 1, error: null, after: { stream_name: name, ...INCREMENTAL_DEDUP } });
    expect(sandboxStreams(big.sourceId)[name]).toEqual(added.result.after);
    const before = added.result.after;
    const patched = await applied({ kind: 'patch', streamName: name, patch: [{ op: 'replace', path: '/sync_mode', value: 'full_refresh' }, { op: 'replace', path: '/destination_sync_mode', value: 'overwrite' }], before });
    expect(patched.result).toMatchObject({ outcome: 'applied', before, after: { sync_mode: 'full_refresh', destination_sync_mode: 'overwrite' } });
    // The cache holds what the apply answered: no request needed.
    proxy.resetPeak();
    const cached = await app.value<States>('streams:read', { workspaceId: big.workspaceId, sourceId: big.sourceId, names: [name] });
    expect(cached.states[name]).toMatchObject({ state: 'configured', config: patched.result.after });
    expect(sandboxStreams(big.sourceId)[name]).toEqual(patched.result.after);
    const removed = await applied({ kind: 'remove', streamName: name, before: patched.result.after });
    expect(removed.result).toMatchObject({ outcome: 'applied', status: 204, after: null });
    expect(sandboxStreams(big.sourceId)[name]).toBeUndefined();
    expect((await app.value<States>('streams:read', { workspaceId: big.workspaceId, sourceId: big.sourceId, names: [name] })).states[name]).toMatchObject({ state: 'not_configured' });
    // Each apply is a journaled run of one.
    const runs = await app.value<RunSummary[]>('streams:runs', { sourceId: big.sourceId });
    expect(runs.map((r) => r.runId)).toEqual(expect.arrayContaining([added.runId, patched.runId, removed.runId]));
    expect(runs.find((r) => r.runId === removed.runId)).toMatchObject({ state: 'done', total: 1, applied: 1, label: `Remove ${name}` });
  });

  it('explains the server’s 400/404/422 answers in words, with the fix', async () => {
    const name = big.noSourceCursor.filter((n) => big.names.indexOf(n) > 20)[0] as string;
    const notConfigured = await applied({ kind: 'patch', streamName: name, patch: [{ op: 'replace', path: '/sync_mode', value: 'incremental' }], before: null });
    expect(notConfigured.result).toMatchObject({ outcome: 'failed', status: 404 });
    expect(notConfigured.result.error).toMatch(/not configured on this source.*add it instead/);
    await applied({ kind: 'add', streamName: name, settings: { sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: [], primary_key: [['id']] }, before: null });
    const cursor = await applied({ kind: 'patch', streamName: name, patch: [{ op: 'replace', path: '/sync_mode', value: 'incremental' }, { op: 'replace', path: '/destination_sync_mode', value: 'append' }], before: null });
    expect(cursor.result).toMatchObject({ outcome: 'failed', status: 422 });
    expect(cursor.result.error).toMatch(/pick a cursor field or use full_refresh.*Cursor field required for incremental sync/);
    const key = await applied({ kind: 'add', streamName: big.names[11], settings: { destination_sync_mode: 'append_dedup', primary_key: [] }, before: null });
    expect(key.result.error).toMatch(/set a primary key or use append or overwrite/);
    const badOp = await applied({ kind: 'patch', streamName: name, patch: [{ op: 'move', from: '/cursor_field', path: '/primary_key' }], before: null });
    expect(badOp.result).toMatchObject({ outcome: 'failed', status: 400 });
    expect(badOp.result.error).toMatch(/only add, replace and remove/);
    const badType = await applied({ kind: 'patch', streamName: name, patch: [{ op: 'replace', path: '/cursor_field', value: 'updated_at' }], before: null });
    expect(badType.result).toMatchObject({ outcome: 'failed', status: 422 });
    expect(badType.result.error).toMatch(/cursor_field/);
    const unknown = await applied({ kind: 'add', streamName: 'not_in_catalog', settings: {}, before: null });
    expect(unknown.result.error).toMatch(/not in the source’s catalog any more/);
    // Nothing failed changed the sandbox.
    expect(sandboxStreams(big.sourceId)[name]).toMatchObject({ sync_mode: 'full_refresh', cursor_field: [] });
  });

  it('refuses a plan made on an older catalog, sending nothing', async () => {
    const name = big.names[12] as string;
    const stale = await apply({ kind: 'add', streamName: name, settings: {}, before: null }, '2020-01-01T00:00:00.000Z');
    expect(stale).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(!stale.ok && stale.error.message).toMatch(/rediscovered .* nothing was sent/);
    const s = await sourceIds(app.value, 'acme-us-demo', 'Postgres');
    const again = await discover(app.value, s, 'rediscover-small');
    const refused = await app.call('streams:startRun', { ...s, catalogDiscoveredAt: small.discoveredAt, label: 'old plan', requests: [{ kind: 'remove', streamName: small.names[0], before: null }] });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(sandboxStreams(big.sourceId)[name]).toBeUndefined();
    small.discoveredAt = again.discoveredAt;
  });

  it('rejects duplicate streams in a plan and unknown or malformed run ids', async () => {
    const dup = await app.call('streams:startRun', { workspaceId: big.workspaceId, sourceId: big.sourceId, catalogDiscoveredAt: big.discoveredAt, label: 'dup', requests: [{ kind: 'remove', streamName: 'a', before: null }, { kind: 'remove', streamName: 'a', before: null }] });
    expect(dup).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await app.call('streams:runStatus', { runId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await app.call('streams:runStatus', { runId: '../index' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await app.call('streams:resumeRun', { runId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});
