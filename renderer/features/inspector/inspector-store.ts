import { create } from 'zustand';
import type { Api, RequestDetail, RequestLogEntry } from '../../../preload/contract';
import type { Loadable } from '../../state/loadable';
import { fromResult, idle } from '../../state/loadable';
import type { StatusFilter } from './request-format';

export interface InspectorState {
  open: boolean;
  entries: RequestLogEntry[];
  statusFilter: StatusFilter;
  /** The call whose detail is shown, or null. */
  openId: number | null;
  /** Its headers and bodies; `value === null` when the log no longer has the call. */
  detail: Loadable<RequestDetail | null>;
  /** Whether `detail` holds the whole bodies (as much as the log keeps) rather than the preview. */
  detailFull: boolean;
  toggle(): void;
  refresh(): Promise<void>;
  clear(): Promise<void>;
  setStatusFilter(filter: StatusFilter): void;
  /** Opens a call's detail; `full` asks for the whole bodies instead of the preview. */
  openDetail(id: number, full?: boolean): Promise<void>;
  closeDetail(): void;
}

/** The request inspector: recent API calls of the active profile, already redacted by main. */
export function createInspectorStore(api: Api) {
  // Each detail request gets a generation: a slow answer for a row the user has left is dropped.
  let generation = 0;
  return create<InspectorState>()((set, get) => ({
    open: false,
    entries: [],
    statusFilter: 'all',
    openId: null,
    detail: idle,
    detailFull: false,
    toggle: () => {
      set({ open: !get().open });
      if (get().open) void get().refresh();
    },
    refresh: async () => {
      const result = await api.requests.log();
      if (result.ok) set({ entries: result.value });
    },
    clear: async () => {
      generation++;
      await api.requests.clear();
      set({ entries: [], openId: null, detail: idle, detailFull: false });
    },
    setStatusFilter: (statusFilter) => set({ statusFilter }),
    openDetail: async (id, full = false) => {
      const mine = ++generation;
      const previous = get().detail;
      set({ openId: id, detail: { status: 'loading', ...(previous.status === 'ready' && previous.value?.entry.id === id ? { previous: previous.value } : {}) } });
      const result = await api.requests.detail({ id, full });
      if (mine !== generation) return;
      set({ detail: fromResult(result), detailFull: full });
    },
    closeDetail: () => {
      generation++;
      set({ openId: null, detail: idle, detailFull: false });
    },
  }));
}
