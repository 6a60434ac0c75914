import type { WorkspaceCounts } from './workspaces-store';

/** The header's counts in words: the organization's, or those of the filtered rows ("so far" while pages still arrive). */
export function countsText(counts: WorkspaceCounts, organization: { total: number } | null, statsFailed: boolean): string {
  if (counts.kind === 'organization') return `${counts.total} total · ${counts.active} active · ${counts.inactive} inactive`;
  if (counts.kind === 'unknown') return statsFailed ? 'Counts unavailable' : 'Counting…';
  const of = organization ? ` (of ${organization.total} in the organization)` : '';
  const soFar = counts.complete ? '' : ' so far';
  return `${counts.total} shown${soFar} · ${counts.active} active · ${counts.inactive} inactive${of}`;
}

/** "N matches" for a search, "so far" until the last page is in. */
export function matchesText(count: number, complete: boolean): string {
  return `${count.toLocaleString()} ${count === 1 ? 'match' : 'matches'}${complete ? '' : ' so far…'}`;
}
