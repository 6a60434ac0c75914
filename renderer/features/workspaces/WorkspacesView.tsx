import { ExportIcon, ImportIcon, NewIcon } from '../../ui/icons';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppErrorShape } from '../../../preload/contract';
import { api } from '../../ipc/client';
import { useAppIntent } from '../../ui/app-intents';
import { downloadFile } from '../../ui/download';
import { notify } from '../../ui/toast-store';
import { useDebounced } from '../../ui/use-debounced';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useProfilesStore, useWorkspacesStore } from '../../state/store';
import { CreateWorkspaceDialog } from './CreateWorkspaceDialog';
import { BulkRegionDialog, ImportRegionsDialog, SuggestRegionsDialog, type RegionChange } from './RegionDialogs';
import { WorkspaceDetail } from './WorkspaceDetail';
import { WorkspaceList } from './WorkspaceList';
import { countsText, matchesText } from './workspace-counts-text';
import { emptyListText } from './hidden-by-filters';
import { visibleWorkspaces, workspaceCounts, type RegionFilter, type StatusFilter } from './workspaces-store';
import './workspaces.css';

const REGION_INTENTS = ['suggest-regions', 'set-region-of-selection', 'export-regions', 'import-regions'] as const;

const REGIONS: Array<{ value: RegionFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'US', label: 'US' },
  { value: 'EU', label: 'EU' },
  { value: 'unknown', label: 'Unknown' },
];

/** The app shell sends this for Ctrl/Cmd+Shift+N. */
export const NEW_WORKSPACE_EVENT = 'console:new-workspace';

type RegionDialog = 'suggest' | 'bulk' | 'import' | null;

/** The workspace list (one tab stop): where focus goes after a create or a delete. */
const focusList = () => document.querySelector<HTMLElement>('[role=listbox][aria-label=Workspaces]')?.focus();

