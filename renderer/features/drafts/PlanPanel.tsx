import { useEffect, useRef, useState } from 'react';
import type { FieldChange, PlanEntry, PublishResult } from '../../../preload/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { planNeedsPropagate, planSummaryLine, publishBlocker } from './drafts-store';
import { conflictRows, formatValue, publishSummaryLine, type ConflictRow } from './plan-format';
import { TaskProgress } from './TaskProgress';
import { useDraftsStore } from './use-drafts-store';

function Value({ value }: { value: unknown }) {
  const { text, block } = formatValue(value);
  return block ? <pre className="drafts-json">{text}</pre> : <code className={value === undefined ? 'muted' : undefined}>{text}</code>;
}

function Changes({ entry }: { entry: PlanEntry }) {
  if (entry.changes.length === 0) return null;
  const create = entry.action === 'create';
  return (
    <table className="drafts-changes" aria-label={`Changes of ${entry.file}`}>
      <thead>
        <tr>
          <th scope="col">Field</th>
          {!create && <th scope="col">Server now (old)</th>}
          <th scope="col">{create ? 'Sent' : 'Draft (new)'}</th>
        </tr>
      </thead>
      <tbody>
        {entry.changes.map((c: FieldChange) => (
          <tr key={c.field}>
            <th scope="row">
              <code>{c.field}</code>
            </th>
            {!create && (
              <td>
                <Value value={c.before} />
              </td>
            )}
            <td>
              <Value value={c.after} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ConflictRows({ rows, deleted }: { rows: ConflictRow[]; deleted: boolean }) {
  return (
    <>
      {rows.map((r) => (
        <tr key={r.field} className={r.differs ? 'drafts-differs' : undefined}>
          <th scope="row">
            <code>{r.field}</code>
          </th>
          <td>
            <Value value={r.draft} />
          </td>
          <td>
            <Value value={r.base} />
          </td>
          <td>{deleted ? <span className="muted">(deleted on the server)</span> : <Value value={r.server} />}</td>
        </tr>
      ))}
    </>
  );
}

function ConflictHead() {
  return (
    <thead>
      <tr>
        <th scope="col">Field</th>
        <th scope="col">Draft (yours)</th>
        <th scope="col">Base (when pulled)</th>
        <th scope="col">Server (now)</th>
      </tr>
    </thead>
  );
}

/** The two ways out of a conflict, each said in full before it is done; then the plan is made again. */
function SettleConflict({ entry }: { entry: PlanEntry }) {
  const resolving = useDraftsStore((s) => s.resolving);
  const failed = useDraftsStore((s) => (s.resolveError?.file === entry.file ? s.resolveError.error : null));
  const busy = useDraftsStore((s) => s.pull.running || s.plan.running || s.publish.running);
  const { resolve } = useDraftsStore.getState();
  const [asking, setAsking] = useState<'server' | 'mine' | null>(null);
  const mine = resolving?.file === entry.file;
  return (
    <>
      <div className="conflict-actions" role="group" aria-label={`Settle the conflict of ${entry.file}`}>
        <button type="button" disabled={resolving !== null || busy} onClick={() => setAsking('server')}>
          {mine && resolving?.keep === 'server' ? 'Taking the server version…' : 'Use server version…'}
        </button>
        <button type="button" disabled={resolving !== null || busy} onClick={() => setAsking('mine')}>
          {mine && resolving?.keep === 'mine' ? 'Keeping your draft…' : 'Keep my draft…'}
        </button>
      </div>
      {failed && <ErrorPanel error={failed} />}
      {asking && (
        <Dialog title={asking === 'server' ? 'Use the server version?' : 'Keep your draft?'} onClose={() => setAsking(null)}>
          {asking === 'server' ? (
            <p>
              Your edits to <code>{entry.file}</code> are replaced by the server’s version. The server is not changed.
            </p>
          ) : (
            <p>
              The draft <code>{entry.file}</code> stays as it is, and the next plan will update the server to your draft, replacing the change made on the server.
            </p>
          )}
          <p className="hint">The plan is made again right after.</p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setAsking(null)}>
              Cancel
            </button>
            <button
              type="button"
              className={asking === 'server' ? 'danger' : 'primary'}
              onClick={() => {
                const keep = asking;
                setAsking(null);
                void resolve(entry.file, keep);
              }}
            >
              {asking === 'server' ? 'Replace my edits' : 'Keep my draft'}
            </button>
          </div>
        </Dialog>
      )}
    </>
  );
}

function Conflict({ entry }: { entry: PlanEntry }) {
  if (!entry.conflict) return null;
  const rows = conflictRows(entry.conflict.draft, entry.conflict.base, entry.conflict.server);
  const differing = rows.filter((r) => r.differs);
  const same = rows.filter((r) => !r.differs);
  const deleted = entry.conflict.server === null;
  return (
    <>
      <p className="warn">Changed on the server since the pull, and edited here: Publish leaves it alone until you settle it.</p>
      <SettleConflict entry={entry} />
      <table className="drafts-changes drafts-conflict" aria-label={`Conflict of ${entry.file}`}>
        <ConflictHead />
        <tbody>
          <ConflictRows rows={differing} deleted={deleted} />
        </tbody>
      </table>
      {same.length > 0 && (
        <details className="drafts-identical">
          <summary>
            {same.length} identical field{same.length === 1 ? '' : 's'}
          </summary>
          <table className="drafts-changes drafts-conflict" aria-label={`Identical fields of ${entry.file}`}>
            <ConflictHead />
            <tbody>
              <ConflictRows rows={same} deleted={deleted} />
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}

const ACTION_WORDS = { create: 'create', update: 'update', unchanged: 'unchanged', conflict: 'conflict', invalid: 'invalid' } as const;

function Entry({ entry }: { entry: PlanEntry }) {
  return (
    <li className={`drafts-plan-entry drafts-action-${entry.action}`} aria-label={`${entry.file}: ${ACTION_WORDS[entry.action]}`}>
      <div className="drafts-plan-entry-head">
        <span className={`badge drafts-badge-${entry.action}`}>{ACTION_WORDS[entry.action]}</span> <code>{entry.file}</code>
        {entry.name && <span> — {entry.name}</span>}
        {entry.remoteId && <span className="muted"> (server id {entry.remoteId})</span>}
      </div>
      <Changes entry={entry} />
      <Conflict entry={entry} />
      {entry.problems.length > 0 && (
        <ul className="plain-list field-error" aria-label={`Problems of ${entry.file}`}>
          {entry.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      {entry.notes.length > 0 && (
        <ul className="plain-list hint" aria-label={`Notes on ${entry.file}`}>
          {entry.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </li>
  );
}

const OUTCOME_WORDS = { done: 'done', failed: 'failed', skipped: 'skipped' } as const;

function ResultRows({ results }: { results: PublishResult[] }) {
  return (
    <>
      {results.map((r) => (
        <tr key={r.file} className={`drafts-outcome-${r.outcome}`}>
          <td>
            <code>{r.file}</code>
          </td>
          <td>{r.name ?? '—'}</td>
          <td>{r.action}</td>
          <td>{OUTCOME_WORDS[r.outcome]}</td>
          <td>{r.message ?? ''}</td>
        </tr>
      ))}
    </>
  );
}

/** The drafts the plan created or updated, then (folded) those it left alone as unchanged, in conflict or invalid. */
function PublishResults({ results }: { results: PublishResult[] }) {
  const applied = results.filter((r) => r.action === 'create' || r.action === 'update');
  const others = results.filter((r) => r.action !== 'create' && r.action !== 'update');
  const head = (
    <thead>
      <tr>
        <th scope="col">File</th>
        <th scope="col">Name</th>
        <th scope="col">Action</th>
        <th scope="col">Outcome</th>
        <th scope="col">Why</th>
      </tr>
    </thead>
  );
  return (
    <>
      <p className="plan-summary" role="status" aria-label="Publish summary">
        {publishSummaryLine(results)}
      </p>
      <table className="drafts-changes" aria-label="Publish results">
        {head}
        <tbody>
          <ResultRows results={applied} />
        </tbody>
      </table>
      {others.length > 0 && (
        <details>
          <summary>
            {others.length} draft{others.length === 1 ? '' : 's'} left alone (unchanged, in conflict or invalid)
          </summary>
          <table className="drafts-changes" aria-label="Drafts left alone">
            {head}
            <tbody>
              <ResultRows results={others} />
            </tbody>
          </table>
        </details>
      )}
    </>
  );
}

/** Plan then Publish: what would happen per draft, an explicit propagate choice, then exactly that plan applied once. */
export function PlanPanel() {
  const plan = useDraftsStore((s) => s.plan);
  const publish = useDraftsStore((s) => s.publish);
  const pull = useDraftsStore((s) => s.pull);
  const revision = useDraftsStore((s) => (s.list.status === 'ready' ? s.list.value.revision : null));
  const { cancel, setPropagate, startPublish, startPlan } = useDraftsStore.getState();
  const region = useRef<HTMLElement>(null);
  const planId = plan.result?.planId ?? null;
  useEffect(() => {
    // The plan lands below the list and the form: bring it into view when a new one arrives.
    if (planId) region.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [planId]);
  if (!plan.running && !plan.result && !plan.error) return null;
  const shown = plan.result;
  const blocker = publishBlocker({ plan, publish, pull });
  const sent = shown !== null && plan.published.includes(shown.planId);
  const needsPropagate = planNeedsPropagate(shown);
  // Unchanged drafts are folded away: the plan reads as what will happen.
  const active = shown ? shown.entries.filter((e) => e.action !== 'unchanged') : [];
  const unchanged = shown ? shown.entries.filter((e) => e.action === 'unchanged') : [];
  return (
    <section ref={region} className="drafts-panel" aria-label="Plan">
      <TaskProgress task={plan} label="Planning" onCancel={() => cancel('plan')} />
      {plan.error && <ErrorPanel error={plan.error} onRetry={plan.error.code === 'cancelled' ? undefined : () => void startPlan()} />}
      {shown && (
        <>
          <p className="plan-summary" role="status" aria-label="Plan summary">
            Plan: {planSummaryLine(shown.summary)}
          </p>
          {revision !== null && plan.revision !== null && revision !== plan.revision && !sent && (
            <p className="warn">Files changed since this plan: Publish skips any draft that differs from what was planned. Plan again to include the changes.</p>
          )}
          {shown.entries.length === 0 && <p className="empty">No drafts in the folder.</p>}
          {active.length > 0 && (
            <ul className="plain-list drafts-plan-entries" aria-label="Planned drafts">
              {active.map((e) => (
                <Entry key={e.file} entry={e} />
              ))}
            </ul>
          )}
          {unchanged.length > 0 && (
            <details>
              <summary>
                {unchanged.length} unchanged draft{unchanged.length === 1 ? '' : 's'}
              </summary>
              <ul className="plain-list drafts-plan-entries" aria-label="Unchanged drafts">
                {unchanged.map((e) => (
                  <Entry key={e.file} entry={e} />
                ))}
              </ul>
            </details>
          )}
          {needsPropagate && !sent && (
            <fieldset className="drafts-fieldset drafts-propagate">
              <legend>Sources already built from these templates</legend>
              <label>
                <input type="radio" name="drafts-propagate" checked={plan.propagate === true} disabled={publish.running} onChange={() => setPropagate(true)} />
                Also apply new defaults to sources already built from these templates (their own values still win)
              </label>
              <label>
                <input type="radio" name="drafts-propagate" checked={plan.propagate === false} disabled={publish.running} onChange={() => setPropagate(false)} />
                Leave those sources as they are (only new sources get the new defaults)
              </label>
            </fieldset>
          )}
          <div className="toolbar">
            <button type="button" className="primary" disabled={blocker !== null} aria-describedby="drafts-publish-why" onClick={() => void startPublish()}>
              Publish
            </button>
            <span id="drafts-publish-why" className="hint">
              {blocker ?? `Applies exactly this plan: ${shown.summary.create} to create, ${shown.summary.update} to update.`}
            </span>
          </div>
        </>
      )}
      <TaskProgress task={publish} label="Publishing" onCancel={() => cancel('publish')} />
      {publish.error && <ErrorPanel error={publish.error} />}
      {publish.result && <PublishResults results={publish.result} />}
    </section>
  );
}
