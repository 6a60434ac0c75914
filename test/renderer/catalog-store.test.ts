import { describe, expect, it, vi } from 'vitest';
import { createCatalogStore } from '../../renderer/features/catalog/catalog-store';
import type { CatalogWorkerClient } from '../../renderer/features/catalog/query/catalog-worker-client';
import { compareWithServer } from '../../renderer/features/catalog/query/server-compare';
import type { Result } from '../../preload/contract';
import { fail, fakeApi, ok } from './fake-api';

const row = { index: 0, name: 's', namespace: null, syncModes: ['incremental'], sourceDefinedCursor: true, defaultCursor: null, primaryKey: null, fieldCount: 2 };

/** The local engine of the fake worker: `bad` is a syntax error, anything else answers ["s"]. */
const localEngine = (expression: string): unknown => {
  if (expression === 'bad[') throw new Error('Invalid JMESPath expression: unexpected end');
  if (expression === 'crash') throw new TypeError("'>' not supported between instances of 'str' and 'int'");
  return ['s'];
};

function fakeWorker(): CatalogWorkerClient {
  let latest = 0;
  return {
    get latestQueryId() {
      return latest;
    },
    spawnCount: 1,
    warm: vi.fn(),
    load: vi.fn(async () => ({ streamCount: 1, rows: [row], parseMs: 1 })),
    stream: vi.fn(async () => '{"name":"s"}'),
    query: vi.fn(async (expression: string) => {
      const id = ++latest;
      return { status: 'done' as const, id, expression, ok: true as const, resultText: '["s"]', truncated: false, totalChars: 5, count: 1, ms: 1 };
    }),
    diff: vi.fn(async () => ({ added: [{ namespace: null, name: 'n' }], removed: [], changed: [], unchanged: 1 })),
    completions: vi.fn(async () => ({ items: [], replaceStart: 0, replaceEnd: 0, incomplete: false })),
    compare: vi.fn(async (expression: string, serverText: string | null) =>
      compareWithServer(() => localEngine(expression), serverText, (e) =>
        e instanceof TypeError
          ? { kind: 'type', message: String(e), summary: (e as Error).message, position: null, pythonType: 'TypeError' }
          : { kind: 'parse', message: String(e), summary: (e as Error).message, position: null },
      ),
    ),
    dispose: vi.fn(),
  };
}

const ws = { id: 'w1', name: 'bigdata-us-demo' };
const src = { id: 's1', name: 'Warehouse' };

