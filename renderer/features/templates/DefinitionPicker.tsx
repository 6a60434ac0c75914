import { useMemo, useState } from 'react';
import type { Definitions, SourceDefinition } from '../../../preload/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';
import type { Loadable } from '../../state/loadable';

/** Where the definitions came from, in one sentence (the server, or the cache while offline). */
export function DefinitionsOrigin({ definitions }: { definitions: Definitions }) {
  if (definitions.from === 'server') return null;
  const when = definitions.cachedAt ? new Date(definitions.cachedAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : null;
  return (
    <p className="warn" role="note">
      {definitions.from === 'cache'
        ? `Connector definitions from the cache filled ${when ?? 'earlier'}${definitions.offlineReason ? ` (${definitions.offlineReason})` : ''}.`
        : `No connector definitions: ${definitions.offlineReason ?? 'the server was not reachable'}, and none were cached yet.`}
    </p>
  );
}

/** Pick the connector a new source template is for, searching by name. */
export function DefinitionPicker({ definitions, onPick, onClose, onRetry }: { definitions: Loadable<Definitions>; onPick: (d: SourceDefinition) => void; onClose: () => void; onRetry: () => void }) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<string | null>(null);
  const all = useMemo(() => (definitions.status === 'ready' ? definitions.value.sources : []), [definitions]);
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return all.filter((d) => !needle || d.name.toLowerCase().includes(needle) || (d.dockerRepository ?? '').toLowerCase().includes(needle)).slice(0, 200);
  }, [all, search]);
  const choice = all.find((d) => d.id === picked) ?? null;
  return (
    <Dialog title="New source template" onClose={onClose}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (choice) onPick(choice);
        }}
      >
        {definitions.status === 'loading' && <p role="status">Loading connector definitions…</p>}
        {definitions.status === 'error' && <ErrorPanel error={definitions.error} onRetry={onRetry} />}
        {definitions.status === 'ready' && <DefinitionsOrigin definitions={definitions.value} />}
        <label>
          Find connector
          <input type="search" value={search} autoFocus maxLength={100} placeholder="Postgres, Stripe…" onChange={(e) => setSearch(e.target.value)} />
        </label>
        <div className="definition-list" role="radiogroup" aria-label="Source connectors">
          {shown.length === 0 && definitions.status === 'ready' && <p className="empty">No connector matches “{search}”.</p>}
          {shown.map((d) => (
            <label key={d.id} className="definition-option">
              <input type="radio" name="definition" checked={picked === d.id} onChange={() => setPicked(d.id)} />
              <span>{d.name}</span>
              {d.supportLevel && <span className="badge">{d.supportLevel}</span>}
              {/* Online the spec is fetched when needed: only offline does a missing one matter. */}
              {!d.specCached && definitions.status === 'ready' && definitions.value.from !== 'server' && (
                <span className="hint" title="Its spec was never fetched online, so offline the editor cannot check or suggest its fields.">
                  no field checks offline
                </span>
              )}
            </label>
          ))}
          {all.length > shown.length && shown.length === 200 && <p className="hint">First 200 shown: type to narrow.</p>}
        </div>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!choice}>
            {choice ? `Start a ${choice.name} template` : 'Choose a connector'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
