import { lazy, Suspense, useEffect, useRef, useSyncExternalStore } from 'react';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useAppStore, useCatalogStore, useProfilesStore } from '../../state/store';
import { formatBytes, formatMs } from './catalog-store';
import { QueryPlayground } from './QueryPlayground';
import { SourcePicker } from './SourcePicker';
import { StreamTable } from './table';
import type { StreamKey } from './worker/protocol';

const JsonViewer = lazy(() => import('../../editors/monaco/JsonViewer').then((m) => ({ default: m.JsonViewer })));

function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const media = window.matchMedia(query);
      media.addEventListener('change', onChange);
      return () => media.removeEventListener('change', onChange);
    },
    () => window.matchMedia(query).matches,
  );
}

const when = (iso: string) => new Date(iso).toLocaleString();
const numbers = new Intl.NumberFormat('en-US');
const keyName = (k: StreamKey) => (k.namespace ? `${k.namespace}.${k.name}` : k.name);

function ChangeList({ label, keys }: { label: string; keys: StreamKey[] }) {
  if (keys.length === 0) return null;
  const shown = keys.slice(0, 200);
  return (
    <details>
      <summary>
        {label}: {numbers.format(keys.length)}
      </summary>
      <ul className="plain-list change-list" aria-label={`${label} streams`}>
        {shown.map((k) => (
          <li key={keyName(k)}>
            <code>{keyName(k)}</code>
          </li>
        ))}
        {keys.length > shown.length && <li className="muted">… and {numbers.format(keys.length - shown.length)} more</li>}
      </ul>
    </details>
  );
}

function ChangeSummary() {
  const diff = useCatalogStore((s) => s.diff);
  if (!diff) return null;
  const none = diff.added.length + diff.removed.length + diff.changed.length === 0;
  return (
    <section className="change-summary" aria-label="Changes since the last discovery">
      <details>
        <summary>
          Since the discovery of {when(diff.previousDiscoveredAt)}:{' '}
          {none ? 'no stream changed' : `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`} ({numbers.format(diff.unchanged)} unchanged)
        </summary>
        <ChangeList label="Added" keys={diff.added} />
        <ChangeList label="Removed" keys={diff.removed} />
        <ChangeList label="Changed" keys={diff.changed} />
      </details>
    </section>
  );
}

function DiscoverBar() {
  // Field by field: a whole-state subscription would re-render this bar on every keystroke of a query.
  const phase = useCatalogStore((s) => s.phase);
  const catalog = useCatalogStore((s) => s.catalog);
  const progress = useCatalogStore((s) => s.progress);
  const error = useCatalogStore((s) => s.error);
  const cancelled = useCatalogStore((s) => s.cancelled);
  const source = useCatalogStore((s) => s.source);
  const discover = useCatalogStore((s) => s.discover);
  const cancel = useCatalogStore((s) => s.cancel);
  if (!source) return null;
  const running = phase === 'discovering';
  return (
    <div className="discover-bar">
      <div className="toolbar" role="toolbar" aria-label="Catalog actions">
        {!running && (
          <button type="button" className="primary" onClick={() => void discover()} disabled={phase === 'checking' || phase === 'parsing'}>
            {catalog ? 'Rediscover' : 'Discover'}
          </button>
        )}
        {running && (
          <button type="button" onClick={() => void cancel()}>
            Cancel
          </button>
        )}
        {running && progress && (
          <span role="status" aria-label="Discover progress" className="progress">
            <span className="spinner" aria-hidden="true" /> Discovering… {formatBytes(progress.bytesReceived)} received · {formatMs(progress.elapsedMs)}
          </span>
        )}
        {phase === 'parsing' && (
          <span role="status" className="progress">
            Reading the catalog…
          </span>
        )}
        {(phase === 'checking' || phase === 'closed') && (
          <span role="status" className="progress">
            Looking for a cached catalog…
          </span>
        )}
        {!running && catalog && (
          <span className="muted" aria-label="Catalog facts">
            {catalog.fromCache ? 'Cached' : 'Discovered'} {when(catalog.discoveredAt)} · {formatBytes(catalog.bytes)}
          </span>
        )}
      </div>
      {cancelled && !running && (
        <p role="status" className="muted">
          Discovery cancelled.
        </p>
      )}
      {phase === 'empty' && !cancelled && <p className="empty">No catalog cached for this source yet: discover it.</p>}
      {error && !running && <ErrorPanel error={error} onRetry={() => void discover()} />}
      {catalog?.lateCancelNotice && !running && (
        <p role="status" className="muted">
          {catalog.lateCancelNotice}
        </p>
      )}
      {catalog?.cacheNotice && (
        <p role="status" className="warn">
          {catalog.cacheNotice}
        </p>
      )}
    </div>
  );
}

