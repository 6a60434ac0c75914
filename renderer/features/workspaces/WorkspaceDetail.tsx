import { CloseIcon, CopyIcon, DeleteIcon, EditIcon } from '../../ui/icons';
import { useEffect, useState } from 'react';
import type { AppErrorShape, RegionOrUnknown } from '../../../preload/contract';
import { api } from '../../ipc/client';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { notify } from '../../ui/toast-store';
import { useAppStore, useCatalogStore, useDetailStore, useWorkspacesStore } from '../../state/store';
import { DeleteDialog, RenameDialog, StatusDialog } from './WorkspaceActions';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString() : '—');

export function WorkspaceDetail({ workspaceId }: { workspaceId: string }) {
  const workspace = useWorkspacesStore((s) => s.items.find((w) => w.id === workspaceId) ?? null);
  const { upsert, drop, open } = useWorkspacesStore();
  const { sources, templates, load } = useDetailStore();
  const [dialog, setDialog] = useState<'rename' | 'status' | 'delete' | null>(null);
  const [copied, setCopied] = useState(false);
  const [regionError, setRegionError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    void load(workspaceId);
  }, [workspaceId, load]);

  // Escape closes the panel from anywhere but a dialog (whose own Escape closes only the dialog)
  // or a field that uses Escape itself; focus goes back to the list, where the user came from.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      if (document.querySelector('dialog[open]') || target?.closest('dialog, .monaco-editor, input[type=search], .inspector')) return;
      open(null);
      document.querySelector<HTMLElement>('[role=listbox][aria-label=Workspaces]')?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  if (!workspace) return null;
  const close = () => open(null);
  const done = (outcome: { updated?: typeof workspace; deletedId?: string }) => {
    setDialog(null);
    if (outcome.updated) {
      const before = workspace;
      const after = outcome.updated;
      notify(after.name !== before.name ? `Renamed ${before.name} to ${after.name}.` : `${after.status === 'inactive' ? 'Deactivated' : 'Activated'} ${after.name}.`);
    }
    if (outcome.deletedId) notify(`Deleted workspace ${workspace.name}.`);
    if (outcome.updated) upsert(outcome.updated);
    if (outcome.deletedId) {
      drop(outcome.deletedId);
      // The panel (and the Delete button the dialog would return to) is gone: the list, on the next row.
      requestAnimationFrame(() => document.querySelector<HTMLElement>('[role=listbox][aria-label=Workspaces]')?.focus());
    }
    void useWorkspacesStore.getState().loadStats();
  };
  const setRegion = async (region: RegionOrUnknown) => {
    const result = await api.workspaces.setRegion({ id: workspace.id, region });
    if (result.ok) {
      upsert(result.value);
      notify(region === 'unknown' ? `Forgot the region of ${workspace.name}.` : `Recorded ${workspace.name} as ${region}.`);
    }
    setRegionError(result.ok ? null : result.error);
  };

  return (
    <aside className="detail" role="region" aria-label={`Workspace ${workspace.name}`}>
      <header className="detail-header">
        <h2 title={workspace.name}>{workspace.name}</h2>
        <button type="button" onClick={close} aria-label="Close workspace details" title="Close (Escape)">
          <CloseIcon />
        </button>
      </header>
      <dl className="facts">
        <dt>ID</dt>
        <dd>
          <code>{workspace.id}</code>{' '}
          <button
            type="button"
            onClick={() => {
              void navigator.clipboard.writeText(workspace.id).then(() => {
                setCopied(true);
                setTimeout(() => setCopied(false), 1500);
              });
            }}
          >
            <CopyIcon /> {copied ? 'Copied' : 'Copy ID'}
          </button>
        </dd>
        <dt>Status</dt>
        <dd>{workspace.status}</dd>
        <dt>Region</dt>
        <dd className="region-fact">
          {/* The region is shown once, by the control that changes it (a wrong guess, a record from a teammate). */}
          <select aria-label="Region" value={workspace.region} onChange={(e) => void setRegion(e.target.value as RegionOrUnknown)} title={workspace.region === 'unknown' ? 'Record the region' : 'Change the recorded region'}>
            <option value="unknown">{workspace.region === 'unknown' ? 'Unknown: set it…' : 'Unknown (forget)'}</option>
            <option value="US">US</option>
            <option value="EU">EU</option>
          </select>
          {regionError && <ErrorPanel error={regionError} />}
        </dd>
        <dt>Created</dt>
        <dd>{when(workspace.createdAt)}</dd>
        <dt>Updated</dt>
        <dd>{when(workspace.updatedAt)}</dd>
      </dl>
      <div className="toolbar" role="toolbar" aria-label="Workspace actions">
        <button type="button" onClick={() => setDialog('rename')}>
          <EditIcon /> Rename
        </button>
        <button type="button" onClick={() => setDialog('status')}>
          {workspace.status === 'active' ? 'Deactivate' : 'Activate'}
        </button>
        <button type="button" className="danger" onClick={() => setDialog('delete')}>
          <DeleteIcon /> Delete
        </button>
      </div>

      <section aria-labelledby="sources-title">
        <h3 id="sources-title">Sources</h3>
        {sources.status === 'loading' && <p role="status">Loading sources…</p>}
        {sources.status === 'error' && <ErrorPanel error={sources.error} onRetry={() => void load(workspaceId)} />}
        {sources.status === 'ready' &&
          (sources.value.length === 0 ? (
            <p className="empty">No sources yet.</p>
          ) : (
            <ul aria-label="Sources" className="plain-list">
              {sources.value.map((s) => (
                <li key={s.id}>
                  <strong>{s.name}</strong> {s.templateName && <span className="muted">from {s.templateName}</span>}{' '}
                  <button
                    type="button"
                    aria-label={`Open catalog of ${s.name}`}
                    onClick={() => {
                      void useCatalogStore.getState().openSource({ id: workspace.id, name: workspace.name }, { id: s.id, name: s.name });
                      useAppStore.getState().selectArea('catalog');
                    }}
                  >
                    Open catalog
                  </button>{' '}
                  <button
                    type="button"
                    aria-label={`Edit streams of ${s.name}`}
                    onClick={() => useAppStore.getState().openStreamEditor({ workspace: { id: workspace.id, name: workspace.name }, source: { id: s.id, name: s.name } })}
                  >
                    Edit streams
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </section>

      <section aria-labelledby="templates-title">
        <h3 id="templates-title">Templates available</h3>
        {templates.status === 'loading' && <p role="status">Loading templates…</p>}
        {templates.status === 'error' && <ErrorPanel error={templates.error} />}
        {templates.status === 'ready' && (
          <>
            <h4>Source templates</h4>
            <ul aria-label="Source templates" className="plain-list">
              {templates.value.sourceTemplates.map((t) => (
                <li key={t.id}>
                  {t.name} {t.tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}
                </li>
              ))}
            </ul>
            <h4>Connection templates</h4>
            <ul aria-label="Connection templates" className="plain-list">
              {templates.value.connectionTemplates.map((t) => (
                <li key={t.id}>
                  {t.name} {t.detail && <code className="muted">{t.detail}</code>} {t.tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      {dialog === 'rename' && <RenameDialog workspace={workspace} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'status' && <StatusDialog workspace={workspace} onClose={() => setDialog(null)} onDone={done} />}
      {dialog === 'delete' && <DeleteDialog workspace={workspace} onClose={() => setDialog(null)} onDone={done} />}
    </aside>
  );
}
