import { useEffect } from 'react';

export interface LoadMoreOptions {
  /** Rows loaded so far. */
  count: number;
  /** Index of the last rendered row (`useVirtualRows().lastRenderedIndex`). */
  lastRenderedIndex: number;
  /** Whether the source has more rows to give. */
  hasMore: boolean;
  /** A page is on its way: do not ask again. */
  loading: boolean;
  /** Ask once the last rendered row is within this many rows of the end. */
  threshold: number;
  onLoadMore(): void;
}

/**
 * "Near the end → load more": asks for the next page when the rendered rows come within
 * `threshold` of the end of what is loaded, including a list too short to fill its viewport.
 */
export function useLoadMore({ count, lastRenderedIndex, hasMore, loading, threshold, onLoadMore }: LoadMoreOptions): void {
  useEffect(() => {
    if (hasMore && !loading && lastRenderedIndex + 1 >= count - threshold) onLoadMore();
  }, [hasMore, loading, lastRenderedIndex, count, threshold, onLoadMore]);
}
