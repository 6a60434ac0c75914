import { useEffect } from 'react';
import type { KeychainHealth } from '../../preload/contract';
import { summarizeConnection } from '../features/profiles/connection-state';
import { useAppStore, useInspectorStore, useProfilesStore } from '../state/store';

/** Why the keychain is unavailable, in words (the reason codes are the code's). */
const KEYCHAIN_WHY: Record<Extract<KeychainHealth, { status: 'unavailable' }>['reason'], string> = {
  module_missing: 'its module is missing',
  no_dbus_session: 'no D-Bus session',
  no_secret_service: 'no Secret Service',
  locked: 'locked',
  timeout: 'not answering',
  unknown: 'refused a test write',
};

/** The active profile's connection state in a word or two; the sidebar has the details and fixes. */
function ConnectionStatus() {
  const profiles = useProfilesStore((s) => s.list);
  const connection = useProfilesStore((s) => s.connection);
  if (profiles.status !== 'ready') return null;
  const active = profiles.value.profiles.find((p) => p.id === profiles.value.activeProfileId);
  const check = active ? connection[active.id] : undefined;
  if (!active || !check) return null;
  if (check.phase === 'testing') return <span aria-label="API status">Checking…</span>;
  const summary = summarizeConnection(check.result.state, active.builtIn);
  return (
    <span aria-label="API status" className={summary.tone === 'ok' ? 'ok' : 'warn'} title={check.result.message}>
      {summary.short}
    </span>
  );
}

export function StatusBar({ onShowShortcuts }: { onShowShortcuts?: () => void }) {
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
  const shortcutsButton = onShowShortcuts && (
    <button type="button" className="link" aria-keyshortcuts="Shift+?" title="Keyboard shortcuts (?)" onClick={onShowShortcuts}>
      Keyboard shortcuts
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
        {shortcutsButton}
      </footer>
    );
  }
  const { shell, activeProfile, keychain } = report.value;
  return (
    <footer className="status-bar" aria-label="Status bar">
      <span aria-label="Shell">{shell === 'desktop' ? 'Desktop' : 'Browser shell'}</span>
      <span aria-label="Active profile">Profile: {activeProfile.name}</span>
      <span aria-label="Keychain" className={keychain.status === 'available' ? 'ok' : 'warn'}>
        Keychain: {keychain.status === 'available' ? 'available' : `unavailable (${KEYCHAIN_WHY[keychain.reason]})`}
      </span>
      <ConnectionStatus />
      <button type="button" className="link" aria-pressed={inspector.open} aria-keyshortcuts="Control+Shift+R Meta+Shift+R" title="Requests (Ctrl/Cmd+Shift+R)" onClick={inspector.toggle}>
        Requests
      </button>
      {presenterButton}
      {shortcutsButton}
    </footer>
  );
}
