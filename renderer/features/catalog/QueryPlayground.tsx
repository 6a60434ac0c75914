import { lazy, memo, Suspense, useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore, useCatalogStore, useProfilesStore } from '../../state/store';
import { SavedQueries } from './SavedQueries';
import { formatMs, type ServerCheck } from './catalog-store';
import { describePath } from './query/server-compare';
import { stepHistory, type Recall } from './query/history-nav';
import { QUERY_NOTE_MAX } from '../../../preload/contract';
import { downloadFile } from '../../ui/download';
import { formatExport, tableShapeProblem, type ExportFormat } from './export-format';
import { ExportIcon } from '../../ui/icons';

// Monaco loads with the first editor shown, never with the app.
const JmespathEditor = lazy(() => import('../../editors/monaco/JmespathEditor').then((m) => ({ default: m.JmespathEditor })));
const JsonViewer = lazy(() => import('../../editors/monaco/JsonViewer').then((m) => ({ default: m.JsonViewer })));

const numbers = new Intl.NumberFormat('en-US');

// Re-rendered only when their own props or store slices change, not on every keystroke of the query.
const SavedQueriesPane = memo(SavedQueries);

/** The JMESPath playground: the editor, the live result, saving, history, the query library and export. */
export function QueryPlayground() {
  const expression = useCatalogStore((s) => s.expression);
  const pending = useCatalogStore((s) => s.pending);
  const evaluation = useCatalogStore((s) => s.evaluation);
  const library = useCatalogStore((s) => s.library);
  const server = useCatalogStore((s) => s.server);
  const { setExpression, evaluateNow, completions, saveQuery, runOnServer, cancelServer } = useCatalogStore.getState();
  const [name, setName] = useState('');
  const [note, setNote] = useState('');
  const history$ = useHistoryKeys(setExpression);
  const loadQuery = useCallback(
    (query: string) => {
      setExpression(query);
      evaluateNow();
    },
    [setExpression, evaluateNow],
  );
  const [notice, setNotice] = useState<string | null>(null);

  const history = library.status === 'ready' ? library.value.history : [];
  const stale = evaluation.status !== 'idle' && (pending || evaluation.expression !== expression);
  const error = evaluation.status === 'error' ? evaluation.error : null;

  const save = async () => {
    const query = expression.trim();
    if (!query) {
      setNotice('Type a query to save it.');
      return;
    }
    // The same query saved again (Ctrl/Cmd+S first, then a name and a note) updates it: no duplicates.
    const existing = library.status === 'ready' ? library.value.saved.find((q) => q.query === query) : undefined;
    const saved = await saveQuery(name.trim() || existing?.name || query.slice(0, 60), query, existing?.id, note.trim() || existing?.note || '');
    if (saved) {
      setNotice(existing ? `Updated “${saved.name}”.` : `Saved as “${saved.name}”.`);
      setName('');
      setNote('');
    } else setNotice(null);
  };

  return (
    <section className="playground" aria-labelledby="playground-title">
      <div className="playground-main">
        <h2 id="playground-title">JMESPath playground</h2>
        <p className="hint">
          Evaluated as you type against <code>{'{streams: catalog.streams}'}</code>, as the server’s <code>catalog/query</code> does. Ctrl/Cmd+Enter evaluates now, Ctrl/Cmd+S saves, ↑ in
          an empty editor recalls recent queries, ↓ steps back.
        </p>
        <div ref={history$.ref} onKeyDownCapture={(event) => history$.onKeyDown(event, history, expression)}>
        <Suspense fallback={<p role="status">Loading editor…</p>}>
          <JmespathEditor
            value={expression}
            onChange={setExpression}
            error={error}
            errorFor={evaluation.status === 'error' ? evaluation.expression : null}
            completions={completions}
            onRunNow={evaluateNow}
            onSave={() => void save()}
            history={history}
          />
        </Suspense>
        </div>
        <div className="toolbar playground-actions" role="toolbar" aria-label="Query actions">
          <button type="button" onClick={evaluateNow} title="Ctrl/Cmd+Enter">
            Evaluate
          </button>
          {server.status === 'running' ? (
            <button type="button" onClick={() => void cancelServer()} title="Stop the server query">
              Cancel
            </button>
          ) : (
            <button type="button" onClick={() => void runOnServer()} disabled={expression.trim() === ''} title="Send this query to the server’s catalog/query and compare its answer">
              Run on server
            </button>
          )}
          <input type="text" aria-label="Query name" placeholder="Name (optional)" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
          <input type="text" aria-label="Note" placeholder="Note (optional)" value={note} onChange={(e) => setNote(e.target.value)} maxLength={QUERY_NOTE_MAX} />
          <button type="button" onClick={() => void save()} title="Ctrl/Cmd+S">
            Save query
          </button>
          {notice && (
            <span role="status" className="muted">
              {notice}
            </span>
          )}
        </div>
        {error && evaluation.status === 'error' && evaluation.expression === expression && (
          <p className="query-error" role="alert" aria-label="Query error">
            {error.summary}
          </p>
        )}
        <ServerVerdict server={server} expression={expression} />
        <ResultPane stale={stale} />
      </div>
      <SavedQueriesPane onLoad={loadQuery} />
    </section>
  );
}

