import { describe, expect, it } from 'vitest';
import type { WorkspaceItem } from '../../preload/contract';
import { countsText, matchesText } from '../../renderer/features/workspaces/workspace-counts-text';
import { createWorkspacesStore, visibleWorkspaces, workspaceCounts } from '../../renderer/features/workspaces/workspaces-store';
import { fail, fakeApi, ok } from './fake-api';

const ws = (i: number): WorkspaceItem => ({
  id: `id-${i}`,
  name: `prospect-${i}-${i % 2 ? 'eu' : 'us'}-demo`,
  status: i % 7 === 0 ? 'inactive' : 'active',
  createdAt: '2025-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  region: i % 3 === 0 ? 'unknown' : i % 2 ? 'EU' : 'US',
});

/** An organization of `total` workspaces, paged by offset cursors, with server-side search and status. */
function orgApi(total: number, options: { failAtOffset?: number } = {}) {
  const all = Array.from({ length: total }, (_, i) => ws(i));
  return fakeApi({
    'workspaces:list': (input) => {
      const { cursor, limit, nameContains, status } = input as { cursor?: string; limit: number; nameContains?: string; status: string };
      const offset = Number(cursor ?? 0);
      if (options.failAtOffset !== undefined && offset >= options.failAtOffset) return fail('cancelled', 'Cancelled listing workspaces.');
      const matching = all.filter((w) => (!nameContains || w.name.includes(nameContains)) && (status === 'all' || w.status === status));
      return ok({ items: matching.slice(offset, offset + limit), nextCursor: offset + limit < matching.length ? String(offset + limit) : null });
    },
    'workspaces:stats': () => ok({ active: all.filter((w) => w.status === 'active').length, inactive: all.filter((w) => w.status === 'inactive').length, total }),
  });
}

describe('whole organization in the background', () => {
  it('loads every page of 5,041 workspaces after the first, in pages of 100, with no duplicates', async () => {
    const { api, calls } = orgApi(5041);
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    expect(store.getState().items).toHaveLength(50);
    await store.getState().loadRest();
    expect(store.getState().items).toHaveLength(5041);
    expect(new Set(store.getState().items.map((w) => w.id)).size).toBe(5041);
    expect(store.getState().items.at(-1)?.id).toBe('id-5040');
    expect(store.getState()).toMatchObject({ nextCursor: null, phase: 'ready', error: null });
    const background = calls.filter((c) => c.channel === 'workspaces:list').slice(1);
    expect(background.every((c) => (c.input as { limit: number }).limit === 100)).toBe(true);
    expect(background).toHaveLength(50);
    // End goes to the last row of the whole organization.
    store.getState().moveActive('last');
    expect(store.getState().activeIndex).toBe(5040);
  });

  it('runs one loop at a time; a search filters what is loaded without a request and counts matches so far', async () => {
    const { api, calls } = orgApi(1000);
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    const first = store.getState().loadRest();
    const second = store.getState().loadRest();
    const listCalls = () => calls.filter((c) => c.channel === 'workspaces:list').length;
    store.getState().setSearch('-eu-');
    expect(matchesText(visibleWorkspaces(store.getState()).length, store.getState().nextCursor === null)).toBe('25 matches so far…');
    await Promise.all([first, second]);
    // One loop: every cursor asked once; every request unfiltered (the filters are local).
    const cursors = calls.filter((c) => c.channel === 'workspaces:list').map((c) => (c.input as { cursor?: string }).cursor);
    expect(new Set(cursors).size).toBe(cursors.length);
    expect(calls.every((c) => c.channel !== 'workspaces:list' || (!(c.input as { nameContains?: string }).nameContains && (c.input as { status: string }).status === 'all'))).toBe(true);
    expect(store.getState().items).toHaveLength(1000);
    expect(matchesText(visibleWorkspaces(store.getState()).length, store.getState().nextCursor === null)).toBe('500 matches');
    const before = listCalls();
    store.getState().setStatus('inactive');
    store.getState().setSearch('');
    store.getState().setRegion('EU');
    store.getState().clearFilters();
    expect(listCalls()).toBe(before);
  });

  it('stops on a cancel and keeps what was loaded', async () => {
    const { api } = orgApi(1000, { failAtOffset: 250 });
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    await store.getState().loadRest();
    expect(store.getState().items).toHaveLength(250);
    expect(store.getState().error?.code).toBe('cancelled');
    expect(store.getState().phase).toBe('ready');
    // Stopped: another call does nothing until the user asks again (loadMore clears the error on success).
    await store.getState().loadRest();
    expect(store.getState().items).toHaveLength(250);
  });
});

