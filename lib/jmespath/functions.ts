/**
 * A port of Python jmespath 1.1.0's built-in functions (jmespath/functions.py) and of the Python value
 * semantics they rely on (==, <, truthiness, json.dumps, int()/float()).
 */
import { arityError, functionTypeError, pythonRuntimeError, unknownFunctionError } from './errors';
import type { JsonObject } from './python';
import { ExpRef, codePointLength, compareStrings, isObject, isPySpace, pyJsonDumps, pyTypeName, setKey, splitsPair } from './python';

const hasOwn = Object.prototype.hasOwnProperty;

// --- Python value semantics ------------------------------------------------------------------------------

/**
 * Python `e is x or e == x`, as list/dict comparison and `in` apply it to elements: `True == 1`,
 * `False == 0`, and NaN equals NaN (Python's json module parses every `NaN` to one shared float object).
 */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'number') return tb === 'boolean' ? a === (b ? 1 : 0) : tb === 'number' && a !== a && b !== b;
  if (ta === 'boolean') return tb === 'number' && (a ? 1 : 0) === b;
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!pyEq(a[i], b[i])) return false;
    return true;
  }
  if (!isObject(a) || !isObject(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!hasOwn.call(b, k) || !pyEq(a[k], b[k])) return false;
  return true;
}

/** The `==` comparator of visitor.py: Python `==`, except that a number never equals a boolean. */
export function jmesEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'number') return tb === 'number' && a === b; // float ==: NaN != NaN; never equal to a boolean
  if (ta === 'boolean' && tb === 'number') return false;
  return pyEq(a, b);
}

export type Ordering = 'lt' | 'lte' | 'gt' | 'gte';
const OP_TEXT: Record<Ordering, string> = { lt: '<', lte: '<=', gt: '>', gte: '>=' };

