import { useEffect, useState } from 'react';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useAppStore, useDetailStore, useInspectorStore, useProfilesStore, useWorkspacesStore } from '../../state/store';
import { CredentialsDialog, NewProfileDialog } from './ProfileDialogs';

/** Which API the app talks to, whether it answers, and whether credentials are set. */
export function ProfileSwitcher() {
  const { list, connection, actionError, load, select, test, clearCredentials } = useProfilesStore();
  const [dialog, setDialog] = useState<'credentials' | 'new' | null>(null);
  const presenter = useAppStore((s) => s.presenter);

  useEffect(() => {
    void load();
  }, [load]);
  const activeId = list.status === 'ready' ? list.value.activeProfileId : null;
  useEffect(() => {
    if (activeId) void test(activeId);
  }, [activeId, test]);

  if (list.status === 'error') return <ErrorPanel error={list.error} onRetry={() => void load()} />;
  if (list.status !== 'ready') return <p role="status">Loading profiles…</p>;
  const { profiles, notice } = list.value;
  const active = profiles.find((p) => p.id === activeId) ?? profiles[0];
  if (!active) return null;
  const check = connection[active.id];

  const switchTo = async (id: string) => {
    if (!(await select(id))) return;
    useWorkspacesStore.getState().open(null);
    useDetailStore.getState().reset();
    void useAppStore.getState().loadReport();
    void useInspectorStore.getState().refresh();
  };

  const credentials = active.credentials;
  return (
    <section className="profile" aria-label="Profile">
      <label>
        Profile
        <select aria-label="Active profile" value={active.id} onChange={(e) => void switchTo(e.target.value)}>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <p className={`connection ${check?.phase === 'done' ? (check.result.ok ? 'ok' : 'warn') : ''}`} aria-label="Connection" aria-live="polite">
        {!check || check.phase === 'testing' ? 'Checking…' : check.result.ok ? 'Reachable' : `Not reachable: ${check.result.message}`}
      </p>
      <p aria-label="Credentials">
        Credentials:{' '}
        {credentials.storage === 'built-in'
          ? 'built in'
          : credentials.present
            ? `set (${presenter ? 'tail hidden' : (credentials.secretTail ?? '••••')}, ${credentials.storage === 'session' ? 'this session only' : 'keychain'})`
            : 'not set'}
      </p>
      {!credentials.present && credentials.notice && (
        <p role="status" aria-label="Secret removed" className="warn">
          {credentials.notice}
        </p>
      )}
      <div className="profile-actions">
        <button type="button" onClick={() => void test(active.id)}>
          Test connection
        </button>
        {!active.builtIn && (
          <button type="button" onClick={() => setDialog('credentials')}>
            Set credentials…
          </button>
        )}
        {!active.builtIn && credentials.present && (
          <button type="button" onClick={() => void clearCredentials(active.id)}>
            Clear credentials
          </button>
        )}
        <button type="button" onClick={() => setDialog('new')}>
          New profile…
        </button>
      </div>
      {notice && <p role="alert">{notice}</p>}
      {actionError && <ErrorPanel error={actionError} />}
      {dialog === 'credentials' && <CredentialsDialog profileId={active.id} profileName={active.name} onClose={() => setDialog(null)} />}
      {dialog === 'new' && <NewProfileDialog onClose={() => setDialog(null)} />}
    </section>
  );
}
