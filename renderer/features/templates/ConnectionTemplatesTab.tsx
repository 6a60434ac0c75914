import { TemplateRow } from './TemplateRow';
import { useEffect, useState } from 'react';
import type { ConnectionTemplate, ConnectionTemplateDraft } from '../../../preload/contract';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { ConfirmDialog } from './ConfirmDialog';
import { DefinitionsOrigin } from './DefinitionPicker';
import { checkQuartzLocally } from './forms/cron-preview';
import { connectionChanges, tagChanges } from './forms/draft-shape';
import { ConnectionTemplateForm } from './forms/ConnectionTemplateForm';
import { TagFilterControl } from './TagFilterControl';
import { connectionTitle } from './templates-store';
import { useTemplatesStore } from './use-templates-store';
import { DeleteIcon, NewIcon } from '../../ui/icons';
import { useAppIntent } from '../../ui/app-intents';

function ConnectionList() {
  const connections = useTemplatesStore((s) => s.connections);
  const openId = useTemplatesStore((s) => s.connectionEditor?.id ?? null);
  const items: ConnectionTemplate[] = connections.status === 'ready' ? connections.value : connections.status === 'loading' ? (connections.previous ?? []) : [];
  return (
    <div className="template-list-pane">
      {connections.status === 'loading' && (
        <p role="status" className="progress">
          <span className="spinner" aria-hidden="true" /> Loading templates…
        </p>
      )}
      {connections.status === 'error' && <ErrorPanel error={connections.error} onRetry={() => void useTemplatesStore.getState().loadConnections()} />}
      {connections.status === 'ready' && items.length === 0 && <p className="empty">No connection template matches: create one with “New connection template”.</p>}
      <ul className="template-list" aria-label="Connection templates">
        {items.map((t) => (
          <TemplateRow
            key={t.id}
            name={connectionTitle(t)}
            detail={
              <>
                {t.dataHostingType === 'airbyte_hosted' ? 'Airbyte-hosted' : 'User-hosted'} · {t.cronExpression ? <code>{t.cronExpression}</code> : 'no schedule'}
              </>
            }
            tags={t.tags}
            current={openId === t.id}
            onOpen={() => void useTemplatesStore.getState().openConnection(t.id)}
          />
        ))}
      </ul>
    </div>
  );
}

/** Why Save/Create cannot run now, checked here (the server has the last word): a schedule this app cannot read, a broken configuration. */
function saveBlocker(draft: ConnectionTemplateDraft, configProblems: string[]): string | null {
  const cron = draft.cron_expression?.trim();
  if (cron) {
    const local = checkQuartzLocally(cron, new Date());
    if (!local.valid) return 'Fix the schedule first (or empty it for no schedule).';
  }
  if (configProblems.length > 0) return `Fix the ${configProblems.length === 1 ? 'problem' : `${configProblems.length} problems`} in the destination configuration first.`;
  return null;
}

