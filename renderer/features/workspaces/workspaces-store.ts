import { create } from 'zustand';
import type { Api, AppErrorShape, RegionOrUnknown, WorkspaceItem } from '../../../preload/contract';
import type { Loadable } from '../../state/loadable';
import { fromResult, idle } from '../../state/loadable';

export type StatusFilter = 'all' | 'active' | 'inactive';
export type RegionFilter = 'all' | RegionOrUnknown;

export interface WorkspacesState {
  search: string;
  status: StatusFilter;
  region: RegionFilter;
  items: WorkspaceItem[];
  nextCursor: string | null;
  phase: 'idle' | 'loading' | 'loadingMore' | 'ready' | 'error';
  error: AppErrorShape | null;
  stats: Loadable<{ active: number; inactive: number; total: number }>;
  /** Index into the visible (region-filtered) list. */
  activeIndex: number;
  openId: string | null;
  /** The running page request, so the user can cancel it. */
  requestId: string | null;
  /** Workspaces ticked for a bulk action (ids, so a ticked row stays ticked as pages arrive). */
  checked: ReadonlySet<string>;
  /** Visible index a Shift+click range starts from. */
  checkAnchor: number | null;

  /** Filters narrow the loaded list in place: none of them asks the server again. */
  setSearch(search: string): void;
  setStatus(status: StatusFilter): void;
  setRegion(region: RegionFilter): void;
  /** Status and region back to All (the search stays). */
  clearFilters(): void;
  /** The whole list from the first page: another profile, new credentials, an import. */
  reload(): Promise<void>;
  /**
   * Loads the list and the counts for `key` (profile and credentials revision) unless they were
   * loaded for it already: coming back to the area keeps the list, its selection and open detail.
   */
  loadFor(key: string): Promise<void>;
  /** The key the list was last loaded for by {@link loadFor}. */
  loadedFor: string | null;
  loadMore(): Promise<void>;
  /**
   * Loads every remaining page, one after another, yielding to the browser between pages, so the
   * list (its scrollbar, End, the counts) covers the whole organization. Stops on a new search, an
   * error or a cancel.
   */
  loadRest(): Promise<void>;
  cancel(): Promise<void>;
  loadStats(): Promise<void>;
  moveActive(delta: number | 'first' | 'last'): void;
  setActive(index: number): void;
  open(id: string | null): void;
  /** Puts a changed workspace in place (or first, when new). */
  upsert(item: WorkspaceItem): void;
  drop(id: string): void;
  /** Ticks or unticks the visible row `index`; `range` ticks every row from the last ticked one (Shift+click). */
  toggleChecked(index: number, mode?: 'one' | 'range'): void;
  setChecked(ids: Iterable<string>): void;
  /** Records new regions in the loaded rows (after setRegion(s), without reloading the list). */
  applyRegions(changes: ReadonlyArray<{ id: string; region: RegionOrUnknown }>): void;
}

/** A name search as the server's `name_contains` does it: a case-insensitive substring. */
export function nameMatches(name: string, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return needle === '' || name.toLowerCase().includes(needle);
}

/**
 * Every filter is applied here, over the loaded list: the whole organization loads once in the
 * background, so a filter change costs no request (a server-side status filter re-read ~50 pages).
 */
export function visibleWorkspaces(state: Pick<WorkspacesState, 'items' | 'region' | 'search' | 'status'>): WorkspaceItem[] {
  const { region, status, search } = state;
  if (region === 'all' && status === 'all' && search.trim() === '') return state.items;
  return state.items.filter((w) => (region === 'all' || w.region === region) && (status === 'all' || w.status === status) && nameMatches(w.name, search));
}

/**
 * One selection: the highlighted row is the open one. Re-finds the open workspace (or, with none
 * open, the highlighted one) after the visible rows changed. An open workspace that a filter change
 * hides closes (`closeHidden`); one that an edit moved out of the filter (its region set in the detail)
 * stays open, so the user sees the change they just made.
 */
