import { describe, expect, it } from 'vitest';
import type { Result, RunResult, RunSummary, StreamState } from '../../preload/contract';
import { parseCatalog } from '../../renderer/features/catalog/worker/catalog-engine';
import { planStreams, selectStreams, streamInfo } from '../../renderer/features/catalog/worker/stream-plan';
import type { StreamWorkerClient } from '../../renderer/features/streams/stream-worker';
import { applyBlocker, createStreamsStore } from '../../renderer/features/streams/streams-store';
import { formatRunCsv, formatRunMarkdown } from '../../renderer/features/streams/report-format';
import { fakeApi, ok } from './fake-api';

const schema = { type: 'object', properties: { id: { type: 'integer' }, updated_at: { type: 'string', format: 'date-time' }, address: { type: 'object', properties: { city: { type: 'string' } } } } };
const CATALOG = JSON.stringify({
  catalog: {
    streams: [
      { name: 'users', supported_sync_modes: ['full_refresh', 'incremental'], source_defined_cursor: true, default_cursor_field: ['updated_at'], source_defined_primary_key: [['id']], json_schema: schema },
      { name: 'events', supported_sync_modes: ['full_refresh', 'incremental'], default_cursor_field: ['updated_at'], json_schema: schema },
      { name: 'static', supported_sync_modes: ['full_refresh'], json_schema: schema },
    ],
  },
});

/** The worker's logic, in process: the same functions worker.ts answers with. */
function inProcessWorker(): StreamWorkerClient {
  const catalog = parseCatalog(CATALOG);
  return {
    load: async () => ({ streamCount: catalog.streams.length, rows: catalog.rows, parseMs: 1 }),
    streamInfo: async (name) => streamInfo(catalog, name),
    selectStreams: async (expression) => selectStreams(catalog, expression),
    plan: async (input) => planStreams(catalog, structuredClone(input)),
    dispose: () => undefined,
  };
}

const ws = { id: 'w1', name: 'demo' };
const src = { id: 's1', name: 'Warehouse' };
const AT = '2026-01-01T00:00:00Z';
const users = { stream_name: 'users', sync_mode: 'full_refresh' as const, destination_sync_mode: 'overwrite' as const, cursor_field: [], primary_key: [['id']] };

function summary(over: Partial<RunSummary> = {}): RunSummary {
  return { runId: 'run1', label: 'L', workspaceId: 'w1', sourceId: 's1', catalogDiscoveredAt: AT, startedAt: AT, finishedAt: null, state: 'running', total: 2, applied: 0, failed: 0, pending: 2, skipped: 0, waitingUntil: null, ...over };
}

function setup(extra: Record<string, (input: unknown) => Result<unknown> | Promise<Result<unknown>>> = {}, server: Record<string, StreamState> = {}) {
  const known: Record<string, StreamState> = { users: { state: 'configured', config: users, readAt: AT }, events: { state: 'not_configured', readAt: AT }, static: { state: 'not_configured', readAt: AT }, ...server };
  const { api, calls } = fakeApi({
    'catalog:cached': () => ok({ text: CATALOG, discoveredAt: AT, bytes: CATALOG.length }),
    'workspaces:sources': () => ok([]),
    'streams:runs': () => ok([]),
    'streams:read': (input) => ok({ states: Object.fromEntries((input as { names: string[] }).names.map((n) => [n, known[n]])) }),
    ...extra,
  });
  const store = createStreamsStore(api, { createWorker: async () => inProcessWorker(), pollMs: 1, readBatch: 2, newRequestId: () => 'req1' });
  return { store, calls, known };
}

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 2));
  expect(check()).toBe(true);
};

