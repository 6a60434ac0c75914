import { useEffect, useState } from 'react';
import type { WidgetEvent, WidgetPreview } from '../../../preload/contract';
import { useAppStore, useWidgetStore } from '../../state/store';
import { downloadFile } from '../../ui/download';
import { presenterSafe } from './presenter';
import { WidgetSetup } from './WidgetSetup';
import { eventMatches, eventsExport, formatCountdown, secondsLeft } from './widget-store';
import { CopyIcon, ExportIcon, RefreshIcon } from '../../ui/icons';

/** Expiry with a live countdown on main's clock. */
function Countdown({ preview, offsetMs }: { preview: WidgetPreview; offsetMs: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!preview.token.expiresAt) return <>no expiry in the token</>;
  const left = secondsLeft(preview, offsetMs, now) ?? 0;
  const expired = preview.state === 'expired' || left === 0;
  return (
    <>
      {new Date(preview.token.expiresAt).toLocaleTimeString()}{' '}
      <span aria-label="Expires in" className={expired ? 'warn' : undefined}>
        {expired ? '(expired)' : `(in ${formatCountdown(left)})`}
      </span>
    </>
  );
}

function refreshLine(preview: WidgetPreview): string {
  const r = preview.refresh;
  const base =
    r.state === 'scheduled' && r.nextAt
      ? `next at ${new Date(r.nextAt).toLocaleTimeString()}`
      : r.state === 'refreshing'
        ? 'refreshing now…'
        : r.state === 'failed'
          ? `failed: ${r.lastError ?? 'unknown error'} (retrying)`
          : 'none scheduled';
  return `${base} · ${r.count} refresh${r.count === 1 ? '' : 'es'} so far${r.lastAt ? `, last ${new Date(r.lastAt).toLocaleTimeString()}` : ''}`;
}

/** What the mint answered: the decoded facts, never a token. */
function PreviewFacts({ preview }: { preview: WidgetPreview }) {
  const offsetMs = useWidgetStore((s) => s.clockOffsetMs);
  const busy = useWidgetStore((s) => s.busy);
  const notice = useWidgetStore((s) => s.notice);
  const { copyToken, refresh, expireNow, closePreview } = useWidgetStore.getState();
  // Only the desktop app can copy: main writes the clipboard, so the token never reaches this page.
  const browserShell = useAppStore((s) => s.report.status === 'ready' && s.report.value.shell === 'browser');
  const f = preview.filters;
  const filterLine = (tags: string[], mode: string) => (tags.length ? `${tags.join(', ')} (${mode})` : 'none');
  return (
    <section className="widget-facts" aria-label="Minted widget token">
      <dl className="facts">
        <dt>Workspace</dt>
        <dd className="widget-workspace-name">
          {preview.workspace.name} <span className="muted">({preview.workspace.region}{preview.workspace.created ? ', created by this mint' : ''})</span>
        </dd>
        <dt>Allowed origin</dt>
        <dd>
          <code>{preview.allowedOrigin}</code>
          {!preview.originMatchesPreviewHost && <span className="warn"> — not the preview host’s origin: the widget’s events cannot reach the preview.</span>}
        </dd>
        <dt>Widget URL</dt>
        <dd>
          <code className="break">{preview.widgetUrl}</code>
        </dd>
        <dt>Expires</dt>
        <dd>
          <Countdown preview={preview} offsetMs={offsetMs} />
        </dd>
        <dt>Token refresh</dt>
        <dd aria-label="Token refresh">{refreshLine(preview)}</dd>
        <dt>Filters</dt>
        <dd>
          Sources: {filterLine(f.sourceTemplateTags, f.sourceTemplateTagsMode)} · Connections: {filterLine(f.connectionTemplateTags, f.connectionTemplateTagsMode)}
        </dd>
        <dt>Widget</dt>
        <dd aria-label="Widget reachability" className={preview.reachability.state === 'unreachable' ? 'warn' : undefined}>
          {preview.reachability.state === 'checking' ? 'checking…' : preview.reachability.state === 'reachable' ? 'reachable' : `cannot load: ${preview.reachability.message ?? 'unreachable'}`}
        </dd>
      </dl>
      {[...preview.originNotices, ...preview.originWarnings].map((line) => (
        <p key={line} className="muted">
          {line}
        </p>
      ))}
      <div className="toolbar" role="toolbar" aria-label="Widget token actions">
        <button
          type="button"
          disabled={busy !== null || browserShell}
          title={browserShell ? 'In the browser shell the token stays in the console’s main process: copy it from the desktop app.' : undefined}
          onClick={() => void copyToken()}
        >
          <CopyIcon /> Copy token
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void refresh()}>
          <RefreshIcon /> {busy === 'refresh' ? 'Refreshing…' : 'Refresh token'}
        </button>
        {preview.sandbox && (
          <button type="button" disabled={busy !== null} onClick={() => void expireNow()}>
            Expire now
          </button>
        )}
        <a className="button" href={preview.previewUrl} target="_blank" rel="noopener noreferrer">
          Open in browser
        </a>
        <button type="button" disabled={busy !== null} onClick={() => void closePreview()}>
          Close preview
        </button>
      </div>
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} aria-label="Widget notice" className={notice.kind === 'error' ? 'warn' : 'ok'}>
          {notice.text}
        </p>
      )}
    </section>
  );
}