function anchored(state: WorkspacesState, next: Partial<WorkspacesState>, keepId: string | null, closeHidden = false): Partial<WorkspacesState> {
  const merged = { ...state, ...next };
  const visible = visibleWorkspaces(merged);
  const openId = merged.openId;
  const clamped = Math.max(0, Math.min(merged.activeIndex, visible.length - 1));
  if (openId !== null) {
    const index = visible.findIndex((w) => w.id === openId);
    if (index >= 0) return { ...next, activeIndex: index };
    return closeHidden ? { ...next, openId: null, activeIndex: clamped } : { ...next, activeIndex: clamped };
  }
  const index = keepId === null ? -1 : visible.findIndex((w) => w.id === keepId);
  return { ...next, activeIndex: index >= 0 ? index : clamped };
}

/**
 * The counts the header shows. Without a filter: the server's organization-wide stats. With one
 * (search, status, region): the rows that pass it, counted from the loaded list, `complete` once
 * every page is in.
 */
export type WorkspaceCounts =
  | { kind: 'organization'; active: number; inactive: number; total: number }
  | { kind: 'filtered'; active: number; inactive: number; total: number; complete: boolean }
  | { kind: 'unknown' };

export function workspaceCounts(state: Pick<WorkspacesState, 'items' | 'region' | 'search' | 'status' | 'nextCursor' | 'stats'>): WorkspaceCounts {
  const filtered = state.search.trim() !== '' || state.status !== 'all' || state.region !== 'all';
  if (!filtered) return state.stats.status === 'ready' ? { kind: 'organization', ...state.stats.value } : { kind: 'unknown' };
  let active = 0;
  let inactive = 0;
  for (const w of visibleWorkspaces(state)) {
    if (w.status === 'active') active++;
    else inactive++;
  }
  return { kind: 'filtered', active, inactive, total: active + inactive, complete: state.nextCursor === null };
}

