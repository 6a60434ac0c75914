/**
 * ↑/↓ through recent queries in the JMESPath editor. ↑ in an empty editor recalls the most recent query; on a
 * recalled, unedited query (cursor at its start) ↑ steps to an older one; ↓ on a recalled, unedited query steps
 * back toward the newest, and past it to the empty editor the user started from. An edited query is the
 * user's own: the arrows move the cursor as usual.
 */
export interface Recall {
  /** Index in the history (0 = most recent). */
  index: number;
  /** The text recalled: stepping goes on only while the editor still shows it. */
  text: string;
}

export interface HistoryStep {
  recall: Recall | null;
  text: string;
}

export function stepHistory(history: readonly string[], recall: Recall | null, text: string, key: 'up' | 'down', atStart: boolean): HistoryStep | null {
  const recalled = recall !== null && recall.text === text;
  if (key === 'up') {
    const index = text === '' ? 0 : recalled && atStart ? recall.index + 1 : -1;
    const next = index >= 0 ? history[index] : undefined;
    return next === undefined ? null : { recall: { index, text: next }, text: next };
  }
  if (!recalled) return null;
  const index = recall.index - 1;
  const next = index >= 0 ? history[index] : undefined;
  return next === undefined ? { recall: null, text: '' } : { recall: { index, text: next }, text: next };
}
