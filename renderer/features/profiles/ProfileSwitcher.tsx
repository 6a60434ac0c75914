import { useEffect, useRef, useState } from 'react';
import type { ProfileView } from '../../../preload/contract';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { notify } from '../../ui/toast-store';
import { useAppStore, useDetailStore, useInspectorStore, useProfilesStore, useWorkspacesStore } from '../../state/store';
import { summarizeConnection, type ConnectionFix } from './connection-state';
import { CredentialsDialog } from './ProfileDialogs';
import { DeleteProfileDialog, ProfileFormDialog } from './ProfileFormDialog';
import './profiles.css';
import { DeleteIcon, EditIcon, NewIcon } from '../../ui/icons';

type DialogState = { kind: 'credentials'; profile: ProfileView; note?: string | null } | { kind: 'new' } | { kind: 'edit'; profile: ProfileView } | { kind: 'delete'; profile: ProfileView } | null;

/** What the views hold for the previous profile goes when the active one changes. */
function afterSwitch() {
  useWorkspacesStore.getState().open(null);
  useDetailStore.getState().reset();
  void useAppStore.getState().loadReport();
  void useInspectorStore.getState().refresh();
}

/** Which API the app talks to, whether it answers (and if not, what fixes it), and the profile actions. */
export function ProfileSwitcher() {
  const { list, connection, actionError, load, select, test, clearCredentials } = useProfilesStore();
  const [dialog, setDialog] = useState<DialogState>(null);
  const presenter = useAppStore((s) => s.presenter);
  const selectRef = useRef<HTMLSelectElement>(null);

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
  const summary = check?.phase === 'done' ? summarizeConnection(check.result.state, active.builtIn) : null;
  const fixes = summary?.fixes ?? [];

  const switchTo = async (id: string) => {
    if (!(await select(id))) return;
    afterSwitch();
  };

  const testNow = async () => {
    const result = await test(active.id);
    if (result.ok) notify(`“${active.name}” is connected${result.workspacesSeen === null ? '' : ` (${result.workspacesSeen} workspace${result.workspacesSeen === 1 ? '' : 's'} listed)`}.`);
  };

  const runFix = (fix: ConnectionFix) => {
    if (fix === 'Set credentials…') setDialog({ kind: 'credentials', profile: active });
    else if (fix === 'Edit profile…') setDialog({ kind: 'edit', profile: active });
    else void testNow();
  };

  const credentials = active.credentials;
  // An action offered as the fix of the state is drawn there, not twice.
  const general = (name: ConnectionFix) => !fixes.includes(name);
  return (
    <section className="profile" aria-label="Profile">
      <label>
        Profile
        <select ref={selectRef} aria-label="Active profile" value={active.id} onChange={(e) => void switchTo(e.target.value)}>
          {profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <div className={`connection-state ${summary ? `tone-${summary.tone}` : 'tone-pending'}`}>
        <p className="connection" aria-label="Connection" aria-live="polite">
          <strong>{summary ? summary.title : 'Checking…'}</strong>
          {summary && check?.phase === 'done' && !check.result.ok && (
            <>
              {' '}
              <span className="connection-detail">{check.result.message}</span>
            </>
          )}
        </p>
        {fixes.length > 0 && (
          <div className="connection-fixes" role="group" aria-label="What fixes it">
            {fixes.map((fix) => (
              <button key={fix} type="button" onClick={() => runFix(fix)}>
                {fix}
              </button>
            ))}
          </div>
        )}
      </div>
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
      <div className="profile-actions" role="group" aria-label="Profile actions">
        <button type="button" onClick={() => void testNow()} disabled={check?.phase === 'testing'}>
          Test connection
        </button>
        {!active.builtIn && general('Set credentials…') && (
          <button type="button" onClick={() => setDialog({ kind: 'credentials', profile: active })}>
            Set credentials…
          </button>
        )}
        {!active.builtIn && credentials.present && (
          <button
            type="button"
            onClick={async () => {
              if (!(await clearCredentials(active.id))) notify(`Credentials of “${active.name}” cleared.`);
            }}
          >
            Clear credentials
          </button>
        )}
        {!active.builtIn && general('Edit profile…') && (
          <button type="button" onClick={() => setDialog({ kind: 'edit', profile: active })}>
            <EditIcon /> Edit profile…
          </button>
        )}
        {!active.builtIn && (
          <button type="button" onClick={() => setDialog({ kind: 'delete', profile: active })}>
            <DeleteIcon /> Delete profile…
          </button>
        )}
        <button type="button" onClick={() => setDialog({ kind: 'new' })}>
          <NewIcon /> New profile…
        </button>
      </div>
      {notice && <p role="alert">{notice}</p>}
      {actionError && <ErrorPanel error={actionError} />}
      {dialog?.kind === 'credentials' && <CredentialsDialog profileId={dialog.profile.id} profileName={dialog.profile.name} note={dialog.note ?? null} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'new' && (
        <ProfileFormDialog
          onClose={() => setDialog(null)}
          onDone={(saved, note) => {
            const said = `Profile “${saved.name}” created${note ? `; ${note.charAt(0).toLowerCase()}${note.slice(1)}` : '.'}`;
            notify(said);
            afterSwitch();
            // A new profile is made to be used: it is active now, and it needs credentials first.
            setDialog({ kind: 'credentials', profile: saved, note: said });
          }}
        />
      )}
      {dialog?.kind === 'edit' && (
        <ProfileFormDialog
          profile={dialog.profile}
          onClose={() => setDialog(null)}
          onDone={(saved, note) => {
            notify(`Profile “${saved.name}” saved${note ? `; ${note.charAt(0).toLowerCase()}${note.slice(1)}` : '.'}`);
            setDialog(null);
            // The status bar names the active profile from the app report.
            if (saved.id === activeId) void useAppStore.getState().loadReport();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteProfileDialog
          profile={dialog.profile}
          onClose={() => setDialog(null)}
          fallbackFocus={() => selectRef.current}
          onDeleted={() => {
            setDialog(null);
            afterSwitch();
          }}
        />
      )}
    </section>
  );
}
