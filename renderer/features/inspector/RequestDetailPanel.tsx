import { useState, type ReactNode } from 'react';
import type { RequestBody, RequestDetail } from '../../../preload/contract';
import { api } from '../../ipc/client';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useInspectorStore } from '../../state/store';
import { formatBytes, pathOf, prettyBody } from './request-format';
import { CloseIcon, CopyIcon } from '../../ui/icons';

/** One logged call in full: what was sent and what came back, redacted by main, hidden further in presenter mode. */
export function RequestDetailPanel({ show, onClose }: { show(text: string): string; onClose(): void }) {
  const { openId, detail, detailFull, openDetail } = useInspectorStore();
  if (openId === null) return null;
  const value: RequestDetail | null | undefined = detail.status === 'ready' ? detail.value : detail.status === 'loading' ? detail.previous : undefined;
  return (
    <section className="request-detail" role="region" aria-label="Request details">
      <header>
        <h3>{value ? `${value.entry.method} ${show(pathOf(value.entry.url))}` : 'Request'}</h3>
        <button type="button" onClick={onClose} aria-label="Close request details" title="Close (Escape)">
          <CloseIcon />
        </button>
      </header>
      {detail.status === 'loading' && !value && <p role="status">Loading the request…</p>}
      {detail.status === 'error' && <ErrorPanel error={detail.error} onRetry={() => void openDetail(openId)} />}
      {detail.status === 'ready' && value === null && <p className="empty">This call is no longer in the log.</p>}
      {value && <DetailBody detail={value} show={show} full={detailFull} loadingFull={detail.status === 'loading'} onShowAll={() => void openDetail(openId, true)} />}
    </section>
  );
}

function DetailBody({ detail, show, full, loadingFull, onShowAll }: { detail: RequestDetail; show(text: string): string; full: boolean; loadingFull: boolean; onShowAll(): void }) {
  const { entry } = detail;
  const [copied, setCopied] = useState<'done' | 'failed' | null>(null);
  const copyResponse = async () => {
    // The preview may be cut: the copy is always the whole (redacted) response.
    let body = detail.responseBody;
    if (body?.truncated) {
      const full = await api.requests.detail({ id: entry.id, full: true });
      if (full.ok && full.value?.responseBody) body = full.value.responseBody;
    }
    if (!body) return;
    try {
      await navigator.clipboard.writeText(show(prettyBody(body.text).text));
      setCopied('done');
    } catch {
      setCopied('failed');
    }
    setTimeout(() => setCopied(null), 1500);
  };
  return (
    <>
      <dl className="request-facts">
        <dt>Time</dt>
        <dd>{new Date(entry.startedAt).toLocaleString()}</dd>
        <dt>Method</dt>
        <dd>{entry.method}</dd>
        <dt>URL</dt>
        <dd className="mono">{show(entry.url)}</dd>
        <dt>Status</dt>
        <dd className={entry.status === null || entry.status >= 400 ? 'warn' : 'ok'}>{entry.status ?? 'failed (no answer)'}</dd>
        <dt>Duration</dt>
        <dd>{entry.durationMs} ms</dd>
        {entry.attempt > 1 && (
          <>
            <dt>Attempt</dt>
            <dd>{entry.attempt}</dd>
          </>
        )}
        {entry.error && (
          <>
            <dt>Error</dt>
            <dd>{show(entry.error)}</dd>
          </>
        )}
      </dl>
      {!detail.kept && <p className="hint">This call is older than the latest ones the log keeps in full: its headers and bodies are gone.</p>}
      {detail.kept && (
        <>
          <Headers label="Request headers" headers={detail.requestHeaders} show={show} />
          <Body label="Request body" body={detail.requestBody} show={show} full={full} loadingFull={loadingFull} onShowAll={onShowAll} />
          <Headers label="Response headers" headers={detail.responseHeaders} show={show} />
          <Body label="Response body" body={detail.responseBody} show={show} full={full} loadingFull={loadingFull} onShowAll={onShowAll}>
            {detail.responseBody && (
              <button type="button" onClick={() => void copyResponse()}>
                <CopyIcon /> {copied === 'done' ? 'Copied' : copied === 'failed' ? 'Copy failed' : 'Copy response'}
              </button>
            )}
          </Body>
        </>
      )}
    </>
  );
}

function Headers({ label, headers, show }: { label: string; headers: Array<[string, string]>; show(text: string): string }) {
  return (
    <section className="request-part">
      <h4>{label}</h4>
      {headers.length === 0 ? (
        <p className="hint">None.</p>
      ) : (
        <table aria-label={label} className="request-headers">
          <tbody>
            {headers.map(([name, value], i) => (
              <tr key={`${name}-${i}`}>
                <th scope="row">{name}</th>
                <td>{show(value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface BodyProps {
  label: string;
  body: RequestBody | null;
  show(text: string): string;
  /** The whole body was asked for: a body still cut is all the log kept of it. */
  full: boolean;
  loadingFull: boolean;
  onShowAll(): void;
  children?: ReactNode;
}

function Body({ label, body, show, full, loadingFull, onShowAll, children }: BodyProps) {
  const pretty = body ? prettyBody(body.text) : null;
  return (
    <section className="request-part">
      <h4>
        {label} {body && <span className="muted">({formatBytes(body.totalBytes)}{pretty?.json ? ', JSON' : ''})</span>} {children}
      </h4>
      {!body || !pretty ? (
        <p className="hint">No body.</p>
      ) : (
        <>
          <pre className="request-body" aria-label={label} tabIndex={0}>
            {show(pretty.text)}
          </pre>
          {body.truncated && (
            <p className="truncated" aria-label={`${label} is cut`}>
              Showing the first {formatBytes(new TextEncoder().encode(body.text).length)} of {formatBytes(body.totalBytes)}
              {full ? ': all the log keeps of a body this large.' : '.'}{' '}
              {!full && (
                <button type="button" onClick={onShowAll} disabled={loadingFull} aria-label={`Show all of the ${label.toLowerCase()}`}>
                  {loadingFull ? 'Loading…' : 'Show all'}
                </button>
              )}
            </p>
          )}
        </>
      )}
    </section>
  );
}