const ResultPane = memo(function ResultPane({ stale }: { stale: boolean }) {
  const evaluation = useCatalogStore((s) => s.evaluation);
  const workspace = useCatalogStore((s) => s.workspace);
  const source = useCatalogStore((s) => s.source);
  const profile = useProfilesStore((s) => {
    if (s.list.status !== 'ready') return '';
    const { profiles, activeProfileId } = s.list.value;
    return profiles.find((p) => p.id === activeProfileId)?.name ?? '';
  });
  const [exportError, setExportError] = useState<string | null>(null);

  if (evaluation.status !== 'ok') {
    return evaluation.status === 'idle' ? <p className="empty">Type a query, or pick one from the library.</p> : null;
  }
  const { answer } = evaluation;
  const exportAs = (format: ExportFormat) => {
    setExportError(null);
    if (answer.truncated) {
      setExportError('The result is too large to export whole; narrow the query.');
      return;
    }
    const result: unknown = JSON.parse(answer.resultText);
    if (format !== 'json') {
      const problem = tableShapeProblem(result);
      if (problem) {
        setExportError(problem);
        return;
      }
    }
    const header = { source: `${source?.name ?? ''} (${workspace?.name ?? ''})`, query: evaluation.expression, time: evaluation.at, profile };
    downloadFile(formatExport(result, header, format));
  };

  // A result of stream names (or of streams): open the Stream editor with them selected for a plan.
  const planFor = (resultText: string) => {
    if (!workspace || !source) return;
    const result: unknown = JSON.parse(resultText);
    const names = (Array.isArray(result) ? result : []).flatMap((v: unknown) =>
      typeof v === 'string' ? [v] : typeof v === 'object' && v !== null && typeof (v as { name?: unknown }).name === 'string' ? [(v as { name: string }).name] : [],
    );
    if (names.length === 0) {
      setExportError('This result holds no stream names: project them, e.g. streams[?…].name.');
      return;
    }
    useAppStore.getState().openStreamEditor({ workspace, source, names });
  };

  return (
    <div className={`result-pane${stale ? ' is-stale' : ''}`}>
      <div className="result-header">
        <p className="result-meta" role="status" aria-label="Result summary">
          {answer.count !== null ? `${numbers.format(answer.count)} item${answer.count === 1 ? '' : 's'}` : 'Not a list'} · {formatMs(answer.ms)}
          {answer.truncated && ` · showing the first ${numbers.format(answer.resultText.length)} of ${numbers.format(answer.totalChars)} characters`}
          {stale && <span className="stale-label"> stale</span>}
        </p>
        <div className="toolbar" role="toolbar" aria-label="Export result">
          <button type="button" onClick={() => exportAs('json')}>
            <ExportIcon /> Export JSON
          </button>
          <button type="button" onClick={() => exportAs('csv')}>
            <ExportIcon /> Export CSV
          </button>
          <button type="button" onClick={() => exportAs('markdown')}>
            <ExportIcon /> Export Markdown
          </button>
          {answer.count !== null && answer.count > 0 && !answer.truncated && workspace && source && (
            <button type="button" onClick={() => planFor(answer.resultText)}>
              Plan for these streams
            </button>
          )}
        </div>
      </div>
      {exportError && (
        <p className="query-error" role="alert">
          {exportError}
        </p>
      )}
      <Suspense fallback={<p role="status">Loading viewer…</p>}>
        <JsonViewer label="Query result" text={answer.resultText} height={320} />
      </Suspense>
    </div>
  );
});

