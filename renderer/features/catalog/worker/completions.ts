/**
 * Completions at a cursor in a JMESPath expression, from the catalog itself: member names at that path (after
 * `streams[0].` the keys of a stream; after `streams[*].json_schema.properties.` the property names across
 * streams), stream names inside quotes, and the functions with their signatures. Pure: runs in the worker.
 *
 * The text before the cursor is usually not a valid expression, so it is scanned tolerantly: brackets,
 * parentheses and braces open frames; operators start a new sub-expression; the complete pieces (the path
 * before a `.`, the array before `[?`, the left side of a `|`) are compiled with lib/jmespath and evaluated
 * to find the values the cursor's path applies to.
 */
import { compile } from '../../../../lib/jmespath';
import { FUNCTION_DOCS } from '../query/function-docs';
import type { LoadedCatalog } from './catalog-engine';
import type { CompletionItem, CompletionList } from './protocol';

/** At most this many names are returned (the list says `incomplete` when there were more). */
export const MAX_COMPLETIONS = 200;
/** At most this many values are inspected for member names. */
const MAX_SAMPLES = 20_000;
/** Completion lists kept per catalog, by the text they depend on (see completionsAt). */
const CACHE_SIZE = 16;

// One formatter for every count (Number#toLocaleString builds a formatter per call: ~50 µs each, 400 per list).
const numbers = new Intl.NumberFormat('en-US');

type FrameKind = 'root' | '(' | '[' | '[?' | '{';
interface Frame {
  kind: FrameKind;
  /** Index of the opening character ('[' of '[?'). */
  open: number;
  /** Start of the current sub-expression (after the last operator). */
  segStart: number;
  /** Start of the current pipe operand (after the frame's start, the last ',' or ':' or '|'). */
  itemStart: number;
  /** The pipe operands before the current one, in order: [start, end) ranges. */
  pipes: Array<[number, number]>;
}

interface Scan {
  stack: Frame[];
  /** Set when the text ends inside a quoted identifier ('"') or a raw string ("'"). */
  quote: { char: '"' | "'"; start: number } | null;
}

function frame(kind: FrameKind, open: number, start: number): Frame {
  return { kind, open, segStart: start, itemStart: start, pipes: [] };
}

const CLOSERS: Record<string, FrameKind[]> = { ')': ['('], ']': ['[', '[?'], '}': ['{'] };

export function scan(text: string): Scan {
  const stack: Frame[] = [frame('root', -1, 0)];
  let i = 0;
  const top = (): Frame => stack[stack.length - 1] as Frame;
  const reset = (at: number) => {
    top().segStart = at;
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '"' || c === "'" || c === '`') {
      const start = i;
      i++;
      while (i < text.length && text[i] !== c) i += text[i] === '\\' ? 2 : 1;
      if (i >= text.length) return { stack, quote: c === '`' ? null : { char: c, start } };
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '||' || two === '&&' || two === '==' || two === '!=' || two === '<=' || two === '>=') {
      reset(i + 2);
      i += 2;
      continue;
    }
    switch (c) {
      case '[':
        if (text[i + 1] === '?') {
          stack.push(frame('[?', i, i + 2));
          i += 2;
          continue;
        }
        stack.push(frame('[', i, i + 1));
        break;
      case '(':
      case '{':
        stack.push(frame(c, i, i + 1));
        break;
      case ')':
      case ']':
      case '}':
        if (stack.length > 1 && (CLOSERS[c] ?? []).includes(top().kind)) stack.pop();
        break;
      case '|': {
        const f = top();
        f.pipes.push([f.itemStart, i]);
        f.itemStart = i + 1;
        reset(i + 1);
        break;
      }
      case ',':
      case ':': {
        const f = top();
        f.pipes = [];
        f.itemStart = i + 1;
        reset(i + 1);
        break;
      }
      case '<':
      case '>':
      case '!':
      case '&':
        reset(i + 1);
        break;
    }
    i++;
  }
  return { stack, quote: null };
}

