import { describe, expect, it, vi } from 'vitest';
import { createCatalogStore } from '../../renderer/features/catalog/catalog-store';
import type { CatalogWorkerClient } from '../../renderer/features/catalog/query/catalog-worker-client';
import { fail, fakeApi, ok } from './fake-api';

const row = { index: 0, name: 's', namespace: null, syncModes: ['incremental'], sourceDefinedCursor: true, defaultCursor: null, primaryKey: null, fieldCount: 2 };

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
});
