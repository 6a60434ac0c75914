import { useMemo, useRef, useState } from 'react';
import type { RunResult } from '../../../preload/contract';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useVirtualRows } from '../../ui/virtual';
import { useProfilesStore, useStreamsStore } from '../../state/store';
import { downloadFile } from '../../ui/download';
import { runReportFile } from './report-format';

const numbers = new Intl.NumberFormat('en-US');
const ROW = 30;

function Report({ results }: { results: readonly RunResult[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const rows = useVirtualRows({ count: results.length, rowHeight: ROW, overscan: 6, getItemKey: (i) => results[i]!.streamName, scrollRef: ref, activeIndex: Math.min(active, results.length - 1), onActiveChange: setActive });
  return (
    <div ref={ref} className="run-report" role="listbox" aria-label="Run report" tabIndex={0} onKeyDown={rows.onKeyDown}>
      <div style={{ height: rows.totalSize, position: 'relative' }}>
        {rows.items.map(({ index, start }) => {
          const r = results[index]!;
          return (
            <div key={r.streamName} role="option" aria-selected={index === active} className={`run-row outcome-${r.outcome}`} style={{ position: 'absolute', left: 0, right: 0, top: start, height: ROW }} onClick={() => setActive(index)}>
              <span className="plan-name">{r.streamName}</span>
              <span className={`badge outcome ${r.outcome}`}>{r.outcome}</span>
              <span className="muted">{r.kind}{r.status !== null ? ` · ${r.status}` : ''}{r.attempts > 1 ? ` · ${r.attempts} attempts` : ''}</span>
              <span className="run-error" title={r.error ?? undefined}>{r.error ?? ''}</span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

type OutcomeFilter = 'all' | RunResult['outcome'];

/** The report with a filter by outcome: among 5,200 rows the few failed ones are what the user came for. */
function FilteredReport({ results, failed }: { results: readonly RunResult[]; failed: number }) {
  const [show, setShow] = useState<OutcomeFilter>('all');
  const shown = useMemo(() => (show === 'all' ? results : results.filter((r) => r.outcome === show)), [results, show]);
  const count = (outcome: RunResult['outcome']) => results.reduce((n, r) => (r.outcome === outcome ? n + 1 : n), 0);
  return (
    <>
      <label className="report-filter">
        Show{' '}
        <select aria-label="Show outcomes" value={show} onChange={(e) => setShow(e.target.value as OutcomeFilter)}>
          <option value="all">all ({numbers.format(results.length)})</option>
          <option value="failed">failed ({numbers.format(failed)})</option>
          <option value="pending">pending ({numbers.format(count('pending'))})</option>
          <option value="applied">applied ({numbers.format(count('applied'))})</option>
        </select>
      </label>
      {shown.length === 0 ? <p className="empty">No stream with this outcome.</p> : <Report results={shown} />}
    </>
  );
}

/** A run in progress or finished: progress by polling, Pause / Resume / Cancel / Retry failed, the report and its export. */
export function RunPanel() {
  const run = useStreamsStore((s) => s.run);
  const source = useStreamsStore((s) => s.source);
  const workspace = useStreamsStore((s) => s.workspace);
  const profile = useProfilesStore((s) => {
    const list = s.list;
    return list.status === 'ready' ? (list.value.profiles.find((p) => p.id === list.value.activeProfileId)?.name ?? '') : '';
  });
  const { pauseRun, resumeRun, cancelRun, retryFailed, closeRun } = useStreamsStore.getState();
  if (!run) return null;
  const s = run.summary;
  const done = s.applied + s.failed + s.skipped;
  const live = s.state === 'running' || s.state === 'paused';
  const exportAs = (format: 'csv' | 'markdown') => {
    if (!run.results) return;
    const header = { source: `${source?.name ?? s.sourceId} (${workspace?.name ?? s.workspaceId})`, profile, time: new Date().toISOString() };
    downloadFile(runReportFile(s, run.results, header, format));
  };
  return (
    <section className="run-panel" aria-labelledby="run-title">
      <div className="plan-head">
        <h2 id="run-title">Run: {s.label}</h2>
        {!live && <button type="button" onClick={closeRun} aria-label="Close run">Close</button>}
      </div>
      <progress max={s.total || 1} value={done} aria-label="Run progress" />
      <p role="status" aria-label="Run status" className="run-status">
        {s.state === 'running' ? 'Applying' : s.state === 'paused' ? 'Paused' : s.state === 'done' ? 'Finished' : s.state === 'cancelled' ? 'Cancelled' : 'Interrupted'}:{' '}
        {numbers.format(s.applied)} applied, {numbers.format(s.failed)} failed, {numbers.format(s.pending)} pending{s.skipped ? `, ${numbers.format(s.skipped)} skipped` : ''} of {numbers.format(s.total)}
        {s.waitingUntil && ` · the server asked to wait (Retry-After) until ${new Date(s.waitingUntil).toLocaleTimeString()}`}
      </p>
      <div className="toolbar" role="toolbar" aria-label="Run actions">
        {s.state === 'running' && <button type="button" onClick={() => void pauseRun()}>Pause</button>}
        {(s.state === 'paused' || s.state === 'interrupted') && <button type="button" className="primary" onClick={() => void resumeRun()}>Resume</button>}
        {live && <button type="button" onClick={() => void cancelRun()}>Cancel</button>}
        {!live && s.failed > 0 && <button type="button" onClick={() => void retryFailed()}>Retry failed</button>}
        {run.results && (
          <>
            <button type="button" onClick={() => exportAs('csv')}>Export report CSV</button>
            <button type="button" onClick={() => exportAs('markdown')}>Export report Markdown</button>
          </>
        )}
      </div>
      {run.error && <ErrorPanel error={run.error} />}
      {!live && s.failed > 0 && <p className="warn">Not atomic: {numbers.format(s.applied)} stream(s) were changed and stay changed; {numbers.format(s.failed)} failed (reasons below).</p>}
      {run.results && <FilteredReport results={run.results} failed={s.failed} />}
    </section>
  );
}