const numberOfItems = (count: number | null): string => (count === null ? 'not a list' : `${numbers.format(count)} item${count === 1 ? '' : 's'}`);

/** What "Run on server" found, in words. */
function ServerVerdict({ server, expression }: { server: ServerCheck; expression: string }) {
  if (server.status === 'idle') return null;
  const earlier = server.expression !== expression;
  const body = (() => {
    switch (server.status) {
      case 'running':
        return <p>Asking the server…</p>;
      case 'agree':
        return <p className="verdict-agree">{`The server agrees (${numberOfItems(server.count)}, ${formatMs(server.ms)})`}</p>;
      case 'differ': {
        const { path, local, server: theirs } = server.difference;
        return (
          <>
            <p className="verdict-differ">The server answers differently:</p>
            <p>
              at <code>{describePath(path)}</code> this app has <code>{local}</code>, the server <code>{theirs}</code> ({formatMs(server.ms)}).
            </p>
          </>
        );
      }
      case 'both-invalid':
        return (
          <>
            <p className="verdict-agree">The server and this app agree the query is invalid.</p>
            <p className="muted">Server: {server.serverMessage}</p>
          </>
        );
      case 'refused':
        return (
          <>
            <p className="verdict-differ">The server refuses the query, though this app answers it:</p>
            <p>{server.serverMessage}</p>
          </>
        );
      case 'local-failed':
        return (
          <>
            <p className="verdict-differ">The server answers ({formatMs(server.ms)}), but this app fails:</p>
            <p>{server.localMessage}</p>
          </>
        );
      case 'cancelled':
        return <p className="muted">Run on server cancelled.</p>;
      case 'error':
        return <p className="verdict-differ">The server could not be asked: {server.error.message}</p>;
    }
  })();
  return (
    <div className={`server-verdict${earlier ? ' is-stale' : ''}`} role="status" aria-label="Server comparison">
      {body}
      {earlier && <p className="muted">(for an earlier query: {server.expression.length > 60 ? `${server.expression.slice(0, 59)}…` : server.expression})</p>}
    </div>
  );
}

/** What the history keys need of a Monaco editor (only renderer/editors/monaco imports monaco-editor). */
interface EditorLike {
  getDomNode(): HTMLElement | null;
  getPosition(): { lineNumber: number; column: number } | null;
  getModel(): { getValue(): string } | null;
  setValue(text: string): void;
  setPosition(position: { lineNumber: number; column: number }): void;
}

/**
 * ↑/↓ through the history, handled before Monaco sees the key (capture phase on the editor's wrapper).
 * The editor instance (for the cursor) comes from the Monaco module once its chunk is loaded.
 */
function useHistoryKeys(setExpression: (text: string) => void) {
  const ref = useRef<HTMLDivElement | null>(null);
  const recall = useRef<Recall | null>(null);
  const monacoApi = useRef<{ getEditors(): readonly EditorLike[] } | null>(null);
  useEffect(() => {
    let live = true;
    void import('../../editors/monaco/monaco').then((m) => {
      if (live) monacoApi.current = m.monaco.editor;
    });
    return () => {
      live = false;
    };
  }, []);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, history: readonly string[], text: string) => {
    const key = event.key === 'ArrowUp' ? 'up' : event.key === 'ArrowDown' ? 'down' : null;
    if (!key || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (document.querySelector('.suggest-widget.visible')) return; // the arrows belong to the suggestions
    const editor = monacoApi.current?.getEditors().find((e) => ref.current?.contains(e.getDomNode()));
    const position = editor?.getPosition();
    const shown = editor?.getModel()?.getValue() ?? text;
    const atStart = !position || (position.lineNumber === 1 && position.column === 1);
    const step = stepHistory(history, recall.current, shown, key, atStart);
    if (!step) return;
    event.preventDefault();
    event.stopPropagation();
    recall.current = step.recall;
    if (editor) {
      editor.setValue(step.text); // onChange → setExpression
      editor.setPosition({ lineNumber: 1, column: 1 });
    } else setExpression(step.text);
  };
  return { ref, onKeyDown };
}
