import { useId, useState, type FormEvent } from 'react';
import type { Region, WorkspaceItem } from '../../../preload/contract';
import { regionFromName } from '../../../lib/workspaces/region-from-name';
import { api } from '../../ipc/client';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { placeCreateProblems, WORKSPACE_NAME_MAX, type CreateProblems } from './create-workspace-model';

const NO_PROBLEMS: CreateProblems = { name: null, taken: false, rest: null };

interface Props {
  defaultRegion: Region;
  onClose(): void;
  onCreated(item: WorkspaceItem): void;
  /** The name is taken: open the existing workspace instead. */
  onOpenExisting(name: string): void;
}

/** Creates a workspace the only way the API allows (a first mint with a name and region). */
export function CreateWorkspaceDialog({ defaultRegion, onClose, onCreated, onOpenExisting }: Props) {
  const [name, setName] = useState('');
  // The region the user picked; until then the one the name suggests (acme-eu-demo → EU), else the profile's.
  const [picked, setPicked] = useState<Region | null>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<CreateProblems>(NO_PROBLEMS);
  const [triedName, setTriedName] = useState('');
  const nameErrorId = useId();
  const suggested = regionFromName(name);
  const region = picked ?? suggested ?? defaultRegion;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblems(NO_PROBLEMS);
    const result = await api.workspaces.create({ name, region });
    setBusy(false);
    if (result.ok) return onCreated(result.value);
    setTriedName(name.trim());
    setProblems(placeCreateProblems(result.error));
  };

  return (
    <Dialog title="New workspace" onClose={onClose}>
      <form onSubmit={(e) => void submit(e)} aria-label="New workspace">
        <label>
          Name
          <input
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              if (problems.name) setProblems(NO_PROBLEMS);
            }}
            placeholder="prospect-eu-demo"
            maxLength={WORKSPACE_NAME_MAX}
            required
            autoFocus
            aria-invalid={problems.name ? true : undefined}
            aria-describedby={problems.name ? nameErrorId : undefined}
          />
        </label>
        {problems.name && (
          <div className="field-problem" id={nameErrorId} role="alert">
            <span>{problems.name}</span>
            {problems.taken && triedName && (
              <button type="button" onClick={() => onOpenExisting(triedName)}>
                Open {triedName}
              </button>
            )}
          </div>
        )}
        <fieldset>
          <legend>Region</legend>
          {(['US', 'EU'] as const).map((r) => (
            <label key={r} className="inline">
              <input type="radio" name="region" value={r} checked={region === r} onChange={() => setPicked(r)} /> {r}
            </label>
          ))}
        </fieldset>
        <p className="hint" aria-live="polite">
          {picked === null && suggested ? `${suggested} suggested by the name. ` : ''}
          The API never reports a workspace’s region, so the app records it; the record can be changed later.
        </p>
        {problems.rest && <ErrorPanel error={problems.rest} />}
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