const PAGE = 50;
/** Background pages are the largest the API gives: half the round trips for a whole organization. */
const BACKGROUND_PAGE = 100;
/** A macrotask break, so input and paint get their turn between two pages. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const newRequestId = () => crypto.randomUUID();

export function createWorkspacesStore(api: Api) {
  // Each load gets a generation; answers of superseded loads (an older search) are dropped.
  let generation = 0;
  // The generation whose background loop is running, so a second call does not start another.
  let restGeneration = -1;

  return create<WorkspacesState>()((set, get) => {
    // The id of the highlighted row, to find it again once the rows around it changed.
    const activeId = () => visibleWorkspaces(get())[get().activeIndex]?.id ?? null;
    // A filter change: the selection is found again, and only rows still shown stay ticked (a bulk
    // action never reaches a row the user cannot see).
    const filtered = (change: Partial<Pick<WorkspacesState, 'search' | 'status' | 'region'>>): Partial<WorkspacesState> => {
      const shown = new Set(visibleWorkspaces({ ...get(), ...change }).map((w) => w.id));
      const checked = new Set([...get().checked].filter((id) => shown.has(id)));
      return anchored(get(), { ...change, ...(checked.size !== get().checked.size ? { checked, checkAnchor: null } : {}) }, activeId(), true);
    };
    const fetchPage = async (mode: 'first' | 'more', limit = PAGE) => {
      const { nextCursor } = get();
      if (mode === 'more' && nextCursor === null) return;
      const mine = mode === 'first' ? ++generation : generation;
      const requestId = newRequestId();
      set(mode === 'first' ? { phase: 'loading', error: null, requestId, items: [], nextCursor: null, activeIndex: 0, checked: new Set<string>(), checkAnchor: null } : { phase: 'loadingMore', requestId });
      // Always the whole organization, unfiltered: the filters are applied locally (visibleWorkspaces).
      const result = await api.workspaces.list({
        status: 'all',
        limit,
        ...(mode === 'more' && nextCursor ? { cursor: nextCursor } : {}),
        requestId,
      });
      if (mine !== generation) return;
      if (!result.ok) {
        // A cancelled "load more" keeps what was loaded; anything else is shown with a retry.
        set({ phase: result.error.code === 'cancelled' && get().items.length > 0 ? 'ready' : 'error', error: result.error, requestId: null });
        return;
      }
      const known = new Set(get().items.map((w) => w.id));
      set({
        items: mode === 'first' ? result.value.items : [...get().items, ...result.value.items.filter((w) => !known.has(w.id))],
        nextCursor: result.value.nextCursor,
        phase: 'ready',
        error: null,
        requestId: null,
      });
    };

    return {
      search: '',
      status: 'all',
      region: 'all',
      items: [],
      nextCursor: null,
      phase: 'idle',
      error: null,
      stats: idle,
      activeIndex: 0,
      openId: null,
      requestId: null,
      checked: new Set<string>(),
      checkAnchor: null,

      setSearch: (search) => set(filtered({ search })),
      setStatus: (status) => set(filtered({ status })),
      setRegion: (region) => set(filtered({ region })),
      clearFilters: () => set(filtered({ status: 'all', region: 'all' })),
      reload: () => fetchPage('first'),
      loadedFor: null,
      loadFor: async (key) => {
        if (get().loadedFor === key) return;
        set({ loadedFor: key });
        await Promise.all([fetchPage('first'), get().loadStats()]);
      },
      loadMore: async () => {
        if (get().phase !== 'ready') return;
        await fetchPage('more');
      },
      loadRest: async () => {
        const mine = generation;
        if (restGeneration === mine) return;
        restGeneration = mine;
        try {
          while (mine === generation && get().nextCursor !== null && get().phase === 'ready' && get().error === null) {
            await fetchPage('more', BACKGROUND_PAGE);
            await yieldToBrowser();
          }
        } finally {
          if (restGeneration === mine) restGeneration = -1;
        }
      },
      cancel: async () => {
        const { requestId } = get();
        if (requestId) await api.requests.cancel({ requestId });
      },
      loadStats: async () => {
        set({ stats: { status: 'loading' } });
        set({ stats: fromResult(await api.workspaces.stats()) });
      },
      moveActive: (delta) => {
        const count = visibleWorkspaces(get()).length;
        if (count === 0) return;
        const current = get().activeIndex;
        const next = delta === 'first' ? 0 : delta === 'last' ? count - 1 : Math.min(count - 1, Math.max(0, current + delta));
        get().setActive(next);
      },
      // The open detail follows the highlight (arrows, Home/End, a click): one selection, never two.
      setActive: (index) => {
        const target = visibleWorkspaces(get())[index];
        set({ activeIndex: index, ...(get().openId !== null && target ? { openId: target.id } : {}) });
      },
      open: (id) => {
        const index = id === null ? -1 : visibleWorkspaces(get()).findIndex((w) => w.id === id);
        set({ openId: id, ...(index >= 0 ? { activeIndex: index } : {}) });
      },
      upsert: (item) => {
        const items = get().items;
        const index = items.findIndex((w) => w.id === item.id);
        set(anchored(get(), { items: index >= 0 ? items.map((w) => (w.id === item.id ? item : w)) : [item, ...items] }, activeId()));
      },
      // The highlight stays at the same place, on the row that followed the deleted one.
      drop: (id) => {
        const checked = new Set(get().checked);
        checked.delete(id);
        const wasOpen = get().openId === id;
        set(anchored(get(), { items: get().items.filter((w) => w.id !== id), checked, ...(wasOpen ? { openId: null } : {}) }, null));
      },
      toggleChecked: (index, mode = 'one') => {
        const visible = visibleWorkspaces(get());
        const target = visible[index];
        if (!target) return;
        const checked = new Set(get().checked);
        const anchor = get().checkAnchor;
        if (mode === 'range' && anchor !== null && visible[anchor]) {
          const [from, to] = anchor < index ? [anchor, index] : [index, anchor];
          for (let i = from; i <= to; i++) checked.add((visible[i] as WorkspaceItem).id);
        } else if (checked.has(target.id)) checked.delete(target.id);
        else checked.add(target.id);
        set({ checked, checkAnchor: index });
      },
      setChecked: (ids) => set({ checked: new Set(ids), checkAnchor: null }),
      applyRegions: (changes) => {
        const regions = new Map(changes.map((c) => [c.id, c.region]));
        set(anchored(get(), { items: get().items.map((w) => (regions.has(w.id) ? { ...w, region: regions.get(w.id) as RegionOrUnknown } : w)) }, activeId()));
      },
    };
  });
}
