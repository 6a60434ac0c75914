/**
 * Positions for JMESPath markers: UTF-16 offsets (what lib/jmespath's JmesPathError.position and the lints
 * give) → Monaco line/column ranges. Pure (no Monaco import), so it is unit-tested in Node.
 */
import type { WorkerError } from '../../features/catalog/worker/protocol';

export interface MonacoPosition {
  lineNumber: number;
  column: number;
}

export interface MonacoRange {
  startLineNumber: number;
  startColumn: number;
  endLineNumber: number;
  endColumn: number;
}

/**
 * A UTF-16 offset → Monaco's 1-based line and column. Monaco columns count UTF-16 code units, as the offset
 * does; lines break at `\n`, `\r\n` (one break of two units) and a lone `\r`. Offsets are clamped to the text.
 */
export function offsetToPosition(text: string, offset: number): MonacoPosition {
  const end = Math.max(0, Math.min(Number.isFinite(offset) ? Math.floor(offset) : 0, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) {
        if (i + 1 === end) break; // between \r and \n: still the end of this line
        i++;
      }
      line++;
      lineStart = i + 1;
    }
  }
  // An offset inside a \r\n pair stays at the end of its line.
  const col = text.charCodeAt(end - 1) === 13 && text.charCodeAt(end) === 10 ? end - 1 - lineStart + 1 : end - lineStart + 1;
  return { lineNumber: line, column: col };
}

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;
const isBreak = (c: number) => c === 10 || c === 13;

/** Length in UTF-16 units of the character at `offset` (2 for a surrogate pair). */
function charLength(text: string, offset: number): number {
  return isHigh(text.charCodeAt(offset)) && isLow(text.charCodeAt(offset + 1)) ? 2 : 1;
}

/**
 * A UTF-16 range → a Monaco range that is never zero-width where the text allows it: an empty range covers the
 * character at it, or, at the end of a line or of the text, the character before it (so an error "at the end",
 * e.g. `streams[*].`, is visible).
 */
export function rangeToMonaco(text: string, start: number, end: number): MonacoRange {
  let s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s && text.length > 0) {
    if (s < text.length && !isBreak(text.charCodeAt(s))) e = s + charLength(text, s);
    else if (s > 0 && !isBreak(text.charCodeAt(s - 1))) s -= isLow(text.charCodeAt(s - 1)) && isHigh(text.charCodeAt(s - 2)) ? 2 : 1;
  }
  const a = offsetToPosition(text, s);
  const b = offsetToPosition(text, e);
  return { startLineNumber: a.lineNumber, startColumn: a.column, endLineNumber: b.lineNumber, endColumn: b.column };
}

/** Where an error's marker goes, in UTF-16 offsets: the token where parsing stopped, or the whole text. */
export function errorOffsets(text: string, error: Pick<WorkerError, 'position' | 'token' | 'kind'>): [number, number] {
  if (error.position === null) return [0, text.length];
  const start = Math.min(error.position, text.length);
  const tok = error.token;
  let width = start < text.length ? charLength(text, start) : 0;
  if (error.kind === 'parse' && tok && tok.type !== 'eof') {
    if (tok.type === 'unquoted_identifier' && typeof tok.value === 'string') width = tok.value.length;
    else if (tok.type === 'number') width = String(tok.value).length;
    else if (typeof tok.value === 'string' && tok.value.length > 0 && text.startsWith(tok.value, start)) width = tok.value.length;
  }
  return [start, Math.min(text.length, start + width)];
}

/** The Monaco range of an error's marker (see errorOffsets, rangeToMonaco). */
export function errorRange(text: string, error: Pick<WorkerError, 'position' | 'token' | 'kind'>): MonacoRange {
  const [s, e] = errorOffsets(text, error);
  return rangeToMonaco(text, s, e);
}
