// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { StreamRow } from '../../renderer/features/catalog/table/stream-row';
import { STREAM_ROW_HEIGHT, StreamTable } from '../../renderer/features/catalog/table/StreamTable';

beforeAll(() => {
  // jsdom has no layout: a ResizeObserver stand-in and a 400 px tall viewport.
  globalThis.ResizeObserver = class {
    constructor(private readonly cb: () => void) {}
    observe() {
      this.cb();
    }
    disconnect() {}
    unobserve() {}
  } as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 400 });
});
afterEach(cleanup);

// The shape of the sandbox's bigdata-us-demo warehouse: 5,200 streams in a few namespaces.
const rows: StreamRow[] = Array.from({ length: 5200 }, (_, i) => ({
  index: i,
  name: `table_${String(i).padStart(4, '0')}`,
  namespace: i % 4 === 0 ? null : `schema_${i % 4}`,
  syncModes: i % 2 === 0 ? ['full_refresh', 'incremental'] : ['full_refresh'],
  sourceDefinedCursor: i % 6 === 0,
  defaultCursor: i % 10 === 2 ? ['updated_at'] : null,
  primaryKey: i % 3 === 0 ? null : [['id']],
  fieldCount: (i * 7) % 50,
}));

function setup(list: StreamRow[] = rows) {
  const onSelect = vi.fn<(row: StreamRow) => void>();
  render(<StreamTable rows={list} onSelect={onSelect} />);
  const grid = screen.getByRole('grid', { name: 'Streams' });
  const body = grid.querySelector<HTMLElement>('.stream-grid-body')!;
  const dataRows = () => within(grid).getAllByRole('row').filter((r) => r.getAttribute('aria-rowindex') !== '1');
  const firstName = () => within(dataRows()[0]!).getAllByRole('gridcell')[0]!.textContent;
  return { onSelect, grid, body, dataRows, firstName };
}

const header = (name: string) => screen.getByRole('columnheader', { name });
const summary = () => screen.getByRole('status', { name: 'Stream summary' }).textContent;

