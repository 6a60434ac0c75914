import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AppErrorShape, RegionOrUnknown, RegionSuggestion } from '../../../preload/contract';
import { api } from '../../ipc/client';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';

export type RegionChange = { id: string; region: RegionOrUnknown };

const regionLabel = (region: RegionOrUnknown) => (region === 'unknown' ? 'unknown' : region);

/** Records regions in one `workspaces:setRegions` call: how both the suggestion and the bulk dialog save. */
function useRecordRegions(onDone: (changes: RegionChange[]) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const record = async (items: RegionChange[]) => {
    setBusy(true);
    setError(null);
    const result = await api.workspaces.setRegions({ items });
    setBusy(false);
    if (result.ok) onDone(items);
    else setError(result.error);
  };
  return { busy, error, record };
}

/**
 * Regions read from names that follow `<prospect>-<region>-demo`, for review: every suggestion is
 * ticked, the user unticks what is wrong, and only the ticked ones are recorded (in one write).
 */
export function SuggestRegionsDialog({ onClose, onDone }: { onClose(): void; onDone(changes: RegionChange[]): void }) {
  const [suggestions, setSuggestions] = useState<RegionSuggestion[] | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<string>>(new Set());
  const [loadError, setLoadError] = useState<AppErrorShape | null>(null);
  const { busy, error: saveError, record } = useRecordRegions(onDone);
  const error = loadError ?? saveError;
  const [requestId] = useState(() => crypto.randomUUID());

  useEffect(() => {
    let current = true;
    void api.workspaces.suggestRegions({ requestId }).then((result) => {
      if (!current) return;
      if (!result.ok) return setLoadError(result.error);
      setSuggestions(result.value);
      setTicked(new Set(result.value.map((s) => s.id)));
    });
    return () => {
      // Closed before the answer: stop reading the whole organization for nothing.
      current = false;
      void api.requests.cancel({ requestId });
    };
  }, [requestId]);

  const toggle = (id: string) => {
    const next = new Set(ticked);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setTicked(next);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!suggestions) return;
    const items = suggestions.filter((s) => ticked.has(s.id)).map((s) => ({ id: s.id, region: s.suggested }));
    if (items.length === 0) return;
    await record(items);
  };

  return (
    <Dialog title="Suggested regions" onClose={onClose}>
      <form aria-label="Suggested regions" onSubmit={(e) => void submit(e)} className="region-review">
        <p className="hint">Read from workspace names that follow “prospect-region-demo” (for example acme-eu-demo), where they differ from what is recorded. Untick any that are wrong.</p>
        {!suggestions && !error && <p role="status">Reading workspace names…</p>}
        {suggestions && suggestions.length === 0 && (
          <p role="status" className="empty">
            Nothing to suggest: every workspace whose name gives its region already has that region recorded.
          </p>
        )}
        {suggestions && suggestions.length > 0 && (
          <>
            <div className="region-review-bar">
              <span aria-label="Suggestions ticked">
                {ticked.size.toLocaleString()} of {suggestions.length.toLocaleString()} ticked
              </span>
              <button type="button" onClick={() => setTicked(new Set(suggestions.map((s) => s.id)))}>
                Tick all
              </button>
              <button type="button" onClick={() => setTicked(new Set())}>
                Untick all
              </button>
            </div>
            <div className="region-review-list">
              <table aria-label="Region suggestions">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">Record</span>
                    </th>
                    <th scope="col" className="ws-name-cell">Workspace</th>
                    <th scope="col">Recorded</th>
                    <th scope="col">Suggested</th>
                  </tr>
                </thead>
                <tbody>
                  {suggestions.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <input type="checkbox" checked={ticked.has(s.id)} onChange={() => toggle(s.id)} aria-label={`Record ${s.name} as ${s.suggested}`} />
                      </td>
                      <td className="ws-name-cell">{s.name}</td>
                      <td className={s.recorded === 'unknown' ? 'muted' : undefined}>{regionLabel(s.recorded)}</td>
                      <td>
                        <strong>{s.suggested}</strong>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {error && <ErrorPanel error={error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || ticked.size === 0 || !suggestions}>
            {busy ? 'Recording…' : `Record ${ticked.size.toLocaleString()} ${ticked.size === 1 ? 'region' : 'regions'}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** One region for every ticked workspace. */
export function BulkRegionDialog({ ids, onClose, onDone }: { ids: readonly string[]; onClose(): void; onDone(changes: RegionChange[]): void }) {
  // Nothing is pre-selected: one Enter must not move EU workspaces to the US.
  const [region, setRegion] = useState<RegionOrUnknown | null>(null);
  const { busy, error, record } = useRecordRegions(onDone);
  const reasonId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (region === null) return;
    await record(ids.map((id) => ({ id, region })));
  };
  const noun = ids.length === 1 ? 'workspace' : 'workspaces';
  const count = ids.length.toLocaleString();
  return (
    <Dialog title={`Set the region of ${count} ${noun}`} onClose={onClose}>
      <form aria-label="Set region" onSubmit={(e) => void submit(e)}>
        <fieldset>
          <legend>Region</legend>
          {(['US', 'EU', 'unknown'] as const).map((r) => (
            <label key={r} className="inline">
              <input type="radio" name="bulk-region" value={r} checked={region === r} onChange={() => setRegion(r)} autoFocus={r === 'US'} /> {r === 'unknown' ? 'Unknown (forget)' : r}
            </label>
          ))}
        </fieldset>
        <p className="hint">The app records it: the API never says where a workspace lives.</p>
        {region === null && (
          <p className="hint" id={reasonId}>
            Choose a region first.
          </p>
        )}
        {error && <ErrorPanel error={error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy || region === null} aria-describedby={region === null ? reasonId : undefined}>
            {busy ? 'Recording…' : `Set region of ${count} ${noun}`}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The file's text as UTF-8 (FileReader: the one reader every shell and test DOM has). */
function readText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable'));
    reader.readAsText(file);
  });
}

type ImportCounts = { added: number; replaced: number; kept: number; same: number };

/** Reads a teammate's exported region records; differing records are replaced only when asked. */
export function ImportRegionsDialog({ onClose, onImported }: { onClose(): void; onImported(counts: ImportCounts): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [overwrite, setOverwrite] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [counts, setCounts] = useState<ImportCounts | null>(null);
  const fileId = useId();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    setCounts(null);
    let text: string;
    try {
      text = await readText(file);
    } catch {
      setBusy(false);
      setError({ code: 'invalid_input', message: 'The file could not be read. Choose it again.', retryable: false });
      return;
    }
    const result = await api.workspaces.importRegions({ text, overwrite });
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setCounts(result.value);
    onImported(result.value);
  };
  return (
    <Dialog title="Import regions" onClose={onClose}>
      <form aria-label="Import regions" onSubmit={(e) => void submit(e)}>
        <label htmlFor={fileId}>Region file (exported from this app)</label>
        <input
          id={fileId}
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setCounts(null);
            setError(null);
          }}
        />
        <label className="inline">
          <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> Overwrite differing records
        </label>
        <p className="hint">Without it, a workspace whose region is already recorded differently here keeps this app’s record.</p>
        {counts && (
          <p role="status" aria-label="Import result" className="import-result">
            {counts.added.toLocaleString()} added · {counts.replaced.toLocaleString()} replaced · {counts.kept.toLocaleString()} kept (differ, not overwritten) · {counts.same.toLocaleString()} already the same
          </p>
        )}
        {error && <ErrorPanel error={error} />}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {counts ? 'Close' : 'Cancel'}
          </button>
          <button type="submit" className="primary" disabled={busy || !file}>
            {busy ? 'Importing…' : 'Import'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