const DIRECTION: Record<WidgetEvent['direction'], string> = { in: 'in ←', out: 'out →', host: 'host', ignored: 'ignored' };

function EventLog() {
  const events = useWidgetStore((s) => s.events);
  const filter = useWidgetStore((s) => s.eventFilter);
  const dropped = useWidgetStore((s) => s.dropped);
  const preview = useWidgetStore((s) => s.preview);
  const presenter = useAppStore((s) => s.presenter);
  const { setEventFilter, clearEvents } = useWidgetStore.getState();
  const shown = events.filter((e) => eventMatches(e, filter)).reverse();
  return (
    <section className="widget-events" aria-labelledby="widget-events-title">
      <header className="toolbar filters">
        <h2 id="widget-events-title">Events</h2>
        <input type="search" aria-label="Filter events" placeholder="Filter events…" value={filter} onChange={(e) => setEventFilter(e.target.value)} />
        <span className="muted" aria-label="Event count">
          {shown.length === events.length ? `${events.length}` : `${shown.length} of ${events.length}`}
          {dropped > 0 ? ` (${dropped} older dropped)` : ''}
        </span>
        <button type="button" aria-label="Clear events" disabled={events.length === 0} onClick={() => void clearEvents()}>
          Clear
        </button>
        <button type="button" aria-label="Export events as JSON" disabled={events.length === 0} onClick={() => downloadFile(eventsExport(preview, presenterSafe(events, presenter)))}>
          <ExportIcon /> Export JSON
        </button>
      </header>
      {events.length === 0 ? (
        <p className="empty">No messages yet. The widget asks for its token first (auth_token_request).</p>
      ) : (
        <div className="widget-events-scroll">
          <table aria-label="Widget events">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Direction</th>
                <th scope="col">Type</th>
                <th scope="col">Payload (redacted)</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr key={e.seq} className={`dir-${e.direction}`}>
                  <td>{new Date(e.at).toLocaleTimeString(undefined, { hour12: false })}</td>
                  <td>{DIRECTION[e.direction]}</td>
                  <td>
                    <code>{e.type}</code>
                  </td>
                  <td>
                    {e.note && <p className="note">{e.note}</p>}
                    {e.payload !== null && e.payload !== undefined && <pre>{JSON.stringify(presenterSafe(e.payload, presenter), null, 1)}</pre>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function WidgetView() {
  const report = useAppStore((s) => s.report);
  const preview = useWidgetStore((s) => s.preview);
  const { loadTemplates, restore, reset, pollEvents, pollStatus } = useWidgetStore.getState();
  const profileId = report.status === 'ready' ? report.value.activeProfile.id : null;

  useEffect(() => {
    if (!profileId) return;
    const current = useWidgetStore.getState().preview;
    if (current && current.profileId !== profileId) reset();
    void loadTemplates();
    void restore(profileId);
  }, [profileId, loadTemplates, restore, reset]);

  const previewId = preview?.previewId ?? null;
  useEffect(() => {
    if (!previewId) return;
    const events = setInterval(() => void pollEvents(), 1000);
    const status = setInterval(() => void pollStatus(), 2000);
    return () => {
      clearInterval(events);
      clearInterval(status);
    };
  }, [previewId, pollEvents, pollStatus]);

  return (
    <section className="view widget-view" aria-labelledby="widget-title">
      <header className="view-header">
        <h1 id="widget-title">Widget preview</h1>
      </header>
      <div className="widget-layout">
        <WidgetSetup />
        {preview ? (
          <PreviewFacts preview={preview} />
        ) : (
          // The right column is where the minted token's facts and actions appear: say so, rather than leave it blank.
          <section className="widget-facts widget-facts-empty" aria-label="Widget token facts">
            <p className="muted">No widget token yet. Choose a workspace, the tags its templates must carry and the allowed origin, then mint: the token’s facts appear here and the live widget below.</p>
          </section>
        )}
      </div>
      {preview && (
        <div className="widget-frame">
          {/* The preview host page (its own loopback origin) frames the widget; its src stays put across token refreshes. */}
          <iframe title="Widget preview" src={preview.previewUrl} sandbox="allow-scripts allow-same-origin allow-forms" allow="" referrerPolicy="no-referrer" />
        </div>
      )}
      {preview && <EventLog />}
    </section>
  );
}