const PROJECTION = /\[\*\]|\[\]|\[\?|\.\*|^\s*\*/;

/** Evaluates `expression` against each value; drops values where it fails. Flattens projections. */
function evalEach(values: unknown[], expression: string): unknown[] {
  const text = expression.trim();
  if (text === '') return values;
  let query;
  try {
    query = compile(text);
  } catch {
    return [];
  }
  const projection = PROJECTION.test(text);
  const out: unknown[] = [];
  for (const v of values) {
    if (out.length >= MAX_SAMPLES) break;
    let r: unknown;
    try {
      r = query.search(v);
    } catch {
      continue;
    }
    if (projection && Array.isArray(r)) for (const e of r) out.push(e);
    else out.push(r);
  }
  return out;
}

function elementsOf(values: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const v of values) if (Array.isArray(v)) for (const e of v) out.push(e);
  return out;
}

/** The values the innermost frame's current sub-expression applies to. */
function contextValues(text: string, stack: Frame[], root: unknown): unknown[] {
  let values: unknown[] = [root];
  for (let i = 0; i < stack.length; i++) {
    const f = stack[i] as Frame;
    for (const [s, e] of f.pipes) values = evalEach(values, text.slice(s, e));
    const child = stack[i + 1];
    if (!child) break;
    const base = text.slice(f.segStart, child.open).trim().replace(/\.$/, '');
    if (child.kind === '(') continue; // function arguments and groupings see the same current value
    if (child.kind === '[?') {
      values = elementsOf(base === '' ? values : evalEach(values, base));
    } else if (base !== '') {
      values = evalEach(values, base);
    }
  }
  return values;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function memberNames(values: unknown[]): { names: Array<[string, number]>; seen: number } {
  const counts = new Map<string, number>();
  let seen = 0;
  const visit = (v: unknown) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return;
    seen++;
    for (const k of Object.keys(v)) counts.set(k, (counts.get(k) ?? 0) + 1);
  };
  for (const v of values.slice(0, MAX_SAMPLES)) {
    if (Array.isArray(v)) for (const e of v.slice(0, MAX_SAMPLES)) visit(e);
    else visit(v);
  }
  const names = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return { names, seen };
}

function fieldItems(values: unknown[], quoted: '"' | null, closeQuote: boolean): { items: CompletionItem[]; incomplete: boolean } {
  const { names, seen } = memberNames(values);
  const items = names.slice(0, MAX_COMPLETIONS).map(([name, n]): CompletionItem => {
    const escaped = JSON.stringify(name);
    const insertText = quoted ? escaped.slice(1, closeQuote ? undefined : -1) : IDENTIFIER.test(name) ? name : escaped;
    return { label: name, kind: 'field', insertText, detail: seen > 1 ? `field · in ${numbers.format(n)} of ${numbers.format(seen)}` : 'field' };
  });
  return { items, incomplete: names.length > MAX_COMPLETIONS };
}

function functionItems(): CompletionItem[] {
  return [...FUNCTION_DOCS.values()].map((f) => ({ label: f.name, kind: 'function', insertText: `${f.name}(`, detail: f.signature, documentation: f.doc }));
}

