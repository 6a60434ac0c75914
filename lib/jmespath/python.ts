/**
 * What Python does with values, as far as JMESPath answers and error messages show it:
 * type names, `repr()`/`str()`, float repr, `json.loads` (as the lexer uses it) and
 * `json.dumps(x, separators=(',', ':'))` with ASCII escapes (as `to_string` uses it).
 *
 * JavaScript cannot tell `1.0` from `1`: a number that is a safe integer is treated as a Python `int`,
 * any other number as a Python `float`.
 */

/** A JMESPath expression reference (`&expr`) as a value: Python's `_Expression`. */
export class ExpRef {
  constructor(readonly evaluate: (value: unknown) => unknown) {}
}

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof ExpRef);
}

/** Python's `type(value).__name__` for a value of our engine. */
export function pyTypeName(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isSafeInteger(value) ? 'int' : 'float';
    case 'undefined':
      return 'NoneType';
    default:
      if (value === null) return 'NoneType';
      if (Array.isArray(value)) return 'list';
      if (value instanceof ExpRef) return '_Expression';
      return 'dict';
  }
}

/** Python `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expText] = Math.abs(x).toExponential().split('e') as [string, string];
  const digits = mant.replace('.', '');
  const exp = Number(expText);
  if (exp >= -4 && exp < 16) {
    if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + digits;
    const intLen = exp + 1;
    if (digits.length <= intLen) return sign + digits + '0'.repeat(intLen - digits.length) + '.0';
    return sign + digits.slice(0, intLen) + '.' + digits.slice(intLen);
  }
  const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  const e = Math.abs(exp);
  return sign + m + 'e' + (exp < 0 ? '-' : '+') + (e < 10 ? '0' + e : String(e));
}

/** A number as Python prints it (`repr`, `str`, `json.dumps` without the inf/nan names). */
export function numberRepr(x: number): string {
  if (Number.isSafeInteger(x)) return Object.is(x, -0) ? '0' : String(x);
  return floatRepr(x);
}

const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, '0');
}

/** Python `repr(str)`. */
export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (code < 0x20 || code === 0x7f) out += '\\x' + hex(code, 2);
    else if (code < 0x7f) out += ch;
    else if (ch !== ' ' && NON_PRINTABLE.test(ch)) {
      out += code < 0x100 ? '\\x' + hex(code, 2) : code < 0x10000 ? '\\u' + hex(code, 4) : '\\U' + hex(code, 8);
    } else out += ch;
  }
  return out + quote;
}

/** Python `repr(value)`. */
export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  switch (typeof value) {
    case 'boolean':
      return value ? 'True' : 'False';
    case 'number':
      return numberRepr(value);
    case 'string':
      return strRepr(value);
  }
  if (Array.isArray(value)) return '[' + value.map(pyRepr).join(', ') + ']';
  if (value instanceof ExpRef) return '<jmespath.visitor._Expression object>';
  const parts: string[] = [];
  for (const key of Object.keys(value as object)) parts.push(strRepr(key) + ': ' + pyRepr((value as JsonObject)[key]));
  return '{' + parts.join(', ') + '}';
}

/** Python `str(value)` (what `%s` prints). */
export function pyStr(value: unknown): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** Python `repr()` of a list of strings, e.g. `['array', 'string']`. */
export function pyListRepr(items: readonly string[]): string {
  return '[' + items.map(strRepr).join(', ') + ']';
}

// --- json.dumps(x, separators=(',', ':')) with ensure_ascii ---------------------------------------------

const JSON_ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

function jsonString(s: string): string {
  let out = '"';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) continue;
    out += s.slice(from, i);
    const ch = s[i] as string;
    out += JSON_ESCAPES[ch] ?? '\\u' + hex(c, 4);
    from = i + 1;
  }
  return out + s.slice(from) + '"';
}

/** Python `json.dumps(value, separators=(',', ':'))` (ASCII escapes, `NaN`/`Infinity` allowed). */
export function pyJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (Number.isNaN(value)) return 'NaN';
      if (value === Infinity) return 'Infinity';
      if (value === -Infinity) return '-Infinity';
      return numberRepr(value);
    case 'string':
      return jsonString(value);
  }
  if (Array.isArray(value)) return '[' + value.map(pyJsonDumps).join(',') + ']';
  // `default=str`: Python prints the object's str(); its memory address is left out here.
  if (value instanceof ExpRef) return jsonString('<jmespath.visitor._Expression object>');
  const parts: string[] = [];
  for (const key of Object.keys(value as object)) parts.push(jsonString(key) + ':' + pyJsonDumps((value as JsonObject)[key]));
  return '{' + parts.join(',') + '}';
}

// --- json.loads ---------------------------------------------------------------------------------------