describe('catalog store', () => {
  it('shows a cached catalog at once', async () => {
    const { api } = fakeApi({ 'catalog:cached': () => ok({ text: '{}', discoveredAt: '2026-01-01T00:00:00Z', bytes: 2 }), 'workspaces:sources': () => ok([]) });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker() });
    await store.getState().openSource(ws, src);
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().catalog).toMatchObject({ fromCache: true, streamCount: 1, discoveredAt: '2026-01-01T00:00:00Z' });
  });

  it('discovers, then diffs against the previous version', async () => {
    const { api, calls } = fakeApi({
      'catalog:cached': () => ok(null),
      'workspaces:sources': () => ok([]),
      'catalog:progress': () => ok({ bytesReceived: 10, elapsedMs: 5, state: 'running' }),
      'catalog:discover': () => ok({ text: '{}', discoveredAt: 'now', bytes: 2, previousDiscoveredAt: 'before', cacheNotice: null }),
      'catalog:previous': () => ok({ text: '{}', discoveredAt: 'before' }),
    });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker(), newRequestId: () => 'r1' });
    await store.getState().openSource(ws, src);
    expect(store.getState().phase).toBe('empty');
    await store.getState().discover();
    expect(calls.find((c) => c.channel === 'catalog:discover')?.input).toEqual({ workspaceId: 'w1', sourceId: 's1', requestId: 'r1' });
    expect(store.getState().phase).toBe('ready');
    expect(store.getState().diff).toMatchObject({ added: [{ name: 'n' }], previousDiscoveredAt: 'before' });
  });

  it('a cancelled discover says so; a failed one keeps the error for Retry', async () => {
    let answer = fail('cancelled', 'Cancelled');
    const { api } = fakeApi({
      'catalog:cached': () => ok(null),
      'workspaces:sources': () => ok([]),
      'catalog:progress': () => ok({ bytesReceived: 0, elapsedMs: 0, state: 'running' }),
      'catalog:discover': () => answer,
    });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker() });
    await store.getState().openSource(ws, src);
    await store.getState().discover();
    expect(store.getState()).toMatchObject({ phase: 'empty', cancelled: true, error: null });
    answer = fail('network', 'The API could not be reached');
    await store.getState().discover();
    expect(store.getState()).toMatchObject({ phase: 'error', cancelled: false, error: { message: 'The API could not be reached' } });
  });

  it('a Cancel that came too late says so over the newly discovered catalog', async () => {
    let finish: (r: Result<unknown>) => void = () => undefined;
    const { api, calls } = fakeApi({
      'catalog:cached': () => ok(null),
      'workspaces:sources': () => ok([]),
      'catalog:progress': () => ok({ bytesReceived: 0, elapsedMs: 0, state: 'running' }),
      'catalog:discover': () => new Promise<Result<unknown>>((resolve) => (finish = resolve)),
      'requests:cancel': () => ok({ cancelled: false }),
    });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker(), newRequestId: () => 'd1' });
    await store.getState().openSource(ws, src);
    const discovering = store.getState().discover();
    await vi.waitFor(() => expect(store.getState().phase).toBe('discovering'));
    await store.getState().cancel();
    expect(calls.find((c) => c.channel === 'requests:cancel')?.input).toEqual({ requestId: 'd1' });
    finish(ok({ text: '{"catalog":{"streams":[]}}', discoveredAt: 'now', bytes: 25, previousDiscoveredAt: null, cacheNotice: null }));
    await discovering;
    expect(store.getState().catalog).toMatchObject({ fromCache: false, lateCancelNotice: expect.stringMatching(/^Cancel came too late/) });
    // The next discover, not cancelled, has no such note.
    const again = store.getState().discover();
    finish(ok({ text: '{"catalog":{"streams":[]}}', discoveredAt: 'later', bytes: 25, previousDiscoveredAt: null, cacheNotice: null }));
    await again;
    expect(store.getState().catalog?.lateCancelNotice).toBeUndefined();
  });

  it('a workspace with one source picks it (its cached catalog opens); with two, nothing is picked', async () => {
    let sources = [{ id: 's1', name: 'Warehouse', templateName: null, createdAt: null }];
    const { api } = fakeApi({
      'catalog:cached': () => ok({ text: '{}', discoveredAt: 'x', bytes: 2 }),
      'workspaces:sources': () => ok(sources),
    });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker() });
    await store.getState().pickWorkspace(ws);
    expect(store.getState()).toMatchObject({ source: { id: 's1', name: 'Warehouse' }, phase: 'ready' });
    sources = [...sources, { id: 's2', name: 'CRM', templateName: null, createdAt: null }];
    await store.getState().pickWorkspace({ id: 'w2', name: 'other' });
    expect(store.getState()).toMatchObject({ source: null, phase: 'none' });
  });

  it('evaluates the latest expression and remembers it', async () => {
    const { api, calls } = fakeApi({
      'catalog:cached': () => ok({ text: '{}', discoveredAt: 'x', bytes: 2 }),
      'workspaces:sources': () => ok([]),
      'queries:remember': () => ok({ history: ['streams'] }),
    });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker(), rememberMs: 1 });
    await store.getState().openSource(ws, src);
    store.getState().setExpression('streams');
    expect(store.getState().pending).toBe(true);
    store.getState().evaluateNow();
    await vi.waitFor(() => expect(store.getState().evaluation).toMatchObject({ status: 'ok', expression: 'streams' }));
    expect(store.getState().pending).toBe(false);
    await vi.waitFor(() => expect(calls.some((c) => c.channel === 'queries:remember')).toBe(true));
  });

  it('remembers only a query the user paused on with a current answer, never the prefixes typed on the way', async () => {
    const { api, calls } = fakeApi({
      'catalog:cached': () => ok({ text: '{}', discoveredAt: 'x', bytes: 2 }),
      'workspaces:sources': () => ok([]),
      'queries:remember': () => ok({ history: [] }),
    });
    // A worker whose answers arrive only when the test releases them, as a busy one would.
    const worker = fakeWorker();
    const held: Array<() => void> = [];
    const original = worker.query;
    worker.query = vi.fn((expression: string) => new Promise((resolve) => held.push(() => void original(expression).then(resolve)))) as typeof worker.query;
    const store = createCatalogStore(api, { createWorker: async () => worker, rememberMs: 20 });
    await store.getState().openSource(ws, src);
    store.getState().setExpression('stre');
    store.getState().setExpression('streams');
    await vi.waitFor(() => expect(held).toHaveLength(2));
    held[0]?.(); // 'stre' answers after the text moved on: shown as stale, not remembered
    await vi.waitFor(() => expect(store.getState().evaluation).toMatchObject({ status: 'ok', expression: 'stre' }));
    expect(store.getState().pending).toBe(true);
    await new Promise((r) => setTimeout(r, 60)); // longer than the pause that commits a query to the history
    held[1]?.();
    await vi.waitFor(() => expect(store.getState().evaluation).toMatchObject({ status: 'ok', expression: 'streams' }));
    expect(store.getState().pending).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    const remembered = calls.filter((c) => c.channel === 'queries:remember').map((c) => c.input);
    expect(remembered).toEqual([{ query: 'streams' }]);
  });

  it('leaving the area lets the worker and the catalog go; coming back reopens from the cache, or starts blank for another profile', async () => {
    const { api, calls } = fakeApi({
      'catalog:cached': () => ok({ text: '{}', discoveredAt: 'x', bytes: 2 }),
      'workspaces:sources': () => ok([]),
    });
    const workers: CatalogWorkerClient[] = [];
    const store = createCatalogStore(api, { createWorker: async () => (workers.push(fakeWorker()), workers.at(-1) as CatalogWorkerClient) });
    await store.getState().openSource(ws, src);
    store.getState().setExpression('streams');
    await vi.waitFor(() => expect(store.getState().evaluation).toMatchObject({ status: 'ok' }));
    store.getState().close('p1');
    await vi.waitFor(() => expect(workers[0]?.dispose).toHaveBeenCalled());
    expect(store.getState()).toMatchObject({ phase: 'closed', catalog: null, source: src, expression: 'streams' });
    await store.getState().reopen('p1');
    expect(store.getState()).toMatchObject({ phase: 'ready', source: src });
    expect(workers).toHaveLength(2); // a fresh worker, loaded from the cache
    await vi.waitFor(() => expect(store.getState().evaluation).toMatchObject({ status: 'ok', expression: 'streams' }));
    expect(calls.filter((c) => c.channel === 'catalog:cached')).toHaveLength(2);
    store.getState().close('p1');
    await store.getState().reopen('p2');
    expect(store.getState()).toMatchObject({ phase: 'none', source: null, workspace: null });
  });

  describe('run on server', () => {
    async function ready(query: (input: unknown) => Result<unknown> | Promise<Result<unknown>>) {
      const fake = fakeApi({
        'catalog:cached': () => ok({ text: '{}', discoveredAt: 'x', bytes: 2 }),
        'workspaces:sources': () => ok([]),
        'catalog:query': query,
        'requests:cancel': () => ok({ cancelled: true }),
      });
      const worker = fakeWorker();
      const store = createCatalogStore(fake.api, { createWorker: async () => worker, newRequestId: () => 'req-1' });
      await store.getState().openSource(ws, src);
      return { store, worker, ...fake };
    }

    it('sends the query with a request id and says the server agrees (compared as JSON values, in the worker)', async () => {
      const { store, worker, calls } = await ready(() => ok({ resultText: '[\n  "s"\n]', ms: 7 }));
      store.getState().setExpression('streams[*].name');
      await store.getState().runOnServer();
      expect(calls.find((c) => c.channel === 'catalog:query')?.input).toEqual({ workspaceId: 'w1', sourceId: 's1', query: 'streams[*].name', requestId: 'req-1' });
      expect(worker.compare).toHaveBeenCalledWith('streams[*].name', '[\n  "s"\n]');
      expect(store.getState().server).toEqual({ status: 'agree', expression: 'streams[*].name', count: 1, ms: 7 });
    });

    it('names the first differing path and both values', async () => {
      const { store } = await ready(() => ok({ resultText: '["t"]', ms: 3 }));
      store.getState().setExpression('streams[*].name');
      await store.getState().runOnServer();
      expect(store.getState().server).toMatchObject({ status: 'differ', difference: { path: '[0]', local: '"s"', server: '"t"' }, ms: 3 });
    });

    it('shows the server’s refusal; when the local engine refuses too, both agree it is invalid', async () => {
      const refusal = (): Result<never> => ({ ok: false, error: { code: 'validation', message: 'Invalid JMESPath expression: Expecting: ...', retryable: false } });
      const { store, worker } = await ready(refusal);
      store.getState().setExpression('streams');
      await store.getState().runOnServer();
      expect(store.getState().server).toMatchObject({ status: 'refused', serverMessage: 'Invalid JMESPath expression: Expecting: ...' });
      store.getState().setExpression('bad[');
      await store.getState().runOnServer();
      expect(worker.compare).toHaveBeenLastCalledWith('bad[', null);
      expect(store.getState().server).toMatchObject({ status: 'both-invalid', serverMessage: 'Invalid JMESPath expression: Expecting: ...', localMessage: 'Invalid JMESPath expression: unexpected end' });
    });

    it('a 500 the local engine predicts (the server library’s TypeError) is agreement, not “could not be asked”', async () => {
      const crash = (): Result<never> => ({ ok: false, error: { code: 'server', message: 'Internal Server Error', retryable: true, details: { status: 500 } } });
      const { store } = await ready(crash);
      store.getState().setExpression('crash');
      await store.getState().runOnServer();
      expect(store.getState().server).toMatchObject({ status: 'both-invalid', serverMessage: expect.stringMatching(/^The server failed on it \(HTTP 500\), as this app predicted/) });
      // A 500 the local engine does not predict stays an error.
      store.getState().setExpression('streams');
      await store.getState().runOnServer();
      expect(store.getState().server).toMatchObject({ status: 'error', error: { code: 'server' } });
    });

    it('is cancelled through requests:cancel with its request id', async () => {
      let answer: (r: Result<unknown>) => void = () => undefined;
      const { store, calls } = await ready(() => new Promise<Result<unknown>>((resolve) => (answer = resolve)));
      store.getState().setExpression('streams');
      const run = store.getState().runOnServer();
      expect(store.getState().server).toEqual({ status: 'running', expression: 'streams', requestId: 'req-1' });
      await store.getState().cancelServer();
      expect(calls.find((c) => c.channel === 'requests:cancel')?.input).toEqual({ requestId: 'req-1' });
      answer(fail('cancelled', 'Cancelled'));
      await run;
      expect(store.getState().server).toEqual({ status: 'cancelled', expression: 'streams' });
    });

    it('drops the answer of a superseded run and reports a network failure in words', async () => {
      const answers: Array<(r: Result<unknown>) => void> = [];
      const { store } = await ready(() => new Promise<Result<unknown>>((resolve) => answers.push(resolve)));
      store.getState().setExpression('a');
      const first = store.getState().runOnServer();
      store.getState().setExpression('b');
      const second = store.getState().runOnServer();
      answers[1]!(fail('network', 'The API could not be reached'));
      await second;
      answers[0]!(ok({ resultText: '["s"]', ms: 1 }));
      await first;
      expect(store.getState().server).toMatchObject({ status: 'error', expression: 'b', error: { message: 'The API could not be reached' } });
    });
  });

  it('saves a query with its note', async () => {
    const { api, calls } = fakeApi({
      'queries:list': () => ok({ saved: [], history: [] }),
      'queries:save': (input) => ok({ id: 'q1', ...(input as object), savedAt: 'now' }),
      'queries:remember': () => ok({ history: ['streams'] }),
    });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker(), rememberMs: 60_000 });
    await store.getState().loadLibrary();
    await store.getState().saveQuery('Finance', 'streams', undefined, 'for the finance team');
    expect(calls.find((c) => c.channel === 'queries:save')?.input).toEqual({ name: 'Finance', query: 'streams', note: 'for the finance team' });
    // A saved query goes into the history at once, without waiting for a pause.
    expect(calls.filter((c) => c.channel === 'queries:remember').map((c) => c.input)).toEqual([{ query: 'streams' }]);
  });

  it('Ctrl/Cmd+Enter (evaluate now) puts a good answer into the history at once', async () => {
    const { api, calls } = fakeApi({
      'catalog:cached': () => ok({ text: '{}', discoveredAt: 'x', bytes: 2 }),
      'workspaces:sources': () => ok([]),
      'queries:remember': () => ok({ history: ['streams'] }),
    });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker(), rememberMs: 60_000 });
    await store.getState().openSource(ws, src);
    store.getState().setExpression('streams');
    store.getState().evaluateNow();
    await vi.waitFor(() => expect(calls.filter((c) => c.channel === 'queries:remember').map((c) => c.input)).toEqual([{ query: 'streams' }]));
  });
});
