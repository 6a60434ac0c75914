export type { StreamRow } from './stream-row';
export { StreamTable, STREAM_ROW_HEIGHT, type StreamTableProps } from './StreamTable';
export * from './stream-table-model';
