import { TemplateRow } from './TemplateRow';
import { useEffect, useState } from 'react';
import { TEMPLATE_NAME_MAX_LENGTH, type SourceTemplateItem } from '../../../preload/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { ConfirmDialog } from './ConfirmDialog';
import { DefinitionPicker } from './DefinitionPicker';
import { sourceChanges, tagChanges } from './forms/draft-shape';
import { typedSecrets } from './forms/online-secrets';
import { secretFieldLabel } from './forms/partial-schema';
import { SourceTemplateForm } from './forms/SourceTemplateForm';
import { TagFilterControl } from './TagFilterControl';
import { useTemplatesStore } from './use-templates-store';
import { DeleteIcon, NewIcon } from '../../ui/icons';
import { sourceTemplateDetail } from './template-words';
import { useAppIntent } from '../../ui/app-intents';

function SourceList({ onOpen }: { onOpen: (id: string) => void }) {
  const sources = useTemplatesStore((s) => s.sources);
  const openId = useTemplatesStore((s) => s.sourceEditor?.id ?? null);
  const global = useTemplatesStore((s) => s.sourceGlobal);
  const items: SourceTemplateItem[] = sources.status === 'ready' ? sources.value : sources.status === 'loading' ? (sources.previous ?? []) : [];
  return (
    <div className="template-list-pane">
      {sources.status === 'loading' && (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" /> Loading templates…
        </p>
      )}
      {sources.status === 'error' && <ErrorPanel error={sources.error} onRetry={() => void useTemplatesStore.getState().loadSources()} />}
      {sources.status === 'ready' && items.length === 0 && <p className="empty">{global ? 'No global template matches.' : 'No source template matches: create one with “New source template”.'}</p>}
      <ul className="template-list" aria-label={global ? 'Global source templates' : 'Source templates'}>
        {items.map((t) => (
          <TemplateRow
            key={t.id}
            name={t.name}
            detail={sourceTemplateDetail(t.connectorName, t.mode, t.customization?.stream_selection_mode)}
            tags={t.tags}
            current={openId === t.id}
            onOpen={() => onOpen(t.id)}
          />
        ))}
      </ul>
    </div>
  );
}

