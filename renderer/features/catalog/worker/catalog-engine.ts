/**
 * The catalog worker's logic as pure functions over a parsed catalog: no Worker, DOM or message code, so
 * vitest runs it directly (worker.ts is the thin message shell around it).
 */
import { compile, JmesPathError } from '../../../../lib/jmespath';
import type { DiffAnswer, LoadAnswer, QueryAnswer, StreamKey, StreamRow, WorkerError } from './protocol';

/** A parsed catalog, kept where it is queried (the worker). */
export interface LoadedCatalog {
  streams: unknown[];
  /** The server's query input: `{streams: catalog.streams}`. */
  queryInput: { streams: unknown[] };
  rows: StreamRow[];
}

/** Results longer than this (in UTF-16 units of pretty JSON) are cut, with a note. */
export const RESULT_TEXT_CAP = 5 * 1024 * 1024;

export class CatalogError extends Error {
  override readonly name = 'CatalogError';
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** UTF-8 bytes or a string → the text. Invalid UTF-8 is an error, not silently replaced. */
export function decodeText(text: string | ArrayBuffer | Uint8Array): string {
  if (typeof text === 'string') return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    throw new CatalogError('The catalog is not valid UTF-8 text.');
  }
}

/** The `streams` array of a discover body (`{catalog: {streams}}`) or of a bare catalog (`{streams}`). */
function streamsOf(body: unknown): unknown[] {
  if (isObject(body)) {
    const catalog = isObject(body.catalog) ? body.catalog : body;
    if (Array.isArray(catalog.streams)) return catalog.streams;
  }
  throw new CatalogError('The text is JSON but not a catalog: expected {"catalog": {"streams": [...]}}.');
}

/** Parses the catalog text once and builds the stream index. Throws CatalogError with a message in words. */
export function parseCatalog(text: string | ArrayBuffer | Uint8Array): LoadedCatalog {
  const source = decodeText(text);
  let body: unknown;
  try {
    body = JSON.parse(source);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CatalogError(source.trim() === '' ? 'The catalog is empty (no text was received).' : `The catalog is not JSON: ${reason}`);
  }
  const streams = streamsOf(body);
  return { streams, queryInput: { streams }, rows: streams.map(streamRow) };
}

