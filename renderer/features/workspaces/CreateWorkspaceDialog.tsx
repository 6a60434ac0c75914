import { useState, type FormEvent } from 'react';
import type { AppErrorShape, Region, WorkspaceItem } from '../../../preload/contract';
import { api } from '../../ipc/client';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';

/** Creates a workspace the only way the API allows (a first mint with a name and region). */
export function CreateWorkspaceDialog({ defaultRegion, onClose, onCreated }: { defaultRegion: Region; onClose(): void; onCreated(item: WorkspaceItem): void }) {
  const [name, setName] = useState('');
  const [region, setRegion] = useState<Region>(defaultRegion);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    const result = await api.workspaces.create({ name, region });
    setBusy(false);
    if (result.ok) onCreated(result.value);
    else setError(result.error);
  };

  return (
    <Dialog title="New workspace" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} aria-label="New workspace">
        <label>
          Name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="prospect-eu-demo" required autoFocus />
        </label>
        <fieldset>
          <legend>Region</legend>
          {(['US', 'EU'] as const).map((r) => (
            <label key={r} className="inline">
              <input type="radio" name="region" value={r} checked={region === r} onChange={() => setRegion(r)} /> {r}
            </label>
          ))}
        </fieldset>
        <p className="hint">The region is chosen once, at creation; the app records it, since the API never reports it.</p>
        {error && <ErrorPanel error={error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
            {busy ? 'Creating…' : 'Create workspace'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
