import { useEffect, useState } from 'react';
import { useDebounced } from '../../ui/use-debounced';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useCatalogStore } from '../../state/store';

/** Workspace (searched on the server by name) → source, within the active profile. */
export function SourcePicker() {
  // Field by field: a whole-state subscription would re-render the picker on every keystroke of a query.
  const workspaces = useCatalogStore((s) => s.workspaces);
  const sources = useCatalogStore((s) => s.sources);
  const workspace = useCatalogStore((s) => s.workspace);
  const source = useCatalogStore((s) => s.source);
  const workspaceSearch = useCatalogStore((s) => s.workspaceSearch);
  const { searchWorkspaces, pickWorkspace, pickSource } = useCatalogStore.getState();
  const [text, setText] = useState(workspaceSearch);
  const debounced = useDebounced(text, 250);
  useEffect(() => {
    void searchWorkspaces(debounced);
  }, [debounced, searchWorkspaces]);

  const items = workspaces.status === 'ready' ? workspaces.value : [];
  // The picked workspace stays choosable even when the search no longer lists it.
  const options = workspace && !items.some((w) => w.id === workspace.id) ? [workspace, ...items] : items;

  return (
    <div className="source-picker toolbar filters" role="group" aria-label="Source">
      <input type="search" aria-label="Find workspace" placeholder="Find workspace…" value={text} onChange={(e) => setText(e.target.value)} />
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
          const s = sources.status === 'ready' ? sources.value.find((o) => o.id === e.target.value) : undefined;
          void pickSource(s ? { id: s.id, name: s.name } : null);
        }}
      >
        <option value="">{sources.status === 'loading' ? 'Loading sources…' : sources.status === 'ready' && sources.value.length === 0 ? 'No sources' : 'Source'}</option>
        {sources.status === 'ready' &&
          sources.value.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
      </select>
      {workspace && sources.status === 'ready' && sources.value.length === 0 && (
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
