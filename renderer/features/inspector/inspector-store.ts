import { create } from 'zustand';
import type { Api, RequestLogEntry } from '../../../preload/contract';

export interface InspectorState {
  open: boolean;
  entries: RequestLogEntry[];
  toggle(): void;
  refresh(): Promise<void>;
  clear(): Promise<void>;
}

/** The request inspector: recent API calls of the active profile, already redacted by main. */
export function createInspectorStore(api: Api) {
  return create<InspectorState>()((set, get) => ({
    open: false,
    entries: [],
    toggle: () => {
      set({ open: !get().open });
      if (get().open) void get().refresh();
    },
    refresh: async () => {
      const result = await api.requests.log();
      if (result.ok) set({ entries: result.value });
    },
    clear: async () => {
      await api.requests.clear();
      set({ entries: [] });
    },
  }));
}
