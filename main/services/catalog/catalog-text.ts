import { redactText } from '../http/redaction';

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;

/** Index of the quote closing the string whose opening quote is at `open`, or -1. */
function closingQuote(text: string, open: number): number {
  let at = text.indexOf('"', open + 1);
  while (at !== -1) {
    let backslashes = 0;
    for (let k = at - 1; k > open && text.charCodeAt(k) === 0x5c; k--) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = text.indexOf('"', at + 1);
  }
  return -1;
}

function describeStart(text: string, start: number): string {
  const c = text[start];
  if (c === '[') return 'a JSON array';
  if (c === '<') return 'an HTML or XML page';
  if (c === '"') return 'a JSON string';
  if (c !== undefined && /[-0-9tfn]/.test(c)) return 'a bare JSON value';
  const snippet = redactText(text.slice(start, start + 40)).replace(/\s+/g, ' ');
  return `text starting with “${snippet}”`;
}

/**
 * Says in a few words why a discover body is not a catalog, or null when it looks like one.
 *
 * The choice (documented in docs/architecture.md): main does NOT `JSON.parse` the body, let alone
 * schema-check it — for the 36 MB catalog that blocks main for seconds, and the renderer's worker
 * parses it once anyway. This check is one linear scan without allocation per character: the text
 * must be one JSON object (`{` … `}` after trimming) with a top-level `catalog` member whose value
 * is an object. It stops at that member, which the API sends first, so a real catalog costs a few
 * characters. A body cut short is caught before this by the transport (Content-Length mismatch or a
 * dropped connection); a well-delimited but internally broken body is reported by the worker's parse.
 */
export function catalogTextProblem(text: string): string | null {
  let start = 0;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  let end = text.length - 1;
  while (end >= start && isSpace(text.charCodeAt(end))) end--;
  if (start > end) return 'an empty body';
  if (text.charCodeAt(start) !== 0x7b) return describeStart(text, start);
  if (text.charCodeAt(end) !== 0x7d) return 'a JSON object that does not end: the body is incomplete';
  let depth = 0;
  for (let i = start; i <= end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const close = closingQuote(text, i);
      if (close === -1 || close > end) return 'a JSON object with an unterminated string';
      if (depth === 1) {
        let j = close + 1;
        while (j <= end && isSpace(text.charCodeAt(j))) j++;
        if (text.charCodeAt(j) === 0x3a && close - i === 8 && text.startsWith('catalog', i + 1)) {
          j++;
          while (j <= end && isSpace(text.charCodeAt(j))) j++;
          return text.charCodeAt(j) === 0x7b ? null : 'a JSON object whose “catalog” member is not an object';
        }
      }
      i = close;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return 'a JSON object without a “catalog” member';
}
