import { useEffect, useMemo, useRef, useState } from 'react';
import type { Result } from '../../../../preload/contract';
import { api } from '../../../ipc/client';
import { useDebounced } from '../../../ui/use-debounced';
import { checkQuartzLocally, formatRun } from './cron-preview';

type ServerCheck = { state: 'idle' } | { state: 'checking' } | { state: 'done'; isValid: boolean; description: string } | { state: 'offline' } | { state: 'failed'; message: string };
type Describe = (expression: string) => Promise<Result<{ isValid: boolean; description: string }>>;

export interface CronFieldProps {
  /** The Quartz expression; null or '' is "no schedule". */
  value: string | null;
  onChange(next: string | null): void;
  readOnly?: boolean;
  idPrefix: string;
  /** The server's check (tests give their own); default: the template channel. */
  describe?: Describe;
  /** "Now" for the next runs (tests pin it). */
  now?: () => Date;
}

const defaultDescribe: Describe = (expression) => api.templates.cronDescribe({ expression });

/**
 * A Quartz schedule: described and its next five runs computed here (works offline), and checked by
 * the server as well; when the two disagree on validity it says so.
 */
export function CronField({ value, onChange, readOnly = false, idPrefix, describe = defaultDescribe, now = () => new Date() }: CronFieldProps) {
  const text = value ?? '';
  const expression = text.trim();
  // The minute is enough for "now": the runs list does not flicker on each keystroke.
  const local = useMemo(() => (expression ? checkQuartzLocally(expression, now()) : null), [expression]); // eslint-disable-line react-hooks/exhaustive-deps
  const settled = useDebounced(expression, 400);
  const [server, setServer] = useState<ServerCheck>({ state: 'idle' });
  const generation = useRef(0);
  const describeRef = useRef(describe);
  describeRef.current = describe;

  useEffect(() => {
    const gen = ++generation.current;
    if (!settled || settled.length > 200) {
      setServer({ state: 'idle' });
      return;
    }
    setServer({ state: 'checking' });
    void describeRef.current(settled).then((result) => {
      if (gen !== generation.current) return; // an answer for an older text
      if (result.ok) setServer({ state: 'done', ...result.value });
      else if (result.error.code === 'network' || result.error.code === 'timeout') setServer({ state: 'offline' });
      else setServer({ state: 'failed', message: result.error.message });
    });
  }, [settled]);

  const serverCurrent = settled === expression;
  const disagree = local && server.state === 'done' && serverCurrent && local.valid !== server.isValid;
  const inputId = `${idPrefix}-cron`;
  const describedBy = `${idPrefix}-cron-local ${idPrefix}-cron-server`;

  return (
    <div className="cron-field" role="group" aria-label="Schedule">
      <label htmlFor={inputId}>Schedule (Quartz cron)</label>
      <input
        id={inputId}
        className="code-input"
        value={text}
        readOnly={readOnly}
        spellCheck={false}
        placeholder="0 0 12 * * ?   (empty: no schedule)"
        maxLength={200}
        aria-describedby={describedBy}
        aria-invalid={local && !local.valid ? true : undefined}
        onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)}
      />
      <p className="hint">Seconds, minutes, hours, day of month, month, day of week (1 = Sunday), optional year; ? in one of the two day fields.</p>
      <div id={`${idPrefix}-cron-local`} aria-live="polite" aria-label="Schedule check">
        {!local && <p className="muted">No schedule: syncs start only when someone starts them.</p>}
        {local && !local.valid && (
          <p className="field-problem" role="alert">
            Not a valid schedule: {local.problem}.
          </p>
        )}
        {local?.valid && (
          <>
            <p className="cron-description">
              <strong>{local.description}</strong> <span className="muted">(UTC)</span>
            </p>
            {local.nextRuns.length === 0 ? (
              <p className="warn">This schedule never runs again.</p>
            ) : (
              <ol className="next-runs" aria-label="Next runs">
                {local.nextRuns.map((run) => (
                  <li key={run.toISOString()}>
                    <time dateTime={run.toISOString()}>{formatRun(run)}</time>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </div>
      <p id={`${idPrefix}-cron-server`} className="cron-server" role="status" aria-label="Server check">
        {/* An answer about an older text is never shown as this one's. */}
        {expression && (!serverCurrent || server.state === 'checking') && 'Server: checking…'}
        {serverCurrent && server.state === 'done' && (server.isValid ? `Server: ${server.description}` : 'Server: not a valid schedule')}
        {serverCurrent && server.state === 'offline' && 'Server check unavailable offline'}
        {serverCurrent && server.state === 'failed' && `Server check failed: ${server.message}`}
      </p>
      {disagree && (
        <p className="warn" role="alert">
          {local.valid ? 'This app reads the schedule as valid but the server refuses it: the server decides, so a save will fail.' : 'The server accepts this schedule although this app cannot read it: the server decides.'}
        </p>
      )}
    </div>
  );
}
