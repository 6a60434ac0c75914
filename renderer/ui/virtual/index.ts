export { nextActiveIndex, pageSizeFor, scrollTopToShow } from './keyboard';
export { useLoadMore, type LoadMoreOptions } from './use-load-more';
export { useVirtualRows, type VirtualRows, type VirtualRowsOptions } from './use-virtual-rows';
export { VirtualListbox, type VirtualListboxProps } from './VirtualListbox';
