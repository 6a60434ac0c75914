import type { StreamRow } from './stream-row';

/** Pure sorting, filtering and counting for the stream table (no React; unit-tested alone). */

export type StreamSortKey = 'name' | 'namespace' | 'syncModes' | 'sourceDefinedCursor' | 'defaultCursor' | 'primaryKey' | 'fieldCount';
export type SortDirection = 'ascending' | 'descending';
export interface StreamSort {
  key: StreamSortKey;
  direction: SortDirection;
}

export const STREAM_COLUMNS: ReadonlyArray<{ key: StreamSortKey; label: string }> = [
  { key: 'name', label: 'Name' },
  { key: 'namespace', label: 'Namespace' },
  { key: 'syncModes', label: 'Sync modes' },
  { key: 'sourceDefinedCursor', label: 'Source-defined cursor' },
  { key: 'defaultCursor', label: 'Default cursor' },
  { key: 'primaryKey', label: 'Primary key' },
  { key: 'fieldCount', label: 'Fields' },
];

export const isIncremental = (row: StreamRow): boolean => row.syncModes.includes('incremental');
/** A cursor the sync can use: the source defines one, or the catalog names a default cursor field. */
export const hasUsableCursor = (row: StreamRow): boolean => row.sourceDefinedCursor || (row.defaultCursor !== null && row.defaultCursor.length > 0);
export const hasPrimaryKey = (row: StreamRow): boolean => row.primaryKey !== null && row.primaryKey.some((path) => path.length > 0);

/** A field path as shown: `a.b` (the path's parts joined by dots). */
export const formatPath = (path: readonly string[]): string => path.join('.');
/** A primary key as shown: its paths, comma-separated (`id` or `tenant, id`); '' for none. */
export const formatPrimaryKey = (key: readonly (readonly string[])[] | null): string =>
  key === null ? '' : key.filter((path) => path.length > 0).map(formatPath).join(', ');
export const formatSyncModes = (modes: readonly string[]): string => modes.join(', ');

/**
 * The rows whose name or namespace contains the text (case-insensitive; `namespace.name` matches
 * too). Empty or blank text returns the same array.
 */
export function filterStreams<R extends StreamRow>(rows: readonly R[], text: string): readonly R[] {
  const needle = text.trim().toLowerCase();
  if (needle === '') return rows;
  return rows.filter((row) => {
    const name = row.name.toLowerCase();
    if (name.includes(needle)) return true;
    if (row.namespace === null) return false;
    const namespace = row.namespace.toLowerCase();
    return namespace.includes(needle) || `${namespace}.${name}`.includes(needle);
  });
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** The value a column sorts by; `null` (missing or empty) always sorts last, whatever the direction. */
function sortValue(row: StreamRow, key: StreamSortKey): string | number | null {
  switch (key) {
    case 'name':
      return row.name;
    case 'namespace':
      return row.namespace === null || row.namespace === '' ? null : row.namespace;
    case 'syncModes':
      return row.syncModes.length === 0 ? null : formatSyncModes(row.syncModes);
    case 'sourceDefinedCursor':
      return row.sourceDefinedCursor ? 1 : 0;
    case 'defaultCursor':
      return row.defaultCursor === null || row.defaultCursor.length === 0 ? null : formatPath(row.defaultCursor);
    case 'primaryKey':
      return hasPrimaryKey(row) ? formatPrimaryKey(row.primaryKey) : null;
    case 'fieldCount':
      return row.fieldCount;
  }
}

/**
 * The rows in the given order (a new array; the input is left alone). Strings compare naturally
 * (`stream_2` before `stream_10`, case-insensitive), missing values last, ties in catalog order.
 * `null` sort: catalog order.
 */
export function sortStreams<R extends StreamRow>(rows: readonly R[], sort: StreamSort | null): R[] {
  if (sort === null) return [...rows].sort((a, b) => a.index - b.index);
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const values = rows.map((row) => sortValue(row, sort.key));
  // Strings: collate each distinct value once, then sort by its rank (namespaces, sync modes and
  // keys repeat a lot; a collator call per comparison costs tens of ms on 5,200 rows).
  const distinct = [...new Set(values.filter((v): v is string => typeof v === 'string'))].sort(collator.compare);
  const rank = new Map<string, number>(distinct.map((value, i) => [value, i]));
  const keyed = rows.map((row, i) => {
    const value = values[i] ?? null;
    return { row, key: typeof value === 'string' ? (rank.get(value) ?? 0) : value };
  });
  keyed.sort((a, b) => {
    if (a.key === null || b.key === null) {
      if (a.key !== b.key) return a.key === null ? 1 : -1;
    } else if (a.key !== b.key) {
      return sign * (a.key - b.key);
    }
    return a.row.index - b.row.index;
  });
  return keyed.map((k) => k.row);
}

/** Clicking a column header: a new column sorts ascending, the sorted column flips direction. */
export function nextSort(current: StreamSort | null, key: StreamSortKey): StreamSort {
  if (current?.key === key) return { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { key, direction: 'ascending' };
}

export interface StreamSummary {
  streams: number;
  /** `incremental` among the supported sync modes. */
  incremental: number;
  withPrimaryKey: number;
  /** Incremental-capable, but neither a source-defined cursor nor a default cursor. */
  incrementalWithoutCursor: number;
}

export function summarizeStreams(rows: readonly StreamRow[]): StreamSummary {
  const summary: StreamSummary = { streams: rows.length, incremental: 0, withPrimaryKey: 0, incrementalWithoutCursor: 0 };
  for (const row of rows) {
    if (hasPrimaryKey(row)) summary.withPrimaryKey++;
    if (!isIncremental(row)) continue;
    summary.incremental++;
    if (!hasUsableCursor(row)) summary.incrementalWithoutCursor++;
  }
  return summary;
}
