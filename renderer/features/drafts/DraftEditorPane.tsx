import { useEffect, useRef, useState } from 'react';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { DraftForm } from './DraftForm';
import { describeProblem, isDirty } from './drafts-store';
import { useDraftsStore } from './use-drafts-store';
import { DeleteIcon } from '../../ui/icons';

const DISK_WORDS = {
  changed: 'The file changed on disk while you were editing.',
  invalid: 'The file changed on disk and can no longer be read as a draft.',
  removed: 'The file was removed from the folder while you were editing.',
} as const;

function DiskChange() {
  const change = useDraftsStore((s) => s.editor?.diskChange ?? null);
  const { reloadFromDisk, keepMine } = useDraftsStore.getState();
  if (!change) return null;
  return (
    <div className="warn-box drafts-disk-change" role="alert" aria-label="The file changed on disk">
      <p>{DISK_WORDS[change]} Your edits are not saved yet.</p>
      <div className="toolbar">
        <button type="button" onClick={() => void reloadFromDisk()}>
          {change === 'removed' ? 'Close (drop my edits)' : 'Reload from disk'}
        </button>
        <button type="button" className="primary" onClick={keepMine}>
          Keep mine
        </button>
      </div>
      <p className="hint">{change === 'removed' ? 'Keep mine, then Save, writes them to a new file.' : 'Keep mine, then Save, overwrites the file with your edits.'}</p>
    </div>
  );
}

/** The open draft in the shared form: Save (Ctrl/Cmd+S) writes the file, no network needed; a refusal is shown here and nothing typed is lost. */
export function DraftEditorPane({ onClose, focusRequest = 0 }: { onClose: () => void; focusRequest?: number }) {
  const editor = useDraftsStore((s) => s.editor);
  const pane = useRef<HTMLElement>(null);
  const open = editor !== null;
  const handled = useRef(0);
  useEffect(() => {
    if (focusRequest === handled.current || !open) return;
    handled.current = focusRequest;
    // A new draft lands below the list: bring it into view and put the cursor in its first field.
    const section = pane.current;
    section?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    section?.querySelector<HTMLElement>('input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])')?.focus({ preventScroll: true });
  }, [focusRequest, open]);
  const secrets = useDraftsStore((s) => s.secrets);
  const definitions = useDraftsStore((s) => s.definitions);
  const { edit, save, remove } = useDraftsStore.getState();
  const [confirmDelete, setConfirmDelete] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
        // The browser's "Save page as…" would be the only other outcome.
        event.preventDefault();
        void save();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, save]);
  if (!editor) return null;
  const dirty = isDirty(editor);
  const name = editor.draft.kind === 'source_template' ? editor.draft.name : editor.draft.data_hosting_type === 'user_hosted' ? editor.draft.destination_name : editor.draft.label;
  const destinations = definitions.status === 'ready' ? definitions.value.destinations : [];
  return (
    <section ref={pane} className="drafts-editor" aria-label="Draft editor">
      <header className="drafts-editor-head">
        <h2>{name.trim() || 'Untitled draft'}</h2>
        <span className="muted" aria-label="Draft file">
          {editor.file ?? 'not saved yet (the file is named after the template)'}
        </span>
        {dirty && (
          <span className="stale-label" aria-label="Unsaved changes">
            unsaved
          </span>
        )}
      </header>
      <DiskChange />
      <DraftForm
        draft={editor.draft}
        onChange={edit}
        spec={editor.spec}
        catalog={editor.catalog}
        secretNames={secrets.status === 'ready' ? secrets.value : []}
        destinations={destinations}
        readOnly={false}
      />
      {editor.saveError && (
        <div aria-label="Save refused">
          <ErrorPanel error={editor.saveError} />
        </div>
      )}
      {editor.notice && (
        <p role="status" className="ok" aria-label="Save outcome">
          {editor.notice}
        </p>
      )}
      <div className="toolbar" role="toolbar" aria-label="Draft actions">
        <button type="button" className="primary" aria-keyshortcuts="Control+S Meta+S" disabled={editor.saving} onClick={() => void save()}>
          {editor.saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={onClose}>
          Close
        </button>
        {editor.file && (
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            <DeleteIcon /> Delete draft…
          </button>
        )}
        <span className="hint">Ctrl+S (⌘S) saves. Saving needs no network.</span>
      </div>
      {confirmDelete && editor.file && (
        <Dialog title="Delete this draft?" onClose={() => setConfirmDelete(false)}>
          <p>
            The file <code>{editor.file}</code> is deleted from the drafts folder. The template on the server is not touched.
          </p>
          <div className="dialog-actions">
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => {
                const file = editor.file;
                setConfirmDelete(false);
                if (file) void remove(file);
              }}
            >
              Delete draft
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}

/** A file that is not a valid draft: its problem and its text, read-only; the app never writes it. */
export function InvalidFilePane({ onClose }: { onClose: () => void }) {
  const invalid = useDraftsStore((s) => s.invalid);
  if (!invalid) return null;
  return (
    <section className="drafts-editor" aria-label="Invalid draft file">
      <header className="drafts-editor-head">
        <h2>{invalid.file}</h2>
      </header>
      {invalid.error ? (
        <ErrorPanel error={invalid.error} />
      ) : (
        <>
          <p className="field-error" role="alert" aria-label="File problem">
            {invalid.problem ? describeProblem(invalid.problem) : 'This file cannot be read as a draft.'}
          </p>
          <p className="hint">Fix it in an editor: the list updates by itself. The app never overwrites a file it cannot read.</p>
          {invalid.text !== null && (
            <pre className="drafts-file-text" aria-label="File text" tabIndex={0}>
              {invalid.text.split('\n').map((line, i) => (
                <span key={i} className={invalid.problem?.line === i + 1 ? 'drafts-problem-line' : undefined}>
                  <span className="drafts-line-no" aria-hidden="true">
                    {String(i + 1).padStart(3, ' ')}{' '}
                  </span>
                  {line}
                  {'\n'}
                </span>
              ))}
            </pre>
          )}
        </>
      )}
      <div className="toolbar">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </section>
  );
}
