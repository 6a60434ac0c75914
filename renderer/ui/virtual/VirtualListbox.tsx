import { useRef, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react';
import { useLoadMore } from './use-load-more';
import { useVirtualRows } from './use-virtual-rows';

export interface VirtualListboxProps<T> {
  items: readonly T[];
  /** The listbox's accessible name. */
  label: string;
  rowHeight: number;
  overscan?: number;
  /** A stable key per item, also the base of its DOM id (`idPrefix` + key). */
  getKey(item: T): string;
  idPrefix: string;
  /** The active (and selected) option; selection follows focus. */
  activeIndex: number;
  onActiveChange(index: number): void;
  /** Enter on the active option, or a click on an option. */
  onOpen(item: T, index: number): void;
  renderItem(item: T, index: number): ReactNode;
  className?: string;
  optionClassName?: string;
  /** `aria-setsize` of every option: the total, or -1 while it is unknown (more pages to come). */
  setSize?: number;
  /** Paging: ask for more when the rendered rows come within `threshold` of the end. */
  loadMore?: { hasMore: boolean; loading: boolean; threshold: number; onLoadMore(): void };
  /** Rendered after the rows, inside the scrolling element (e.g. a sticky "Loading more…"). */
  footer?: ReactNode;
  /**
   * Ticking rows for a bulk action, apart from the active row: Space, Ctrl/Cmd+click or a click on
   * an element marked `data-check` ticks one; Shift+click a range. Ticked options carry `aria-checked`.
   */
  checkable?: { isChecked(item: T): boolean; onToggle(index: number, mode: 'one' | 'range'): void };
}

/**
 * A virtualized ARIA listbox with fixed-height rows: one tab stop, the active option announced
 * through `aria-activedescendant`, only the options in view (plus overscan) in the DOM.
 */
export function VirtualListbox<T>(props: VirtualListboxProps<T>) {
  const { items, label, rowHeight, overscan, getKey, idPrefix, activeIndex, onActiveChange, onOpen, renderItem, className, optionClassName, setSize, loadMore, footer, checkable } = props;
  const ref = useRef<HTMLDivElement>(null);
  const rows = useVirtualRows({
    count: items.length,
    rowHeight,
    overscan,
    getItemKey: (index) => getKey(items[index] as T),
    scrollRef: ref,
    activeIndex,
    onActiveChange,
    onActivate: (index) => onOpen(items[index] as T, index),
  });
  useLoadMore({
    count: items.length,
    lastRenderedIndex: rows.lastRenderedIndex,
    hasMore: loadMore?.hasMore ?? false,
    loading: loadMore?.loading ?? false,
    threshold: loadMore?.threshold ?? 0,
    onLoadMore: loadMore?.onLoadMore ?? noop,
  });

  const active = items[activeIndex];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (checkable && event.key === ' ' && event.target === event.currentTarget && activeIndex >= 0 && activeIndex < items.length) {
      event.preventDefault();
      checkable.onToggle(activeIndex, event.shiftKey ? 'range' : 'one');
      return;
    }
    rows.onKeyDown(event);
  };
  const onOptionClick = (event: MouseEvent<HTMLDivElement>, item: T, index: number) => {
    onActiveChange(index);
    if (checkable) {
      if (event.shiftKey) return checkable.onToggle(index, 'range');
      if (event.ctrlKey || event.metaKey || (event.target as HTMLElement).closest('[data-check]')) return checkable.onToggle(index, 'one');
    }
    onOpen(item, index);
  };
  return (
    <div
      ref={ref}
      className={className}
      role="listbox"
      aria-label={label}
      tabIndex={0}
      aria-activedescendant={active !== undefined ? `${idPrefix}${getKey(active)}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: rows.totalSize, position: 'relative' }}>
        {rows.items.map(({ index, start }) => {
          const item = items[index] as T;
          const key = getKey(item);
          return (
            <div
              key={key}
              id={`${idPrefix}${key}`}
              role="option"
              aria-selected={index === activeIndex}
              aria-setsize={setSize ?? items.length}
              aria-posinset={index + 1}
              aria-checked={checkable ? checkable.isChecked(item) : undefined}
              className={optionClassName}
              style={{ position: 'absolute', left: 0, right: 0, top: start, height: rowHeight }}
              onClick={(event) => onOptionClick(event, item, index)}
            >
              {renderItem(item, index)}
            </div>
          );
        })}
      </div>
      {footer}
    </div>
  );
}

function noop() {}
