import { useStreamsStore } from '../../state/store';
import { RefreshIcon } from '../../ui/icons';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

/** The journal of runs (newest first): show a run's report, resume an interrupted or paused one, revert a finished one. */
export function Journal() {
  const journal = useStreamsStore((s) => s.journal);
  const source = useStreamsStore((s) => s.source);
  const current = useStreamsStore((s) => s.run?.summary.runId ?? null);
  const { showRun, resumeRun, revertRun, loadJournal } = useStreamsStore.getState();
  return (
    <section className="journal" aria-labelledby="journal-title">
      <div className="plan-head">
        <h2 id="journal-title">Journal</h2>
        <button type="button" onClick={() => void loadJournal()}>
          <RefreshIcon /> Refresh
        </button>
      </div>
      {journal.status === 'loading' && <p role="status">Loading runs…</p>}
      {journal.status === 'error' && <p role="alert">{journal.error.message}</p>}
      {journal.status === 'ready' && journal.value.length === 0 && <p className="empty">No runs yet{source ? ' for this source' : ''}.</p>}
      {journal.status === 'ready' && journal.value.length > 0 && (
        <table className="journal-table" aria-label="Runs">
          <thead>
            <tr>
              <th scope="col">Run</th>
              <th scope="col">Started</th>
              <th scope="col">State</th>
              <th scope="col">Applied / failed / pending of total</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {journal.value.slice(0, 100).map((r) => (
              <tr key={r.runId} aria-current={r.runId === current ? 'true' : undefined}>
                <td>{r.label}</td>
                <td>{when(r.startedAt)}</td>
                <td>{r.state}</td>
                <td>
                  {r.applied} / {r.failed} / {r.pending} of {r.total}
                </td>
                <td className="toolbar">
                  <button type="button" aria-label={`Show run ${r.label}`} onClick={() => void showRun(r.runId)}>Show</button>
                  {(r.state === 'interrupted' || r.state === 'paused') && (
                    <button type="button" aria-label={`Resume run ${r.label}`} onClick={() => void resumeRun(r.runId)}>Resume</button>
                  )}
                  {r.state !== 'running' && r.state !== 'paused' && r.applied > 0 && (
                    <button
                      type="button"
                      aria-label={`Revert run ${r.label}`}
                      disabled={source?.id !== r.sourceId}
                      title={source?.id !== r.sourceId ? 'Pick the run’s source first' : 'Plan restoring the settings before this run'}
                      onClick={() => void revertRun(r.runId)}
                    >
                      Revert
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
