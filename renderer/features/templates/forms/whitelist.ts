import type { Customization } from '../../../../preload/contract';

/** The newest cached catalog of a connector: what a whitelist is checked against. */
export interface CatalogStreams {
  streamNames: string[];
  sourceName: string;
  discoveredAt: string;
}

/**
 * A whitelist's problems: empty (selects no stream), or names not in the catalog — the API accepts
 * any name and such a name selects nothing, so only this check catches a typo. Exact match, as the API.
 */
export function whitelistProblems(names: readonly string[], mode: Customization['stream_selection_mode'], catalog: CatalogStreams | null): { empty: boolean; unknown: string[] } {
  if (mode !== 'whitelist') return { empty: false, unknown: [] };
  const known = catalog ? new Set(catalog.streamNames) : null;
  return { empty: names.length === 0, unknown: known ? names.filter((n) => !known.has(n)) : [] };
}
