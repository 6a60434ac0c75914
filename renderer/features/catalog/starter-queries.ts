/**
 * The starter library: the feasibility queries an SE runs, in the server's dialect (Python jmespath 1.1.0:
 * no group_by, no let), evaluated against `{streams: catalog.streams}` as catalog/query does.
 */
import type { StreamRow } from '../catalog/table/stream-row';

export interface StarterQuery {
  id: string;
  name: string;
  query: string;
  note: string;
}

export const STARTER_QUERIES: readonly StarterQuery[] = [
  {
    id: 'starter-ready-incremental-dedup',
    name: 'Ready for incremental + dedup',
    query: "streams[?contains(supported_sync_modes, 'incremental') && (source_defined_cursor || length(default_cursor_field || `[]`) > `0`) && length(source_defined_primary_key || `[]`) > `0`].name",
    note: 'The feasibility answer: incremental-capable, with a usable cursor (source-defined, or a default cursor field) and a source-defined primary key.',
  },
  {
    id: 'starter-incremental',
    name: 'Incremental-capable streams',
    query: "streams[?contains(supported_sync_modes, 'incremental')].name",
    note: 'Streams that support incremental sync.',
  },
  {
    id: 'starter-source-cursor',
    name: 'Streams with a source-defined cursor',
    query: 'streams[?source_defined_cursor].name',
    note: 'The source decides the cursor; no cursor field needs choosing.',
  },
  {
    id: 'starter-no-primary-key',
    name: 'Streams without a primary key',
    query: 'streams[?!source_defined_primary_key].name',
    note: 'No source-defined primary key (missing, null or empty): dedup modes need one chosen by hand.',
  },
  {
    id: 'starter-updated-at',
    name: 'Streams whose schema has updated_at',
    query: 'streams[?json_schema.properties.updated_at != null].name',
    note: 'Replace updated_at with the field you look for.',
  },
];

/** A JMESPath raw string literal. */
const rawString = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Counts by namespace. JMESPath has no group_by (the server's dialect rejects it), so the query names each
 * namespace of the loaded catalog: `{"ns": length(streams[?namespace == 'ns']), …}` (at most `max`).
 */
export function namespaceCountsQuery(rows: readonly StreamRow[], max = 60): StarterQuery {
  const namespaces = [...new Set(rows.map((r) => r.namespace).filter((n): n is string => n !== null && n !== ''))].sort().slice(0, max);
  const parts = namespaces.map((ns) => `${JSON.stringify(ns)}: length(streams[?namespace == ${rawString(ns)}])`);
  if (rows.some((r) => r.namespace === null || r.namespace === '') || parts.length === 0) parts.push('"(no namespace)": length(streams[?!namespace])');
  return {
    id: 'starter-namespace-counts',
    name: 'Counts by namespace',
    query: `{${parts.join(', ')}}`,
    note: 'JMESPath has no group_by: this query names the namespaces of the loaded catalog.',
  };
}

/** The starter library for a loaded catalog (the namespace counts follow its namespaces). */
export function starterQueries(rows: readonly StreamRow[]): StarterQuery[] {
  return [...STARTER_QUERIES, namespaceCountsQuery(rows)];
}
