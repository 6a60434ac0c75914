import type { Api, ChannelOutput } from '../../../preload/contract';
import { fromResult, type Loadable } from '../../state/loadable';

export type WorkspaceRef = { id: string; name: string };
export type SourceRef = { id: string; name: string };
export type WorkspaceItem = ChannelOutput<'workspaces', 'list'>['items'][number];
export type WorkspaceSourceSchemaShape = ChannelOutput<'workspaces', 'sources'>[number];

/** The part of an area's store that picks a workspace and one of its sources (see SourcePicker). */
export interface SourcePicking {
  workspaceSearch: string;
  workspaces: Loadable<WorkspaceItem[]>;
  sources: Loadable<WorkspaceSourceSchemaShape[]>;
  workspace: WorkspaceRef | null;
  source: SourceRef | null;
  searchWorkspaces(text: string): Promise<void>;
  pickWorkspace(workspace: WorkspaceRef | null): Promise<void>;
  pickSource(source: SourceRef | null): Promise<void>;
}

/**
 * The server-side workspace search every area with a workspace picker runs: the first 100 matches by
 * name. Only the latest search's answer is applied; `invalidate` drops one still running (a reset).
 */
export function createWorkspaceSearch(api: Api, set: (partial: Pick<SourcePicking, 'workspaceSearch' | 'workspaces'>) => void) {
  let generation = 0;
  return {
    search: async (text: string): Promise<void> => {
      const gen = ++generation;
      set({ workspaceSearch: text, workspaces: { status: 'loading' } });
      const trimmed = text.trim();
      const result = await api.workspaces.list({ status: 'all', limit: 100, ...(trimmed ? { nameContains: trimmed } : {}) });
      if (gen !== generation) return;
      set({ workspaceSearch: text, workspaces: result.ok ? { status: 'ready', value: result.value.items } : fromResult(result) });
    },
    invalidate: (): void => {
      generation++;
    },
  };
}
