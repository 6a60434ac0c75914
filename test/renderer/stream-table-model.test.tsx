import { describe, expect, it } from 'vitest';
import type { StreamRow } from '../../renderer/features/catalog/table/stream-row';
import {
  filterStreams,
  formatPrimaryKey,
  hasUsableCursor,
  nextSort,
  sortStreams,
  summarizeStreams,
} from '../../renderer/features/catalog/table/stream-table-model';

const row = (index: number, overrides: Partial<StreamRow> = {}): StreamRow => ({
  index,
  name: `stream_${index}`,
  namespace: null,
  syncModes: ['full_refresh'],
  sourceDefinedCursor: false,
  defaultCursor: null,
  primaryKey: null,
  fieldCount: 1,
  ...overrides,
});

const rows: StreamRow[] = [
  row(0, { name: 'orders', namespace: 'public', syncModes: ['full_refresh', 'incremental'], sourceDefinedCursor: true, primaryKey: [['id']], fieldCount: 12 }),
  row(1, { name: 'Customers', namespace: 'crm', syncModes: ['full_refresh', 'incremental'], defaultCursor: ['updated_at'], primaryKey: [['tenant'], ['id']], fieldCount: 30 }),
  row(2, { name: 'events_10', namespace: null, syncModes: ['incremental'], primaryKey: [], fieldCount: 4 }),
  row(3, { name: 'events_2', namespace: 'public', syncModes: ['full_refresh'], defaultCursor: [], primaryKey: [[]], fieldCount: 4 }),
  row(4, { name: 'audit', namespace: 'ops', syncModes: [], fieldCount: 0 }),
];
const names = (list: readonly StreamRow[]) => list.map((r) => r.name);

describe('filterStreams', () => {
  it('matches name or namespace, case-insensitively, and namespace.name', () => {
    expect(names(filterStreams(rows, 'CUST'))).toEqual(['Customers']);
    expect(names(filterStreams(rows, 'public'))).toEqual(['orders', 'events_2']);
    expect(names(filterStreams(rows, 'public.ord'))).toEqual(['orders']);
    expect(names(filterStreams(rows, 'events'))).toEqual(['events_10', 'events_2']);
    expect(filterStreams(rows, 'nothing-like-this')).toEqual([]);
  });

  it('returns the same array for blank text', () => {
    expect(filterStreams(rows, '')).toBe(rows);
    expect(filterStreams(rows, '   ')).toBe(rows);
  });

  it('treats regular-expression characters and non-BMP text literally', () => {
    const odd = [row(0, { name: 'a/b~c"d' }), row(1, { name: 'emoji_😀_stream' }), row(2, { name: 'a.b' })];
    expect(names(filterStreams(odd, '/b~c"'))).toEqual(['a/b~c"d']);
    expect(names(filterStreams(odd, '😀'))).toEqual(['emoji_😀_stream']);
    expect(names(filterStreams(odd, '.'))).toEqual(['a.b']);
  });
});

describe('sortStreams', () => {
  it('sorts names naturally and case-insensitively, both ways, without touching the input', () => {
    const before = [...rows];
    expect(names(sortStreams(rows, { key: 'name', direction: 'ascending' }))).toEqual(['audit', 'Customers', 'events_2', 'events_10', 'orders']);
    expect(names(sortStreams(rows, { key: 'name', direction: 'descending' }))).toEqual(['orders', 'events_10', 'events_2', 'Customers', 'audit']);
    expect(rows).toEqual(before);
  });

  it('puts missing values last in either direction and breaks ties in catalog order', () => {
    expect(names(sortStreams(rows, { key: 'namespace', direction: 'ascending' }))).toEqual(['Customers', 'audit', 'orders', 'events_2', 'events_10']);
    expect(names(sortStreams(rows, { key: 'namespace', direction: 'descending' }))).toEqual(['orders', 'events_2', 'audit', 'Customers', 'events_10']);
    expect(names(sortStreams(rows, { key: 'primaryKey', direction: 'ascending' })).slice(0, 2)).toEqual(['orders', 'Customers']);
    expect(names(sortStreams(rows, { key: 'primaryKey', direction: 'descending' })).slice(0, 2)).toEqual(['Customers', 'orders']);
    expect(names(sortStreams(rows, { key: 'defaultCursor', direction: 'descending' }))[0]).toBe('Customers');
    expect(names(sortStreams(rows, { key: 'syncModes', direction: 'ascending' })).at(-1)).toBe('audit');
  });

  it('sorts numbers and booleans by value', () => {
    expect(sortStreams(rows, { key: 'fieldCount', direction: 'descending' }).map((r) => r.fieldCount)).toEqual([30, 12, 4, 4, 0]);
    expect(sortStreams(rows, { key: 'fieldCount', direction: 'ascending' }).map((r) => r.index)).toEqual([4, 2, 3, 0, 1]);
    expect(names(sortStreams(rows, { key: 'sourceDefinedCursor', direction: 'descending' }))[0]).toBe('orders');
  });

  it('without a sort, keeps catalog order', () => {
    expect(sortStreams([rows[3]!, rows[0]!, rows[1]!], null).map((r) => r.index)).toEqual([0, 1, 3]);
  });

  it('cycles a column between ascending and descending; a new column starts ascending', () => {
    const first = nextSort(null, 'name');
    expect(first).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort(first, 'name')).toEqual({ key: 'name', direction: 'descending' });
    expect(nextSort({ key: 'name', direction: 'descending' }, 'name')).toEqual({ key: 'name', direction: 'ascending' });
    expect(nextSort({ key: 'name', direction: 'descending' }, 'fieldCount')).toEqual({ key: 'fieldCount', direction: 'ascending' });
  });
});

describe('summarizeStreams', () => {
  it('counts streams, incremental-capable, with a primary key, and incremental without a usable cursor', () => {
    expect(summarizeStreams(rows)).toEqual({ streams: 5, incremental: 3, withPrimaryKey: 2, incrementalWithoutCursor: 1 });
    expect(summarizeStreams([])).toEqual({ streams: 0, incremental: 0, withPrimaryKey: 0, incrementalWithoutCursor: 0 });
  });

  it('a default cursor or a source-defined cursor is usable; an empty default cursor is not', () => {
    expect(hasUsableCursor(rows[0]!)).toBe(true);
    expect(hasUsableCursor(rows[1]!)).toBe(true);
    expect(hasUsableCursor(row(9, { defaultCursor: [] }))).toBe(false);
  });

  it('formats composite and nested primary keys', () => {
    expect(formatPrimaryKey([['tenant'], ['id']])).toBe('tenant, id');
    expect(formatPrimaryKey([['data', 'id']])).toBe('data.id');
    expect(formatPrimaryKey(null)).toBe('');
  });
});