/** Python `a < b` (etc.) for numbers and strings; other pairs raise TypeError as Python does. */
export function pyOrder(op: Ordering, a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    switch (op) {
      case 'lt':
        return a < b;
      case 'lte':
        return a <= b;
      case 'gt':
        return a > b;
      case 'gte':
        return a >= b;
    }
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const c = compareStrings(a, b);
    switch (op) {
      case 'lt':
        return c < 0;
      case 'lte':
        return c <= 0;
      case 'gt':
        return c > 0;
      case 'gte':
        return c >= 0;
    }
  }
  throw pythonRuntimeError('TypeError', `'${OP_TEXT[op]}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** JMESPath falsiness as visitor.py's `_is_false`: '', [], {}, null, false (0 is true). */
export function isFalse(value: unknown): boolean {
  if (value === true) return false;
  if (value === null || value === undefined || value === false || value === '') return true;
  if (typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.length === 0;
  if (value instanceof ExpRef) return false;
  for (const k in value) if (hasOwn.call(value, k)) return false;
  return true;
}

// --- the registry (functions.py) ---------------------------------------------------------------------

interface Param {
  types: string[];
  variadic?: boolean;
  checked?: CheckedParam;
}

interface FunctionSpec {
  signature: Param[];
  /** Called with the first two arguments and all of them (variadic functions). */
  fn: (a: unknown, b: unknown, args: unknown[]) => unknown;
}

const REVERSE_TYPES_MAP: Record<string, readonly string[]> = {
  boolean: ['bool'],
  array: ['list', '_Projection'],
  object: ['dict', 'OrderedDict'],
  null: ['NoneType'],
  string: ['unicode', 'str'],
  number: ['float', 'int', 'long'],
  expref: ['_Expression'],
};

const TYPES_MAP: Record<string, string> = {
  bool: 'boolean', list: 'array', dict: 'object', NoneType: 'null', unicode: 'string', str: 'string', float: 'number',
  int: 'number', long: 'number', OrderedDict: 'object', _Projection: 'array', _Expression: 'expref',
};

const jmesType = (pyType: string) => TYPES_MAP[pyType] ?? 'unknown';

/** A parameter's allowed Python types, worked out once (functions.py does it on every call). */
interface CheckedParam {
  types: string[];
  allowedTypes: readonly string[];
  allowedSubtypes: (readonly string[])[];
}

function checked(param: Param): CheckedParam {
  let c = param.checked;
  if (c === undefined) {
    const allowedTypes: string[] = [];
    const allowedSubtypes: (readonly string[])[] = [];
    for (const t of param.types) {
      const dash = t.indexOf('-');
      if (dash >= 0) {
        allowedSubtypes.push(REVERSE_TYPES_MAP[t.slice(dash + 1)] ?? []);
        allowedTypes.push(...(REVERSE_TYPES_MAP[t.slice(0, dash)] ?? []));
      } else {
        allowedTypes.push(...(REVERSE_TYPES_MAP[t] ?? []));
      }
    }
    c = { types: param.types, allowedTypes, allowedSubtypes };
    param.checked = c;
  }
  return c;
}

function typeCheckSingle(current: unknown, param: CheckedParam, functionName: string): void {
  const { types, allowedTypes, allowedSubtypes } = param;
  const actual = pyTypeName(current);
  if (!allowedTypes.includes(actual)) throw functionTypeError(functionName, current, jmesType(actual), types);
  if (allowedSubtypes.length === 0) return;
  const list = current as unknown[];
  if (allowedSubtypes.length === 1) {
    const allowed = allowedSubtypes[0] as readonly string[];
    for (const element of list) {
      const t = pyTypeName(element);
      if (!allowed.includes(t)) throw functionTypeError(functionName, element, t, types);
    }
  } else if (list.length > 0) {
    // The first element decides which of the subtypes the others must have.
    const first = pyTypeName(list[0]);
    const allowed = allowedSubtypes.find((sub) => sub.includes(first));
    if (!allowed) throw functionTypeError(functionName, list[0], first, types);
    for (const element of list) {
      const t = pyTypeName(element);
      if (!allowed.includes(t)) throw functionTypeError(functionName, element, t, types);
    }
  }
}

function validateArguments(args: unknown[], signature: Param[], functionName: string): void {
  const last = signature[signature.length - 1];
  if (last?.variadic) {
    if (args.length < signature.length) throw arityError(signature.length, args.length, functionName, true);
  } else if (args.length !== signature.length) {
    throw arityError(signature.length, args.length, functionName, false);
  }
  for (let i = 0; i < signature.length; i++) {
    const param = signature[i] as Param;
    if (param.types.length > 0) typeCheckSingle(args[i], checked(param), functionName);
  }
}

/** Python's `min(items)` / `max(items)` (by `<` / `>`, the first best wins), optionally with a key. */
function minMax(items: unknown[], op: 'lt' | 'gt', key?: (x: unknown) => unknown): unknown {
  let best: unknown = null;
  let bestKey: unknown = null;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const k = key ? key(item) : item;
    if (i === 0 || pyOrder(op, k, bestKey)) {
      best = item;
      bestKey = k;
    }
  }
  return best;
}

/** Python's `sorted()` on numbers or strings (stable; uses `<`). */
function pySortCompare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  const x = a as number;
  const y = b as number;
  return x < y ? -1 : y < x ? 1 : 0;
}

function createKeyFunc(expref: ExpRef, allowedTypes: string[], functionName: string): (x: unknown) => unknown {
  return (x) => {
    const result = expref.evaluate(x);
    const t = jmesType(pyTypeName(result));
    if (!allowedTypes.includes(t)) throw functionTypeError(functionName, result, t, allowedTypes);
    return result;
  };
}

const pyIntFromFloat = (x: number, f: (n: number) => number): number => {
  if (Number.isNaN(x)) throw pythonRuntimeError('ValueError', 'cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw pythonRuntimeError('OverflowError', 'cannot convert float infinity to integer');
  const r = f(x);
  return r === 0 ? 0 : r;
};

/** `x in s` for strings, by code point (JavaScript's includes() could match half a surrogate pair). */
function containsSubstring(s: string, search: string): boolean {
  if (search === '') return true;
  for (let i = s.indexOf(search); i >= 0; i = s.indexOf(search, i + 1)) {
    if (!splitsPair(s, i) && !splitsPair(s, i + search.length)) return true;
  }
  return false;
}

// --- to_number: Python int(), then float() -----------------------------------------------------------

const DIGITS = /^\p{Nd}$/u;

/** Python's `_PyUnicode_TransformDecimalAndSpaceToASCII`: Unicode digits -> ASCII, Unicode spaces -> ' '. */
function toAsciiNumber(s: string): string | null {
  let out = '';
  for (const ch of s) {
    const code = ch.codePointAt(0) as number;
    if (code < 128) out += ch;
    else if (isPySpace(ch)) out += ' ';
    else if (DIGITS.test(ch)) {
      // Unicode decimal digits come in runs of whole decades (0-9, 0-9, ...) starting at a zero.
      let zero = code;
      while (DIGITS.test(String.fromCodePoint(zero - 1))) zero--;
      out += String((code - zero) % 10);
    } else return null;
  }
  return out;
}

const INT_RE = /^[+-]?[0-9](?:_?[0-9])*$/;
const FLOAT_RE = /^[+-]?(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.?)(?:[eE][+-]?[0-9](?:_?[0-9])*)?$/;
const SPECIAL_RE = /^([+-]?)(inf|infinity|nan)$/i;

export function pyToNumber(text: string): number | null {
  const ascii = toAsciiNumber(text);
  if (ascii === null) return null;
  // After the transformation only ASCII whitespace is stripped (so not \x1c-\x1f, which str.isspace() accepts).
  const s = ascii.replace(/^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g, '');
  if (INT_RE.test(s)) {
    const digits = s.replace(/_/g, '');
    // Python 3.11 refuses str -> int beyond 4300 digits (ValueError); float() then reads it.
    if (digits.replace(/^[+-]/, '').length <= 4300) {
      const n = Number(digits);
      return n === 0 ? 0 : n;
    }
  }
  const special = SPECIAL_RE.exec(s);
  if (special) {
    if ((special[2] as string).toLowerCase() === 'nan') return NaN;
    return special[1] === '-' ? -Infinity : Infinity;
  }
  if (FLOAT_RE.test(s)) return Number(s.replace(/_/g, ''));
  return null;
}

// --- merge: dict.update() ----------------------------------------------------------------------------

function dictKey(key: unknown): string {
  if (typeof key === 'string') return key;
  if (Array.isArray(key) || isObject(key)) throw pythonRuntimeError('TypeError', `unhashable type: '${pyTypeName(key)}'`);
  return pyJsonDumps(key); // json.dumps writes a non-string key like this
}

function dictUpdate(target: JsonObject, arg: unknown): void {
  if (isObject(arg)) {
    for (const k of Object.keys(arg)) setKey(target, k, arg[k]);
    return;
  }
  let items: unknown[];
  if (Array.isArray(arg)) items = arg;
  else if (typeof arg === 'string') items = Array.from(arg);
  else throw pythonRuntimeError('TypeError', `'${pyTypeName(arg)}' object is not iterable`);
  items.forEach((element, i) => {
    let pair: unknown[];
    if (Array.isArray(element)) pair = element;
    else if (typeof element === 'string') pair = Array.from(element);
    else if (isObject(element)) pair = Object.keys(element);
    else throw pythonRuntimeError('TypeError', `cannot convert dictionary update sequence element #${i} to a sequence`);
    if (pair.length !== 2) throw pythonRuntimeError('ValueError', `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
    setKey(target, dictKey(pair[0]), pair[1]);
  });
}

// --- the functions -----------------------------------------------------------------------------------

const sig = (...types: string[][]): Param[] => types.map((t) => ({ types: t }));

export const FUNCTIONS: Record<string, FunctionSpec> = {
  abs: { signature: sig(['number']), fn: (x) => Math.abs(x as number) },
  avg: {
    signature: sig(['array-number']),
    fn: (a) => {
      const arr = a as number[];
      if (arr.length === 0) return null;
      let s = 0;
      for (const n of arr) s += n;
      return s / arr.length;
    },
  },
  not_null: {
    signature: [{ types: [], variadic: true }],
    fn: (_a, _b, args) => {
      for (const a of args) if (a !== null && a !== undefined) return a;
      return null;
    },
  },
  to_array: { signature: sig([]), fn: (x) => (Array.isArray(x) ? x : [x]) },
  to_string: { signature: sig([]), fn: (x) => (typeof x === 'string' ? x : pyJsonDumps(x)) },
  to_number: {
    signature: sig([]),
    fn: (x) => {
      if (x === null || x === undefined || typeof x === 'boolean' || Array.isArray(x) || isObject(x)) return null;
      if (typeof x === 'number') return x;
      if (typeof x === 'string') return pyToNumber(x);
      throw pythonRuntimeError('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${pyTypeName(x)}'`);
    },
  },
  contains: {
    signature: sig(['array', 'string'], []),
    fn: (subject, search) => {
      if (typeof subject === 'string') {
        if (typeof search !== 'string') throw pythonRuntimeError('TypeError', `'in <string>' requires string as left operand, not ${pyTypeName(search)}`);
        return containsSubstring(subject, search);
      }
      // Fast path (the common `contains(supported_sync_modes, 'incremental')`): a str equals only
      // an identical str in Python, which is exactly what includes() checks for strings.
      if (typeof search === 'string') return (subject as unknown[]).includes(search);
      for (const e of subject as unknown[]) if (pyEq(e, search)) return true;
      return false;
    },
  },
  length: {
    signature: sig(['string', 'array', 'object']),
    fn: (x) => (typeof x === 'string' ? codePointLength(x) : Array.isArray(x) ? x.length : Object.keys(x as object).length),
  },
  ends_with: {
    signature: sig(['string'], ['string']),
    fn: (s, suffix) => {
      const str = s as string;
      const suf = suffix as string;
      return str.endsWith(suf) && !splitsPair(str, str.length - suf.length);
    },
  },
  starts_with: {
    signature: sig(['string'], ['string']),
    fn: (s, prefix) => {
      const str = s as string;
      const pre = prefix as string;
      return str.startsWith(pre) && !splitsPair(str, pre.length);
    },
  },
  reverse: {
    signature: sig(['array', 'string']),
    fn: (x) => (typeof x === 'string' ? Array.from(x).reverse().join('') : [...(x as unknown[])].reverse()),
  },
  ceil: { signature: sig(['number']), fn: (x) => pyIntFromFloat(x as number, Math.ceil) },
  floor: { signature: sig(['number']), fn: (x) => pyIntFromFloat(x as number, Math.floor) },
  join: { signature: sig(['string'], ['array-string']), fn: (sep, arr) => (arr as string[]).join(sep as string) },
  map: {
    signature: sig(['expref'], ['array']),
    fn: (expref, arr) => {
      const f = (expref as ExpRef).evaluate;
      const list = arr as unknown[];
      const out = new Array<unknown>(list.length);
      for (let i = 0; i < list.length; i++) out[i] = f(list[i]);
      return out;
    },
  },
  max: { signature: sig(['array-number', 'array-string']), fn: (a) => minMax(a as unknown[], 'gt') },
  merge: {
    signature: [{ types: ['object'], variadic: true }],
    fn: (_a, _b, args) => {
      const merged: JsonObject = {};
      for (const a of args) dictUpdate(merged, a);
      return merged;
    },
  },
  min: { signature: sig(['array-number', 'array-string']), fn: (a) => minMax(a as unknown[], 'lt') },
  sort: { signature: sig(['array-string', 'array-number']), fn: (a) => [...(a as unknown[])].sort(pySortCompare) },
  sum: {
    signature: sig(['array-number']),
    fn: (a) => {
      let s = 0;
      for (const n of a as number[]) s += n;
      return s;
    },
  },
  keys: { signature: sig(['object']), fn: (o) => Object.keys(o as object) },
  values: { signature: sig(['object']), fn: (o) => Object.values(o as object) },
  type: {
    signature: sig([]),
    fn: (x) => {
      const t = pyTypeName(x);
      return t === '_Expression' ? null : jmesType(t);
    },
  },
  sort_by: {
    signature: sig(['array'], ['expref']),
    fn: (a, e) => {
      const array = a as unknown[];
      const expref = e as ExpRef;
      if (array.length === 0) return array;
      const requiredType = jmesType(pyTypeName(expref.evaluate(array[0])));
      if (requiredType !== 'number' && requiredType !== 'string') throw functionTypeError('sort_by', array[0], requiredType, ['string', 'number']);
      const keyFunc = createKeyFunc(expref, [requiredType], 'sort_by');
      const decorated = array.map((item, i) => ({ key: keyFunc(item), i, item }));
      decorated.sort((x, y) => pySortCompare(x.key, y.key) || x.i - y.i);
      return decorated.map((d) => d.item);
    },
  },
  min_by: {
    signature: sig(['array'], ['expref']),
    fn: (a, e) => minMax(a as unknown[], 'lt', createKeyFunc(e as ExpRef, ['number', 'string'], 'min_by')),
  },
  max_by: {
    signature: sig(['array'], ['expref']),
    fn: (a, e) => minMax(a as unknown[], 'gt', createKeyFunc(e as ExpRef, ['number', 'string'], 'max_by')),
  },
};

/** `Functions.call_function`: look the function up, check arity and types, call it. */
export function callFunction(name: string, spec: FunctionSpec | undefined, args: unknown[]): unknown {
  if (spec === undefined) throw unknownFunctionError(name);
  validateArguments(args, spec.signature, name);
  const result = spec.fn(args[0], args[1], args);
  return result === undefined ? null : result;
}

export function lookupFunction(name: string): FunctionSpec | undefined {
  return hasOwn.call(FUNCTIONS, name) ? FUNCTIONS[name] : undefined;
}