export class PyJsonError extends Error {}

/** Sets a key as JSON.parse does (a `__proto__` key is an own property, not the prototype). */
export function setKey(target: JsonObject, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

const NUMBER = /-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

/**
 * Python's `json.loads(text)` (the C scanner, strict mode): JSON plus `NaN`, `Infinity` and `-Infinity`.
 * Throws PyJsonError whose message is the part of Python's message before the first colon.
 */
export function pyJsonLoads(text: string): unknown {
  if (text.startsWith('\ufeff')) throw new PyJsonError('Unexpected UTF-8 BOM (decode using utf-8-sig)');
  let i = 0;
  const ws = () => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
      else break;
    }
  };
  const fail = (msg: string): never => {
    throw new PyJsonError(msg);
  };
  const str = (): string => {
    // text[i] is the opening quote.
    const begin = i;
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('Unterminated string starting at');
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === '\\') {
        if (i + 1 >= text.length) fail('Unterminated string starting at');
        const e = text[i + 1] as string;
        if (e === 'u') {
          const h = text.slice(i + 2, i + 6);
          if (!HEX4.test(h)) fail('Invalid \\uXXXX escape');
          out += String.fromCharCode(parseInt(h, 16));
          i += 6;
        } else {
          const s = SIMPLE_ESCAPES[e];
          if (s === undefined) fail('Invalid \\escape');
          out += s;
          i += 2;
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20) fail('Invalid control character at');
      out += c;
      i++;
      void begin;
    }
  };
  const value = (): unknown => {
    const c = text[i];
    switch (c) {
      case '"':
        return str();
      case '{': {
        i++;
        const obj: JsonObject = {};
        ws();
        if (text[i] === '}') {
          i++;
          return obj;
        }
        for (;;) {
          if (text[i] !== '"') fail('Expecting property name enclosed in double quotes');
          const key = str();
          ws();
          if (text[i] !== ':') fail("Expecting ':' delimiter");
          i++;
          ws();
          setKey(obj, key, value());
          ws();
          if (text[i] === '}') {
            i++;
            return obj;
          }
          if (text[i] !== ',') fail("Expecting ',' delimiter");
          i++;
          ws();
        }
      }
      case '[': {
        i++;
        const arr: unknown[] = [];
        ws();
        if (text[i] === ']') {
          i++;
          return arr;
        }
        for (;;) {
          arr.push(value());
          ws();
          if (text[i] === ']') {
            i++;
            return arr;
          }
          if (text[i] !== ',') fail("Expecting ',' delimiter");
          i++;
          ws();
        }
      }
    }
    for (const [word, v] of [
      ['null', null],
      ['true', true],
      ['false', false],
      ['NaN', NaN],
      ['Infinity', Infinity],
      ['-Infinity', -Infinity],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('Expecting value');
    i += m[0].length;
    const n = Number(m[0]);
    return m[1] === undefined && m[2] === undefined && n === 0 ? 0 : n; // Python's int -0 is 0
  };
  ws();
  const result = value();
  ws();
  if (i !== text.length) fail('Extra data');
  return result;
}

// --- str methods ---------------------------------------------------------------------------------------

// Python's whitespace includes the separators \x1c-\x1f.
// eslint-disable-next-line no-control-regex
const PY_SPACE = /^[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]$/;

/** Python `str.isspace()` for one character. */
export function isPySpace(ch: string): boolean {
  return PY_SPACE.test(ch);
}

/** Python `str.lstrip()` / `str.strip()` (Unicode whitespace). */
export function pyStrip(s: string, right = true): string {
  let a = 0;
  let b = s.length;
  while (a < b && isPySpace(s[a] as string)) a++;
  while (right && b > a && isPySpace(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

/** Number of code points (Python `len(str)`). */
export function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Whether a UTF-16 index falls between the two halves of a surrogate pair. */
export function splitsPair(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return false;
  const hi = s.charCodeAt(i - 1);
  const lo = s.charCodeAt(i);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}

/** Python's `a < b` etc. for strings: by code point (JavaScript compares UTF-16 units). Returns -1, 0, 1. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length < b.length ? -1 : 1;
  if (i > 0) {
    const prev = a.charCodeAt(i - 1);
    if (prev >= 0xd800 && prev <= 0xdbff) i--; // the difference is inside a pair: compare whole code points
  }
  const ca = a.codePointAt(i) as number;
  const cb = b.codePointAt(i) as number;
  if (ca !== cb) return ca < cb ? -1 : 1;
  // Same code point at i (a lone high surrogate on one side only compares by the next unit).
  return compareStrings(a.slice(i + (ca > 0xffff ? 2 : 1)), b.slice(i + (cb > 0xffff ? 2 : 1)));
}
