import type { WorkspaceItem } from '../../../preload/contract';
import { nameMatches, type RegionFilter, type StatusFilter } from './workspaces-store';

export interface EmptyListText {
  message: string;
  /** The filters hide the workspaces: offer "Clear filters". */
  filtersHide: boolean;
}

/**
 * Why the list is empty, in the user's words: nothing loaded, no name matches, or matches the Status
 * and Region filters hide (then naming those filters, so "acme" + Inactive + US does not read as "no acme").
 */
export function emptyListText(state: { items: readonly WorkspaceItem[]; search: string; status: StatusFilter; region: RegionFilter }): EmptyListText {
  const { items, status, region } = state;
  const search = state.search.trim();
  if (items.length === 0) return { message: search ? `No workspace name contains “${search}”.` : 'No workspaces yet. Create one to start.', filtersHide: false };
  const byName = search ? items.filter((w) => nameMatches(w.name, search)).length : items.length;
  if (byName === 0) return { message: `No workspace name contains “${search}”.`, filtersHide: false };
  const filters = [status !== 'all' ? `Status: ${status === 'active' ? 'Active' : 'Inactive'}` : null, region !== 'all' ? `Region: ${region === 'unknown' ? 'Unknown' : region}` : null].filter(Boolean).join(', ');
  const noun = byName === 1 ? 'workspace' : 'workspaces';
  const filterWord = filters.includes(',') ? 'filters' : 'filter';
  const message = search
    ? `${byName.toLocaleString()} ${noun} ${byName === 1 ? 'matches' : 'match'} “${search}” but ${byName === 1 ? 'is' : 'are'} hidden by the ${filterWord} ${filters}.`
    : `All ${byName.toLocaleString()} ${noun} ${byName === 1 ? 'is' : 'are'} hidden by the ${filterWord} ${filters}.`;
  return { message, filtersHide: true };
}
