/**
 * Where each op of a JSON Patch document sits in its text, so the editor can put a marker on the offending
 * op (checkPatch names ops by index). JSON.parse gives no positions and its error texts differ by engine, and
 * no position-aware JSON parser is a dependency (jsonc-parser would be one more package in a Web Worker
 * bundle, and it is lenient: comments, trailing commas). So this is a small strict scanner: it accepts exactly
 * what JSON.parse accepts (property tests check both ways) and records the [start, end) offsets of the
 * top-level array's elements. It is iterative, so a deeply nested paste cannot overflow the stack.
 */

export interface TextRange {
  /** Offset of the element's first character (UTF-16 units, as Monaco's model offsets). */
  start: number;
  /** Offset just past its last character. */
  end: number;
}

export interface PatchTextLayout {
  /** One range per element of the top-level array, in order (those complete before a parse error). */
  ops: TextRange[];
  /** True when the document's top-level value is an array (or starts like one, if it fails to parse). */
  isArray: boolean;
  /** The first syntax error, or null when the text is valid JSON. */
  error: { offset: number; message: string } | null;
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const WS = new Set([0x20, 0x09, 0x0a, 0x0d]);

export function locatePatchOps(text: string): PatchTextLayout {
  const ops: TextRange[] = [];
  const n = text.length;
  let i = 0;
  const stack: number[] = []; // 0x5b '[' or 0x7b '{'
  let isArray = false;
  let opStart = -1;

  const skipWs = (): void => {
    while (i < n && WS.has(text.charCodeAt(i))) i++;
  };
  const describe = (at: number): string => (at >= n ? 'the end of the text' : `"${text[at]}"`);
  const expect = (code: number, what: string): void => {
    skipWs();
    if (text.charCodeAt(i) !== code) throw new ScanError(i, `Expected ${what} but found ${describe(i)}`);
    i++;
  };
  const scanString = (): void => {
    // i is on the opening quote.
    const start = i;
    i++;
    for (;;) {
      if (i >= n) throw new ScanError(start, 'Unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) throw new ScanError(i, 'Control character in a string (escape it, e.g. \\n)');
      if (c === 0x5c) {
        const e = text[i + 1];
        if (e === undefined) throw new ScanError(start, 'Unterminated string');
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) throw new ScanError(i, 'Bad \\u escape: four hex digits expected');
          i += 6;
        } else if ('"\\/bfnrt'.includes(e)) i += 2;
        else throw new ScanError(i, `Bad escape \\${e}`);
      } else i++;
    }
  };
  const digits = (): number => {
    const from = i;
    while (i < n && text.charCodeAt(i) >= 0x30 && text.charCodeAt(i) <= 0x39) i++;
    return i - from;
  };
  const scanNumber = (): void => {
    const start = i;
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (digits() === 0) throw new ScanError(start, 'Invalid number');
    if (text[i] === '.') {
      i++;
      if (digits() === 0) throw new ScanError(i, 'Invalid number: digits expected after "."');
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (digits() === 0) throw new ScanError(i, 'Invalid number: digits expected in the exponent');
    }
  };
  const scanKey = (): void => {
    skipWs();
    if (text[i] !== '"') throw new ScanError(i, `Expected a property name in double quotes but found ${describe(i)}`);
    scanString();
    expect(0x3a, '":"');
  };

  try {
    skipWs();
    if (text[i] === '[') isArray = true;
    let expectingValue = true;
    for (;;) {
      if (expectingValue) {
        skipWs();
        if (stack.length === 1 && isArray) opStart = i;
        const c = text[i];
        if (c === '[' || c === '{') {
          stack.push(text.charCodeAt(i));
          i++;
          skipWs();
          if (text[i] === (c === '[' ? ']' : '}')) {
            i++;
            stack.pop();
          } else {
            if (c === '{') scanKey();
            continue;
          }
        } else if (c === '"') scanString();
        else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) scanNumber();
        else if (c !== undefined && text.startsWith('true', i)) i += 4;
        else if (c !== undefined && text.startsWith('false', i)) i += 5;
        else if (c !== undefined && text.startsWith('null', i)) i += 4;
        else throw new ScanError(i, `Expected a value but found ${describe(i)}`);
        expectingValue = false;
      }
      // A value just ended; with one open container left, it was an element of the top-level array.
      if (stack.length === 0) {
        skipWs();
        if (i < n) throw new ScanError(i, `Unexpected ${describe(i)} after the JSON value`);
        break;
      }
      if (stack.length === 1 && isArray && opStart >= 0) {
        ops.push({ start: opStart, end: i });
        opStart = -1;
      }
      skipWs();
      const top = stack[stack.length - 1];
      const close = top === 0x5b ? ']' : '}';
      if (text[i] === ',') {
        i++;
        if (top === 0x7b) scanKey();
        expectingValue = true;
      } else if (text[i] === close) {
        i++;
        stack.pop();
      } else throw new ScanError(i, `Expected "," or "${close}" but found ${describe(i)}`);
    }
  } catch (error) {
    if (error instanceof ScanError) return { ops, isArray, error: { offset: Math.min(error.offset, n), message: error.message } };
    throw error;
  }
  return { ops, isArray, error: null };
}

/** The op whose range contains an offset (for hover and quick fixes), or -1. */
export function opAtOffset(layout: PatchTextLayout, offset: number): number {
  return layout.ops.findIndex((r) => offset >= r.start && offset < r.end);
}
