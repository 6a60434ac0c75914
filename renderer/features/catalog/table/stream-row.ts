/**
 * One stream of a discovered catalog, summarized for the stream table. A Web Worker builds these
 * from the catalog (the UI thread holds this index, never the catalog itself).
 */
export interface StreamRow {
  /** Position of the stream in the catalog's `streams` array. */
  index: number;
  name: string;
  namespace: string | null;
  syncModes: string[];
  sourceDefinedCursor: boolean;
  defaultCursor: string[] | null;
  primaryKey: string[][] | null;
  fieldCount: number;
}