function ConnectionDetail() {
  const editor = useTemplatesStore((s) => s.connectionEditor);
  const definitions = useTemplatesStore((s) => s.definitions);
  const tags = useTemplatesStore((s) => s.tags);
  const { editConnection, saveConnection, closeConnection, deleteConnection } = useTemplatesStore.getState();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [configProblems, setConfigProblems] = useState<string[]>([]);
  if (!editor) return <p className="empty template-detail-pane">Open a template from the list, or start a new one.</p>;
  if (editor.loading)
    return (
      <p role="status" className="template-detail-pane">
        Loading template…
      </p>
    );
  if (editor.loadError || !editor.draft)
    return <div className="template-detail-pane">{editor.loadError && <ErrorPanel error={editor.loadError} onRetry={editor.id ? () => void useTemplatesStore.getState().openConnection(editor.id!) : undefined} />}</div>;
  const isNew = editor.id === null;
  const base = editor.base;
  const tagDiff = base ? tagChanges(base.tags, editor.draft.tags) : { attach: [], detach: [] };
  const changed = isNew || (base !== null && (Object.keys(connectionChanges(base, editor.draft)).length > 0 || tagDiff.attach.length + tagDiff.detach.length > 0));
  const destinations = definitions.status === 'ready' ? definitions.value.destinations : [];
  const name = editor.draft.data_hosting_type === 'user_hosted' ? editor.draft.destination_name || 'Unnamed destination' : 'Airbyte-hosted';
  const tagNames = tags.status === 'ready' ? tags.value.map((t) => t.name) : [];
  const blocked = saveBlocker(editor.draft, configProblems);
  return (
    <section className="template-detail-pane" aria-label="Connection template editor">
      <header className="detail-header">
        <h2>{isNew ? 'New connection template' : name}</h2>
        <button type="button" onClick={closeConnection}>
          Close
        </button>
      </header>
      {definitions.status === 'ready' && <DefinitionsOrigin definitions={definitions.value} />}
      <form
        aria-label="Connection template"
        onSubmit={(e) => {
          e.preventDefault();
          if (!blocked) void saveConnection();
        }}
      >
        <ConnectionTemplateForm value={editor.draft} onChange={editConnection} destinations={destinations} idPrefix={`connection-${editor.id ?? 'new'}`} hostingLocked={!isNew} tagSuggestions={tagNames} onConfigProblems={setConfigProblems} />
        <div className="save-bar">
          <div className="toolbar">
            <button type="submit" className="primary" disabled={editor.saving || !changed || blocked !== null} aria-describedby={blocked ? 'connection-save-blocked' : undefined}>
              {editor.saving ? 'Saving…' : isNew ? 'Create template' : 'Save'}
            </button>
            {blocked && (
              <span id="connection-save-blocked" className="field-problem" aria-label="Why saving is not possible">
                {blocked}
              </span>
            )}
            {!isNew && (
              <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
                <DeleteIcon /> Delete…
              </button>
            )}
            {!isNew && changed && <span className="warn">Unsaved changes</span>}
          </div>
        </div>
        {editor.saveError && <ErrorPanel error={editor.saveError} />}
        {editor.notice && (
          <p className={editor.notice.kind === 'ok' ? 'ok' : 'field-problem'} role="status">
            {editor.notice.text}
          </p>
        )}
      </form>
      {confirmDelete && editor.id && (
        <ConfirmDialog
          title="Delete connection template?"
          confirmLabel={`Delete “${name}”`}
          danger
          busy={deleting}
          onClose={() => setConfirmDelete(false)}
          onConfirm={() => {
            setDeleting(true);
            void deleteConnection(editor.id!).then(() => {
              setDeleting(false);
              setConfirmDelete(false);
            });
          }}
        >
          <p>
            The connection template <strong>{name}</strong> is deleted on the server. Connections already made from it stay.
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}

export function ConnectionTemplatesTab() {
  const filter = useTemplatesStore((s) => s.connectionFilter);
  const tags = useTemplatesStore((s) => s.tags);
  const notice = useTemplatesStore((s) => s.notice);
  const { setConnectionFilter, newConnection, loadConnections } = useTemplatesStore.getState();
  useAppIntent(['new-connection-template'], () => newConnection('user_hosted'));
  useEffect(() => {
    if (useTemplatesStore.getState().connections.status === 'idle') void loadConnections();
  }, [loadConnections]);
  const tagNames = tags.status === 'ready' ? tags.value.map((t) => t.name) : [];
  return (
    <div className="templates-tab">
      <div className="toolbar filters">
        <button type="button" className="primary" onClick={() => newConnection('user_hosted')}>
          <NewIcon /> New connection template
        </button>
        <button type="button" onClick={() => newConnection('airbyte_hosted')}>
          <NewIcon /> New Airbyte-hosted template
        </button>
      </div>
      <TagFilterControl label="Filter by tags" tagNames={tagNames} filter={filter} onChange={setConnectionFilter} />
      {notice && (
        <p className={notice.kind === 'ok' ? 'ok' : 'field-problem'} role="status" aria-label="Last action">
          {notice.text}
        </p>
      )}
      <div className="templates-body">
        <ConnectionList />
        <ConnectionDetail />
      </div>
    </div>
  );
}
