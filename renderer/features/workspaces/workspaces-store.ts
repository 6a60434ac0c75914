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

  setSearch(search: string): Promise<void>;
  setStatus(status: StatusFilter): Promise<void>;
  setRegion(region: RegionFilter): void;
  reload(): Promise<void>;
  loadMore(): Promise<void>;
  cancel(): Promise<void>;
  loadStats(): Promise<void>;
  moveActive(delta: number | 'first' | 'last'): void;
  setActive(index: number): void;
  open(id: string | null): void;
  /** Puts a changed workspace in place (or first, when new). */
  upsert(item: WorkspaceItem): void;
  drop(id: string): void;
}

/** The region filter is local (regions are the app's own records); search and status are the server's. */
export function visibleWorkspaces(state: Pick<WorkspacesState, 'items' | 'region'>): WorkspaceItem[] {
  return state.region === 'all' ? state.items : state.items.filter((w) => w.region === state.region);
}

const PAGE = 50;
const newRequestId = () => crypto.randomUUID();

export function createWorkspacesStore(api: Api) {
  // Each load gets a generation; answers of superseded loads (an older search) are dropped.
  let generation = 0;

  return create<WorkspacesState>()((set, get) => {
    const fetchPage = async (mode: 'first' | 'more') => {
      const { search, status, nextCursor } = get();
      if (mode === 'more' && nextCursor === null) return;
      const mine = mode === 'first' ? ++generation : generation;
      const requestId = newRequestId();
      set(mode === 'first' ? { phase: 'loading', error: null, requestId, items: [], nextCursor: null, activeIndex: 0 } : { phase: 'loadingMore', requestId });
      const result = await api.workspaces.list({
        ...(search.trim() ? { nameContains: search.trim() } : {}),
        status,
        limit: PAGE,
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

      setSearch: async (search) => {
        set({ search });
        await fetchPage('first');
      },
      setStatus: async (status) => {
        set({ status });
        await fetchPage('first');
      },
      setRegion: (region) => set({ region, activeIndex: 0 }),
      reload: () => fetchPage('first'),
      loadMore: async () => {
        if (get().phase !== 'ready') return;
        await fetchPage('more');
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
        set({ activeIndex: next });
      },
      setActive: (index) => set({ activeIndex: index }),
      open: (id) => set({ openId: id }),
      upsert: (item) => {
        const items = get().items;
        const index = items.findIndex((w) => w.id === item.id);
        set({ items: index >= 0 ? items.map((w) => (w.id === item.id ? item : w)) : [item, ...items] });
      },
      drop: (id) => set({ items: get().items.filter((w) => w.id !== id), openId: get().openId === id ? null : get().openId }),
    };
  });
}
