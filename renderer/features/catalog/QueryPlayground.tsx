import { lazy, Suspense, useState } from 'react';
import { useCatalogStore, useProfilesStore } from '../../state/store';
import { SavedQueries } from './SavedQueries';
import { formatMs } from './catalog-store';
import { downloadExport, formatExport, tableShapeProblem, type ExportFormat } from './export-format';

// Monaco loads with the first editor shown, never with the app.
const JmespathEditor = lazy(() => import('../../editors/monaco/JmespathEditor').then((m) => ({ default: m.JmespathEditor })));
const JsonViewer = lazy(() => import('../../editors/monaco/JsonViewer').then((m) => ({ default: m.JsonViewer })));

const numbers = new Intl.NumberFormat('en-US');

/** The JMESPath playground: the editor, the live result, saving, history, the query library and export. */
export function QueryPlayground() {
  const expression = useCatalogStore((s) => s.expression);
  const pending = useCatalogStore((s) => s.pending);
  const evaluation = useCatalogStore((s) => s.evaluation);
  const library = useCatalogStore((s) => s.library);
  const { setExpression, evaluateNow, completions, saveQuery } = useCatalogStore.getState();
  const [name, setName] = useState('');
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
    const saved = await saveQuery(name.trim() || query.slice(0, 60), query);
    if (saved) {
      setNotice(`Saved as “${saved.name}”.`);
      setName('');
    } else setNotice(null);
  };

  return (
    <section className="playground" aria-labelledby="playground-title">
      <div className="playground-main">
        <h2 id="playground-title">JMESPath playground</h2>
        <p className="hint">
          Evaluated as you type against <code>{'{streams: catalog.streams}'}</code>, as the server’s <code>catalog/query</code> does. Ctrl/Cmd+Enter evaluates now, Ctrl/Cmd+S saves, ↑ in
          an empty editor recalls recent queries.
        </p>
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
        <div className="toolbar playground-actions" role="toolbar" aria-label="Query actions">
          <button type="button" onClick={evaluateNow} title="Ctrl/Cmd+Enter">
            Evaluate
          </button>
          <input type="text" aria-label="Query name" placeholder="Name (optional)" value={name} onChange={(e) => setName(e.target.value)} maxLength={120} />
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
        <ResultPane stale={stale} />
      </div>
      <SavedQueries onLoad={(query) => {
        setExpression(query);
        evaluateNow();
      }} />
    </section>
  );
}

function ResultPane({ stale }: { stale: boolean }) {
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
    downloadExport(formatExport(result, header, format));
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
            Export JSON
          </button>
          <button type="button" onClick={() => exportAs('csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => exportAs('markdown')}>
            Export Markdown
          </button>
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
}
