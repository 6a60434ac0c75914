import { useState, type FormEvent } from 'react';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useDraftsStore } from './use-drafts-store';

/** Secret values kept in the keychain for the active profile, referenced from drafts by name; only names are ever shown. */
export function SecretsPanel() {
  const secrets = useDraftsStore((s) => s.secrets);
  const error = useDraftsStore((s) => s.secretError);
  const { keepSecret, forgetSecret } = useDraftsStore.getState();
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const kept = await keepSecret(name, value);
    setBusy(false);
    // The value leaves the page once kept; on a refusal both stay so nothing typed is lost.
    if (kept) {
      setName('');
      setValue('');
    }
  };
  const names = secrets.status === 'ready' ? secrets.value : [];
  // Without a keychain nothing can be kept: the form stays visible but says why it is off.
  const noKeychain = secrets.status === 'error' && secrets.error.code === 'keychain_unavailable';
  return (
    <section className="drafts-secrets" aria-labelledby="drafts-secrets-title">
      <h2 id="drafts-secrets-title">Kept secrets</h2>
      <p className="hint">
        A value kept here stays in the keychain for this profile and is sent only at Publish. In a draft, write <code>{'{"$secret": "<name>"}'}</code> at the secret field.
      </p>
      {secrets.status === 'error' && <ErrorPanel error={secrets.error} />}
      {names.length === 0 ? (
        <p className="muted">No secret kept for this profile.</p>
      ) : (
        <ul className="plain-list" aria-label="Kept secret names">
          {names.map((n) => (
            <li key={n}>
              <code>{n}</code>{' '}
              <button type="button" className="link" aria-label={`Forget secret ${n}`} onClick={() => void forgetSecret(n)}>
                Forget
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="drafts-secret-form" onSubmit={(e) => void submit(e)}>
        <label>
          Name
          <input type="text" aria-label="Secret name" disabled={noKeychain} value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} autoComplete="off" />
        </label>
        <label>
          Value
          <input type="password" aria-label="Secret value" disabled={noKeychain} value={value} onChange={(e) => setValue(e.target.value)} autoComplete="new-password" />
        </label>
        <button type="submit" disabled={noKeychain || busy || !name.trim() || !value}>
          Keep secret
        </button>
      </form>
      {error && <ErrorPanel error={error} />}
    </section>
  );
}
