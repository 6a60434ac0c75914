import { create } from 'zustand';
import type { Api, AppReport, KeychainHealth } from '../../preload/contract';
import { FIRST_READY_AREA, type AreaId } from './areas';
import { fromResult, idle, type Loadable } from './loadable';

export interface AppSlice {
  area: AreaId;
  report: Loadable<AppReport>;
  selectArea(area: AreaId): void;
  loadReport(): Promise<void>;
  recheckKeychain(): Promise<void>;
}

/** Frame-level state: which area is open and what the main process reports about itself. */
export function createAppStore(api: Api) {
  return create<AppSlice>()((set, get) => ({
    area: FIRST_READY_AREA,
    report: idle,
    selectArea: (area) => set({ area }),
    loadReport: async () => {
      const current = get().report;
      set({ report: { status: 'loading', ...(current.status === 'ready' ? { previous: current.value } : {}) } });
      set({ report: fromResult(await api.app.report()) });
    },
    recheckKeychain: async () => {
      const result = await api.app.checkKeychain();
      const current = get().report;
      if (result.ok && current.status === 'ready') {
        const keychain: KeychainHealth = result.value;
        set({ report: { status: 'ready', value: { ...current.value, keychain } } });
      } else if (!result.ok) {
        set({ report: { status: 'error', error: result.error } });
      }
    },
  }));
}
