import type { DestinationDefinition, DraftSummary } from '../../../preload/contract';
import { ErrorPanel } from '../../ui/ErrorPanel';
import { describeProblem } from './drafts-store';
import { useDraftsStore } from './use-drafts-store';

const KIND = { source_template: 'Source template', connection_template: 'Connection template' } as const;
const LOCAL = { new: 'new', changed: 'changed', unchanged: 'unchanged' } as const;
const LOCAL_TITLE = {
  new: 'Not on the server yet: Publish creates it.',
  changed: 'Edited since the server version it was based on.',
  unchanged: 'The same as the server version it was based on.',
} as const;

/**
 * Source drafts: the connector's name. Connection drafts: the destination connector's name (from the
 * definitions, by the draft's destination definition), the destination's own name after it.
 */
function connectorCell(draft: DraftSummary, destinationDefinitionId: string | null, destinations: DestinationDefinition[]): string {
  if (draft.kind !== 'connection_template') return draft.detail ?? '—';
  if (!destinationDefinitionId) return draft.detail ?? '—';
  const connector = destinations.find((d) => d.id === destinationDefinitionId)?.name;
  if (!connector) return draft.detail ?? '—';
  return draft.detail && draft.detail !== connector ? `${connector} (${draft.detail})` : connector;
}

function StateCell({ draft }: { draft: DraftSummary }) {
  if (draft.problem) return <span className="draft-state draft-state-invalid">invalid</span>;
  return (
    <span className={`draft-state draft-state-${draft.local}`} title={LOCAL_TITLE[draft.local]}>
      {LOCAL[draft.local]}
    </span>
  );
}

/** Every file of the folder: what it is and how it stands against the server version it came from; invalid ones with their line and column. */
export function DraftList({ onOpen }: { onOpen: (file: string) => void }) {
  const list = useDraftsStore((s) => s.list);
  const openFile = useDraftsStore((s) => s.editor?.file ?? s.invalid?.file ?? null);
  const destinationDefinitions = useDraftsStore((s) => s.destinationDefinitions);
  const definitions = useDraftsStore((s) => s.definitions);
  const { loadList } = useDraftsStore.getState();
  if (list.status === 'error') return <ErrorPanel error={list.error} onRetry={() => void loadList()} />;
  const value = list.status === 'ready' ? list.value : list.status === 'loading' ? list.previous : undefined;
  if (!value) return <p className="loading" role="status">Reading the drafts folder…</p>;
  const drafts = value.drafts;
  const counts = { new: 0, changed: 0, unchanged: 0, invalid: 0 };
  for (const d of drafts) counts[d.problem ? 'invalid' : d.local]++;
  return (
    <section className="drafts-list" aria-label="Draft files">
      <p className="muted" role="status" aria-label="Drafts summary">
        {drafts.length === 0
          ? 'No drafts yet: make one with “New draft”, or “Pull from server”.'
          : `${drafts.length} file${drafts.length === 1 ? '' : 's'}: ${counts.new} new, ${counts.changed} changed, ${counts.unchanged} unchanged, ${counts.invalid} invalid`}
      </p>
      {drafts.length > 0 && (
        <div className="drafts-table-wrap">
          <table className="drafts-table" aria-label="Drafts">
            <colgroup>
              <col className="drafts-col-file" />
              <col className="drafts-col-kind" />
              <col className="drafts-col-name" />
              <col className="drafts-col-detail" />
              <col className="drafts-col-state" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">File</th>
                <th scope="col">Kind</th>
                <th scope="col">Name</th>
                <th scope="col">Connector / destination</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {drafts.map((d) => (
                <tr key={d.file} aria-current={openFile === d.file ? 'true' : undefined} className={d.problem ? 'draft-row-invalid' : undefined}>
                  <td className="drafts-file-cell">
                    <button type="button" className="link" title={d.file} aria-label={d.problem ? `Show the problem of ${d.file}` : `Open ${d.file}`} onClick={() => onOpen(d.file)}>
                      {d.file}
                    </button>
                  </td>
                  <td>{d.kind ? KIND[d.kind] : '—'}</td>
                  <td>{d.name ?? '—'}</td>
                  <td>{connectorCell(d, destinationDefinitions[d.file]?.id ?? null, definitions.status === 'ready' ? definitions.value.destinations : [])}</td>
                  <td>
                    <StateCell draft={d} />
                    {d.problem && (
                      <p className="draft-problem" aria-label={`Problem in ${d.file}`}>
                        {describeProblem(d.problem)}
                      </p>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
