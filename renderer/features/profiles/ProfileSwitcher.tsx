import { useEffect, useId, useRef, useState } from 'react';
import type { ProfileView } from '../../../preload/contract';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { notify } from '../../ui/toast-store';
import { useAppStore, useDetailStore, useInspectorStore, useProfilesStore, useWorkspacesStore } from '../../state/store';
import { connectedSentence, summarizeConnection, type ConnectionFix } from './connection-state';
import { CredentialsDialog } from './ProfileDialogs';
import { DeleteProfileDialog, ProfileFormDialog } from './ProfileFormDialog';
import './profiles.css';
import { ClearIcon, CredentialsIcon, DeleteIcon, EditIcon, NewIcon, TestConnectionIcon } from '../../ui/icons';
import { useFixRequests } from './fix-requests';
import { useAppIntent } from '../../ui/app-intents';

const PROFILE_INTENTS = ['new-profile', 'switch-profile'] as const;

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
  const stateId = useId();
  const fixRequest = useFixRequests((s) => s.request);

  useEffect(() => {
    void load();
  }, [load]);
  const activeId = list.status === 'ready' ? list.value.activeProfileId : null;
  useEffect(() => {
    if (activeId) void test(activeId);
  }, [activeId, test]);
  const active = list.status === 'ready' ? (list.value.profiles.find((p) => p.id === activeId) ?? list.value.profiles[0]) : undefined;
  // Error panels elsewhere offer the fixes of the active profile: tell them whether it has any.
  useEffect(() => {
    useFixRequests.setState({ activeBuiltIn: active ? active.builtIn : null });
  }, [active]);
  useEffect(() => () => useFixRequests.setState({ activeBuiltIn: null }), []);
  // A fix asked for from an error panel opens the same dialog as the button here.
  const handled = useRef(fixRequest?.seq ?? 0);
  useEffect(() => {
    if (!fixRequest || fixRequest.seq === handled.current || !active || active.builtIn) return;
    handled.current = fixRequest.seq;
    setDialog(fixRequest.fix === 'Set credentials…' ? { kind: 'credentials', profile: active } : { kind: 'edit', profile: active });
  }, [fixRequest, active]);

  const switchTo = async (id: string) => {
    if (!(await select(id))) return;
    afterSwitch();
  };
  // The palette's "New profile…" and "Switch to <profile>" run what the controls here run.
  useAppIntent(PROFILE_INTENTS, (intent) => (intent.kind === 'new-profile' ? setDialog({ kind: 'new' }) : void switchTo(intent.profileId)));

  if (list.status === 'error') return <ErrorPanel error={list.error} onRetry={() => void load()} profileFixes={false} />;
  if (list.status !== 'ready' || !active) return list.status === 'ready' ? null : <p role="status">Loading profiles…</p>;
  const { profiles, notice } = list.value;
  const check = connection[active.id];
  const summary = check?.phase === 'done' ? summarizeConnection(check.result.state, active.builtIn) : null;
  const fixes = summary?.fixes ?? [];
  const credentials = active.credentials;
  // The removal notice says why there are no credentials: the state line does not say it twice.
  const removal = !credentials.present ? credentials.notice : null;
  const detail = check?.phase === 'done' && !check.result.ok && !removal ? check.result.message : null;

  const testNow = async () => {
    const result = await test(active.id);
    if (result.ok) notify(connectedSentence(active.name, result));
  };

  // One order in every state; the actions that fix the current state are marked, never moved.
  const fixing = (fix: ConnectionFix) => (fixes.includes(fix) ? { className: 'fixes-state', 'aria-describedby': stateId } : {});
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
        <p className="connection" id={stateId} aria-label="Connection" aria-live="polite">
          <strong>{summary ? summary.title : 'Checking…'}</strong>
          {detail && (
            <>
              {' '}
              <span className="connection-detail clamped" title={detail}>
                {detail}
              </span>
            </>
          )}
        </p>
        {removal && (
          <p role="status" aria-label="Secret removed" className="connection-detail clamped" title={removal}>
            {removal}
          </p>
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
      <div className="profile-actions" role="group" aria-label="Profile actions">
        <button type="button" onClick={() => void testNow()} disabled={check?.phase === 'testing'} {...fixing('Try again')}>
          <TestConnectionIcon /> Test connection
        </button>
        {!active.builtIn && (
          <button type="button" onClick={() => setDialog({ kind: 'credentials', profile: active })} {...fixing('Set credentials…')}>
            <CredentialsIcon /> Set credentials…
          </button>
        )}
        {!active.builtIn && credentials.present && (
          <button
            type="button"
            onClick={async () => {
              if (!(await clearCredentials(active.id))) notify(`Credentials of “${active.name}” cleared.`);
            }}
          >
            <ClearIcon /> Clear credentials
          </button>
        )}
        {!active.builtIn && (
          <button type="button" onClick={() => setDialog({ kind: 'edit', profile: active })} {...fixing('Edit profile…')}>
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
      {actionError && <ErrorPanel error={actionError} profileFixes={false} />}
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
