import type { ChannelOutput } from '../../../preload/contract';
import type { Loadable } from '../../state/loadable';

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
