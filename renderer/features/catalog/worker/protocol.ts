/**
 * The catalog worker's message protocol, shared by the worker shell (worker.ts) and the main-thread client
 * (../query/catalog-worker-client.ts). Every request carries an `id`; every answer repeats it and its `type`.
 * The catalog travels as text or bytes only (a string, a transferred ArrayBuffer, or a Blob): the parsed
 * object never crosses postMessage (a structured clone of a 38 MB catalog costs seconds).
 */

/** One row of the stream table (defined beside the table that shows it). */
import type { StreamRow } from '../table/stream-row';
export type { StreamRow };
import type { CompareAnswer } from '../query/server-compare';
export type { CompareAnswer };
import type { PlanAnswer, PlanRequestInput, StreamInfo, StreamSelection } from './stream-plan';
export type { PlanAnswer, PlanRequestInput, StreamInfo, StreamSelection };

/** Catalog text: a string, the bytes of UTF-8 text (an ArrayBuffer, transferred) or a Blob of them. */
export type CatalogText = string | ArrayBuffer | Blob;

export type WorkerRequest =
  | { type: 'load'; id: number; text: CatalogText }
  | { type: 'stream'; id: number; index: number }
  | { type: 'query'; id: number; expression: string }
  | { type: 'diff'; id: number; previousText: CatalogText }
  | { type: 'completions'; id: number; expression: string; offset: number }
  /** Evaluates `expression` here and compares it, as JSON values, with the server's answer text (null: the server refused it). */
  | { type: 'compare'; id: number; expression: string; serverText: string | null }
  /** The Stream editor: one stream's object, schema field paths and §5.3 defaults, by name. */
  | { type: 'streamInfo'; id: number; name: string }
  /** The Stream editor: stream names selected by a JMESPath query (evaluated here). */
  | { type: 'selectStreams'; id: number; expression: string }
  /** The Stream editor: a bulk plan (lib/stream-config computePlan), computed here, off the UI thread. */
  | { type: 'plan'; id: number; input: PlanRequestInput };

export type WorkerErrorKind =
  | 'lexer' | 'parse' | 'incomplete' | 'type' | 'arity' | 'unknown-function' // lib/jmespath's kinds
  | 'too-complex' // the expression nests deeper than the engine's stack allows
  | 'timeout' // the client stopped a runaway evaluation
  | 'catalog' // no catalog loaded, not JSON, not a catalog, unknown stream index
  | 'internal';

export interface WorkerError {
  kind: WorkerErrorKind;
  /** For JMESPath errors: Python jmespath 1.1.0's own text, as the server reports it in its 400. */
  message: string;
  /** One line in plain words (for a marker or a status line). */
  summary: string;
  /** UTF-16 offset in the expression where the error is; null when there is none (run-time errors). */
  position: number | null;
  /** For syntax errors: the token where parsing stopped. */
  token?: { type: string; value: unknown };
  /** Python's exception class, e.g. 'ParseError', 'TypeError' (a 500 on the server). */
  pythonType?: string;
}

export interface LoadAnswer {
  streamCount: number;
  rows: StreamRow[];
  /** Time spent decoding and parsing the text, in ms. */
  parseMs: number;
}

export interface QueryAnswer {
  /** Pretty-printed JSON of the result, cut at the cap (see `truncated`). */
  resultText: string;
  /** Set when the result text was longer than the cap; `totalChars` is its full length. */
  truncated: boolean;
  totalChars: number;
  /** Length of the result when it is an array, else null. */
  count: number | null;
  /** Evaluation time (compile + search), in ms. */
  ms: number;
}

export interface StreamKey {
  namespace: string | null;
  name: string;
}

export interface DiffAnswer {
  added: StreamKey[];
  removed: StreamKey[];
  changed: StreamKey[];
  unchanged: number;
}

export type CompletionKind = 'field' | 'function' | 'stream';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** The text that replaces [replaceStart, replaceEnd) of the expression. */
  insertText: string;
  /** E.g. a function's signature, or "in 5,200 streams". */
  detail?: string;
  documentation?: string;
}

export interface CompletionList {
  items: CompletionItem[];
  /** UTF-16 range of the expression the chosen item replaces (the partial word before the cursor). */
  replaceStart: number;
  replaceEnd: number;
  /** More candidates existed than were returned. */
  incomplete: boolean;
}

type Ok<T extends WorkerRequest['type'], V> = { type: T; id: number; ok: true } & V;
type Failed<T extends WorkerRequest['type']> = { type: T; id: number; ok: false; error: WorkerError; ms?: number };

export type WorkerResponse =
  | Ok<'load', LoadAnswer> | Failed<'load'>
  | Ok<'stream', { text: string }> | Failed<'stream'>
  | Ok<'query', QueryAnswer> | Failed<'query'>
  | Ok<'diff', DiffAnswer> | Failed<'diff'>
  | Ok<'completions', CompletionList> | Failed<'completions'>
  | Ok<'compare', CompareAnswer> | Failed<'compare'>
  | Ok<'streamInfo', { info: StreamInfo }> | Failed<'streamInfo'>
  | Ok<'selectStreams', StreamSelection> | Failed<'selectStreams'>
  | Ok<'plan', PlanAnswer> | Failed<'plan'>;
