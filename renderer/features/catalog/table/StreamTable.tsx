import { memo, useDeferredValue, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useVirtualRows } from '../../../ui/virtual';
import type { StreamRow } from './stream-row';
import {
  filterStreams,
  formatPath,
  formatPrimaryKey,
  formatSyncModes,
  hasPrimaryKey,
  nextSort,
  sortStreams,
  STREAM_COLUMNS,
  summarizeStreams,
  type StreamSort,
  type StreamSortKey,
} from './stream-table-model';

export const STREAM_ROW_HEIGHT = 32;
const OVERSCAN = 10;
const numbers = new Intl.NumberFormat('en-US');

export interface StreamTableProps {
  /** The catalog's streams, in catalog order. */
  rows: readonly StreamRow[];
  /** A row was chosen (click, or Enter on the active row). */
  onSelect(row: StreamRow): void;
  /** The `index` of the stream shown elsewhere, marked selected; defaults to the last one chosen here. */
  selectedIndex?: number | null;
}

/**
 * The catalog's streams as a virtualized ARIA grid ("Streams"): sortable column headers (click,
 * Enter or Space), a text filter over name and namespace, and summary counts that follow the
 * filter. One tab stop for the rows: arrows, Home/End, PageUp/PageDown move the active row
 * (announced through `aria-activedescendant`), Enter selects it. Only the rows in view are in the
 * DOM, so 5,200 streams cost what 30 do.
 */
export function StreamTable({ rows, onSelect, selectedIndex }: StreamTableProps) {
  const id = useId();
  const bodyRef = useRef<HTMLDivElement>(null);
  const gridRef = useRef<HTMLDivElement>(null);
  const [sort, setSort] = useState<StreamSort | null>(null);
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [chosen, setChosen] = useState<number | null>(null);
  const selected = selectedIndex === undefined ? chosen : selectedIndex;

  // Sort once per order change; every keystroke only filters the sorted rows.
  const sorted = useMemo(() => sortStreams(rows, sort), [rows, sort]);
  const view = useMemo(() => filterStreams(sorted, deferredFilter), [sorted, deferredFilter]);
  const summary = useMemo(() => summarizeStreams(view), [view]);

  // The active row is a position in the current view; a new view (sort, filter, rows) starts at the top.
  const [active, setActive] = useState<{ view: readonly StreamRow[]; position: number }>({ view, position: 0 });
  const activePosition = active.view === view ? Math.min(active.position, view.length - 1) : view.length > 0 ? 0 : -1;
  const setActivePosition = (position: number) => setActive({ view, position });
  useEffect(() => {
    if (bodyRef.current) bodyRef.current.scrollTop = 0;
  }, [view]);

  const choose = (row: StreamRow) => {
    setChosen(row.index);
    onSelect(row);
  };

  const virtual = useVirtualRows({
    count: view.length,
    rowHeight: STREAM_ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (position) => view[position]?.index ?? position,
    scrollRef: bodyRef,
    activeIndex: activePosition,
    onActiveChange: setActivePosition,
    onActivate: (position) => {
      const row = view[position];
      if (row) choose(row);
    },
  });

  const rowId = (row: StreamRow) => `${id}-stream-${row.index}`;
  const activeRow = activePosition >= 0 ? view[activePosition] : undefined;
  const sortBy = (key: StreamSortKey) => setSort((current) => nextSort(current, key));
  const onHeaderKeyDown = (event: KeyboardEvent<HTMLElement>, key: StreamSortKey) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    sortBy(key);
  };
  const filtered = view.length !== rows.length;
  const onRowClick = (event: MouseEvent<HTMLElement>) => {
    const position = Number((event.target as Element).closest('[role=row]')?.getAttribute('data-position') ?? NaN);
    const row = view[position];
    if (!row) return;
    setActivePosition(position);
    choose(row);
  };

  return (
    <div className="stream-table">
      <div className="stream-table-toolbar">
        <input
          type="search"
          aria-label="Filter streams"
          placeholder="Filter by name or namespace"
          // Longer than any stream name or namespace worth typing; stops a pasted page of text.
          maxLength={255}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown') {
              event.preventDefault();
              gridRef.current?.focus();
            }
          }}
        />
        <p className="stream-summary" role="status" aria-label="Stream summary">
          <span>
            <strong>{filtered ? `${numbers.format(summary.streams)} of ${numbers.format(rows.length)}` : numbers.format(summary.streams)}</strong> streams
          </span>
          <Separator />
          <span>
            <strong>{numbers.format(summary.incremental)}</strong> incremental-capable
          </span>
          <Separator />
          <span>
            <strong>{numbers.format(summary.withPrimaryKey)}</strong> with a primary key
          </span>
          <Separator />
          <span className={summary.incrementalWithoutCursor > 0 ? 'warn' : undefined}>
            <strong>{numbers.format(summary.incrementalWithoutCursor)}</strong> incremental without a usable cursor
          </span>
        </p>
      </div>

      <div
        ref={gridRef}
        className="stream-grid"
        role="grid"
        aria-label="Streams"
        aria-rowcount={view.length + 1}
        aria-colcount={STREAM_COLUMNS.length}
        tabIndex={0}
        aria-activedescendant={activeRow ? rowId(activeRow) : undefined}
        onKeyDown={virtual.onKeyDown}
      >
        <div className="stream-grid-head" role="rowgroup">
          <div className="stream-grid-row" role="row" aria-rowindex={1}>
            {STREAM_COLUMNS.map((column, columnIndex) => {
              const direction = sort?.key === column.key ? sort.direction : 'none';
              return (
                <div
                  key={column.key}
                  role="columnheader"
                  aria-colindex={columnIndex + 1}
                  aria-sort={direction}
                  tabIndex={0}
                  className={`stream-cell col-${column.key}`}
                  onClick={() => sortBy(column.key)}
                  onKeyDown={(event) => onHeaderKeyDown(event, column.key)}
                >
                  {column.label}
                  <span className="sort-indicator" aria-hidden="true">
                    {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
                  </span>
                </div>
              );
            })}
          </div>
        </div>
        {/* One click handler for every row (rows are memoized and re-render only when they change). */}
        <div ref={bodyRef} className="stream-grid-body" role="rowgroup" onClick={onRowClick}>
          <div style={{ height: virtual.totalSize, position: 'relative' }}>
            {virtual.items.map(({ index: position, start }) => {
              const row = view[position];
              if (!row) return null;
              return (
                <StreamGridRow
                  key={row.index}
                  id={rowId(row)}
                  row={row}
                  position={position}
                  start={start}
                  active={position === activePosition}
                  selected={row.index === selected}
                />
              );
            })}
          </div>
        </div>
      </div>
      {view.length === 0 && (
        <p className="empty" role="status">
          {rows.length === 0 ? 'This catalog has no streams.' : `No stream name or namespace contains “${deferredFilter.trim()}”.`}
        </p>
      )}
    </div>
  );
}

