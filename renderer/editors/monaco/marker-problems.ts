import { getLocation } from 'jsonc-parser';

/**
 * Monaco's JSON markers as sentences a user reads under the editor: "port: Incorrect type. Expected
 * "integer"." The marker only knows a line and a column; the field is found from the text at that
 * place (jsonc-parser's location path), so the list names what the hover would only show in place.
 * Pure (no Monaco): the editor hands in its markers, tests hand in plain objects.
 */

export interface MarkerLike {
  startLineNumber: number;
  startColumn: number;
  message: string;
}

/** The offset of a 1-based line and column in `text` (clamped to the text). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return text.length;
    offset = next + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** "ssl_mode.mode", "tunnel[0].port"; empty for the document itself. */
function dotted(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

export function markerProblems(text: string, markers: readonly MarkerLike[]): string[] {
  const sorted = [...markers].sort((a, b) => a.startLineNumber - b.startLineNumber || a.startColumn - b.startColumn);
  const out: string[] = [];
  for (const marker of sorted) {
    // A marker sits on the value or on the key; +1 steps inside the token so the path is the field's.
    const location = getLocation(text, offsetOf(text, marker.startLineNumber, marker.startColumn) + 1);
    const field = dotted(location.path.filter((p) => p !== ''));
    const message = marker.message.trim().replace(/\s+/g, ' ');
    const line = field ? `${field}: ${message}` : `Line ${marker.startLineNumber}: ${message}`;
    const sentence = /[.!?]$/.test(line) ? line : `${line}.`;
    if (!out.includes(sentence)) out.push(sentence);
  }
  return out;
}
