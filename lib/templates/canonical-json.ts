/**
 * JSON text whose bytes depend only on the value, never on the order keys were added in: object keys
 * sorted by Unicode code point at every level. Written by hand because `JSON.stringify` always puts
 * integer-like keys ("1", "2") first, whatever order an object was built in.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Code point order (UTF-16 code-unit order, what `sort()` uses, puts 😀 before ｆ). */
export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    // A supplementary character spans two code units; both strings agree on it, skip the low half.
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A key list of an object in code point order, without keys whose value JSON would leave out. */
function sortedKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value)
    .filter((key) => value[key] !== undefined && typeof value[key] !== 'function' && typeof value[key] !== 'symbol')
    .sort(compareCodePoints);
}

function scalar(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? JSON.stringify(value) : 'null';
  if (typeof value === 'string' || typeof value === 'boolean') return JSON.stringify(value);
  return 'null';
}

/**
 * Pretty JSON like `JSON.stringify(value, null, indent)`, but with keys in code point order (or the
 * order `topKeys` gives for the outermost object).
 */
export function stableStringify(value: unknown, indent = 2, topKeys?: (value: Record<string, unknown>) => string[]): string {
  const pad = ' '.repeat(indent);
  const write = (node: unknown, depth: number, keys?: string[]): string => {
    if (Array.isArray(node)) {
      if (node.length === 0) return '[]';
      const inner = pad.repeat(depth + 1);
      const items = node.map((item) => (item === undefined || typeof item === 'function' ? 'null' : write(item, depth + 1)));
      return indent === 0 ? `[${items.join(',')}]` : `[\n${items.map((s) => inner + s).join(',\n')}\n${pad.repeat(depth)}]`;
    }
    if (isPlainObject(node)) {
      const names = keys ?? sortedKeys(node);
      if (names.length === 0) return '{}';
      const inner = pad.repeat(depth + 1);
      const sep = indent === 0 ? ':' : ': ';
      const members = names.map((key) => `${JSON.stringify(key)}${sep}${write(node[key], depth + 1)}`);
      return indent === 0 ? `{${members.join(',')}}` : `{\n${members.map((s) => inner + s).join(',\n')}\n${pad.repeat(depth)}}`;
    }
    return scalar(node);
  };
  return write(value, 0, topKeys && isPlainObject(value) ? topKeys(value) : undefined);
}

/** Compact canonical text: what hashes and equality checks are computed from. */
export function canonicalJson(value: unknown): string {
  return stableStringify(value, 0);
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Strings as a set: sorted by code point, each once. */
export function sortedSet(values: readonly string[]): string[] {
  return [...new Set(values)].sort(compareCodePoints);
}

export type { Json };
