import { useEffect } from 'react';
import { useAppStore, useInspectorStore } from '../state/store';

export function StatusBar() {
  const report = useAppStore((s) => s.report);
  const loadReport = useAppStore((s) => s.loadReport);
  const inspector = useInspectorStore();
  const presenter = useAppStore((s) => s.presenter);
  const togglePresenter = useAppStore((s) => s.togglePresenter);
  const presenterButton = (
    <button
      type="button"
      className={`link${presenter ? ' presenter-on' : ''}`}
      aria-pressed={presenter}
      aria-keyshortcuts="Control+Shift+P Meta+Shift+P"
      title="Hide tokens, client ids, organization ids and secret tails (Ctrl/Cmd+Shift+P)"
      onClick={() => togglePresenter()}
    >
      Presenter mode
    </button>
  );
  useEffect(() => {
    if (report.status === 'idle') void loadReport();
  }, [report.status, loadReport]);

  if (report.status !== 'ready') {
    return (
      <footer className="status-bar" aria-label="Status bar">
        <span>{report.status === 'error' ? 'The app did not answer' : 'Starting…'}</span>
        {presenterButton}
      </footer>
    );
  }
  const { shell, activeProfile, keychain } = report.value;
  return (
    <footer className="status-bar" aria-label="Status bar">
      <span aria-label="Shell">{shell === 'desktop' ? 'Desktop' : 'Browser shell'}</span>
      <span aria-label="Active profile">Profile: {activeProfile.name}</span>
      <span aria-label="Keychain" className={keychain.status === 'available' ? 'ok' : 'warn'}>
        Keychain: {keychain.status === 'available' ? 'available' : `unavailable (${keychain.reason.replaceAll('_', ' ')})`}
      </span>
      <button type="button" className="link" aria-pressed={inspector.open} onClick={inspector.toggle}>
        Requests
      </button>
      {presenterButton}
    </footer>
  );
}