describe('StreamTable', () => {
  it('renders fewer than 60 of 5,200 rows, with the grid structure and every column', () => {
    const { grid, dataRows } = setup();
    expect(dataRows().length).toBeGreaterThan(10);
    expect(dataRows().length).toBeLessThan(60);
    expect(grid.getAttribute('aria-rowcount')).toBe('5201');
    expect(within(grid).getAllByRole('columnheader').map((h) => h.textContent)).toEqual([
      'Name',
      'Namespace',
      'Sync modes',
      'Source-defined cursor',
      'Default cursor',
      'Primary key',
      'Fields',
    ]);
    const cells = within(dataRows()[2]!).getAllByRole('gridcell').map((c) => c.textContent);
    expect(cells).toEqual(['table_0002', 'schema_2', 'full_refresh, incremental', 'No', 'updated_at', 'id', '14']);
    expect(within(dataRows()[0]!).getAllByRole('gridcell')[1]!.textContent).toBe('—none');
    expect(grid.querySelector<HTMLElement>('.stream-grid-body')!.firstElementChild).toHaveProperty('style.height', `${5200 * STREAM_ROW_HEIGHT}px`);
  });

  it('renders the rows at the scroll position', () => {
    const { body, dataRows } = setup();
    body.scrollTop = 4000 * STREAM_ROW_HEIGHT;
    fireEvent.scroll(body);
    const names = dataRows().map((r) => r.textContent ?? '');
    expect(names.some((n) => n.startsWith('table_4000'))).toBe(true);
    expect(names.some((n) => n.startsWith('table_0000'))).toBe(false);
    expect(dataRows().length).toBeLessThan(60);
  });

  it('shows the summary counts and makes them follow the filter', () => {
    setup();
    // incremental: even indexes (2,600); primary key: not a multiple of 3 (3,466);
    // incremental without a usable cursor: even, not a multiple of 6, not ≡ 2 (mod 10).
    const expected = rows.filter((r) => r.index % 2 === 0 && r.index % 6 !== 0 && r.index % 10 !== 2).length;
    expect(summary()).toBe(`5,200 streams · 2,600 incremental-capable · 3,466 with a primary key · ${expected.toLocaleString('en-US')} incremental without a usable cursor`);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter streams' }), { target: { value: 'TABLE_000' } });
    expect(summary()).toMatch(/^10 of 5,200 streams · 5 incremental-capable · 6 with a primary key · /);
    expect(screen.getByRole('grid', { name: 'Streams' }).getAttribute('aria-rowcount')).toBe('11');

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter streams' }), { target: { value: 'schema_3' } });
    expect(summary()).toMatch(/^1,300 of 5,200 streams · 0 incremental-capable · /);

    fireEvent.change(screen.getByRole('searchbox', { name: 'Filter streams' }), { target: { value: 'no such stream' } });
    expect(summary()).toMatch(/^0 of 5,200 streams/);
    expect(screen.getByText('No stream name or namespace contains “no such stream”.')).toBeTruthy();
  });

  it('sorts by a column header on click, Enter and Space, with aria-sort', () => {
    const { firstName, dataRows } = setup();
    expect(header('Name').getAttribute('aria-sort')).toBe('none');
    fireEvent.click(header('Name'));
    expect(header('Name').getAttribute('aria-sort')).toBe('ascending');
    expect(firstName()).toBe('table_0000');
    fireEvent.keyDown(header('Name'), { key: 'Enter' });
    expect(header('Name').getAttribute('aria-sort')).toBe('descending');
    expect(firstName()).toBe('table_5199');

    fireEvent.keyDown(header('Fields'), { key: ' ' });
    expect(header('Fields').getAttribute('aria-sort')).toBe('ascending');
    expect(header('Name').getAttribute('aria-sort')).toBe('none');
    expect(firstName()).toBe('table_0000'); // field count 0, first in catalog order
    fireEvent.click(header('Fields'));
    expect(within(dataRows()[0]!).getAllByRole('gridcell')[6]!.textContent).toBe('49');
  });

  it('moves with the keyboard, keeps the active row in view, and selects with Enter and click', () => {
    const { grid, body, onSelect } = setup();
    const activeName = () => document.getElementById(grid.getAttribute('aria-activedescendant') ?? '')?.textContent ?? '';
    expect(activeName()).toMatch(/^table_0000/);
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowDown' });
    fireEvent.keyDown(grid, { key: 'ArrowUp' });
    expect(activeName()).toMatch(/^table_0001/);
    fireEvent.keyDown(grid, { key: 'PageDown' });
    // A page is the rows that fit (400 / 32 = 12) less one.
    expect(activeName()).toMatch(/^table_0012/);
    fireEvent.keyDown(grid, { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith(rows[12]);
    expect(screen.getAllByRole('row').find((r) => r.getAttribute('aria-selected') === 'true')?.textContent).toMatch(/^table_0012/);

    fireEvent.keyDown(grid, { key: 'End' });
    expect(body.scrollTop).toBe(5200 * STREAM_ROW_HEIGHT - 400);
    act(() => {
      fireEvent.scroll(body);
    });
    expect(activeName()).toMatch(/^table_5199/);
    fireEvent.keyDown(grid, { key: 'PageUp' });
    expect(activeName()).toMatch(/^table_5188/);
    fireEvent.keyDown(grid, { key: 'Home' });
    expect(body.scrollTop).toBe(0);
    act(() => {
      fireEvent.scroll(body);
    });

    fireEvent.click(screen.getByRole('row', { name: /^table_0003/ }));
    expect(onSelect).toHaveBeenLastCalledWith(rows[3]);
    expect(activeName()).toMatch(/^table_0003/);
  });

  it('a new sort or filter starts again at the top', () => {
    const { grid, body } = setup();
    fireEvent.keyDown(grid, { key: 'End' });
    expect(body.scrollTop).toBeGreaterThan(0);
    fireEvent.click(header('Namespace'));
    expect(body.scrollTop).toBe(0);
    expect(document.getElementById(grid.getAttribute('aria-activedescendant') ?? '')?.getAttribute('aria-rowindex')).toBe('2');
  });

  it('says so for a catalog without streams', () => {
    const { grid } = setup([]);
    expect(grid.getAttribute('aria-activedescendant')).toBeNull();
    fireEvent.keyDown(grid, { key: 'Enter' });
    fireEvent.keyDown(grid, { key: 'End' });
    expect(screen.getByText('This catalog has no streams.')).toBeTruthy();
    expect(summary()).toMatch(/^0 streams/);
  });
});
