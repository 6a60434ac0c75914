import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AppErrorShape, ConnectionState, KeychainHealth } from '../../../preload/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { notify } from '../../ui/toast-store';
import { useAppStore, useProfilesStore } from '../../state/store';
import './profiles.css';

const WHY_UNAVAILABLE: Record<Extract<KeychainHealth, { status: 'unavailable' }>['reason'], string> = {
  module_missing: 'its module could not be loaded',
  no_dbus_session: 'no D-Bus session is running',
  no_secret_service: 'no Secret Service is running',
  locked: 'it is locked',
  timeout: 'it did not answer',
  unknown: 'it refused a test write',
};

/** The one sentence under a pre-ticked "session only": why it is ticked, and what it means. */
export function sessionOnlyReason(health: KeychainHealth | null): string | null {
  if (!health || health.status === 'available') return null;
  return `Ticked because the OS keychain is unavailable (${WHY_UNAVAILABLE[health.reason]}): the credentials last until the app closes.`;
}

/**
 * “Credentials saved for “X” for this session only, and the connection works.” — or, when the API
 * then refused them, says that in the same sentence (the sidebar's state turns "Credentials rejected").
 */
export function savedSentence(profileName: string, sessionOnly: boolean, test: { ok: boolean; state: ConnectionState }): string {
  const saved = `Credentials saved for “${profileName}”${sessionOnly ? ' for this session only' : ''}`;
  if (test.ok) return `${saved}, and the connection works.`;
  if (test.state === 'rejected') return `${saved}, but the API rejected them: check the client id and secret.`;
  if (test.state === 'unreachable') return `${saved}, but the API could not be reached to check them.`;
  return `${saved}, but the connection test failed: see the profile's state.`;
}

/** Client id and secret go straight to main (and on to the keychain); this form never keeps them. */
export function CredentialsDialog({ profileId, profileName, note, onClose }: { profileId: string; profileName: string; /** What the step before said (a profile just created). */ note?: string | null; onClose(): void }) {
  const setCredentials = useProfilesStore((s) => s.setCredentials);
  // Presenter mode: the client id is typed masked, like the secret, so a shared screen never shows it.
  const presenter = useAppStore((s) => s.presenter);
  // The last known keychain health: a report being reloaded (after a profile switch) still counts.
  const keychain = useAppStore((s) => (s.report.status === 'ready' ? s.report.value.keychain : s.report.status === 'loading' ? (s.report.previous?.keychain ?? null) : null));
  const [reason, setReason] = useState(() => sessionOnlyReason(keychain));
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [sessionOnly, setSessionOnly] = useState(reason !== null);
  // A report that arrives after the dialog opened may still tick the box, until the user has chosen.
  const chosen = useRef(false);
  useEffect(() => {
    const why = sessionOnlyReason(keychain);
    if (chosen.current || !why) return;
    setReason(why);
    setSessionOnly(true);
  }, [keychain]);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const outcome = await setCredentials(profileId, clientId, clientSecret, sessionOnly);
    setBusy(false);
    const failure = outcome.ok ? null : outcome.error;
    if (outcome.ok) {
      // One toast that tells the truth: saved, and what the API then said of them.
      notify(savedSentence(profileName, sessionOnly, outcome.test), { tone: outcome.test.ok ? 'success' : 'warning' });
      onClose();
    } else if (failure?.code === 'keychain_unavailable') {
      // The keychain went away since the app last looked: offer the session, once, in one sentence.
      chosen.current = true;
      setSessionOnly(true);
      setReason(null);
      setError({ ...failure, message: 'The OS keychain cannot store credentials right now, so “Keep for this session only” is now ticked: press Save to keep them until the app closes.', details: {} });
      void useAppStore.getState().recheckKeychain();
    } else setError(failure);
  };
  return (
    <Dialog title={`Credentials for ${profileName}`} onClose={onClose}>
      {note && (
        <p className="profile-note" role="status" aria-label="Profile created">
          {note}
        </p>
      )}
      <form aria-label="Credentials" onSubmit={(e) => void submit(e)}>
        <label>
          Client ID
          <input type={presenter ? 'password' : 'text'} value={clientId} onChange={(e) => setClientId(e.target.value)} autoComplete="off" autoFocus />
        </label>
        <label>
          Client secret
          <input type="password" value={clientSecret} onChange={(e) => setClientSecret(e.target.value)} autoComplete="off" />
        </label>
        <label className="inline">
          <input type="checkbox" checked={sessionOnly} onChange={(e) => {
              chosen.current = true;
              setSessionOnly(e.target.checked);
            }} aria-describedby={reason ? 'session-only-reason' : undefined} /> Keep for this session only (not in the keychain)
        </label>
        {reason && sessionOnly && (
          <p id="session-only-reason" className="field-hint">
            {reason}
          </p>
        )}
        {error && <ErrorPanel error={error} profileFixes={false} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || !clientId.trim() || !clientSecret}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
