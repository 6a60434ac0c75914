import type { WorkspaceItem } from '../../../preload/contract';
import { VirtualListbox } from '../../ui/virtual';

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
  /** Ticked for a bulk action; omitted: the rows cannot be ticked. */
  checked?: ReadonlySet<string>;
  onToggleChecked?(index: number, mode: 'one' | 'range'): void;
  /** Rows the whole list will have once every page is in (the scrollbar's extent while loading). */
  footerText?: string;
}

/**
 * A virtualized listbox (the shared `ui/virtual` foundation): only the rows in view (plus a margin)
 * are in the DOM, so 5,000 workspaces scroll as smoothly as 50. Arrow keys, Home/End and
 * PageUp/PageDown move; Enter opens.
 */
export function WorkspaceList({ items, activeIndex, hasMore, loadingMore, onActiveChange, onOpen, onNeedMore, checked, onToggleChecked, footerText }: WorkspaceListProps) {
  return (
    <VirtualListbox
      items={items}
      label="Workspaces"
      className="workspace-list"
      optionClassName="workspace-row"
      rowHeight={ROW_HEIGHT}
      overscan={OVERSCAN}
      idPrefix="ws-"
      getKey={workspaceId}
      activeIndex={activeIndex}
      onActiveChange={onActiveChange}
      onOpen={(item) => onOpen(item)}
      setSize={hasMore ? -1 : items.length}
      loadMore={{ hasMore, loading: loadingMore, threshold: PREFETCH_ROWS, onLoadMore: onNeedMore }}
      {...(checked && onToggleChecked ? { checkable: { isChecked: (item: WorkspaceItem) => checked.has(item.id), onToggle: onToggleChecked } } : {})}
      renderItem={(item) => (
        <>
          {/* Drawn as a checkbox; the option itself carries aria-checked (a listbox option may hold no control of its own). */}
          {checked && <span className={`check-box${checked.has(item.id) ? ' on' : ''}`} data-check aria-hidden="true" title="Tick for a bulk action (Space, Ctrl+click, Shift+click for a range)" />}
          <span className="ws-name">{item.name}</span>
          <span className={`badge status-${item.status}`}>{item.status}</span>
          <span className={`badge region-${item.region}`} aria-label={`Region ${item.region === 'unknown' ? 'unknown' : item.region}`}>
            {item.region === 'unknown' ? '?' : item.region}
          </span>
        </>
      )}
      footer={
        loadingMore && (
          <p className="list-footer" role="status">
            {footerText ?? 'Loading more…'}
          </p>
        )
      }
    />
  );
}

function workspaceId(item: WorkspaceItem): string {
  return item.id;
}