/** Read and shown between the counts, so they never run together ("streams · 2,600 …"). */
function Separator() {
  return <span className="separator"> · </span>;
}

function None() {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">none</span>
    </>
  );
}

interface StreamGridRowProps {
  id: string;
  row: StreamRow;
  position: number;
  start: number;
  active: boolean;
  selected: boolean;
}

const StreamGridRow = memo(function StreamGridRow({ id, row, position, start, active, selected }: StreamGridRowProps) {
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={position + 2}
      aria-selected={selected}
      data-position={position}
      className={`stream-grid-row${active ? ' active' : ''}`}
      style={{ top: start, height: STREAM_ROW_HEIGHT }}
    >
      <div role="gridcell" aria-colindex={1} className="stream-cell col-name" title={row.name}>
        {row.name}
      </div>
      <div role="gridcell" aria-colindex={2} className="stream-cell col-namespace" title={row.namespace ?? undefined}>
        {row.namespace ?? <None />}
      </div>
      <div role="gridcell" aria-colindex={3} className="stream-cell col-syncModes">
        {row.syncModes.length > 0 ? <span title={formatSyncModes(row.syncModes)}>{formatSyncModes(row.syncModes)}</span> : <None />}
      </div>
      <div role="gridcell" aria-colindex={4} className={`stream-cell col-sourceDefinedCursor${row.sourceDefinedCursor ? ' yes' : ''}`}>
        {row.sourceDefinedCursor ? 'Yes' : 'No'}
      </div>
      <div role="gridcell" aria-colindex={5} className="stream-cell col-defaultCursor code">
        {row.defaultCursor && row.defaultCursor.length > 0 ? formatPath(row.defaultCursor) : <None />}
      </div>
      <div role="gridcell" aria-colindex={6} className="stream-cell col-primaryKey code">
        {hasPrimaryKey(row) ? formatPrimaryKey(row.primaryKey) : <None />}
      </div>
      <div role="gridcell" aria-colindex={7} className="stream-cell col-fieldCount">
        {numbers.format(row.fieldCount)}
      </div>
    </div>
  );
});
