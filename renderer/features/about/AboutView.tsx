import { lazy, Suspense, useEffect, useState } from 'react';
import type { AppReport, KeychainHealth } from '../../../preload/contract';

// Monaco is several megabytes: it loads when a view first needs it, not with the app.
const JsonViewer = lazy(() => import('../../editors/monaco/JsonViewer').then((m) => ({ default: m.JsonViewer })));
import { useAppStore } from '../../state/store';
import { presenterSafe } from '../widget/presenter';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { CopyIcon, RefreshIcon } from '../../ui/icons';

function KeychainLine({ health }: { health: KeychainHealth }) {
  if (health.status === 'available') return <>Available ({health.backend})</>;
  return (
    <>
      Unavailable: {health.message} <em>{health.remedy}</em>
    </>
  );
}

function Summary({ report }: { report: AppReport }) {
  return (
    <dl className="facts" aria-label="Summary">
      <dt>Version</dt>
      <dd>{report.version}</dd>
      <dt>Commit</dt>
      <dd>{report.commit}</dd>
      <dt>Shell</dt>
      <dd>{report.shell === 'desktop' ? 'Desktop (Electron)' : 'Browser shell (loopback server)'}</dd>
      <dt>Platform</dt>
      <dd>
        {report.platform.os} {report.platform.arch} ({report.platform.release})
      </dd>
      <dt>Keychain</dt>
      <dd>
        <KeychainLine health={report.keychain} />
      </dd>
      <dt>Active profile</dt>
      <dd>{report.activeProfile.name}</dd>
    </dl>
  );
}

export function AboutView() {
  const report = useAppStore((s) => s.report);
  const loadReport = useAppStore((s) => s.loadReport);
  const recheckKeychain = useAppStore((s) => s.recheckKeychain);
  const [copied, setCopied] = useState(false);
  // Presenter mode hides client ids, organization ids, secret tails and tokens in the report (JWTs always).
  const presenter = useAppStore((s) => s.presenter);

  useEffect(() => {
    if (report.status === 'idle') void loadReport();
  }, [report.status, loadReport]);

  const copy = async (value: AppReport) => {
    await navigator.clipboard.writeText(JSON.stringify(presenterSafe(value, presenter), null, 2));
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  };

  return (
    <section className="view about-view" aria-labelledby="about-title">
      <header className="view-header">
        <h1 id="about-title">About &amp; diagnostics</h1>
        <div className="toolbar" role="toolbar" aria-label="Diagnostics actions">
          <button type="button" onClick={() => void loadReport()}>
            <RefreshIcon />
            Refresh
          </button>
          <button type="button" onClick={() => void recheckKeychain()} disabled={report.status !== 'ready'}>
            Check keychain again
          </button>
          <button type="button" onClick={() => report.status === 'ready' && void copy(report.value)} disabled={report.status !== 'ready'}>
            <CopyIcon />
            {copied ? 'Copied' : 'Copy report'}
          </button>
        </div>
      </header>
      <p className="about-blurb">
        <strong>Embedded Console</strong> sets up Airbyte Embedded for your customers: workspaces in the US and EU, source catalogs and
        JMESPath, stream settings, source and connection templates, and a live widget preview. Credentials stay in the OS keychain; the
        built-in sandbox works offline.
      </p>
      {report.status === 'loading' && <p role="status">Loading diagnostics…</p>}
      {report.status === 'error' && <ErrorPanel error={report.error} onRetry={() => void loadReport()} />}
      {report.status === 'ready' && (
        <>
          <Summary report={report.value} />
          <h2 className="about-report-title">Diagnostics report</h2>
          <p className="hint">What Copy report copies, for a bug report: versions, platform, keychain, the active profile (no secrets) and the channels.</p>
          {/* The report takes the rest of the page (the viewer scrolls inside), not a fixed 420 px box. */}
          <div className="about-report">
            <Suspense fallback={<p role="status">Loading editor…</p>}>
              <JsonViewer label="Diagnostics report (JSON)" value={presenterSafe(report.value, presenter)} height="100%" />
            </Suspense>
          </div>
        </>
      )}
    </section>
  );
}
