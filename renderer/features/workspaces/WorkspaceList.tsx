import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { WorkspaceItem } from '../../../preload/contract';

export const ROW_HEIGHT = 36;
const OVERSCAN = 8;
/** Start loading the next page when the user is this many rows from the end. */
const PREFETCH_ROWS = 15;

export interface WorkspaceListProps {
  items: WorkspaceItem[];
  activeIndex: number;
  hasMore: boolean;
  loadingMore: boolean;
  onActiveChange(index: number): void;
  onOpen(item: WorkspaceItem): void;
  onNeedMore(): void;
}

/**
 * A virtualized listbox: only the rows in view (plus a margin) are in the DOM, so 5,000 workspaces
 * scroll as smoothly as 50. Arrow keys, Home/End and PageUp/PageDown move; Enter opens.
 */
export function WorkspaceList({ items, activeIndex, hasMore, loadingMore, onActiveChange, onOpen, onNeedMore }: WorkspaceListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(480);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setHeight(element.clientHeight || 480));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  // Near the end (or a short, filtered list): fetch the next page.
  useEffect(() => {
    if (hasMore && !loadingMore && last >= items.length - PREFETCH_ROWS) onNeedMore();
  }, [hasMore, loadingMore, last, items.length, onNeedMore]);

  // Keep the active row in view when it moves by keyboard.
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const top = activeIndex * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + element.clientHeight) element.scrollTop = top + ROW_HEIGHT - element.clientHeight;
  }, [activeIndex]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) onActiveChange(Math.min(items.length - 1, Math.max(0, activeIndex + (moves[event.key] ?? 0))));
    else if (event.key === 'Home') onActiveChange(0);
    else if (event.key === 'End') onActiveChange(items.length - 1);
    else if (event.key === 'Enter' && items[activeIndex]) onOpen(items[activeIndex]);
    else return;
    event.preventDefault();
  };

  const active = items[activeIndex];
  return (
    <div
      ref={ref}
      className="workspace-list"
      role="listbox"
      aria-label="Workspaces"
      tabIndex={0}
      aria-activedescendant={active ? `ws-${active.id}` : undefined}
      onKeyDown={onKeyDown}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
    >
      <div style={{ height: items.length * ROW_HEIGHT, position: 'relative' }}>
        {items.slice(first, last).map((item, offset) => {
          const index = first + offset;
          return (
            <div
              key={item.id}
              id={`ws-${item.id}`}
              role="option"
              aria-selected={index === activeIndex}
              aria-setsize={hasMore ? -1 : items.length}
              aria-posinset={index + 1}
              className="workspace-row"
              style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
              onClick={() => {
                onActiveChange(index);
                onOpen(item);
              }}
            >
              <span className="ws-name">{item.name}</span>
              <span className={`badge status-${item.status}`}>{item.status}</span>
              <span className={`badge region-${item.region}`} aria-label={`Region ${item.region === 'unknown' ? 'unknown' : item.region}`}>
                {item.region === 'unknown' ? '?' : item.region}
              </span>
            </div>
          );
        })}
      </div>
      {loadingMore && (
        <p className="list-footer" role="status">
          Loading more…
        </p>
      )}
    </div>
  );
}