/** Parses catalog text to its streams only (no index): for the previous side of a diff. */
function parseStreams(text: string | ArrayBuffer | Uint8Array): unknown[] {
  const source = decodeText(text);
  try {
    return streamsOf(JSON.parse(source));
  } catch (error) {
    if (error instanceof CatalogError) throw new CatalogError(`The previous catalog: ${error.message}`);
    throw new CatalogError(`The previous catalog is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function loadAnswer(catalog: LoadedCatalog, parseMs: number): LoadAnswer {
  return { streamCount: catalog.streams.length, rows: catalog.rows, parseMs };
}

const strings = (v: unknown): string[] | null => (Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x) ?? 'null')) : null);

/** Leaf properties of a JSON schema: a property with `properties` (or array `items` with them) counts its own leaves. */
export function countLeafFields(schema: unknown, depth = 0): number {
  if (!isObject(schema) || depth > 64) return 0;
  const props = schema.properties;
  if (!isObject(props)) return 0;
  let n = 0;
  for (const key of Object.keys(props)) {
    const child = props[key];
    const nested = isObject(child) ? (isObject(child.properties) ? child : isObject(child.items) && isObject(child.items.properties) ? child.items : null) : null;
    const inner = nested ? countLeafFields(nested, depth + 1) : 0;
    n += inner > 0 ? inner : 1;
  }
  return n;
}

export function streamRow(stream: unknown, index: number): StreamRow {
  const s = isObject(stream) ? stream : {};
  const pk = Array.isArray(s.source_defined_primary_key) ? s.source_defined_primary_key.map((k) => strings(k) ?? [String(k)]) : null;
  return {
    index,
    name: typeof s.name === 'string' ? s.name : String(s.name ?? ''),
    namespace: typeof s.namespace === 'string' ? s.namespace : null,
    syncModes: strings(s.supported_sync_modes) ?? [],
    sourceDefinedCursor: s.source_defined_cursor === true,
    defaultCursor: strings(s.default_cursor_field),
    primaryKey: pk,
    fieldCount: countLeafFields(s.json_schema),
  };
}

/** One stream's JSON, pretty-printed, for a read-only viewer (never the whole catalog). */
export function streamText(catalog: LoadedCatalog, index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= catalog.streams.length) {
    throw new CatalogError(`There is no stream #${index} (the catalog has ${catalog.streams.length}).`);
  }
  return JSON.stringify(catalog.streams[index], null, 2);
}

// --- queries --------------------------------------------------------------------------------------

/** Cuts `text` at `cap` UTF-16 units without splitting a surrogate pair. */
function cut(text: string, cap: number): string {
  let end = cap;
  const c = text.charCodeAt(end - 1);
  if (c >= 0xd800 && c <= 0xdbff) end--;
  return text.slice(0, end);
}

export function formatResult(result: unknown, cap = RESULT_TEXT_CAP): Pick<QueryAnswer, 'resultText' | 'truncated' | 'totalChars' | 'count'> {
  const full = JSON.stringify(result, null, 2) ?? 'null';
  const count = Array.isArray(result) ? result.length : null;
  if (full.length <= cap) return { resultText: full, truncated: false, totalChars: full.length, count };
  const shownMb = (cap / 1024 / 1024).toFixed(1);
  const totalMb = (full.length / 1024 / 1024).toFixed(1);
  const note = `\n\n… result cut here: the first ${shownMb} MB of ${totalMb} MB are shown. Narrow the query (e.g. project fewer fields) to see all of it.`;
  return { resultText: cut(full, cap) + note, truncated: true, totalChars: full.length, count };
}

function firstLine(message: string): string {
  return message.split('\n', 1)[0] ?? message;
}

/** A one-line reading of a JMESPath error, for markers and status lines. */
/** Python's message for the failures users meet, in words: what the expression asked and how to fix it. */
function plainWords(message: string): string | null {
  const ordering = /^'([<>]=?)' not supported between instances of '(\w+)' and '(\w+)'/.exec(message);
  if (ordering) {
    const kind = (t: string) => ({ str: 'a string', int: 'a number', float: 'a number', bool: 'a boolean', NoneType: 'null', list: 'a list', dict: 'an object' })[t] ?? t;
    return `“${ordering[1]}” compares two numbers or two strings; here it compared ${kind(ordering[2] ?? '')} with ${kind(ordering[3] ?? '')}. Compare like with like (quote the number as a raw string 'x', or use a number literal \`1\` against a number field)`;
  }
  return null;
}

export function summarize(error: JmesPathError): string {
  switch (error.kind) {
    case 'incomplete':
      return 'Incomplete expression: something must follow here.';
    case 'parse': {
      if (error.position === null) return firstLine(error.message).replace(/^Invalid jmespath expression: /i, '');
      const tok = error.token;
      const column = error.codePointPosition ?? error.position;
      if (tok?.type === 'eof') return `Syntax error: the expression ends at column ${column} where more is expected.`;
      return `Syntax error: unexpected "${String(tok?.value ?? '')}" at column ${column}.`;
    }
    case 'lexer':
      return `Syntax error: ${firstLine(error.message).replace(/^Bad jmespath expression: /i, '')}`;
    case 'type': {
      if (error.pythonType === 'JMESPathTypeError') return firstLine(error.message);
      const python = `${error.pythonType}: ${firstLine(error.message)}`;
      return `${plainWords(firstLine(error.message)) ?? 'The server’s own library fails on this expression'} — the server answers 500 Internal Server Error (${python}).`;
    }
    default:
      return firstLine(error.message);
  }
}

export function jmesError(error: unknown): WorkerError {
  if (error instanceof JmesPathError) {
    const out: WorkerError = { kind: error.kind, message: error.message, summary: summarize(error), position: error.position, pythonType: error.pythonType };
    if (error.token) out.token = error.token;
    return out;
  }
  if (error instanceof RangeError) {
    const message = 'The expression nests too deeply to evaluate here (the engine ran out of stack).';
    return { kind: 'too-complex', message, summary: message, position: null };
  }
  if (error instanceof CatalogError) return { kind: 'catalog', message: error.message, summary: error.message, position: null };
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { kind: 'internal', message, summary: `Unexpected failure: ${message}`, position: null };
}

export type QueryOutcome = ({ ok: true } & QueryAnswer) | { ok: false; error: WorkerError; ms: number };

/** Evaluates `expression` as the server does: against `{streams: catalog.streams}`. Never throws. */
export function runQuery(catalog: LoadedCatalog, expression: string, cap = RESULT_TEXT_CAP): QueryOutcome {
  const start = now();
  let result: unknown;
  try {
    result = compile(expression).search(catalog.queryInput);
  } catch (error) {
    return { ok: false, error: jmesError(error), ms: now() - start };
  }
  const ms = now() - start;
  try {
    return { ok: true, ...formatResult(result, cap), ms };
  } catch (error) {
    return { ok: false, error: jmesError(error), ms };
  }
}

// --- diff -----------------------------------------------------------------------------------------

/** JSON equality that ignores key order (two discoveries may order keys differently). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ob = b as Json;
  for (const k of ka) if (!Object.prototype.hasOwnProperty.call(ob, k) || !jsonEqual((a as Json)[k], ob[k])) return false;
  return true;
}

function keyed(streams: unknown[]): Map<string, { key: StreamKey; stream: unknown }> {
  const map = new Map<string, { key: StreamKey; stream: unknown }>();
  for (const stream of streams) {
    const s = isObject(stream) ? stream : {};
    const key = { namespace: typeof s.namespace === 'string' ? s.namespace : null, name: typeof s.name === 'string' ? s.name : String(s.name ?? '') };
    map.set(`${key.namespace ?? ''}\u0000${key.name}`, { key, stream });
  }
  return map;
}

/** Per-stream changes since `previousText` (keyed by namespace + name); never a whole-catalog diff. */
export function diffCatalogs(current: LoadedCatalog, previousText: string | ArrayBuffer | Uint8Array): DiffAnswer {
  const before = keyed(parseStreams(previousText));
  const after = keyed(current.streams);
  const out: DiffAnswer = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [k, v] of after) {
    const old = before.get(k);
    if (!old) out.added.push(v.key);
    else if (!jsonEqual(old.stream, v.stream)) out.changed.push(v.key);
    else out.unchanged++;
  }
  for (const [k, v] of before) if (!after.has(k)) out.removed.push(v.key);
  return out;
}
