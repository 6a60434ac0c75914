import { create } from 'zustand';
import type { Api, AppReport, KeychainHealth } from '../../preload/contract';
import { FIRST_READY_AREA, type AreaId } from './areas';
import { fromResult, idle, type Loadable } from './loadable';

/** Where "Edit stream", "Plan for these streams" and "Edit streams" send the Stream editor. */
export interface StreamEditorIntent {
  workspace: { id: string; name: string };
  source: { id: string; name: string };
  /** A stream to open in the editor. */
  stream?: string;
  /** Streams to select for a plan. */
  names?: string[];
}

export interface AppSlice {
  area: AreaId;
  /** Set by openStreamEditor, taken (and cleared) by the Stream editor when it shows. */
  streamEditorIntent: StreamEditorIntent | null;
  openStreamEditor(intent: StreamEditorIntent): void;
  takeStreamEditorIntent(): StreamEditorIntent | null;
  report: Loadable<AppReport>;
  selectArea(area: AreaId): void;
  loadReport(): Promise<void>;
  recheckKeychain(): Promise<void>;
  /** Presenter mode: no token, client id, organization id or secret tail drawn anywhere; a banner says so. */
  presenter: boolean;
  togglePresenter(on?: boolean): void;
}

const PRESENTER_KEY = 'embedded-console:presenter';

/** Presenter mode survives a reload of the tab (a demo should not flash secrets after F5). */
function readPresenter(): boolean {
  try {
    return globalThis.sessionStorage?.getItem(PRESENTER_KEY) === '1';
  } catch {
    return false;
  }
}

function writePresenter(on: boolean): void {
  try {
    globalThis.sessionStorage?.setItem(PRESENTER_KEY, on ? '1' : '0');
  } catch {
    // storage refused (private mode): the mode still holds for this page
  }
}

/** Frame-level state: which area is open and what the main process reports about itself. */
export function createAppStore(api: Api) {
  return create<AppSlice>()((set, get) => ({
    area: FIRST_READY_AREA,
    report: idle,
    streamEditorIntent: null,
    presenter: readPresenter(),
    togglePresenter: (on) => {
      const next = on ?? !get().presenter;
      writePresenter(next);
      set({ presenter: next });
    },
    selectArea: (area) => set({ area }),
    openStreamEditor: (intent) => set({ area: 'streams', streamEditorIntent: intent }),
    takeStreamEditorIntent: () => {
      const intent = get().streamEditorIntent;
      if (intent) set({ streamEditorIntent: null });
      return intent;
    },
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
