// The stream names of a discovered catalog (`{"catalog": {"streams": [{"name": …}, …]}}`), read
// from its bytes in one pass without parsing the catalog: a cached catalog can be 39 MB, and a parse
// in main blocks it for a second and keeps the whole tree alive. Only keys of the few objects on the
// path to the names, and the names themselves, are decoded; everything else is skipped. Working on
// bytes is safe for UTF-8: every byte of a multi-byte character is ≥ 0x80, so it never looks like a
// quote, bracket, comma or backslash.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;

/** Where a container sits on the path to the names. */
const ROOT = 0;
const CATALOG = 1;
const STREAMS = 2;
const STREAM = 3;
const ELSEWHERE = 4;

/** Index of the quote closing the string whose opening quote is at `open`, or -1. */
function closingQuote(bytes: Uint8Array, open: number): number {
  let at = bytes.indexOf(QUOTE, open + 1);
  while (at !== -1) {
    let backslashes = 0;
    for (let k = at - 1; k > open && bytes[k] === BACKSLASH; k--) backslashes++;
    if (backslashes % 2 === 0) return at;
    at = bytes.indexOf(QUOTE, at + 1);
  }
  return -1;
}

const decoder = new TextDecoder('utf-8');

/** The JSON string from `open` to `close` (its quotes), escapes resolved; null when it is not a valid string. */
function decodeString(bytes: Uint8Array, open: number, close: number): string | null {
  const raw = decoder.decode(bytes.subarray(open, close + 1));
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

function childPlace(parent: number, key: string | null, opensObject: boolean): number {
  if (parent === ROOT && key === 'catalog' && opensObject) return CATALOG;
  if (parent === CATALOG && key === 'streams' && !opensObject) return STREAMS;
  if (parent === STREAMS && opensObject) return STREAM;
  return ELSEWHERE;
}

/**
 * The `name` of every stream, in catalog order (the first `name` of a stream object counts), or null
 * when the bytes are not a complete JSON object (a string or a container left open).
 */
export function catalogStreamNames(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  // One entry per open container.
  const places: number[] = [];
  const isObject: boolean[] = [];
  const expectKey: boolean[] = [];
  const keys: Array<string | null> = [];
  const named: boolean[] = [];
  let started = false;
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      const close = closingQuote(bytes, i);
      if (close === -1) return null;
      const top = places.length - 1;
      if (top >= 0 && isObject[top] && expectKey[top]) {
        const place = places[top] as number;
        keys[top] = place === ELSEWHERE ? null : decodeString(bytes, i, close);
        expectKey[top] = false;
      } else if (top >= 0 && places[top] === STREAM && keys[top] === 'name' && !named[top]) {
        const name = decodeString(bytes, i, close);
        if (name !== null) names.push(name);
        named[top] = true;
      }
      i = close;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      const opensObject = c === OPEN_OBJECT;
      const top = places.length - 1;
      let place: number;
      if (top < 0) {
        if (started || !opensObject) return null;
        started = true;
        place = ROOT;
      } else {
        place = childPlace(places[top] as number, isObject[top] ? (keys[top] ?? null) : null, opensObject);
      }
      places.push(place);
      isObject.push(opensObject);
      expectKey.push(opensObject);
      keys.push(null);
      named.push(false);
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (places.length === 0) return null;
      places.pop();
      isObject.pop();
      expectKey.pop();
      keys.pop();
      named.pop();
      if (places.length === 0) return names;
    } else if (c === COMMA) {
      const top = places.length - 1;
      if (top >= 0 && isObject[top]) {
        expectKey[top] = true;
        keys[top] = null;
      }
    }
  }
  return null;
}
