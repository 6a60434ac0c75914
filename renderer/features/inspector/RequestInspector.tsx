import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore, useInspectorStore } from '../../state/store';
import { presenterText } from '../widget/presenter';
import { RequestDetailPanel } from './RequestDetailPanel';
import { coverageText, formatBytes, matchesStatus, pathOf, STATUS_FILTERS, type StatusFilter } from './request-format';
import './inspector.css';
import { CloseIcon, CopyIcon } from '../../ui/icons';

/**
 * Recent API calls of the active profile (redacted in main), newest first, with copy as curl.
 * A row opens (click or Enter) the call's detail beside the list; Escape closes it again, and a
 * second Escape closes the inspector.
 */
export function RequestInspector() {
  const { entries, refresh, clear, toggle, statusFilter, setStatusFilter, openId, openDetail, closeDetail } = useInspectorStore();
  const [copied, setCopied] = useState<number | null>(null);
  const tableRef = useRef<HTMLTableElement>(null);
  // Presenter mode: organization ids and client ids in paths and curl commands are hidden (JWTs always).
  const presenter = useAppStore((s) => s.presenter);
  const show = (text: string) => presenterText(text, presenter);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, [refresh]);
  const newestFirst = [...entries].reverse();
  const shown = newestFirst.filter((e) => matchesStatus(e, statusFilter));

  const close = () => {
    const id = openId;
    closeDetail();
    // Back to the row that was open, so the keyboard user is where they were.
    if (id !== null) requestAnimationFrame(() => tableRef.current?.querySelector<HTMLElement>(`tr[data-id="${id}"]`)?.focus());
  };
  // Escape closes the open call first, then the inspector itself (focus goes back to where it was, App.tsx).
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    if (openId !== null) close();
    else toggle();
  };
  const onRowKey = (event: KeyboardEvent<HTMLTableRowElement>, id: number) => {
    // Keys on the row's own button (Copy as curl) are the button's.
    if (event.target !== event.currentTarget) return;
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      void openDetail(id);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const row = event.currentTarget;
      (event.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling)?.closest<HTMLElement>('tr')?.focus();
    }
  };

  return (
    <section className={`inspector${openId !== null ? ' has-detail' : ''}`} aria-label="Request inspector" onKeyDown={onKeyDown}>
      <header>
        <h2>Requests</h2>
        <div role="radiogroup" aria-label="Filter by status" className="segmented">
          {STATUS_FILTERS.map((f) => (
            <label key={f.value}>
              <input type="radio" name="request-status-filter" checked={statusFilter === f.value} onChange={() => setStatusFilter(f.value as StatusFilter)} />
              {f.label}
            </label>
          ))}
        </div>
        <span className="muted" aria-label="Requests shown">
          {coverageText(entries, statusFilter === 'all' ? null : shown.length)}
        </span>
        <span className="spacer" />
        <button type="button" onClick={() => void clear()}>
          Clear
        </button>
        <button type="button" onClick={toggle} aria-label="Close request inspector">
          <CloseIcon />
        </button>
      </header>
      <div className="inspector-body">
        <div className="inspector-list">
          {newestFirst.length === 0 ? (
            <p className="empty">No API calls yet.</p>
          ) : shown.length === 0 ? (
            <p className="empty">No call matches this status.</p>
          ) : (
            <table aria-label="Recent API requests" ref={tableRef}>
              <thead>
                <tr>
                  <th scope="col">Method</th>
                  <th scope="col">Path</th>
                  <th scope="col">Status</th>
                  <th scope="col">Time</th>
                  <th scope="col">Size</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((e) => (
                  <tr
                    key={e.id}
                    data-id={e.id}
                    tabIndex={0}
                    className={e.id === openId ? 'open' : undefined}
                    aria-current={e.id === openId ? 'true' : undefined}
                    aria-label={`${e.method} ${show(pathOf(e.url))} ${e.status ?? 'failed'}`}
                    title={e.error ? show(e.error) : 'Open the request’s details (Enter)'}
                    onClick={(event) => {
                      if ((event.target as HTMLElement).closest('button')) return;
                      void openDetail(e.id);
                    }}
                    onKeyDown={(event) => onRowKey(event, e.id)}
                  >
                    <td>{e.method}</td>
                    {/* Cut from the start ("…/sources/abc/discover"): the ends of paths are what tell rows apart. */}
                    <td className="path" title={show(e.url)}>
                      <span>{show(pathOf(e.url))}</span>
                    </td>
                    <td className={e.status === null || e.status >= 400 ? 'warn' : 'ok'}>{e.status ?? 'failed'}</td>
                    <td>{e.durationMs} ms</td>
                    <td title={`${e.sizeBytes.toLocaleString()} bytes`}>{formatBytes(e.sizeBytes)}</td>
                    <td>
                      <button
                        type="button"
                        aria-label={`Copy ${e.method} ${show(pathOf(e.url))} as curl`}
                        data-curl={show(e.curl)}
                        onClick={() => void navigator.clipboard.writeText(show(e.curl)).then(() => setCopied(e.id))}
                      >
                        <CopyIcon /> {copied === e.id ? 'Copied' : 'Copy as curl'}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
        {openId !== null && <RequestDetailPanel show={show} onClose={close} />}
      </div>
    </section>
  );
}