/** Opens the selected stream in the Stream editor, with this source. */
function EditStreamButton({ name }: { name: string }) {
  const workspace = useCatalogStore((s) => s.workspace);
  const source = useCatalogStore((s) => s.source);
  if (!workspace || !source) return null;
  return (
    <div className="toolbar">
      <button type="button" onClick={() => useAppStore.getState().openStreamEditor({ workspace, source, stream: name })}>
        Edit stream
      </button>
    </div>
  );
}

function StreamsPane() {
  const catalog = useCatalogStore((s) => s.catalog);
  const selected = useCatalogStore((s) => s.selected);
  const selectStream = useCatalogStore((s) => s.selectStream);
  const wide = useMediaQuery('(min-width: 1600px)');
  if (!catalog) return null;
  return (
    <div className="streams-pane">
      <div className="streams-table-wrap">
        <StreamTable rows={catalog.rows} onSelect={(row) => void selectStream(row)} selectedIndex={selected?.index ?? null} />
      </div>
      <section className="stream-json" aria-label="Stream JSON">
        {!selected && <p className="empty">Select a stream to see its JSON.</p>}
        {selected && <EditStreamButton name={selected.name} />}
        {selected?.status === 'loading' && <p role="status">Loading {selected.name}…</p>}
        {selected?.status === 'error' && <p role="alert">{selected.error}</p>}
        {selected?.status === 'ready' && selected.text !== null && (
          <Suspense fallback={<p role="status">Loading viewer…</p>}>
            <JsonViewer label={`Stream ${selected.name}`} text={selected.text} height={wide ? '100%' : 300} />
          </Suspense>
        )}
      </section>
    </div>
  );
}

export function CatalogView() {
  const phase = useCatalogStore((s) => s.phase);
  const hasCatalog = useCatalogStore((s) => s.catalog !== null);
  // The picker says why there is nothing to pick; the general hint would contradict it.
  const noSources = useCatalogStore((s) => s.workspace !== null && s.sources.status === 'ready' && s.sources.value.length === 0);
  const { loadLibrary, reset, close, reopen } = useCatalogStore.getState();
  const revision = useProfilesStore((s) => s.revision);
  const activeProfileId = useProfilesStore((s) => (s.list.status === 'ready' ? s.list.value.activeProfileId : null));
  const profileSeen = useRef(activeProfileId);
  const profileNow = useRef(activeProfileId);
  profileNow.current = activeProfileId;

  // Leaving the area gives the catalog's memory back; coming back reopens it from the cache.
  useEffect(() => {
    void reopen(profileNow.current);
    return () => close(profileNow.current);
  }, [close, reopen]);

  // Another profile: nothing of the old one stays.
  useEffect(() => {
    if (profileSeen.current !== null && activeProfileId !== null && profileSeen.current !== activeProfileId) reset();
    if (activeProfileId !== null) profileSeen.current = activeProfileId;
  }, [activeProfileId, reset]);
  useEffect(() => {
    if (activeProfileId !== null) void loadLibrary();
  }, [activeProfileId, revision, loadLibrary]);

  return (
    <section className="view catalog" aria-labelledby="catalog-title">
      <header className="view-header">
        <h1 id="catalog-title">Catalog &amp; JMESPath</h1>
      </header>
      <SourcePicker />
      <DiscoverBar />
      <ChangeSummary />
      {phase === 'none' && !noSources && <p className="empty">Pick a workspace and one of its sources.</p>}
      <StreamsPane />
      {hasCatalog && <QueryPlayground />}
    </section>
  );
}
