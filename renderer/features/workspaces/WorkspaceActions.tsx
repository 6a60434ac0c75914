import { useState, type FormEvent } from 'react';
import type { AppErrorShape, Result, WorkspaceItem } from '../../../preload/contract';
import { api } from '../../ipc/client';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';

type Done = (outcome: { updated?: WorkspaceItem; deletedId?: string }) => void;

/** Shared shape of the three confirmation dialogs: run the call, show its error, or finish. */
function useAction<T>(call: () => Promise<Result<T>>, finish: (value: T) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const run = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(null);
    const result = await call();
    setBusy(false);
    if (result.ok) finish(result.value);
    else setError(result.error);
  };
  return { busy, error, run };
}

export function RenameDialog({ workspace, onClose, onDone }: { workspace: WorkspaceItem; onClose(): void; onDone: Done }) {
  const [name, setName] = useState(workspace.name);
  const action = useAction(() => api.workspaces.rename({ id: workspace.id, name }), (updated) => onDone({ updated }));
  return (
    <Dialog title={`Rename ${workspace.name}`} onClose={onClose}>
      <form aria-label="Rename workspace" onSubmit={(e) => void action.run(e)}>
        <label>
          New name
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus />
        </label>
        <p className="hint">Minting a token with the old name later would create a new, empty workspace; the app always uses the current name.</p>
        {action.error && <ErrorPanel error={action.error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={action.busy || name.trim() === '' || name === workspace.name}>
            Rename
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function StatusDialog({ workspace, onClose, onDone }: { workspace: WorkspaceItem; onClose(): void; onDone: Done }) {
  const target = workspace.status === 'active' ? 'inactive' : 'active';
  const action = useAction(() => api.workspaces.setStatus({ id: workspace.id, status: target }), (updated) => onDone({ updated }));
  const verb = target === 'inactive' ? 'Deactivate' : 'Activate';
  return (
    <Dialog title={`${verb} ${workspace.name}?`} onClose={onClose}>
      <p>
        {target === 'inactive'
          ? 'Deactivating disables all of this workspace’s connections. Activating it again later does not re-enable them.'
          : 'The workspace becomes active again. Connections disabled earlier stay disabled until enabled one by one.'}
      </p>
      {action.error && <ErrorPanel error={action.error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className={target === 'inactive' ? 'danger' : 'primary'} disabled={action.busy} onClick={() => void action.run()}>
          {verb}
        </button>
      </div>
    </Dialog>
  );
}

export function DeleteDialog({ workspace, onClose, onDone }: { workspace: WorkspaceItem; onClose(): void; onDone: Done }) {
  const [typed, setTyped] = useState('');
  const action = useAction(() => api.workspaces.remove({ id: workspace.id, confirmName: typed }), () => onDone({ deletedId: workspace.id }));
  return (
    <Dialog title={`Delete ${workspace.name}?`} onClose={onClose}>
      <form aria-label="Delete workspace" onSubmit={(e) => void action.run(e)}>
        <p>
          This deletes the workspace and stops its syncs. Type <strong>{workspace.name}</strong> to confirm.
        </p>
        <label>
          Workspace name
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoFocus autoComplete="off" />
        </label>
        {action.error && <ErrorPanel error={action.error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={action.busy || typed !== workspace.name}>
            Delete workspace
          </button>
        </div>
      </form>
    </Dialog>
  );
}
