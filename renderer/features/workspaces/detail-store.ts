import { create } from 'zustand';
import type { Api, ChannelOutput } from '../../../preload/contract';
import { fromResult, idle, type Loadable } from '../../state/loadable';

type Sources = ChannelOutput<'workspaces', 'sources'>;
type Templates = ChannelOutput<'workspaces', 'templates'>;

export interface DetailState {
  workspaceId: string | null;
  sources: Loadable<Sources>;
  templates: Loadable<Templates>;
  load(workspaceId: string): Promise<void>;
  reset(): void;
}

/** What the open workspace's panel shows beyond the list row: its sources and the templates. */
export function createDetailStore(api: Api) {
  return create<DetailState>()((set, get) => ({
    workspaceId: null,
    sources: idle,
    templates: idle,
    load: async (workspaceId) => {
      set({ workspaceId, sources: { status: 'loading' }, templates: get().templates.status === 'ready' ? get().templates : { status: 'loading' } });
      const [sources, templates] = await Promise.all([
        api.workspaces.sources({ id: workspaceId }),
        get().templates.status === 'ready' ? null : api.workspaces.templates(),
      ]);
      if (get().workspaceId !== workspaceId) return;
      set({ sources: fromResult(sources), ...(templates ? { templates: fromResult(templates) } : {}) });
    },
    reset: () => set({ workspaceId: null, sources: idle }),
  }));
}
