import type { FormEvent } from 'react';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { useDraftsStore } from './use-drafts-store';

const SOURCE_WORDS = {
  env: 'set by EMBEDDED_CONSOLE_DRAFTS_DIR',
  chosen: 'chosen in the app',
  default: 'the default, inside the app’s data folder',
} as const;

/** Where the drafts live, where that choice came from, and a typed path to change it (no native folder dialog in the browser shell). */
export function FolderBar() {
  const list = useDraftsStore((s) => s.list);
  const folderText = useDraftsStore((s) => s.folderText);
  const saving = useDraftsStore((s) => s.folderSaving);
  const error = useDraftsStore((s) => s.folderError);
  const { setFolderText, changeFolder } = useDraftsStore.getState();
  const folder = list.status === 'ready' ? list.value.folder : list.status === 'loading' ? (list.previous?.folder ?? null) : null;
  const locked = folder?.source === 'env';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void changeFolder();
  };
  return (
    <section className="drafts-folder" aria-label="Drafts folder">
      <p className="drafts-folder-path">
        Folder: <code aria-label="Drafts folder path">{folder?.path ?? '…'}</code>{' '}
        {folder && <span className="muted" aria-label="Folder source">({SOURCE_WORDS[folder.source]})</span>}
      </p>
      <p className="hint">One JSON file per template, stable key order: the folder can be put in git, and <code>git diff</code> shows real changes only. Secret values never go into it.</p>
      <form className="toolbar drafts-folder-form" onSubmit={submit}>
        <label>
          New folder
          <input
            type="text"
            aria-label="New drafts folder (full path)"
            value={folderText}
            disabled={locked || saving}
            onChange={(e) => setFolderText(e.target.value)}
            spellCheck={false}
            size={48}
          />
        </label>
        <button type="submit" disabled={locked || saving} title={locked ? 'Set by EMBEDDED_CONSOLE_DRAFTS_DIR: unset it to choose a folder in the app.' : undefined}>
          {saving ? 'Changing…' : 'Change folder…'}
        </button>
        {locked && <span className="muted">Set by EMBEDDED_CONSOLE_DRAFTS_DIR: unset it to choose a folder in the app.</span>}
      </form>
      {error && <ErrorPanel error={error} />}
    </section>
  );
}
