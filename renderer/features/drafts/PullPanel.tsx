import { ErrorPanel } from '../../ui/ErrorPanel';
import { pullSummaryLine } from './plan-format';
import { TaskProgress } from './TaskProgress';
import { useDraftsStore } from './use-drafts-store';
import { CloseIcon } from '../../ui/icons';

/** Pull from server: its progress, then what it wrote and what it left alone (and why). */
export function PullPanel() {
  const pull = useDraftsStore((s) => s.pull);
  const { cancel, startPull } = useDraftsStore.getState();
  if (!pull.running && !pull.result && !pull.error) return null;
  const r = pull.result;
  return (
    <section className="drafts-panel" aria-label="Pull result">
      <TaskProgress task={pull} label="Pulling" onCancel={() => cancel('pull')} />
      {pull.error && <ErrorPanel error={pull.error} onRetry={pull.error.code === 'cancelled' ? undefined : () => void startPull()} />}
      {r && (
        <>
          <div className="drafts-pull-head">
            <p className="plan-summary" role="status" aria-label="Pull summary">
              {pullSummaryLine(r)}
            </p>
            <button type="button" className="icon" aria-label="Dismiss the pull result" onClick={() => useDraftsStore.getState().dismissPull()}>
              <CloseIcon />
            </button>
          </div>
          {r.created.length > 0 && <p className="hint">A new draft is a copy of the server’s template, so the list below shows it as unchanged.</p>}
          {(r.created.length > 0 || r.updated.length > 0) && (
            <details open={r.created.length + r.updated.length <= 5}>
              <summary>Files written</summary>
              <ul className="plain-list drafts-files" aria-label="Files written">
                {r.created.map((f) => (
                  <li key={`c-${f}`}>
                    <span className="badge">created</span> <code>{f}</code>
                  </li>
                ))}
                {r.updated.map((f) => (
                  <li key={`u-${f}`}>
                    <span className="badge">updated</span> <code>{f}</code>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {r.skipped.length > 0 && (
            <ul className="plain-list drafts-files" aria-label="Skipped drafts">
              {r.skipped.map((s) => (
                <li key={s.file}>
                  <span className="badge">skipped</span> <code>{s.file}</code>: {s.reason}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