function streamItems(catalog: LoadedCatalog, typed: string, quote: '"' | "'", closeQuote: boolean): { items: CompletionItem[]; incomplete: boolean } {
  const needle = typed.toLowerCase();
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  let incomplete = false;
  for (const row of catalog.rows) {
    if (seen.has(row.name) || !row.name.toLowerCase().includes(needle)) continue;
    seen.add(row.name);
    if (items.length >= MAX_COMPLETIONS) {
      incomplete = true;
      break;
    }
    const body = quote === '"' ? JSON.stringify(row.name).slice(1, -1) : row.name.replace(/'/g, "\\'");
    items.push({ label: row.name, kind: 'stream', insertText: body + (closeQuote ? quote : ''), detail: row.namespace ? `stream in ${row.namespace}` : 'stream' });
  }
  return { items, incomplete };
}

/**
 * Member-name lists recently computed for each catalog, by the text they depend on, most recent last. The names
 * at a cursor depend only on the text before the identifier being typed (or before the open quote), so typing on
 * (`streams[*].json_schema.properties.u`, `…up`, each character asking again) answers from here instead of
 * evaluating the same path against every stream again — which would also hold up the next query behind it in
 * the worker.
 */
const fieldCache = new WeakMap<LoadedCatalog, Map<string, FieldList>>();

type FieldList = { items: CompletionItem[]; incomplete: boolean };

function cachedFields(catalog: LoadedCatalog, key: string, compute: () => FieldList): FieldList {
  let lists = fieldCache.get(catalog);
  if (!lists) fieldCache.set(catalog, (lists = new Map()));
  let list = lists.get(key);
  if (list) lists.delete(key);
  else list = compute();
  lists.set(key, list);
  if (lists.size > CACHE_SIZE) lists.delete(lists.keys().next().value as string);
  return { items: list.items.map((item) => ({ ...item })), incomplete: list.incomplete };
}

/** Completions for the cursor at UTF-16 `offset` of `expression`. */
export function completionsAt(catalog: LoadedCatalog, expression: string, offset: number): CompletionList {
  const at = Math.max(0, Math.min(offset, expression.length));
  const text = expression.slice(0, at);
  const { stack, quote } = scan(text);
  const f = stack[stack.length - 1] as Frame;

  if (quote) {
    const closeQuote = expression[at] !== quote.char;
    const typed = text.slice(quote.start + 1);
    const before = text.slice(f.segStart, quote.start).trim();
    const items: CompletionItem[] = [];
    let incomplete = false;
    if (quote.char === '"' && (before === '' || before.endsWith('.'))) {
      const fields = cachedFields(catalog, `"${closeQuote ? 1 : 0}${text.slice(0, quote.start + 1)}`, () => {
        const values = contextValues(text, stack, catalog.queryInput);
        return fieldItems(before === '' ? values : evalEach(values, before.slice(0, -1)), '"', closeQuote);
      });
      items.push(...fields.items.filter((i) => i.label.toLowerCase().includes(typed.toLowerCase())));
      incomplete = fields.incomplete;
    }
    const streams = streamItems(catalog, typed, quote.char, closeQuote);
    items.push(...streams.items);
    return { items, replaceStart: quote.start + 1, replaceEnd: at, incomplete: incomplete || streams.incomplete };
  }

  const segment = text.slice(f.segStart);
  const partial = /[A-Za-z_][A-Za-z0-9_]*$/.exec(segment)?.[0] ?? '';
  const replaceStart = at - partial.length;
  const before = segment.slice(0, segment.length - partial.length).trim();
  const empty: CompletionList = { items: [], replaceStart, replaceEnd: at, incomplete: false };
  const prefixKey = ` ${text.slice(0, replaceStart)}`;
  if (before === '') {
    const fields = cachedFields(catalog, prefixKey, () => fieldItems(contextValues(text, stack, catalog.queryInput), null, false));
    return { items: [...fields.items, ...functionItems()], replaceStart, replaceEnd: at, incomplete: fields.incomplete };
  }
  if (!before.endsWith('.')) return empty;
  const base = before.slice(0, -1).trim();
  if (base === '') return empty;
  const fields = cachedFields(catalog, prefixKey, () => {
    const values = evalEach(contextValues(text, stack, catalog.queryInput), base);
    const projected = PROJECTION.test(base) ? values : values.filter((v) => !Array.isArray(v));
    return fieldItems(projected, null, false);
  });
  return { items: fields.items, replaceStart, replaceEnd: at, incomplete: fields.incomplete };
}