describe('streams store: one stream', () => {
  it('loads the cached catalog into its own worker and reads the rows in view in batches', async () => {
    const { store, calls } = setup();
    await store.getState().openSource(ws, src);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().catalog?.rows.map((r) => r.name)).toEqual(['users', 'events', 'static']);
    store.getState().readVisible(['users', 'events', 'static']);
    await until(() => store.getState().states.get('static')?.state === 'not_configured');
    const reads = calls.filter((c) => c.channel === 'streams:read').map((c) => (c.input as { names: string[] }).names);
    expect(reads).toEqual([['users', 'events'], ['static']]);
    expect(store.getState().states.get('users')).toMatchObject({ state: 'configured' });
  });

  it('keeps form and patch in step, marks bad ops and blocks Apply, then applies the patch', async () => {
    const applied: unknown[] = [];
    const { store } = setup({
      'streams:apply': (input) => {
        applied.push(input);
        return ok({ runId: 'r', result: { streamName: 'users', kind: 'patch', outcome: 'applied', error: null, status: 200, attempts: 1, before: users, after: { ...users, sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'] } } satisfies RunResult });
      },
    });
    await store.getState().openSource(ws, src, { stream: 'users' });
    const s = () => store.getState();
    expect(s().editor).toMatchObject({ status: 'ready', before: users, form: { syncMode: 'full_refresh' } });
    expect(s().editor?.info?.fields).toContainEqual(['address', 'city']);
    expect(applyBlocker(s().editor)).toBe('Nothing to change.');

    // form → patch
    s().setForm({ syncMode: 'incremental', destinationSyncMode: 'append_dedup', cursorField: ['updated_at'] });
    expect(JSON.parse(s().editor!.patchText)).toEqual([
      { op: 'replace', path: '/sync_mode', value: 'incremental' },
      { op: 'replace', path: '/destination_sync_mode', value: 'append_dedup' },
      { op: 'replace', path: '/cursor_field', value: ['updated_at'] },
    ]);
    expect(applyBlocker(s().editor)).toBeNull();

    // patch → form
    s().setPatchText('[{"op": "replace", "path": "/primary_key", "value": [["id"], ["address", "city"]]}]');
    expect(s().editor?.form).toMatchObject({ syncMode: 'full_refresh', primaryKey: [['id'], ['address', 'city']] });

    // a refused op: a problem naming op 2, at op 2's text, and Apply blocked
    const text = '[{"op": "replace", "path": "/sync_mode", "value": "incremental"}, {"op": "move", "from": "/a", "path": "/b"}]';
    s().setPatchText(text);
    const problem = s().editor!.problems.find((p) => p.severity === 'error');
    expect(problem).toMatchObject({ opIndex: 1 });
    expect(problem?.message).toContain('op 2');
    const range = s().editor!.layout!.ops[1]!;
    expect(text.slice(range.start, range.end)).toContain('"move"');
    expect(applyBlocker(s().editor)).toContain('errors');

    // not JSON: a syntax problem, Apply blocked, the form stays
    s().setPatchText('[{"op": ');
    expect(s().editor!.problems[0]?.message).toContain('not valid JSON');
    expect(applyBlocker(s().editor)).not.toBeNull();

    // §5.3: append_dedup without a key
    s().setPatchText('[{"op": "replace", "path": "/destination_sync_mode", "value": "append_dedup"}, {"op": "replace", "path": "/primary_key", "value": []}]');
    expect(applyBlocker(s().editor)).toContain('errors');

    s().setPatchText('[{"op": "replace", "path": "/sync_mode", "value": "incremental"}, {"op": "replace", "path": "/destination_sync_mode", "value": "append_dedup"}, {"op": "replace", "path": "/cursor_field", "value": ["updated_at"]}]');
    await s().applyStream();
    expect(applied[0]).toMatchObject({ catalogDiscoveredAt: AT, request: { kind: 'patch', streamName: 'users', before: users, patch: [{ op: 'replace', path: '/sync_mode', value: 'incremental' }, {}, {}] } });
    expect(s().editor?.answer).toMatchObject({ ok: true });
    expect(s().editor?.before).toMatchObject({ sync_mode: 'incremental' });
    expect(s().states.get('users')).toMatchObject({ state: 'configured', config: { destination_sync_mode: 'append_dedup' } });
  });

  it('adds a stream that is not configured (every member), removes a configured one, and shows a server error in words', async () => {
    const requests: unknown[] = [];
    let answer: Result<unknown> = ok({ runId: 'r', result: { streamName: 'events', kind: 'add', outcome: 'applied', error: null, status: 200, attempts: 1, before: null, after: { stream_name: 'events', sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: ['updated_at'], primary_key: [] } } });
    const { store } = setup({ 'streams:apply': (input) => (requests.push((input as { request: unknown }).request), answer) });
    await store.getState().openSource(ws, src, { stream: 'events' });
    const s = () => store.getState();
    expect(s().editor?.before).toBeNull();
    s().setForm({ syncMode: 'full_refresh', destinationSyncMode: 'overwrite' });
    await s().applyStream();
    expect(requests[0]).toEqual({ kind: 'add', streamName: 'events', before: null, settings: { sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: ['updated_at'], primary_key: [] } });
    expect(s().states.get('events')).toMatchObject({ state: 'configured' });

    answer = { ok: false, error: { code: 'validation', message: "Sync mode 'incremental' not supported for stream 'events': choose full_refresh.", retryable: false } };
    s().setForm({ destinationSyncMode: 'append' });
    await s().applyStream();
    expect(s().editor?.answer).toMatchObject({ ok: false, message: expect.stringContaining('not supported') });

    answer = ok({ runId: 'r', result: { streamName: 'events', kind: 'remove', outcome: 'applied', error: null, status: 204, attempts: 1, before: null, after: null } });
    await s().removeStream();
    expect(requests[2]).toMatchObject({ kind: 'remove', streamName: 'events' });
    expect(s().states.get('events')).toMatchObject({ state: 'not_configured' });
  });
});

describe('streams store: plans and runs', () => {
  it('plans by a query in the worker, reads the unknown first, applies exactly the planned requests and polls the run', async () => {
    let status = 0;
    const started: Array<{ requests: unknown[]; catalogDiscoveredAt: string }> = [];
    const results: RunResult[] = [
      { streamName: 'users', kind: 'patch', outcome: 'applied', error: null, status: 200, attempts: 1, before: users, after: { ...users, sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'] } },
      { streamName: 'events', kind: 'add', outcome: 'failed', error: '503 Service Unavailable', status: 503, attempts: 3, before: null, after: null },
    ];
    const { store, calls } = setup({
      'streams:startRun': (input) => (started.push(input as (typeof started)[number]), ok(summary())),
      'streams:runStatus': () => ok(++status < 3 ? summary({ applied: status, pending: 2 - status }) : summary({ state: 'done', applied: 1, failed: 1, pending: 0, finishedAt: AT })),
      'streams:runResults': () => ok({ results, total: 2 }),
      'streams:retryFailed': () => ok(summary({ state: 'running', applied: 1, pending: 1 })),
    });
    await store.getState().openSource(ws, src);
    const s = () => store.getState();
    s().setPlanInput({ by: 'query', query: "streams[?contains(supported_sync_modes, 'incremental')].name", change: { kind: 'incremental_defaults' } });
    await s().computePlan();
    expect(s().plan.phase).toBe('ready');
    expect(s().plan.plan?.summary).toEqual({ change: 2, unchanged: 0, invalid: 0 });
    expect(calls.filter((c) => c.channel === 'streams:read').map((c) => (c.input as { names: string[] }).names)).toEqual([['users', 'events']]);
    const planned = s().plan.plan!.entries.map((e) => e.request);
    expect(planned.map((r) => r?.kind)).toEqual(['patch', 'add']);

    await s().applyPlan();
    expect(started[0]?.requests).toEqual(planned);
    expect(started[0]?.catalogDiscoveredAt).toBe(AT);
    await until(() => s().run?.results !== null && s().run?.results !== undefined);
    expect(s().run?.summary).toMatchObject({ state: 'done', applied: 1, failed: 1 });
    expect(s().states.get('users')).toMatchObject({ config: { sync_mode: 'incremental' } });

    await s().retryFailed();
    expect(calls.some((c) => c.channel === 'streams:retryFailed')).toBe(true);
    expect(s().run?.summary.state).toBe('running');
  });

  it('shows a refused (stale) plan in words and recomputes', async () => {
    const { store } = setup({
      'streams:startRun': () => ({ ok: false, error: { code: 'conflict', message: 'The catalog was rediscovered (later) after this plan was computed: nothing was sent.', retryable: false } }),
    });
    await store.getState().openSource(ws, src, { names: ['users', 'static'] });
    const s = () => store.getState();
    expect(s().plan.open).toBe(true);
    s().setPlanInput({ change: { kind: 'set', syncMode: 'full_refresh', destinationSyncMode: 'append' } });
    await s().computePlan();
    expect(s().plan.plan?.summary).toEqual({ change: 2, unchanged: 0, invalid: 0 });
    await s().applyPlan();
    expect(s().plan.refusal?.message).toContain('rediscovered');
    await s().computePlan();
    expect(s().plan.refusal).toBeNull();
  });

  it('reverts a run: a plan restoring each recorded before, read fresh', async () => {
    const after = { ...users, sync_mode: 'incremental' as const, destination_sync_mode: 'append_dedup' as const, cursor_field: ['updated_at'] };
    const { store, calls } = setup(
      {
        'streams:runResults': () =>
          ok({
            results: [
              { streamName: 'users', kind: 'patch', outcome: 'applied', error: null, status: 200, attempts: 1, before: users, after },
              { streamName: 'events', kind: 'add', outcome: 'applied', error: null, status: 200, attempts: 1, before: null, after: { ...after, stream_name: 'events', primary_key: [] } },
              { streamName: 'static', kind: 'add', outcome: 'failed', error: 'x', status: 500, attempts: 1, before: null, after: null },
            ],
            total: 3,
          }),
      },
      { users: { state: 'configured', config: after, readAt: AT }, events: { state: 'configured', config: { ...after, stream_name: 'events', primary_key: [] }, readAt: AT } },
    );
    await store.getState().openSource(ws, src);
    const s = () => store.getState();
    await s().revertRun('run1');
    expect(s().plan.change.kind).toBe('revert');
    expect(s().plan.plan?.summary).toEqual({ change: 2, unchanged: 0, invalid: 0 });
    const byName = Object.fromEntries(s().plan.plan!.entries.map((e) => [e.streamName, e.request]));
    expect(byName.users).toMatchObject({ kind: 'patch' });
    expect(byName.events).toMatchObject({ kind: 'remove' });
    expect(calls.filter((c) => c.channel === 'streams:read').every((c) => (c.input as { fresh: boolean }).fresh)).toBe(true);
  });

  it('offers interrupted runs on entering the area and resumes one', async () => {
    const { store } = setup({
      'streams:runs': () => ok([summary({ state: 'interrupted', runId: 'old', pending: 1, applied: 1 })]),
      'streams:resumeRun': () => ok(summary({ runId: 'old', state: 'done', applied: 2, pending: 0 })),
      'streams:runResults': () => ok({ results: [], total: 0 }),
    });
    await store.getState().enter('p1');
    expect(store.getState().interrupted.map((r) => r.runId)).toEqual(['old']);
    await store.getState().resumeRun('old');
    expect(store.getState().interrupted).toEqual([]);
    expect(store.getState().run?.summary).toMatchObject({ runId: 'old', state: 'done' });
  });
});

describe('run report', () => {
  const results: RunResult[] = [{ streamName: 'a,b', kind: 'patch', outcome: 'failed', error: 'said "no"', status: 422, attempts: 1, before: users, after: null }];
  const header = { source: 'Warehouse (demo)', profile: 'Sandbox', time: AT };
  it('writes CSV and Markdown with the facts and one row per stream', () => {
    const csv = formatRunCsv(summary({ state: 'done' }), results, header);
    expect(csv).toContain('# Not atomic across streams');
    expect(csv).toContain('"a,b",patch,failed,422,1,"said ""no""",full_refresh/overwrite cursor=- key=id,');
    const md = formatRunMarkdown(summary({ state: 'done' }), results, header);
    expect(md).toContain('| stream | request | outcome |');
    expect(md).toContain('| a,b | patch | failed | 422 |');
  });
});

describe('streams store: read all', () => {
  it('reads every stream in batches with progress, and Cancel stops between batches', async () => {
    let release: () => void = () => undefined;
    let reads = 0;
    const { store, calls } = setup({
      'streams:read': async (input) => {
        reads++;
        if (reads === 2) await new Promise<void>((r) => (release = r));
        return ok({ states: Object.fromEntries((input as { names: string[] }).names.map((n) => [n, { state: 'not_configured', readAt: AT }])) });
      },
      'requests:cancel': () => ok(undefined),
    });
    await store.getState().openSource(ws, src);
    const done = store.getState().readAllStreams();
    await until(() => reads === 2);
    expect(store.getState().readAll).toMatchObject({ done: 2, total: 3, running: true });
    store.getState().cancelReadAll();
    release();
    await done;
    expect(calls.some((c) => c.channel === 'requests:cancel')).toBe(true);
    expect(store.getState().readAll?.running).toBe(false);
    expect(reads).toBe(2);
  });
});

describe('streams store: plan while rows are being read', () => {
  it('reads again the names still being read for the view, so none is planned as "not read yet"', async () => {
    let release: () => void = () => undefined;
    let first = true;
    const { store } = setup({
      'streams:read': async (input) => {
        if (first) {
          first = false;
          await new Promise<void>((r) => (release = r));
        }
        return ok({ states: Object.fromEntries((input as { names: string[] }).names.map((n) => [n, { state: 'not_configured', readAt: AT }])) });
      },
    });
    await store.getState().openSource(ws, src, { names: ['users', 'events'] });
    store.getState().readVisible(['users', 'events']);
    await until(() => store.getState().states.get('users')?.state === 'reading');
    await store.getState().computePlan();
    release();
    expect(store.getState().plan.plan?.entries.every((e) => e.verdict !== 'invalid')).toBe(true);
  });
});
