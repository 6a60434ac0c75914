import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualRows } from '../../ui/virtual';
import type { RowState } from './streams-store';

export const STREAM_LIST_ROW_HEIGHT = 30;
const numbers = new Intl.NumberFormat('en-US');

/** What the list says of one stream's configuration. */
export function stateText(state: RowState | undefined): string {
  if (!state) return 'not read';
  switch (state.state) {
    case 'reading':
      return 'reading…';
    case 'not_configured':
      return 'not configured';
    case 'error':
      return `error: ${state.message}`;
    case 'configured': {
      const c = state.config;
      const parts = [`${c.sync_mode}/${c.destination_sync_mode}`];
      if (c.cursor_field.length > 0) parts.push(`cursor ${c.cursor_field.join('.')}`);
      if (c.primary_key.length > 0) parts.push(`key ${c.primary_key.map((p) => p.join('.')).join('+')}`);
      return parts.join(' · ');
    }
  }
}

export interface StreamListProps {
  /** Stream names (the API addresses streams by name), in catalog order, once each. */
  names: readonly string[];
  states: ReadonlyMap<string, RowState>;
  selection: ReadonlySet<string>;
  openName: string | null;
  onOpen(name: string): void;
  onToggle(name: string, on?: boolean): void;
  onSelectMany(names: string[]): void;
  /** The names in view (plus overscan): their configurations are read if unknown. */
  onVisible(names: string[]): void;
}

/**
 * "Streams to configure": a virtualized multi-select listbox. Enter (or a click on the name) opens the active
 * stream in the editor; Space (or a click on the tick box, or Ctrl/Cmd+click) adds it to the selection a plan
 * can use. Only the rows in view are in the DOM, and only their configurations are read.
 */
export function StreamList({ names, states, selection, openName, onOpen, onToggle, onSelectMany, onVisible }: StreamListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [filter, setFilter] = useState('');
  const deferred = useDeferredValue(filter);
  const view = useMemo(() => {
    const f = deferred.trim().toLowerCase();
    return f ? names.filter((n) => n.toLowerCase().includes(f)) : names;
  }, [names, deferred]);
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, view.length - 1);
  const rows = useVirtualRows({
    count: view.length,
    rowHeight: STREAM_LIST_ROW_HEIGHT,
    overscan: 6,
    getItemKey: (i) => view[i] as string,
    scrollRef: ref,
    activeIndex,
    onActiveChange: setActive,
    onActivate: (i) => onOpen(view[i] as string),
  });

  // Read what is in view, once the scrolling settles.
  const first = rows.items[0]?.index ?? 0;
  const last = rows.lastRenderedIndex;
  const visible = useRef(onVisible);
  visible.current = onVisible;
  useEffect(() => {
    if (last < 0) return;
    const timer = setTimeout(() => visible.current(view.slice(first, last + 1) as string[]), 120);
    return () => clearTimeout(timer);
  }, [view, first, last]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target === event.currentTarget && event.key === ' ' && activeIndex >= 0) {
      event.preventDefault();
      onToggle(view[activeIndex] as string);
      return;
    }
    rows.onKeyDown(event);
  };

  const selectedShown = view.filter((n) => selection.has(n)).length;
  const activeName = view[activeIndex];
  return (
    <div className="stream-list">
      <div className="toolbar filters">
        <input type="search" aria-label="Filter streams" placeholder="Filter by name…" maxLength={255} value={filter} onChange={(e) => setFilter(e.target.value)} />
        <button type="button" onClick={() => onSelectMany([...new Set([...selection, ...view])])} disabled={view.length === 0}>
          Select shown
        </button>
        <button type="button" onClick={() => onSelectMany([])} disabled={selection.size === 0}>
          Clear selection
        </button>
      </div>
      <p className="muted stream-list-summary" role="status" aria-label="Selection summary">
        {numbers.format(view.length)} of {numbers.format(names.length)} streams · {numbers.format(selection.size)} selected{selectedShown !== selection.size ? ` (${numbers.format(selectedShown)} shown)` : ''}
      </p>
      <div
        ref={ref}
        className="stream-list-box"
        role="listbox"
        aria-label="Streams to configure"
        aria-multiselectable="true"
        tabIndex={0}
        aria-activedescendant={activeName !== undefined ? `stream-opt-${encodeURIComponent(activeName)}` : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: rows.totalSize, position: 'relative' }}>
          {rows.items.map(({ index, start }) => {
            const name = view[index] as string;
            const state = states.get(name);
            const selected = selection.has(name);
            return (
              <div
                key={name}
                id={`stream-opt-${encodeURIComponent(name)}`}
                role="option"
                aria-selected={selected}
                aria-current={openName === name ? 'true' : undefined}
                aria-setsize={view.length}
                aria-posinset={index + 1}
                className={`stream-option${index === activeIndex ? ' active' : ''}${openName === name ? ' open' : ''}`}
                style={{ position: 'absolute', left: 0, right: 0, top: start, height: STREAM_LIST_ROW_HEIGHT }}
                onClick={(event) => {
                  setActive(index);
                  if (event.ctrlKey || event.metaKey) onToggle(name);
                  else onOpen(name);
                }}
              >
                <span
                  className={`check-box${selected ? ' on' : ''}`}
                  aria-hidden="true"
                  data-testid="select-stream"
                  onClick={(event) => {
                    event.stopPropagation();
                    setActive(index);
                    onToggle(name);
                  }}
                />
                <span className="stream-option-name">{name}</span>
                <span className={`stream-option-state state-${state?.state ?? 'unread'}`} title={state && 'readAt' in state ? `${stateText(state)} · read ${new Date(state.readAt).toLocaleString()}` : undefined}>
                  {stateText(state)}
                </span>
              </div>
            );
          })}
        </div>
      </div>
      <p className="hint">Enter or click opens a stream; Space, Ctrl/Cmd+click or the box selects it for a plan.</p>
    </div>
  );
}