/** Clone asks for the copy's name first: two templates of the same name in a list are hard to tell apart. */
function CloneDialog({ name, onClose, onClone }: { name: string; onClose: () => void; onClone: (name: string) => Promise<boolean> }) {
  const [text, setText] = useState(`${name} (copy)`);
  const [busy, setBusy] = useState(false);
  const problem = !text.trim() ? 'Type a name for the copy.' : text.trim().length > 255 ? 'A name has at most 255 characters.' : null;
  return (
    <Dialog title={`Clone “${name}”`} onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (problem || busy) return;
          setBusy(true);
          void onClone(text.trim()).then((done) => {
            setBusy(false);
            if (done) onClose();
          });
        }}
      >
        <label>
          Name of the copy
          <input value={text} autoFocus maxLength={TEMPLATE_NAME_MAX_LENGTH} aria-invalid={problem ? true : undefined} aria-describedby="clone-name-problem" onChange={(e) => setText(e.target.value)} />
        </label>
        {problem && (
          <p id="clone-name-problem" className="field-problem">
            {problem}
          </p>
        )}
        <p className="hint">The copy is made in your organization; the global template stays as it is.</p>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || problem !== null}>
            {busy ? 'Cloning…' : 'Clone'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function SourceDetail() {
  const editor = useTemplatesStore((s) => s.sourceEditor);
  const secretNames = useTemplatesStore((s) => s.secretNames);
  const tags = useTemplatesStore((s) => s.tags);
  const { editSource, saveSource, closeSource, cloneSource, deleteSource } = useTemplatesStore.getState();
  const [propagate, setPropagate] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [configProblems, setConfigProblems] = useState<string[]>([]);
  // Secret fields with a value typed here: Save asks before sending them (null: not asking now).
  const [confirmSecrets, setConfirmSecrets] = useState<string[] | null>(null);
  const [cloning, setCloning] = useState(false);
  const editorId = editor?.id ?? null;
  useEffect(() => setPropagate(false), [editorId]);
  if (!editor) return <p className="empty template-detail-pane">Open a template from the list, or start a new one.</p>;
  if (editor.loading)
    return (
      <p role="status" className="template-detail-pane">
        Loading template…
      </p>
    );
  if (editor.loadError || !editor.draft)
    return <div className="template-detail-pane">{editor.loadError && <ErrorPanel error={editor.loadError} onRetry={editor.id ? () => void useTemplatesStore.getState().openSource(editor.id!) : undefined} />}</div>;

  const isNew = editor.id === null;
  const isGlobal = editor.template !== null && editor.template.organizationId === null;
  const base = editor.base;
  const changed = isNew || (base !== null && (Object.keys(sourceChanges(base, editor.draft)).length > 0 || tagChanges(base.tags, editor.draft.tags).attach.length + tagChanges(base.tags, editor.draft.tags).detach.length > 0));
  const title = isNew ? `New source template (${editor.draft.connector_name ?? 'connector'})` : (editor.template?.name ?? editor.draft.name);
  const idPrefix = `source-${editor.id ?? 'new'}`;
  const tagNames = tags.status === 'ready' ? tags.value.map((t) => t.name) : [];
  const typed = typedSecrets(editor.draft.partial_default_config, editor.spec?.secretPaths ?? []);
  const blocked = configProblems.length > 0 ? `Fix the ${configProblems.length === 1 ? 'problem' : `${configProblems.length} problems`} in the default configuration first.` : !editor.draft.name.trim() ? 'Give the template a name first.' : null;
  const submit = () => {
    if (isGlobal || blocked || editor.saving || !changed) return;
    if (typed.length > 0) setConfirmSecrets(typed);
    else void saveSource(propagate);
  };

  return (
    <section className="template-detail-pane" aria-label="Source template editor">
      <header className="detail-header">
        <h2>{title}</h2>
        <button type="button" onClick={closeSource}>
          Close
        </button>
      </header>
      {isGlobal && (
        <div className="note-box" role="note">
          <p>A global template, provided by Airbyte: it is read-only here. Clone it to make your own copy.</p>
          <button type="button" onClick={() => setCloning(true)}>
            Clone into my organization…
          </button>
        </div>
      )}
      <form
        aria-label="Source template"
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <SourceTemplateForm
          value={editor.draft}
          onChange={editSource}
          spec={editor.spec}
          catalog={editor.catalog}
          secretNames={secretNames}
          readOnly={isGlobal}
          idPrefix={idPrefix}
          tagSuggestions={tagNames}
          online={{ keptSecrets: editor.template?.keptSecrets ?? [] }}
          onConfigProblems={setConfigProblems}
          reloadKey={`${editor.id ?? 'new'}:${editor.loads}`}
        />
        {!isGlobal && (
          <div className="save-bar">
            {!isNew && (
              <label className="propagate">
                <input type="checkbox" checked={propagate} onChange={(e) => setPropagate(e.target.checked)} /> Also apply new defaults to sources already built from this template (their own values still win)
              </label>
            )}
            <div className="toolbar">
              <button type="submit" className="primary" disabled={editor.saving || !changed || blocked !== null} aria-describedby={blocked ? `${idPrefix}-save-blocked` : undefined}>
                {editor.saving ? 'Saving…' : isNew ? 'Create template' : 'Save'}
              </button>
              {blocked && (
                <span id={`${idPrefix}-save-blocked`} className="field-problem" aria-label="Why saving is not possible">
                  {blocked}
                </span>
              )}
              {!isNew && (
                <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
                  <DeleteIcon /> Delete…
                </button>
              )}
              {!isNew && changed && <span className="warn">Unsaved changes</span>}
              {!isNew && !changed && !editor.notice && <span className="muted">No changes</span>}
            </div>
          </div>
        )}
        {editor.saveError && <ErrorPanel error={editor.saveError} />}
        {editor.notice && (
          <p className={editor.notice.kind === 'ok' ? 'ok' : 'field-problem'} role="status">
            {editor.notice.text}
          </p>
        )}
      </form>
      {confirmSecrets && (
        <ConfirmDialog
          title="Store secret values on the server?"
          confirmLabel={isNew ? 'Create with these values' : 'Save with these values'}
          onClose={() => setConfirmSecrets(null)}
          onConfirm={() => {
            setConfirmSecrets(null);
            void saveSource(propagate);
          }}
        >
          <p>
            This stores {confirmSecrets.map(secretFieldLabel).join(', ')} on the server as a default for every source built from this template. Whoever builds a source from it uses the value without seeing it.
          </p>
          <p className="hint">To keep a value out of the template, cancel and remove the field from the configuration: the end user then fills it in (or, on an existing template, the server’s value stays).</p>
        </ConfirmDialog>
      )}
      {cloning && editor.id && <CloneDialog name={editor.template?.name ?? editor.draft.name} onClose={() => setCloning(false)} onClone={(name) => cloneSource(editor.id!, name)} />}
      {confirmDelete && editor.id && (
        <ConfirmDialog
          title="Delete source template?"
          confirmLabel={`Delete “${editor.template?.name ?? editor.draft.name}”`}
          danger
          busy={deleting}
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => {
            setDeleting(true);
            void deleteSource(editor.id!).then(() => {
              setDeleting(false);
              setConfirmDelete(false);
            });
          }}
        >
          <p>
            The source template <strong>{editor.template?.name ?? editor.draft.name}</strong> is deleted on the server. Sources already built from it stay as they are.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function SourceTemplatesTab() {
  const filter = useTemplatesStore((s) => s.sourceFilter);
  const global = useTemplatesStore((s) => s.sourceGlobal);
  const tags = useTemplatesStore((s) => s.tags);
  const definitions = useTemplatesStore((s) => s.definitions);
  const notice = useTemplatesStore((s) => s.notice);
  // Global templates usually carry no tags: a filter over them could only ever select nothing.
  const globalUntagged = useTemplatesStore((s) => s.sourceGlobal && s.sources.status === 'ready' && s.sources.value.every((t) => t.tags.length === 0));
  const { setSourceFilter, setSourceGlobal, openSource, newSource, loadDefinitions, loadSources } = useTemplatesStore.getState();
  const [picking, setPicking] = useState(false);
  useAppIntent(['new-source-template'], () => setPicking(true));
  useEffect(() => {
    if (useTemplatesStore.getState().sources.status === 'idle') void loadSources();
  }, [loadSources]);
  const tagNames = tags.status === 'ready' ? tags.value.map((t) => t.name) : tags.status === 'loading' ? (tags.previous ?? []).map((t) => t.name) : [];
  return (
    <div className="templates-tab">
      <div className="toolbar filters">
        <button type="button" className="primary" onClick={() => setPicking(true)}>
          <NewIcon /> New source template
        </button>
        <label>
          <input type="checkbox" checked={global} onChange={(e) => setSourceGlobal(e.target.checked)} /> Global templates (Airbyte’s, instead of your organization’s)
        </label>
      </div>
      {globalUntagged && filter.tags.length === 0 ? (
        <p className="muted" aria-label="Tag filter">
          Global templates carry no tags, so there is nothing to filter by.
        </p>
      ) : (
        <TagFilterControl label="Filter by tags" tagNames={tagNames} filter={filter} onChange={setSourceFilter} />
      )}
      {notice && (
        <p className={notice.kind === 'ok' ? 'ok' : 'field-problem'} role="status" aria-label="Last action">
          {notice.text}
        </p>
      )}
      <div className="templates-body">
        <SourceList onOpen={(id) => void openSource(id)} />
        <SourceDetail />
      </div>
      {picking && (
        <DefinitionPicker
          definitions={definitions}
          onRetry={() => void loadDefinitions()}
          onClose={() => setPicking(false)}
          onPick={(d) => {
            setPicking(false);
            void newSource(d);
          }}
        />
      )}
    </div>
  );
}
