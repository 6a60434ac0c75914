/**
 * "Run on server": comparing the local engine's answer with the server's, as JSON values (key order and
 * number spelling do not matter; `1.0` and `1` are the same number). Pure functions: they run in the catalog
 * worker (the `compare` message), so a multi-MB server text is never parsed on the UI thread.
 */
import type { WorkerError } from '../worker/protocol';

export interface JsonDifference {
  /** Where the answers first differ, e.g. `[3]`, `[3].name`, `.streams[0]["odd key"]`; '' is the whole result. */
  path: string;
  /** The two values at that path as short JSON text ("(nothing)" where one side has none). */
  local: string;
  server: string;
}

export interface CompareAnswer {
  /** The local engine refused or failed the query (the server's answer is then not parsed). */
  localError: WorkerError | null;
  /** The server's text was not JSON. */
  serverParseError: string | null;
  /** Length of the local result when it is a list, else null. */
  count: number | null;
  /** Null when the answers agree (or one side failed). */
  difference: JsonDifference | null;
}

export const NOTHING = '(nothing)';
const SHORT = 60;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const has = (o: Json, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * A value as JSON text cut to `max` characters (an ellipsis marks the cut). Writes only what it shows: a huge
 * or deeply nested value costs at most about `max` steps (each level writes a character before going deeper).
 */
export function shorten(value: unknown, max = SHORT): string {
  if (value === undefined) return NOTHING;
  let out = '';
  const full = () => out.length > max;
  const write = (v: unknown): void => {
    if (full()) return;
    if (Array.isArray(v)) {
      out += '[';
      for (let i = 0; i < v.length && !full(); i++) {
        if (i > 0) out += ',';
        write(v[i]);
      }
      out += ']';
    } else if (isObject(v)) {
      out += '{';
      let first = true;
      for (const k in v) {
        if (full()) break;
        if (!has(v, k)) continue;
        out += `${first ? '' : ','}${JSON.stringify(k)}:`;
        first = false;
        write(v[k]);
      }
      out += '}';
    } else out += JSON.stringify(v) ?? 'null';
  };
  write(value);
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

const member = (key: string): string => (IDENTIFIER.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/**
 * The first place two JSON values differ (depth first, arrays in order, object keys in the local value's
 * order then the server-only keys), or null when they are equal. Iterative: deep results cannot overflow.
 */
export function firstDifference(local: unknown, server: unknown): JsonDifference | null {
  const stack: Array<{ a: unknown; b: unknown; path: string }> = [{ a: local, b: server, path: '' }];
  while (stack.length > 0) {
    const { a, b, path } = stack.pop()!;
    if (a === b) continue;
    if (Array.isArray(a) && Array.isArray(b)) {
      const children: Array<{ a: unknown; b: unknown; path: string }> = [];
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        children.push({ a: i < a.length ? a[i] : undefined, b: i < b.length ? b[i] : undefined, path: `${path}[${i}]` });
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
      continue;
    }
    if (isObject(a) && isObject(b)) {
      const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !has(a, k))];
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i]!;
        stack.push({ a: has(a, k) ? a[k] : undefined, b: has(b, k) ? b[k] : undefined, path: `${path}${member(k)}` });
      }
      continue;
    }
    return { path, local: shorten(a), server: shorten(b) };
  }
  return null;
}

/**
 * Compares the local answer (`evaluate` runs the local engine; it throws a WorkerError-shaped failure through
 * `toError`) with the server's JSON text.
 */
export function compareWithServer(evaluate: () => unknown, serverText: string | null, toError: (error: unknown) => WorkerError): CompareAnswer {
  let local: unknown;
  try {
    local = evaluate();
  } catch (error) {
    return { localError: toError(error), serverParseError: null, count: null, difference: null };
  }
  const count = Array.isArray(local) ? local.length : null;
  if (serverText === null) return { localError: null, serverParseError: null, count, difference: null };
  let server: unknown;
  try {
    server = JSON.parse(serverText);
  } catch (error) {
    return { localError: null, serverParseError: error instanceof Error ? error.message : String(error), count, difference: null };
  }
  return { localError: null, serverParseError: null, count, difference: firstDifference(local, server) };
}

/** "the whole result", or the path (a very long one cut in the middle). */
export const describePath = (path: string): string => (path === '' ? 'the whole result' : path.length > 200 ? `${path.slice(0, 99)}…${path.slice(-100)}` : path);
