import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { Definitions, TemplateDraft } from '../../../preload/contract';
import { Dialog } from '../../ui/Dialog';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { newConnectionDraft, newSourceDraft } from '../templates/forms/draft-shape';
import { useDraftsStore } from './use-drafts-store';

/** Main's reason as a sentence of its own (it may or may not end with a full stop). */
const sentence = (text: string) => (/[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`);

/** "from the server", or "from the cache filled <date>" when offline: drafts are made without a network. */
export function definitionsOrigin(definitions: Definitions): string {
  if (definitions.from === 'server') return 'Connectors from the server.';
  if (definitions.from === 'cache') {
    const when = definitions.cachedAt ? new Date(definitions.cachedAt).toLocaleString() : 'an earlier session';
    return `Connectors from the cache filled ${when}.${definitions.offlineReason ? ` ${sentence(definitions.offlineReason)}` : ''}`;
  }
  return `No connector list is cached yet: open this tab once while the server is reachable.${definitions.offlineReason ? ` ${sentence(definitions.offlineReason)}` : ''}`;
}

/** Choose what to draft: a source template of a connector, or a connection template (user- or Airbyte-hosted). */
export function NewDraftDialog({ onClose, onCreate }: { onClose: () => void; onCreate: (draft: TemplateDraft) => void }) {
  const definitions = useDraftsStore((s) => s.definitions);
  const { loadDefinitions } = useDraftsStore.getState();
  const [kind, setKind] = useState<'source_template' | 'connection_template'>('source_template');
  const [connector, setConnector] = useState('');
  const [filter, setFilter] = useState('');
  const [hosting, setHosting] = useState<'user_hosted' | 'airbyte_hosted'>('user_hosted');
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    // A fresh look each time: the server may be back (or gone) since the tab opened.
    void loadDefinitions();
  }, [loadDefinitions]);
  const sources = useMemo(() => {
    if (definitions.status !== 'ready') return [];
    const needle = filter.trim().toLowerCase();
    return definitions.value.sources.filter((s) => !needle || s.name.toLowerCase().includes(needle)).sort((a, b) => a.name.localeCompare(b.name));
  }, [definitions, filter]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (kind === 'connection_template') {
      onCreate(newConnectionDraft(hosting));
      return;
    }
    const def = definitions.status === 'ready' ? definitions.value.sources.find((s) => s.id === connector) : undefined;
    if (!def) {
      setProblem('Choose a connector.');
      return;
    }
    onCreate(newSourceDraft(def));
  };

  return (
    <Dialog title="New draft" onClose={onClose}>
      <form className="new-draft" onSubmit={submit}>
        <fieldset className="drafts-fieldset">
          <legend>Template</legend>
          <label className="inline">
            <input type="radio" name="draft-kind" checked={kind === 'source_template'} onChange={() => setKind('source_template')} /> Source template
          </label>
          <label className="inline">
            <input type="radio" name="draft-kind" checked={kind === 'connection_template'} onChange={() => setKind('connection_template')} /> Connection template
          </label>
        </fieldset>
        {kind === 'source_template' ? (
          <>
            {definitions.status === 'loading' && <p role="status" className="progress"><span className="spinner" aria-hidden="true" /> Reading the connector list…</p>}
            {definitions.status === 'error' && <ErrorPanel error={definitions.error} onRetry={() => void loadDefinitions()} />}
            {definitions.status === 'ready' && (
              <>
                <p className={definitions.value.from === 'server' ? 'hint' : 'hint warn'} role="status" aria-label="Connector list origin">
                  {definitionsOrigin(definitions.value)}
                </p>
                <input type="search" aria-label="Filter connectors" placeholder="Filter connectors…" value={filter} onChange={(e) => setFilter(e.target.value)} />
                <label className="drafts-stack">
                  Connector
                  <select
                    aria-label="Connector"
                    size={8}
                    value={connector}
                    onChange={(e) => {
                      setConnector(e.target.value);
                      setProblem(null);
                    }}
                  >
                    {sources.map((s) => (
                      <option key={s.id} value={s.id} title={s.specCached ? undefined : 'Its spec was never fetched online (it is when a template of this connector is opened), so the editor cannot check or suggest its fields.'}>
                        {s.name}
                        {s.specCached ? '' : ' (no field checks)'}
                      </option>
                    ))}
                  </select>
                </label>
              </>
            )}
          </>
        ) : (
          <label>
            Hosting
            <select aria-label="Hosting" value={hosting} onChange={(e) => setHosting(e.target.value === 'airbyte_hosted' ? 'airbyte_hosted' : 'user_hosted')}>
              <option value="user_hosted">User-hosted (your destination)</option>
              <option value="airbyte_hosted">Airbyte-hosted</option>
            </select>
          </label>
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Create draft
          </button>
        </div>
      </form>
    </Dialog>
  );
}
