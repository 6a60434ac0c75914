import { useState, type FormEvent } from 'react';
import type { AppErrorShape } from '../../../preload/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useAppStore, useProfilesStore } from '../../state/store';

/** Client id and secret go straight to main (and on to the keychain); this form never keeps them. */
export function CredentialsDialog({ profileId, profileName, onClose }: { profileId: string; profileName: string; onClose(): void }) {
  const setCredentials = useProfilesStore((s) => s.setCredentials);
  // Presenter mode: the client id is typed masked, like the secret, so a shared screen never shows it.
  const presenter = useAppStore((s) => s.presenter);
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [sessionOnly, setSessionOnly] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const failure = await setCredentials(profileId, clientId, clientSecret, sessionOnly);
    setBusy(false);
    if (failure) setError(failure);
    else onClose();
  };
  return (
    <Dialog title={`Credentials for ${profileName}`} onClose={onClose}>
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
          <input type="checkbox" checked={sessionOnly} onChange={(e) => setSessionOnly(e.target.checked)} /> Keep for this session only (not in the keychain)
        </label>
        {error && <ErrorPanel error={error} />}
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

export function NewProfileDialog({ onClose }: { onClose(): void }) {
  const create = useProfilesStore((s) => s.create);
  const [name, setName] = useState('');
  const [baseUrl, setBaseUrl] = useState('https://api.airbyte.ai');
  const [defaultRegion, setRegion] = useState<'US' | 'EU'>('US');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const failure = await create({ name, baseUrl, defaultRegion });
    if (failure) setError(failure);
    else onClose();
  };
  return (
    <Dialog title="New profile" onClose={onClose}>
      <form aria-label="New profile" onSubmit={(e) => void submit(e)}>
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <label>
          API base URL
          <input value={baseUrl} onChange={(e) => setBaseUrl(e.target.value)} />
        </label>
        <label>
          Default region
          <select value={defaultRegion} onChange={(e) => setRegion(e.target.value as 'US' | 'EU')}>
            <option value="US">US</option>
            <option value="EU">EU</option>
          </select>
        </label>
        {error && <ErrorPanel error={error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!name.trim()}>
            Create profile
          </button>
        </div>
      </form>
    </Dialog>
  );
}
