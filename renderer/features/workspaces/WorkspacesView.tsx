import { useCallback, useEffect, useRef, useState } from 'react';
import { useDebounced } from '../../ui/use-debounced';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useProfilesStore, useWorkspacesStore } from '../../state/store';
import { CreateWorkspaceDialog } from './CreateWorkspaceDialog';
import { WorkspaceDetail } from './WorkspaceDetail';
import { WorkspaceList } from './WorkspaceList';
import { visibleWorkspaces, type RegionFilter, type StatusFilter } from './workspaces-store';

const REGIONS: Array<{ value: RegionFilter; label: string }> = [
  { value: 'all', label: 'All' },
  { value: 'US', label: 'US' },
  { value: 'EU', label: 'EU' },
  { value: 'unknown', label: 'Unknown' },
];

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
  const debounced = useDebounced(query, 250);
  const searchRef = useRef<HTMLInputElement>(null);
  const { setSearch, reload, loadStats } = store;

  // Another profile, new credentials, or a settled search text: start from the first page again.
  useEffect(() => {
    if (activeProfileId === null) return;
    void setSearch(debounced);
  }, [debounced, activeProfileId, revision, setSearch]);
  useEffect(() => {
    if (activeProfileId !== null) void loadStats();
  }, [activeProfileId, revision, loadStats]);

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

  const visible = visibleWorkspaces(store);
  const onNeedMore = useCallback(() => void store.loadMore(), [store]);
  const stats = store.stats.status === 'ready' ? store.stats.value : null;

  return (
    <section className="view workspaces" aria-labelledby="workspaces-title">
      <header className="view-header">
        <h1 id="workspaces-title">Workspaces</h1>
        <p className="stats" aria-label="Workspace counts">
          {stats ? `${stats.total} total · ${stats.active} active · ${stats.inactive} inactive` : store.stats.status === 'error' ? 'Counts unavailable' : 'Counting…'}
        </p>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          New workspace
        </button>
      </header>
      <div className="toolbar filters" role="search">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search workspaces by name"
          placeholder="Search by name ( / )"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') document.querySelector<HTMLElement>('[role=listbox][aria-label=Workspaces]')?.focus();
          }}
        />
        <label>
          Status{' '}
          <select value={store.status} onChange={(e) => void store.setStatus(e.target.value as StatusFilter)}>
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
      </div>

      <div className="workspaces-body">
        <div className="list-pane">
          {store.phase === 'loading' && (
            <div className="loading" role="status">
              Loading workspaces…{' '}
              <button type="button" onClick={() => void store.cancel()}>
                Cancel
              </button>
            </div>
          )}
          {store.phase === 'error' && store.error && <ErrorPanel error={store.error} onRetry={() => void reload()} />}
          {store.phase !== 'loading' && store.phase !== 'error' && visible.length === 0 && !store.nextCursor && (
            <p className="empty" role="status">
              {store.items.length === 0 ? (query ? `No workspace name contains “${query}”.` : 'No workspaces yet. Create one to start.') : `None of the loaded workspaces is in region ${store.region}.`}
            </p>
          )}
          {visible.length > 0 && (
            <WorkspaceList
              items={visible}
              activeIndex={Math.min(store.activeIndex, visible.length - 1)}
              hasMore={store.nextCursor !== null}
              loadingMore={store.phase === 'loadingMore'}
              onActiveChange={store.setActive}
              onOpen={(item) => store.open(item.id)}
              onNeedMore={onNeedMore}
            />
          )}
          {visible.length === 0 && store.nextCursor !== null && store.phase === 'ready' && <AutoLoad onNeedMore={onNeedMore} />}
        </div>
        {store.openId && <WorkspaceDetail key={store.openId} workspaceId={store.openId} />}
      </div>

      {creating && (
        <CreateWorkspaceDialog
          defaultRegion={defaultRegion}
          onClose={() => setCreating(false)}
          onCreated={(item) => {
            setCreating(false);
            store.upsert(item);
            store.open(item.id);
            void store.loadStats();
          }}
        />
      )}
    </section>
  );
}

/** A filtered view with nothing visible yet keeps paging until something matches or the list ends. */
function AutoLoad({ onNeedMore }: { onNeedMore(): void }) {
  useEffect(() => onNeedMore(), [onNeedMore]);
  return (
    <p className="empty" role="status">
      Looking through more workspaces…
    </p>
  );
}
