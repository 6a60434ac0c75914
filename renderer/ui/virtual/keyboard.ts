/**
 * Keyboard movement in a one-dimensional list of rows, shared by every virtualized list and table:
 * arrows move by one, PageUp/PageDown by a page, Home/End to the ends. Pure, so it is tested alone.
 */
export function nextActiveIndex(key: string, current: number, count: number, pageSize: number): number | null {
  if (count <= 0) return null;
  const clamp = (index: number) => Math.min(count - 1, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
      return clamp(current + 1);
    case 'ArrowUp':
      return clamp(current - 1);
    case 'PageDown':
      return clamp(current + pageSize);
    case 'PageUp':
      return clamp(current - pageSize);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** Rows that fit in a viewport of `viewportHeight`, less one so a page move keeps a row of context. */
export function pageSizeFor(viewportHeight: number, rowHeight: number): number {
  return Math.max(1, Math.floor(viewportHeight / rowHeight) - 1);
}

/** The smallest scroll change that shows row `index` whole; `null` when it already is. */
export function scrollTopToShow(index: number, rowHeight: number, scrollTop: number, viewportHeight: number): number | null {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return Math.max(0, top + rowHeight - viewportHeight);
  return null;
}
