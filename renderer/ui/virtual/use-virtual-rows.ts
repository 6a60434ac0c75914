import { useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import { useEffect, type Key, type KeyboardEvent, type RefObject } from 'react';
import { nextActiveIndex, pageSizeFor, scrollTopToShow } from './keyboard';

/** Used for page moves before the viewport has been measured (jsdom, first frame). */
const FALLBACK_VIEWPORT = 480;

export interface VirtualRowsOptions {
  count: number;
  /** Every row has this height in px (fixed-height rows: no measuring). */
  rowHeight: number;
  /** Rows rendered beyond each edge of the viewport. */
  overscan?: number;
  /** A stable key per row (defaults to its index). */
  getItemKey?: (index: number) => Key;
  /** The element that scrolls (may differ from the element that has focus, as in a grid with a fixed header). */
  scrollRef: RefObject<HTMLElement | null>;
  /** The row the keyboard is on; -1 for none. */
  activeIndex: number;
  onActiveChange(index: number): void;
  /** Enter on the active row. */
  onActivate?(index: number): void;
}

export interface VirtualRows {
  /** The rows to render (in view plus overscan), each with its `index` and `start` offset in px. */
  items: VirtualItem[];
  /** Height of the whole list in px: the size of the sizer element the rows are positioned in. */
  totalSize: number;
  /** Index of the last rendered row, -1 when none: what "near the end" is measured from. */
  lastRenderedIndex: number;
  /** Attach to the focusable element (listbox or grid). */
  onKeyDown(event: KeyboardEvent<HTMLElement>): void;
}

/**
 * Fixed-height row virtualization on `@tanstack/react-virtual` plus the keyboard model every list
 * and table shares: arrows, Home/End, PageUp/PageDown move the active row, Enter activates it, and
 * the active row is kept in view whenever it moves. Focus stays on one element; the active row is
 * announced through `aria-activedescendant` by the component.
 */
export function useVirtualRows({ count, rowHeight, overscan = 8, getItemKey, scrollRef, activeIndex, onActiveChange, onActivate }: VirtualRowsOptions): VirtualRows {
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan,
    ...(getItemKey ? { getItemKey } : {}),
  });
  const items = virtualizer.getVirtualItems();

  // Keep the active row in view when it moves (not when the user scrolls it away with the mouse).
  useEffect(() => {
    const element = scrollRef.current;
    if (!element || activeIndex < 0) return;
    const top = scrollTopToShow(activeIndex, rowHeight, element.scrollTop, element.clientHeight);
    if (top !== null) element.scrollTop = top;
  }, [activeIndex, rowHeight, scrollRef]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    // Keys pressed on a focusable child (a column header, a button in a row) are the child's own.
    if (event.target !== event.currentTarget || event.altKey || event.metaKey) return;
    if (event.key === 'Enter') {
      if (activeIndex < 0 || activeIndex >= count || !onActivate) return;
      onActivate(activeIndex);
    } else {
      const viewport = scrollRef.current?.clientHeight || FALLBACK_VIEWPORT;
      const next = nextActiveIndex(event.key, Math.max(0, activeIndex), count, pageSizeFor(viewport, rowHeight));
      if (next === null) return;
      onActiveChange(next);
    }
    event.preventDefault();
  };

  return { items, totalSize: virtualizer.getTotalSize(), lastRenderedIndex: items.at(-1)?.index ?? -1, onKeyDown };
}
