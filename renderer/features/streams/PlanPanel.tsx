import { useEffect, useRef, useState } from 'react';
import type { PlanEntry } from '../../../lib/stream-config';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useVirtualRows } from '../../ui/virtual';
import { useStreamsStore } from '../../state/store';
import type { ChangeChoice } from './streams-store';

const numbers = new Intl.NumberFormat('en-US');
const ROW = 44;

const VERDICT = { change: 'will change', unchanged: 'unchanged', invalid: 'invalid' } as const;

function PlanEntries({ entries }: { entries: readonly PlanEntry[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const rows = useVirtualRows({ count: entries.length, rowHeight: ROW, overscan: 6, getItemKey: (i) => entries[i]!.streamName, scrollRef: ref, activeIndex: Math.min(active, entries.length - 1), onActiveChange: setActive });
  const current = entries[active];
  return (
    <div
      ref={ref}
      className="plan-entries"
      role="listbox"
      aria-label="Planned requests"
      tabIndex={0}
      onKeyDown={rows.onKeyDown}
      aria-activedescendant={current ? `plan-${encodeURIComponent(current.streamName)}` : undefined}
    >
      <div style={{ height: rows.totalSize, position: 'relative' }}>
        {rows.items.map(({ index, start }) => {
          const e = entries[index]!;
          const request = e.request ? (e.request.kind === 'add' ? 'POST add' : e.request.kind === 'remove' ? 'DELETE' : `PATCH ${e.request.patch.length} op${e.request.patch.length === 1 ? '' : 's'}`) : '—';
          return (
            <div
              key={e.streamName}
              id={`plan-${encodeURIComponent(e.streamName)}`}
              role="option"
              aria-selected={index === active}
              className={`plan-entry verdict-${e.verdict}${index === active ? ' active' : ''}`}
              style={{ position: 'absolute', left: 0, right: 0, top: start, height: ROW }}
              onClick={() => setActive(index)}
              title={e.request ? JSON.stringify(e.request.kind === 'patch' ? e.request.patch : e.request.kind === 'add' ? e.request.settings : {}) : (e.reason ?? '')}
            >
              <span className="plan-name">{e.streamName}</span>
              <span className={`badge verdict ${e.verdict}`}>{e.verdict === 'invalid' ? `invalid: ${e.reason ?? ''}` : VERDICT[e.verdict]}</span>
              <span className="plan-request">{request}</span>
              <span className="plan-effect muted">
                {e.verdict === 'invalid' ? '' : e.effect}
                {e.verdict !== 'invalid' && e.reason && !e.effect.includes(`(${e.reason})`) ? ` (${e.reason})` : ''}
                {e.warnings.length > 0 ? ` ⚠ ${e.warnings.map((w) => w.message).join('; ')}` : ''}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}

function changeValue(change: ChangeChoice): string {
  return change.kind;
}

/** "Plan": choose streams (a JMESPath query evaluated in the worker, or the list's selection) and a change; review the plan; apply it as a run. */
export function PlanPanel() {
  const plan = useStreamsStore((s) => s.plan);
  const selectionSize = useStreamsStore((s) => s.selection.size);
  const catalogAt = useStreamsStore((s) => s.catalog?.discoveredAt ?? null);
  const running = useStreamsStore((s) => s.run !== null && (s.run.summary.state === 'running' || s.run.summary.state === 'paused'));
  const { setPlanInput, computePlan, cancelPlan, applyPlan, openPlan } = useStreamsStore.getState();
  // The panel sits below the list: opened (Plan, Plan for these streams, Revert) it is brought into view.
  const panel = useRef<HTMLElement>(null);
  const revertOf = plan.change.kind === 'revert' ? plan.change.runId : null;
  useEffect(() => {
    if (plan.open) panel.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [plan.open, revertOf]);
  if (!plan.open) return null;
  const busy = plan.phase === 'selecting' || plan.phase === 'reading' || plan.phase === 'computing';
  const change = plan.change;
  const toChange = plan.plan?.summary.change ?? 0;
  return (
    <section ref={panel} className="plan-panel" aria-labelledby="plan-title">
      <div className="plan-head">
        <h2 id="plan-title">Plan</h2>
        <button type="button" onClick={() => openPlan(false)} aria-label="Close plan">Close</button>
      </div>
      {change.kind === 'revert' ? (
        <p>
          Restores the settings recorded before run <code>{change.runId}</code> on {numbers.format(change.previous.size)} stream{change.previous.size === 1 ? '' : 's'} (streams it added are removed).{' '}
          <button type="button" className="link" onClick={() => setPlanInput({ change: { kind: 'incremental_defaults' }, label: '' })}>Plan something else</button>
        </p>
      ) : (
        <div className="plan-inputs">
          <fieldset className="segmented-field">
            <legend>Streams</legend>
            <label>
              <input type="radio" name="plan-by" checked={plan.by === 'selection'} onChange={() => setPlanInput({ by: 'selection' })} /> Selected in the list ({numbers.format(selectionSize)})
            </label>
            <label>
              <input type="radio" name="plan-by" checked={plan.by === 'query'} onChange={() => setPlanInput({ by: 'query' })} /> By JMESPath query
            </label>
            {plan.by === 'query' && (
              <input className="plan-query" type="text" aria-label="Selection query" value={plan.query} onChange={(e) => setPlanInput({ query: e.target.value })} spellCheck={false} />
            )}
          </fieldset>
          <fieldset>
            <legend>Change</legend>
            <label>
              Change
              <select
                aria-label="Change"
                value={changeValue(change)}
                onChange={(e) => {
                  const kind = e.target.value;
                  setPlanInput({ change: kind === 'set' ? { kind: 'set', syncMode: '', destinationSyncMode: '' } : kind === 'remove' ? { kind: 'remove' } : { kind: 'incremental_defaults' }, label: '' });
                }}
              >
                <option value="incremental_defaults">Every incremental-capable stream → incremental + append_dedup (default cursor, source key)</option>
                <option value="set">Set sync / destination mode</option>
                <option value="remove">Remove the streams (syncing stops; data is kept)</option>
              </select>
            </label>
            {change.kind === 'set' && (
              <>
                <label>
                  Sync mode
                  <select aria-label="Plan sync mode" value={change.syncMode} onChange={(e) => setPlanInput({ change: { ...change, syncMode: e.target.value as typeof change.syncMode } })}>
                    <option value="">(keep)</option>
                    <option value="full_refresh">full_refresh</option>
                    <option value="incremental">incremental</option>
                  </select>
                </label>
                <label>
                  Destination sync mode
                  <select aria-label="Plan destination sync mode" value={change.destinationSyncMode} onChange={(e) => setPlanInput({ change: { ...change, destinationSyncMode: e.target.value as typeof change.destinationSyncMode } })}>
                    <option value="">(keep)</option>
                    <option value="append">append</option>
                    <option value="overwrite">overwrite</option>
                    <option value="append_dedup">append_dedup</option>
                  </select>
                </label>
              </>
            )}
          </fieldset>
        </div>
      )}
      <div className="toolbar" role="toolbar" aria-label="Plan actions">
        <button type="button" className={plan.plan ? '' : 'primary'} onClick={() => void computePlan()} disabled={busy}>
          {plan.plan ? 'Recompute plan' : 'Compute plan'}
        </button>
        {busy && (
          <>
            <span role="status" className="progress" aria-label="Plan progress">
              <span className="spinner" aria-hidden="true" />
              {plan.phase === 'selecting' && 'Choosing the streams…'}
              {plan.phase === 'reading' && plan.progress && `Reading configurations… ${numbers.format(plan.progress.done)} of ${numbers.format(plan.progress.total)}`}
              {plan.phase === 'computing' && 'Computing the plan…'}
            </span>
            <button type="button" onClick={cancelPlan}>Cancel</button>
          </>
        )}
      </div>
      {plan.phase === 'error' && plan.error && <p className="error-panel" role="alert">{plan.error}</p>}
      {plan.plan && (
        <>
          <p className="plan-summary" role="status" aria-label="Plan summary">
            {numbers.format(plan.plan.summary.change)} to change, {numbers.format(plan.plan.summary.unchanged)} unchanged, {numbers.format(plan.plan.summary.invalid)} invalid
            {plan.ms !== null && <span className="muted"> · computed in {Math.round(plan.ms)} ms on the catalog of {new Date(plan.discoveredAt ?? '').toLocaleString()}</span>}
          </p>
          {catalogAt !== null && plan.discoveredAt !== catalogAt && (
            <p className="warn" role="alert">
              The catalog was rediscovered after this plan was computed: the server-side check will refuse it. Recompute the plan on the new catalog.
            </p>
          )}
          <PlanEntries entries={plan.plan.entries} />
          <p className="hint">
            Not atomic across streams: each stream is its own request (≤ 6 in flight); if some fail, the others stay applied. The report says exactly which streams changed, and Revert
            can undo them.
          </p>
          <div className="toolbar" role="toolbar" aria-label="Apply actions">
            <label>
              Run label
              <input type="text" value={plan.label} maxLength={200} onChange={(e) => setPlanInput({ label: e.target.value })} />
            </label>
            <button type="button" className="primary" disabled={toChange === 0 || running || plan.appliedAs !== undefined} onClick={() => void applyPlan()}>
              Apply plan
            </button>
            <span className="muted">
              {plan.appliedAs !== undefined
                ? 'This plan was sent (see the run below). Recompute it to plan again on the settings as they are now.'
                : toChange === 0
                  ? 'Nothing to send.'
                  : `Sends exactly the ${numbers.format(toChange)} planned request${toChange === 1 ? '' : 's'}.`}
            </span>
          </div>
          {plan.refusal && (
            <div className="refusal">
              <ErrorPanel error={plan.refusal} />
              <button type="button" onClick={() => void computePlan()}>Recompute plan</button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
