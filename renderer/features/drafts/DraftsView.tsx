import { useEffect, useRef, useState } from 'react';
import type { TemplateDraft } from '../../../preload/contract';
import { useAppStore } from '../../state/store';
import { Dialog } from '../../ui/Dialog';
import { DraftEditorPane, InvalidFilePane } from './DraftEditorPane';
import { DraftList } from './DraftList';
import { isDirty } from './drafts-store';
import { FolderBar } from './FolderBar';
import { NewDraftDialog } from './NewDraftDialog';
import { PlanPanel } from './PlanPanel';
import { PullPanel } from './PullPanel';
import { SecretsPanel } from './SecretsPanel';
import { useDraftsStore } from './use-drafts-store';
import { NewIcon } from '../../ui/icons';
import { useAppIntent } from '../../ui/app-intents';

/** How often the folder's change counter is asked while the tab is visible: files edited outside the app show up by themselves. */
const REVISION_POLL_MS = 1500;
const PROGRESS_POLL_MS = 300;

function useFolderWatch() {
  useEffect(() => {
    const { pollRevision } = useDraftsStore.getState();
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => void pollRevision(), REVISION_POLL_MS);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    // Paused while the page is hidden; on return, one look at once.
    const onVisibility = () => {
      if (document.visibilityState === 'visible') {
        void pollRevision();
        start();
      } else stop();
    };
    if (document.visibilityState === 'visible') start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, []);
}

function useProgressWhileRunning() {
  const running = useDraftsStore((s) => s.pull.running || s.plan.running || s.publish.running);
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => void useDraftsStore.getState().pollProgress(), PROGRESS_POLL_MS);
    return () => clearInterval(timer);
  }, [running]);
}

/** The Drafts tab: a folder of template files, edited offline, then Pull → Plan → Publish against the active profile. */
export function DraftsView() {
  const report = useAppStore((s) => s.report);
  const profileId = report.status === 'ready' ? report.value.activeProfile.id : null;
  const busy = useDraftsStore((s) => s.pull.running || s.plan.running || s.publish.running);
  const { enter, open, newDraft, close, startPull, startPlan } = useDraftsStore.getState();
  const [creating, setCreating] = useState(false);
  // Goes up on each new draft: the editor scrolls into view and focuses its first field.
  const [focusRequest, setFocusRequest] = useState(0);
  // An action waiting for "Discard unsaved changes?": nothing typed is dropped without asking.
  const [pending, setPending] = useState<{ what: string; run: () => void } | null>(null);
  const profileSeen = useRef<string | null>(null);

  useEffect(() => {
    if (profileId === null || profileSeen.current === profileId) return;
    profileSeen.current = profileId;
    void enter(profileId);
  }, [profileId, enter]);
  useEffect(() => () => useDraftsStore.getState().dismissPull(), []);
  useFolderWatch();
  useProgressWhileRunning();

  const guard = (what: string, run: () => void) => {
    if (isDirty(useDraftsStore.getState().editor)) setPending({ what, run });
    else run();
  };
  useAppIntent(['new-draft'], () => guard('start a new draft', () => setCreating(true)));

  return (
    <section className="drafts-view" aria-labelledby="drafts-title">
      <header className="view-header">
        <h2 id="drafts-title">Drafts</h2>
        <div className="toolbar" role="toolbar" aria-label="Drafts actions">
          <button type="button" onClick={() => guard('start a new draft', () => setCreating(true))}>
            <NewIcon /> New draft…
          </button>
          <button type="button" disabled={busy} onClick={() => void startPull()}>
            Pull from server
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void startPlan()}>
            Plan
          </button>
        </div>
      </header>
      <FolderBar />
      <PullPanel />
      <div className="drafts-body">
        <div className="drafts-main">
          <DraftList onOpen={(file) => guard(`open ${file}`, () => void open(file))} />
          <DraftEditorPane onClose={() => guard('close this draft', close)} focusRequest={focusRequest} />
          <InvalidFilePane onClose={close} />
        </div>
        <aside className="drafts-side">
          <SecretsPanel />
        </aside>
      </div>
      <PlanPanel />
      {creating && (
        <NewDraftDialog
          onClose={() => setCreating(false)}
          onCreate={(draft: TemplateDraft) => {
            setCreating(false);
            void newDraft(draft);
            setFocusRequest((n) => n + 1);
          }}
        />
      )}
      {pending && (
        <Dialog title="Discard unsaved changes?" onClose={() => setPending(null)}>
          <p>The open draft has edits that are not saved. To {pending.what}, they are dropped.</p>
          <div className="dialog-actions">
            <button type="button" className="primary" onClick={() => setPending(null)}>
              Keep editing
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                const run = pending.run;
                setPending(null);
                run();
              }}
            >
              Discard changes
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