describe('header counts', () => {
  it('are the organization’s without a filter and the filtered rows’ with one', async () => {
    const { api } = orgApi(300);
    const store = createWorkspacesStore(api);
    await store.getState().loadStats();
    await store.getState().reload();
    const org = workspaceCounts(store.getState());
    expect(org).toEqual({ kind: 'organization', active: 257, inactive: 43, total: 300 });
    expect(countsText(org, null, false)).toBe('300 workspaces · 257 active · 43 inactive');

    store.getState().setRegion('EU');
    const partial = workspaceCounts(store.getState());
    expect(partial).toMatchObject({ kind: 'filtered', complete: false });
    await store.getState().loadRest();
    const eu = store.getState().items.filter((w) => w.region === 'EU');
    const counts = workspaceCounts(store.getState());
    expect(counts).toEqual({ kind: 'filtered', total: eu.length, active: eu.filter((w) => w.status === 'active').length, inactive: eu.filter((w) => w.status === 'inactive').length, complete: true });
    expect(countsText(counts, { total: 300 }, false)).toBe(`${eu.length} of 300 · ${counts.kind === 'filtered' ? counts.active : 0} active · ${counts.kind === 'filtered' ? counts.inactive : 0} inactive`);

    store.getState().setRegion('all');
    store.getState().setStatus('inactive');
    expect(workspaceCounts(store.getState())).toEqual({ kind: 'filtered', total: 43, active: 0, inactive: 43, complete: true });
  });

  it('say so when nothing is known yet or the stats failed', () => {
    expect(countsText({ kind: 'unknown' }, null, false)).toBe('Counting…');
    expect(countsText({ kind: 'unknown' }, null, true)).toBe('Counts unavailable');
    expect(matchesText(1, false)).toBe('1 match so far…');
  });

  it('format every count with thousands separators, on one short line', () => {
    expect(countsText({ kind: 'organization', total: 5041, active: 4581, inactive: 460 }, null, false)).toBe(`${(5041).toLocaleString()} workspaces · ${(4581).toLocaleString()} active · 460 inactive`);
    expect(countsText({ kind: 'filtered', total: 2100, active: 1900, inactive: 200, complete: false }, { total: 5041 }, false)).toBe(
      `${(2100).toLocaleString()} of ${(5041).toLocaleString()} so far · ${(1900).toLocaleString()} active · 200 inactive`,
    );
    expect(matchesText(5040, true)).toBe(`${(5040).toLocaleString()} matches`);
  });
});

describe('ticking rows and recording regions', () => {
  it('ticks one, a Shift range from the last ticked, and unticks', async () => {
    const { api } = orgApi(20);
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    store.getState().toggleChecked(2);
    store.getState().toggleChecked(5, 'range');
    expect([...store.getState().checked].sort()).toEqual(['id-2', 'id-3', 'id-4', 'id-5']);
    store.getState().toggleChecked(3);
    expect(store.getState().checked.has('id-3')).toBe(false);
    store.getState().toggleChecked(99);
    expect(store.getState().checked.size).toBe(3);
    // A ticked row that is deleted is no longer ticked; a search keeps ticked only the rows it still shows.
    store.getState().drop('id-2');
    expect(store.getState().checked.has('id-2')).toBe(false);
    store.getState().setSearch('prospect-5');
    expect([...store.getState().checked]).toEqual(['id-5']);
  });

  it('ranges follow the visible (region-filtered) rows', async () => {
    const { api } = orgApi(20);
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    store.getState().setRegion('EU');
    const visible = visibleWorkspaces(store.getState());
    store.getState().toggleChecked(0);
    store.getState().toggleChecked(2, 'range');
    expect([...store.getState().checked]).toEqual(visible.slice(0, 3).map((w) => w.id));
  });

  it('applies recorded regions to the loaded rows', async () => {
    const { api } = orgApi(6);
    const store = createWorkspacesStore(api);
    await store.getState().reload();
    store.getState().applyRegions([
      { id: 'id-0', region: 'EU' },
      { id: 'id-1', region: 'unknown' },
      { id: 'no-such', region: 'US' },
    ]);
    expect(store.getState().items.map((w) => w.region)).toEqual(['EU', 'unknown', 'US', 'unknown', 'US', 'EU']);
  });
});
