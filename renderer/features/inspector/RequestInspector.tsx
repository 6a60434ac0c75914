import { useEffect, useState } from 'react';
import { useAppStore, useInspectorStore } from '../../state/store';
import { presenterText } from '../widget/presenter';

const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

/** Recent API calls of the active profile (redacted in main), newest first, with copy as curl. */
export function RequestInspector() {
  const { entries, refresh, clear, toggle } = useInspectorStore();
  const [copied, setCopied] = useState<number | null>(null);
  // Presenter mode: organization ids and client ids in paths and curl commands are hidden (JWTs always).
  const presenter = useAppStore((s) => s.presenter);
  const show = (text: string) => presenterText(text, presenter);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), 1000);
    return () => clearInterval(timer);
  }, [refresh]);
  const newestFirst = [...entries].reverse();
  return (
    <section className="inspector" aria-label="Request inspector">
      <header>
        <h2>Requests</h2>
        <button type="button" onClick={() => void clear()}>
          Clear
        </button>
        <button type="button" onClick={toggle} aria-label="Close request inspector">
          ✕
        </button>
      </header>
      {newestFirst.length === 0 ? (
        <p className="empty">No API calls yet.</p>
      ) : (
        <table aria-label="Recent API requests">
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
            {newestFirst.map((e) => (
              <tr key={e.id} title={e.error ? show(e.error) : undefined}>
                <td>{e.method}</td>
                <td className="path">{show(pathOf(e.url))}</td>
                <td className={e.status === null || e.status >= 400 ? 'warn' : 'ok'}>{e.status ?? 'failed'}</td>
                <td>{e.durationMs} ms</td>
                <td>{e.sizeBytes.toLocaleString()} B</td>
                <td>
                  <button
                    type="button"
                    aria-label={`Copy ${e.method} ${show(pathOf(e.url))} as curl`}
                    data-curl={show(e.curl)}
                    onClick={() => void navigator.clipboard.writeText(show(e.curl)).then(() => setCopied(e.id))}
                  >
                    {copied === e.id ? 'Copied' : 'Copy as curl'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
