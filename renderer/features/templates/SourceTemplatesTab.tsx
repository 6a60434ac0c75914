import { useEffect, useState } from 'react';
import type { SourceTemplateItem } from '../../../preload/contract';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { ConfirmDialog } from './ConfirmDialog';
import { DefinitionPicker } from './DefinitionPicker';
import { sourceChanges, tagChanges } from './forms/draft-shape';
import { SourceTemplateForm } from './forms/SourceTemplateForm';
import { TagFilterControl } from './TagFilterControl';
import { useTemplatesStore } from './use-templates-store';

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
          <li key={t.id}>
            <button type="button" className="template-row" aria-current={openId === t.id ? 'true' : undefined} onClick={() => onOpen(t.id)}>
              <span className="template-name">{t.name}</span>
              <span className="muted template-detail">
                {t.connectorName ?? 'Unknown connector'} · {t.mode}
                {t.customization?.stream_selection_mode ? ` · ${t.customization.stream_selection_mode}` : ''}
              </span>
              <span className="template-tags">
                {t.tags.map((tag) => (
                  <span key={tag} className="tag">
                    {tag}
                  </span>
                ))}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
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
          <button type="button" onClick={() => void cloneSource(editor.id!)}>
            Clone into my organization
          </button>
        </div>
      )}
      <form
        aria-label="Source template"
        onSubmit={(e) => {
          e.preventDefault();
          if (!isGlobal) void saveSource(propagate);
        }}
      >
        <SourceTemplateForm value={editor.draft} onChange={editSource} spec={editor.spec} catalog={editor.catalog} secretNames={secretNames} readOnly={isGlobal} idPrefix={idPrefix} tagSuggestions={tagNames} />
        {!isGlobal && (
          <div className="save-bar">
            {!isNew && (
              <label className="propagate">
                <input type="checkbox" checked={propagate} onChange={(e) => setPropagate(e.target.checked)} /> Also apply new defaults to sources already built from this template (their own values still win)
              </label>
            )}
            <div className="toolbar">
              <button type="submit" className="primary" disabled={editor.saving || !changed}>
                {editor.saving ? 'Saving…' : isNew ? 'Create template' : 'Save'}
              </button>
              {!isNew && (
                <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
                  Delete…
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
  const { setSourceFilter, setSourceGlobal, openSource, newSource, loadDefinitions, loadSources } = useTemplatesStore.getState();
  const [picking, setPicking] = useState(false);
  useEffect(() => {
    if (useTemplatesStore.getState().sources.status === 'idle') void loadSources();
  }, [loadSources]);
  const tagNames = tags.status === 'ready' ? tags.value.map((t) => t.name) : tags.status === 'loading' ? (tags.previous ?? []).map((t) => t.name) : [];
  return (
    <div className="templates-tab">
      <div className="toolbar filters">
        <button type="button" className="primary" onClick={() => setPicking(true)}>
          New source template
        </button>
        <label>
          <input type="checkbox" checked={global} onChange={(e) => setSourceGlobal(e.target.checked)} /> Global templates (Airbyte’s, instead of your organization’s)
        </label>
      </div>
      <TagFilterControl label="Filter by tags" tagNames={tagNames} filter={filter} onChange={setSourceFilter} />
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
