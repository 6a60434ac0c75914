/**
 * Fuzzy matching for the command palette. The label containing the query as it was typed ranks
 * first ("postgres" → "Postgres - acme"), best at a word start; then the query's characters at word
 * starts ("nw" → "New workspace"); then the query's characters anywhere in order (a subsequence,
 * case-insensitive), scored so that prefixes, word starts and runs of consecutive characters come
 * first. No fuzzy-search package is installed and the lists are small (areas, actions, at most an
 * organization's workspaces), so a few dozen lines beat a dependency.
 */

/** How the label matched, best first: the whole query in one piece, word initials, scattered letters. */
export type MatchKind = 'substring' | 'initials' | 'scattered';

export interface FuzzyMatch {
  score: number;
  /** Indexes into the label of the characters that matched, ascending (for highlighting). */
  indexes: number[];
  kind?: MatchKind;
  /** The longest run of consecutive matched characters. */
  run?: number;
}

/** Each kind starts far above the one after it, so no score within a kind can overtake a better kind. */
const KIND_BASE: Record<MatchKind, number> = { substring: 20_000, initials: 10_000, scattered: 0 };

/**
 * A scattered match is "weak" when its longest piece is shorter than this: "postgres" spelt out
 * letter by letter across a long name. Weak matches are left out when a better one exists.
 */
export const WEAK_RUN = 3;

/** Whether a match is good enough to show next to the best ones (see `WEAK_RUN`). */
export function isStrong(match: FuzzyMatch): boolean {
  return match.kind === 'substring' || match.kind === 'initials' || (match.run ?? 0) >= WEAK_RUN;
}

const WORD_START = 8;
const CONSECUTIVE = 5;
const FIRST_CHARACTER = 10;
const MAX_GAP_PENALTY = 3;

function isWordStart(label: string, index: number): boolean {
  if (index === 0) return true;
  const before = label[index - 1] as string;
  const here = label[index] as string;
  if (/[\s\-_./:&()]/.test(before)) return true;
  // camelCase and digits after letters start a "word" too.
  return (before === before.toLowerCase() && here !== here.toLowerCase()) || (/\D/.test(before) && /\d/.test(here));
}

/** Scores one placement: the query matched greedily from `start`. Null when the rest does not fit. */
function placeFrom(label: string, lower: string, query: string, start: number): FuzzyMatch | null {
  const indexes: number[] = [];
  let score = 0;
  let at = start;
  for (let q = 0; q < query.length; q++) {
    const found = lower.indexOf(query[q] as string, at);
    if (found < 0) return null;
    const previous = indexes[indexes.length - 1];
    score += 1;
    if (previous !== undefined && found === previous + 1) score += CONSECUTIVE;
    else if (previous !== undefined) score -= Math.min(found - previous - 1, MAX_GAP_PENALTY);
    if (isWordStart(label, found)) score += WORD_START;
    if (found === 0) score += FIRST_CHARACTER;
    indexes.push(found);
    at = found + 1;
  }
  return { score, indexes };
}

/**
 * The best match of `query` in `label`, or null. Spaces in the query are ignored (they only help the
 * user read what they typed). An empty query matches everything with score 0.
 */
export function fuzzyMatch(query: string, label: string): FuzzyMatch | null {
  const q = query.toLowerCase().replace(/\s+/g, '');
  if (q === '') return { score: 0, indexes: [] };
  const lower = label.toLowerCase();
  const whole = substringMatch(query.toLowerCase().trim().replace(/\s+/g, ' '), label, lower);
  if (whole) return whole;
  const initials = initialsMatch(q, label, lower);
  if (initials) return initials;
  let best: FuzzyMatch | null = null;
  // Greedy from the first occurrence can miss a better placement ("tem" in "Item templates"), so
  // every occurrence of the first character is tried; labels are short, this stays cheap.
  for (let start = lower.indexOf(q[0] as string); start >= 0; start = lower.indexOf(q[0] as string, start + 1)) {
    const match = placeFrom(label, lower, q, start);
    if (!match) break; // a later start cannot fit what an earlier one could not
    if (!best || match.score > best.score) best = match;
  }
  if (!best) return null;
  // Equal matches: the shorter label is the closer one.
  return { score: KIND_BASE.scattered + best.score - label.length * 0.01, indexes: best.indexes, kind: 'scattered', run: longestRun(best.indexes) };
}

/** Each query character at the start of a word, in order ("nw" → New Workspace). */
function initialsMatch(query: string, label: string, lower: string): FuzzyMatch | null {
  const indexes: number[] = [];
  for (let i = 0; i < lower.length && indexes.length < query.length; i++) {
    if (lower[i] === query[indexes.length] && isWordStart(label, i)) indexes.push(i);
  }
  if (indexes.length < query.length) return null;
  // Fewer words skipped, and the shorter label, first.
  const skipped = label.slice(0, (indexes.at(-1) ?? 0) + 1).split(/\s+/).length - indexes.length;
  return { score: KIND_BASE.initials + (indexes[0] === 0 ? 1_000 : 0) - skipped * 10 - label.length * 0.01, indexes, kind: 'initials', run: longestRun(indexes) };
}

/** The query as one piece of the label: at a word start beats inside a word, the label's start beats both, earlier beats later. */
function substringMatch(query: string, label: string, lower: string): FuzzyMatch | null {
  let best: FuzzyMatch | null = null;
  for (let at = lower.indexOf(query); at >= 0; at = lower.indexOf(query, at + 1)) {
    const score = KIND_BASE.substring + (at === 0 ? 2_000 : 0) + (isWordStart(label, at) ? 1_000 : 0) - Math.min(at, 500) - label.length * 0.01;
    if (!best || score > best.score) best = { score, indexes: Array.from({ length: query.length }, (_, i) => at + i), kind: 'substring', run: query.length };
  }
  return best;
}

function longestRun(indexes: readonly number[]): number {
  let longest = 0;
  let run = 0;
  indexes.forEach((index, i) => {
    run = i > 0 && index === (indexes[i - 1] as number) + 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  return longest;
}
