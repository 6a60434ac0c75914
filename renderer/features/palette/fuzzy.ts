/**
 * Fuzzy matching for the command palette: the query's characters must appear in the label in order
 * (a subsequence, case-insensitive), and the match is scored so that prefixes, word starts and runs
 * of consecutive characters rank first ("temp" → "Templates" before "Test compare"). No fuzzy-search
 * package is installed and the lists are small (areas, actions, at most an organization's workspaces),
 * so a few dozen lines beat a dependency.
 */

export interface FuzzyMatch {
  score: number;
  /** Indexes into the label of the characters that matched, ascending (for highlighting). */
  indexes: number[];
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
  let best: FuzzyMatch | null = null;
  // Greedy from the first occurrence can miss a better placement ("tem" in "Item templates"), so
  // every occurrence of the first character is tried; labels are short, this stays cheap.
  for (let start = lower.indexOf(q[0] as string); start >= 0; start = lower.indexOf(q[0] as string, start + 1)) {
    const match = placeFrom(label, lower, q, start);
    if (!match) break; // a later start cannot fit what an earlier one could not
    if (!best || match.score > best.score) best = match;
  }
  if (best) best.score -= label.length * 0.01; // equal matches: the shorter label is the closer one
  return best;
}
