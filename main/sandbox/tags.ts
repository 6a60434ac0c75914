import type { TagsMode } from './state';

/** §8.3: `any` needs one listed tag, `all` every one; an empty list is no filter; exact, case-sensitive. */
export function matchesTags(templateTags: readonly string[], wanted: readonly string[], mode: TagsMode): boolean {
  if (wanted.length === 0) return true;
  return mode === 'all' ? wanted.every((t) => templateTags.includes(t)) : wanted.some((t) => templateTags.includes(t));
}
