import { useEffect, useState } from 'react';
import type { SourcePicking, WorkspaceItem, WorkspaceSourceSchemaShape } from './source-picking';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useDebounced } from '../../ui/use-debounced';

/** A zustand store hook whose state has the source-picking fields (the Catalog and Stream editor stores). */
export interface SourcePickingStore {
  <T>(selector: (state: SourcePicking) => T): T;
  getState(): SourcePicking;
}

/**
 * Workspace (searched on the server by name) → source, within the active profile. One component for
 * the areas that work on a source; each keeps its own choice in its own store.
 */
export function SourcePicker({ useStore }: { useStore: SourcePickingStore }) {
  // Field by field: a whole-state subscription would re-render the picker on every store change.
  const workspaces = useStore((s) => s.workspaces);
  const sources = useStore((s) => s.sources);
  const workspace = useStore((s) => s.workspace);
  const source = useStore((s) => s.source);
  const workspaceSearch = useStore((s) => s.workspaceSearch);
  const { searchWorkspaces, pickWorkspace, pickSource } = useStore.getState();
  const [text, setText] = useState(workspaceSearch);
  const debounced = useDebounced(text, 250);
  useEffect(() => {
    void searchWorkspaces(debounced);
  }, [debounced, searchWorkspaces]);

  const items: readonly Pick<WorkspaceItem, 'id' | 'name'>[] = workspaces.status === 'ready' ? workspaces.value : [];
  // The picked workspace stays choosable even when the search no longer lists it.
  const options = workspace && !items.some((w) => w.id === workspace.id) ? [workspace, ...items] : items;
  const sourceList: readonly WorkspaceSourceSchemaShape[] = sources.status === 'ready' ? sources.value : [];

  return (
    <div className="source-picker toolbar filters" role="group" aria-label="Source">
      <input type="search" aria-label="Find workspace" placeholder="Find workspace…" maxLength={255} value={text} onChange={(e) => setText(e.target.value)} />
      <select
        aria-label="Workspace"
        value={workspace?.id ?? ''}
        onChange={(e) => {
          const w = options.find((o) => o.id === e.target.value);
          void pickWorkspace(w ? { id: w.id, name: w.name } : null);
        }}
      >
        <option value="">{workspaces.status === 'loading' ? 'Loading workspaces…' : `Workspace (${items.length}${items.length === 100 ? '+' : ''})`}</option>
        {options.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}
          </option>
        ))}
      </select>
      <select
        aria-label="Source"
        value={source?.id ?? ''}
        disabled={!workspace || sources.status !== 'ready'}
        onChange={(e) => {
          const s = sourceList.find((o) => o.id === e.target.value);
          void pickSource(s ? { id: s.id, name: s.name } : null);
        }}
      >
        <option value="">{sources.status === 'loading' ? 'Loading sources…' : sources.status === 'ready' && sourceList.length === 0 ? 'No sources' : 'Source'}</option>
        {sourceList.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {workspace && sources.status === 'ready' && sourceList.length === 0 && (
        <p className="empty">
          “{workspace.name}” has no sources yet. Sources are created from a source template, by the customer in the embedded widget (or
          through the API); pick another workspace meanwhile.
        </p>
      )}
      {workspaces.status === 'error' && <ErrorPanel error={workspaces.error} onRetry={() => void searchWorkspaces(text)} />}
      {sources.status === 'error' && workspace && <ErrorPanel error={sources.error} onRetry={() => void pickWorkspace(workspace)} />}
    </div>
  );
}