export function WorkspacesView() {
  const store = useWorkspacesStore();
  const activeProfileId = useProfilesStore((s) => (s.list.status === 'ready' ? s.list.value.activeProfileId : null));
  const revision = useProfilesStore((s) => s.revision);
  const defaultRegion = useProfilesStore((s) => {
    if (s.list.status !== 'ready') return 'US' as const;
    const { profiles, activeProfileId: active } = s.list.value;
    return profiles.find((p) => p.id === active)?.defaultRegion ?? 'US';
  });
  const [query, setQuery] = useState(store.search);
  const [creating, setCreating] = useState(false);
  const [regionDialog, setRegionDialog] = useState<RegionDialog>(null);
  const [exportError, setExportError] = useState<AppErrorShape | null>(null);
  // The search filters the loaded rows (no request): a short pause only spares typing a re-render per key.
  const debounced = useDebounced(query, 120);
  const searchRef = useRef<HTMLInputElement>(null);
  const { setSearch, reload, loadFor, loadRest, phase, nextCursor, error } = store;

  // Another profile or new credentials: read the organization again. Filters never do, and neither
  // does coming back to this area (the palette opens a workspace and then shows the area).
  useEffect(() => {
    if (activeProfileId === null) return;
    void loadFor(`${activeProfileId}#${revision}`);
  }, [activeProfileId, revision, loadFor]);
  useEffect(() => setSearch(debounced), [debounced, setSearch]);
  // The whole organization, in the background after the first page: the scrollbar, End and the
  // counts then cover every workspace. A cancel or an error (error set) stops it until asked again.
  useEffect(() => {
    if (phase === 'ready' && nextCursor !== null && error === null) void loadRest();
  }, [phase, nextCursor, error, loadRest]);

  // "/" focuses the search box from anywhere outside a text field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || target?.closest('input, textarea, select, [contenteditable], dialog, .monaco-editor')) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  useEffect(() => {
    const onNew = () => setCreating(true);
    window.addEventListener(NEW_WORKSPACE_EVENT, onNew);
    return () => window.removeEventListener(NEW_WORKSPACE_EVENT, onNew);
  }, []);

  // Both are one pass over at most a whole organization's rows (well under a millisecond for 5,041).
  const visible = visibleWorkspaces(store);
  const counts = workspaceCounts(store);
  const onNeedMore = useCallback(() => void store.loadMore(), [store]);
  const stats = store.stats.status === 'ready' ? store.stats.value : null;
  const paused = error?.code === 'cancelled' && nextCursor !== null;
  // Pages still to come and nothing stopped them: "loading" also in the short breaks between pages, so it does not flicker.
  const loadingRest = nextCursor !== null && error === null && (phase === 'ready' || phase === 'loadingMore');
  // While the rest loads: how far along, against the organization's total when no search narrows it.
  const progress = nextCursor !== null && stats && store.search.trim() === '' && store.status === 'all' ? `Loading all workspaces: ${store.items.length.toLocaleString()} of ${stats.total.toLocaleString()}…` : 'Loading more…';
  const checkedIds = [...store.checked];

  // The ticks stay after a bulk change: the user sees what changed, and focus returns to "Set region…".
  const regionsRecorded = (changes: RegionChange[], message: string) => {
    setRegionDialog(null);
    store.applyRegions(changes);
    notify(message);
  };
  const openByName = async (name: string) => {
    setCreating(false);
    store.clearFilters();
    setQuery('');
    store.setSearch('');
    let found = store.items.find((w) => w.name === name);
    if (!found) {
      // Not loaded yet (a large organization still arriving): ask for that name.
      const result = await api.workspaces.list({ nameContains: name, status: 'all', limit: 100 });
      found = result.ok ? result.value.items.find((w) => w.name === name) : undefined;
      if (found) store.upsert(found);
    }
    if (found) {
      store.open(found.id);
      requestAnimationFrame(focusList);
    }
  };
  const empty = emptyListText(store);
  const exportRegions = async () => {
    setExportError(null);
    const result = await api.workspaces.exportRegions();
    if (!result.ok) return setExportError(result.error);
    downloadFile({ fileName: 'workspace-regions.json', mimeType: 'application/json', text: result.value.text });
    notify(`Exported ${result.value.count.toLocaleString()} region ${result.value.count === 1 ? 'record' : 'records'}.`);
  };
  // The palette's region actions run these very buttons' handlers.
  useAppIntent(REGION_INTENTS, (intent) => {
    if (intent.kind === 'suggest-regions') setRegionDialog('suggest');
    else if (intent.kind === 'import-regions') setRegionDialog('import');
    else if (intent.kind === 'export-regions') void exportRegions();
    else if (store.checked.size > 0) setRegionDialog('bulk');
  });

  return (
    <section className="view workspaces" aria-labelledby="workspaces-title">
      <header className="view-header">
        <h1 id="workspaces-title">Workspaces</h1>
        <div className="region-tools" role="group" aria-label="Regions">
          <button type="button" onClick={() => setRegionDialog('suggest')}>
            Suggest regions…
          </button>
          <button type="button" onClick={() => void exportRegions()}>
            <ExportIcon /> Export regions…
          </button>
          <button type="button" onClick={() => setRegionDialog('import')}>
            <ImportIcon /> Import regions…
          </button>
        </div>
        <button type="button" className="primary" onClick={() => setCreating(true)} aria-keyshortcuts="Control+Shift+N Meta+Shift+N" title="New workspace (Ctrl/Cmd+Shift+N)">
          <NewIcon /> New workspace
        </button>
      </header>
      {exportError && <ErrorPanel error={exportError} />}
      <div className="toolbar filters" role="search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search workspaces by name"
          placeholder="Search by name ( / )"
          maxLength={255}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') document.querySelector<HTMLElement>('[role=listbox][aria-label=Workspaces]')?.focus();
          }}
        />
        {store.search.trim() !== '' && phase !== 'loading' && phase !== 'error' && (
          <span className="match-count" role="status" aria-label="Search matches">
            {matchesText(visible.length, nextCursor === null)}
          </span>
        )}
        <label>
          Status{' '}
          <select value={store.status} onChange={(e) => store.setStatus(e.target.value as StatusFilter)}>
            <option value="all">All</option>
            <option value="active">Active</option>
            <option value="inactive">Inactive</option>
          </select>
        </label>
        <div role="radiogroup" aria-label="Region" className="segmented">
          {REGIONS.map((r) => (
            <label key={r.value}>
              <input type="radio" name="region-filter" checked={store.region === r.value} onChange={() => store.setRegion(r.value)} />
              {r.label}
            </label>
          ))}
        </div>
        {/* On the filter line (not the title's): the counts follow the filters and never push the toolbar down. */}
        <p className="stats" aria-label="Workspace counts">
          {countsText(counts, stats, store.stats.status === 'error')}
        </p>
      </div>
      {checkedIds.length > 0 && (
        <div className="selection-bar" role="toolbar" aria-label="Ticked workspaces">
          <span aria-label="Ticked count">{checkedIds.length.toLocaleString()} ticked</span>
          <button type="button" className="primary" onClick={() => setRegionDialog('bulk')}>
            Set region…
          </button>
          <button type="button" onClick={() => store.setChecked(visible.map((w) => w.id))}>
            Tick all {visible.length.toLocaleString()} shown
          </button>
          <button type="button" onClick={() => store.setChecked([])}>
            Untick all
          </button>
        </div>
      )}

      <div className="workspaces-body">
        <div className="list-pane">
          {phase === 'loading' && (
            <div className="loading" role="status">
              Loading workspaces…{' '}
              <button type="button" onClick={() => void store.cancel()}>
                Cancel
              </button>
            </div>
          )}
          {loadingRest && (
            <div className="loading background" aria-label="Background loading">
              <span>{progress}</span>
              <button type="button" onClick={() => void store.cancel()}>
                Stop
              </button>
            </div>
          )}
          {paused && (
            <div className="loading" role="status">
              Stopped after {store.items.length.toLocaleString()} workspaces.{' '}
              <button type="button" onClick={() => void store.loadMore()}>
                Load the rest
              </button>
            </div>
          )}
          {phase === 'error' && error && <ErrorPanel error={error} onRetry={() => void reload()} />}
          {phase !== 'loading' && phase !== 'error' && visible.length === 0 && !nextCursor && (
            <div className="empty-state">
              <p className="empty" role="status">
                {empty.message}
              </p>
              {empty.filtersHide && (
                <button type="button" onClick={store.clearFilters}>
                  Clear filters
                </button>
              )}
            </div>
          )}
          {visible.length > 0 && (
            <WorkspaceList
              items={visible}
              activeIndex={Math.min(store.activeIndex, visible.length - 1)}
              hasMore={nextCursor !== null}
              loadingMore={loadingRest}
              onActiveChange={store.setActive}
              onOpen={(item) => store.open(item.id)}
              onNeedMore={onNeedMore}
              checked={store.checked}
              onToggleChecked={store.toggleChecked}
              footerText={progress}
            />
          )}
          {visible.length === 0 && nextCursor !== null && phase !== 'loading' && <p className="empty">Looking through more workspaces…</p>}
        </div>
        {store.openId && <WorkspaceDetail key={store.openId} workspaceId={store.openId} />}
      </div>

      {creating && (
        <CreateWorkspaceDialog
          defaultRegion={defaultRegion}
          onClose={() => setCreating(false)}
          onOpenExisting={(name) => void openByName(name)}
          onCreated={(item) => {
            setCreating(false);
            notify(`Created workspace ${item.name} in ${item.region === 'unknown' ? 'an unknown region' : `the ${item.region}`}.`);
            // Shown whatever the filters were, highlighted and opened (one selection), scrolled into view, focused.
            store.clearFilters();
            setQuery('');
            store.setSearch('');
            store.upsert(item);
            store.open(item.id);
            requestAnimationFrame(focusList);
            void store.loadStats();
          }}
        />
      )}
      {regionDialog === 'suggest' && (
        <SuggestRegionsDialog
          onClose={() => setRegionDialog(null)}
          onDone={(changes) => regionsRecorded(changes, `Recorded the region of ${changes.length.toLocaleString()} ${changes.length === 1 ? 'workspace' : 'workspaces'}.`)}
        />
      )}
      {regionDialog === 'bulk' && (
        <BulkRegionDialog
          ids={checkedIds}
          onClose={() => setRegionDialog(null)}
          onDone={(changes) => regionsRecorded(changes, `Set the region of ${changes.length.toLocaleString()} ${changes.length === 1 ? 'workspace' : 'workspaces'} to ${changes[0]?.region === 'unknown' ? 'unknown' : changes[0]?.region}.`)}
        />
      )}
      {regionDialog === 'import' && (
        <ImportRegionsDialog
          onClose={() => setRegionDialog(null)}
          onImported={(counts) => {
            notify(`Imported region records: ${counts.added.toLocaleString()} added, ${counts.replaced.toLocaleString()} replaced.`);
            // Records changed under the loaded rows: read the list again to show them.
            if (counts.added + counts.replaced > 0) void reload();
          }}
        />
      )}
    </section>
  );
}
