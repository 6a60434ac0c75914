import { useEffect, useMemo, useRef } from 'react';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { SourcePicker as SharedSourcePicker } from '../sources/SourcePicker';
import { useAppStore, useCatalogStore, useProfilesStore, useStreamsStore } from '../../state/store';
import { Journal } from './Journal';
import { PlanPanel } from './PlanPanel';
import { RunPanel } from './RunPanel';
import { StreamEditor } from './StreamEditor';
import { StreamList } from './StreamList';

const numbers = new Intl.NumberFormat('en-US');

/** The Stream editor's workspace → source picker (its choice lives in the streams store). */
function SourcePicker() {
  return <SharedSourcePicker useStore={useStreamsStore} />;
}

function CatalogBar() {
  const phase = useStreamsStore((s) => s.phase);
  const catalog = useStreamsStore((s) => s.catalog);
  const error = useStreamsStore((s) => s.error);
  const readAll = useStreamsStore((s) => s.readAll);
  const workspace = useStreamsStore((s) => s.workspace);
  const source = useStreamsStore((s) => s.source);
  const planOpen = useStreamsStore((s) => s.plan.open);
  const { readAllStreams, cancelReadAll, openPlan, pickSource } = useStreamsStore.getState();
  if (!source) return null;
  return (
    <div className="discover-bar">
      <div className="toolbar" role="toolbar" aria-label="Stream editor actions">
        {(phase === 'checking' || phase === 'closed') && <span role="status" className="progress">Looking for the cached catalog…</span>}
        {phase === 'loading' && <span role="status" className="progress"><span className="spinner" aria-hidden="true" /> Reading the catalog…</span>}
        {catalog && (
          <>
            <span className="muted" aria-label="Catalog facts">
              Catalog discovered {new Date(catalog.discoveredAt).toLocaleString()} · {numbers.format(catalog.rows.length)} streams
            </span>
            {!readAll?.running ? (
              <button type="button" onClick={() => void readAllStreams()}>Read all</button>
            ) : (
              <button type="button" onClick={cancelReadAll}>Cancel reading</button>
            )}
            {readAll && (
              <span role="status" aria-label="Read progress" className="progress">
                {readAll.running && <span className="spinner" aria-hidden="true" />}
                {readAll.running ? 'Reading configurations…' : 'Read'} {numbers.format(readAll.done)} of {numbers.format(readAll.total)}
                {!readAll.running && readAll.failed > 0 ? ` · ${numbers.format(readAll.failed)} could not be read` : ''}
              </span>
            )}
            <button type="button" className="primary" aria-pressed={planOpen} onClick={() => openPlan(!planOpen)}>Plan</button>
          </>
        )}
      </div>
      {phase === 'empty' && workspace && (
        <div className="empty" role="status">
          <p>No catalog of {source.name} is cached yet: the Stream editor checks settings against the discovered catalog.</p>
          <button
            type="button"
            onClick={() => {
              void useCatalogStore.getState().openSource(workspace, source);
              useAppStore.getState().selectArea('catalog');
            }}
          >
            Open the Catalog area to discover
          </button>
        </div>
      )}
      {error && <ErrorPanel error={error} onRetry={() => void pickSource(source)} />}
    </div>
  );
}

function InterruptedRuns() {
  const interrupted = useStreamsStore((s) => s.interrupted);
  const { resumeRun } = useStreamsStore.getState();
  if (interrupted.length === 0) return null;
  return (
    <section className="interrupted warn-box" aria-label="Interrupted runs">
      <p>
        {interrupted.length === 1 ? 'A run was interrupted' : `${interrupted.length} runs were interrupted`} (the app closed or the network went away). Resume sends only what was not applied yet.
      </p>
      <ul className="plain-list">
        {interrupted.map((r) => (
          <li key={r.runId}>
            {r.label}: {r.applied} applied, {r.pending} pending of {r.total}{' '}
            <button type="button" className="primary" aria-label={`Resume ${r.label}`} onClick={() => void resumeRun(r.runId)}>Resume</button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Streams() {
  const catalog = useStreamsStore((s) => s.catalog);
  const states = useStreamsStore((s) => s.states);
  const selection = useStreamsStore((s) => s.selection);
  const openName = useStreamsStore((s) => s.editor?.name ?? null);
  const { openStream, toggleSelected, setSelection, readVisible } = useStreamsStore.getState();
  const names = useMemo(() => (catalog ? [...new Set(catalog.rows.map((r) => r.name))] : []), [catalog]);
  if (!catalog) return null;
  return (
    <div className="streams-editor-body">
      <StreamList names={names} states={states} selection={selection} openName={openName} onOpen={(n) => void openStream(n)} onToggle={toggleSelected} onSelectMany={setSelection} onVisible={readVisible} />
      <StreamEditor />
    </div>
  );
}

export function StreamsView() {
  const phase = useStreamsStore((s) => s.phase);
  const { enter, leave, reset, openSource } = useStreamsStore.getState();
  const activeProfileId = useProfilesStore((s) => (s.list.status === 'ready' ? s.list.value.activeProfileId : null));
  const intent = useAppStore((s) => s.streamEditorIntent);
  const profileNow = useRef(activeProfileId);
  profileNow.current = activeProfileId;
  const profileSeen = useRef(activeProfileId);

  useEffect(() => {
    void enter(profileNow.current);
    return () => leave(profileNow.current);
  }, [enter, leave]);
  useEffect(() => {
    if (profileSeen.current !== null && activeProfileId !== null && profileSeen.current !== activeProfileId) reset();
    if (activeProfileId !== null) profileSeen.current = activeProfileId;
  }, [activeProfileId, reset]);
  // "Edit stream", "Plan for these streams", "Edit streams" from elsewhere.
  useEffect(() => {
    if (!intent) return;
    const taken = useAppStore.getState().takeStreamEditorIntent();
    if (taken) void openSource(taken.workspace, taken.source, { ...(taken.stream ? { stream: taken.stream } : {}), ...(taken.names ? { names: taken.names } : {}) });
  }, [intent, openSource]);

  return (
    <section className="view streams" aria-labelledby="streams-title">
      <header className="view-header">
        <h1 id="streams-title">Stream editor</h1>
      </header>
      <InterruptedRuns />
      <SourcePicker />
      <CatalogBar />
      {phase === 'none' && <p className="empty">Pick a workspace and one of its sources.</p>}
      <Streams />
      <PlanPanel />
      <RunPanel />
      <Journal />
    </section>
  );
}
