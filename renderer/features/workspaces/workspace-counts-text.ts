import type { WorkspaceCounts } from './workspaces-store';

const n = (count: number) => count.toLocaleString();

/**
 * The header's counts in words, short enough for one line: the organization's ("5,041 workspaces ·
 * 4,581 active · 460 inactive"), or those of the filtered rows ("100 of 5,041 · 91 active · 9 inactive",
 * "so far" while pages still arrive).
 */
export function countsText(counts: WorkspaceCounts, organization: { total: number } | null, statsFailed: boolean): string {
  if (counts.kind === 'organization') return `${n(counts.total)} ${counts.total === 1 ? 'workspace' : 'workspaces'} · ${n(counts.active)} active · ${n(counts.inactive)} inactive`;
  if (counts.kind === 'unknown') return statsFailed ? 'Counts unavailable' : 'Counting…';
  const shown = organization ? `${n(counts.total)} of ${n(organization.total)}` : `${n(counts.total)} shown`;
  return `${shown}${counts.complete ? '' : ' so far'} · ${n(counts.active)} active · ${n(counts.inactive)} inactive`;
}

/** "N matches" for a search, "so far" until the last page is in. */
export function matchesText(count: number, complete: boolean): string {
  return `${n(count)} ${count === 1 ? 'match' : 'matches'}${complete ? '' : ' so far…'}`;
}
