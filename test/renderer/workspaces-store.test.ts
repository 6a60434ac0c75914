import { describe, expect, it } from 'vitest';
import type { WorkspaceItem } from '../../preload/contract';
import { createWorkspacesStore, visibleWorkspaces } from '../../renderer/features/workspaces/workspaces-store';
import { fail, fakeApi, ok } from './fake-api';

const ws = (i: number, region: WorkspaceItem['region'] = i % 2 ? 'EU' : 'US'): WorkspaceItem => ({
  id: `id-${i}`,
  name: `prospect-${i}`,
  status: 'active',
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  region,
});

/** Three pages of 50 over 130 workspaces, cursor = offset. */
function pagedApi(total = 130) {
  return fakeApi({
    'workspaces:list': (input) => {
      const { cursor, limit, nameContains } = input as { cursor?: string; limit: number; nameContains?: string };
      const all = Array.from({ length: total }, (_, i) => ws(i)).filter((w) => !nameContains || w.name.includes(nameContains));
      const offset = Number(cursor ?? 0);
      const next = offset + limit < all.length ? String(offset + limit) : null;
      return ok({ items: all.slice(offset, offset + limit), nextCursor: next });
    },
    'requests:cancel': () => ok({ cancelled: true }),
  });
}

describe('workspaces store', () => {
  it('loads the first page, then appends pages until the cursor runs out', async () => {
    const { api } = pagedApi();
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    expect(store.getState()).toMatchObject({ phase: 'ready', nextCursor: '50' });
    expect(store.getState().items).toHaveLength(50);
    await store.getState().loadMore();
    await store.getState().loadMore();
    expect(store.getState().items).toHaveLength(130);
    expect(store.getState().nextCursor).toBeNull();
    await store.getState().loadMore();
    expect(store.getState().items).toHaveLength(130);
  });

  it('filters search and status over the loaded rows, asking the server for nothing', async () => {
    const { api, calls } = pagedApi();
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    await store.getState().loadMore();
    await store.getState().loadMore();
    const requests = calls.length;
    store.getState().setSearch('  PROSPECT-12 ');
    expect(visibleWorkspaces(store.getState()).map((w) => w.name)).toEqual(['prospect-12', 'prospect-120', 'prospect-121', 'prospect-122', 'prospect-123', 'prospect-124', 'prospect-125', 'prospect-126', 'prospect-127', 'prospect-128', 'prospect-129']);
    store.getState().setStatus('inactive');
    expect(visibleWorkspaces(store.getState())).toEqual([]);
    store.getState().setStatus('active');
    expect(visibleWorkspaces(store.getState())).toHaveLength(11);
    expect(calls).toHaveLength(requests);
    expect(calls.every((c) => (c.input as { nameContains?: string; status: string }).status === 'all' && !(c.input as { nameContains?: string }).nameContains)).toBe(true);
  });

  it('keeps one selection: the highlight follows the open workspace and the open workspace follows the highlight', async () => {
    const { api } = pagedApi(10);
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    store.getState().open('id-3');
    expect(store.getState().activeIndex).toBe(3);
    // End with the detail open: the detail moves along (it showed acme-us-demo while prospect-05000 was highlighted).
    store.getState().moveActive('last');
    expect(store.getState()).toMatchObject({ activeIndex: 9, openId: 'id-9' });
    // A created workspace goes first, is opened, and the highlight goes with it.
    store.getState().upsert(ws(99, 'EU'));
    expect(visibleWorkspaces(store.getState())[store.getState().activeIndex]?.id).toBe('id-9');
    store.getState().open('id-99');
    expect(store.getState()).toMatchObject({ activeIndex: 0, openId: 'id-99' });
    // A filter that keeps it visible keeps it selected; one that hides it closes the detail.
    store.getState().setRegion('EU');
    expect(visibleWorkspaces(store.getState())[store.getState().activeIndex]?.id).toBe('id-99');
    store.getState().setRegion('US');
    expect(store.getState().openId).toBeNull();
  });

  it('after a delete, highlights the row that followed the deleted one', async () => {
    const { api } = pagedApi(5);
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    store.getState().open('id-2');
    store.getState().drop('id-2');
    expect(store.getState().openId).toBeNull();
    expect(visibleWorkspaces(store.getState())[store.getState().activeIndex]?.id).toBe('id-3');
  });

  it('shows an error with what failed, and recovers on retry', async () => {
    let down = true;
    const { api } = fakeApi({ 'workspaces:list': () => (down ? fail('network', 'The API is unreachable.') : ok({ items: [ws(1)], nextCursor: null })) });
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    expect(store.getState()).toMatchObject({ phase: 'error', error: { message: 'The API is unreachable.' }, items: [] });
    down = false;
    await store.getState().reload();
    expect(store.getState()).toMatchObject({ phase: 'ready', error: null });
  });

  it('keeps what was loaded when the user cancels loading more', async () => {
    let calls = 0;
    const { api } = fakeApi({
      'workspaces:list': () => (++calls === 1 ? ok({ items: [ws(1), ws(2)], nextCursor: 'x' }) : fail('cancelled', 'Cancelled listing workspaces.')),
    });
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    await store.getState().loadMore();
    expect(store.getState()).toMatchObject({ phase: 'ready' });
    expect(store.getState().items).toHaveLength(2);
  });

  it('cancels the running request by its id', async () => {
    let release: (() => void) | null = null;
    const { api, calls } = fakeApi({
      'workspaces:list': async () => {
        await new Promise<void>((resolve) => (release = resolve));
        return fail('cancelled', 'Cancelled.');
      },
      'requests:cancel': () => ok({ cancelled: true }),
    });
    const store = createWorkspacesStore(api);
    const loading = store.getState().reload();
    const requestId = store.getState().requestId;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await store.getState().cancel();
    expect(calls.find((c) => c.channel === 'requests:cancel')?.input).toEqual({ requestId });
    (release as unknown as () => void)();
    await loading;
    expect(store.getState().phase).toBe('error');
  });

  it('filters by region locally and keeps keyboard movement inside the visible list', async () => {
    const { api } = pagedApi(10);
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    store.getState().setRegion('EU');
    expect(visibleWorkspaces(store.getState()).map((w) => w.id)).toEqual(['id-1', 'id-3', 'id-5', 'id-7', 'id-9']);
    store.getState().moveActive('last');
    expect(store.getState().activeIndex).toBe(4);
    store.getState().moveActive(10);
    expect(store.getState().activeIndex).toBe(4);
    store.getState().moveActive(-99);
    expect(store.getState().activeIndex).toBe(0);
  });

  it('puts a created workspace first, replaces an updated one and drops a deleted one', async () => {
    const { api } = pagedApi(3);
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    store.getState().upsert(ws(99, 'EU'));
    expect(store.getState().items[0]?.id).toBe('id-99');
    store.getState().upsert({ ...ws(1), status: 'inactive' });
    expect(store.getState().items.find((w) => w.id === 'id-1')?.status).toBe('inactive');
    store.getState().open('id-1');
    store.getState().drop('id-1');
    expect(store.getState().items.some((w) => w.id === 'id-1')).toBe(false);
    expect(store.getState().openId).toBeNull();
  });
});
