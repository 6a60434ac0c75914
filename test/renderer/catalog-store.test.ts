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
  return ['s'];
};

function fakeWorker(): CatalogWorkerClient {
  let latest = 0;
  return {
    get latestQueryId() {
      return latest;
    },
    spawnCount: 1,
    load: vi.fn(async () => ({ streamCount: 1, rows: [row], parseMs: 1 })),
    stream: vi.fn(async () => '{"name":"s"}'),
    query: vi.fn(async (expression: string) => {
      const id = ++latest;
      return { status: 'done' as const, id, expression, ok: true as const, resultText: '["s"]', truncated: false, totalChars: 5, count: 1, ms: 1 };
    }),
    diff: vi.fn(async () => ({ added: [{ namespace: null, name: 'n' }], removed: [], changed: [], unchanged: 1 })),
    completions: vi.fn(async () => ({ items: [], replaceStart: 0, replaceEnd: 0, incomplete: false })),
    compare: vi.fn(async (expression: string, serverText: string | null) =>
      compareWithServer(() => localEngine(expression), serverText, (e) => ({ kind: 'parse', message: String(e), summary: (e as Error).message, position: null })),
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

  it('evaluates the latest expression and remembers it', async () => {
    const { api, calls } = fakeApi({
      'catalog:cached': () => ok({ text: '{}', discoveredAt: 'x', bytes: 2 }),
      'workspaces:sources': () => ok([]),
      'queries:remember': () => ok({ history: ['streams'] }),
    });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker(), debounceMs: 1, rememberMs: 1 });
    await store.getState().openSource(ws, src);
    store.getState().setExpression('streams');
    expect(store.getState().pending).toBe(true);
    store.getState().evaluateNow();
    await vi.waitFor(() => expect(store.getState().evaluation).toMatchObject({ status: 'ok', expression: 'streams' }));
    expect(store.getState().pending).toBe(false);
    await vi.waitFor(() => expect(calls.some((c) => c.channel === 'queries:remember')).toBe(true));
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
      const store = createCatalogStore(fake.api, { createWorker: async () => worker, debounceMs: 1_000_000, newRequestId: () => 'req-1' });
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
    });
    const store = createCatalogStore(api, { createWorker: async () => fakeWorker() });
    await store.getState().loadLibrary();
    await store.getState().saveQuery('Finance', 'streams', undefined, 'for the finance team');
    expect(calls.find((c) => c.channel === 'queries:save')?.input).toEqual({ name: 'Finance', query: 'streams', note: 'for the finance team' });
  });
});
