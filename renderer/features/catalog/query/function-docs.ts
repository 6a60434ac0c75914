/**
 * The JMESPath functions the server knows (Python jmespath 1.1.0), with signatures and one-line docs, for
 * completions and hovers. Argument types come from the engine's own function table (lib/jmespath/functions.ts),
 * so a signature cannot drift from what the engine checks; names, return types and docs are kept here.
 */
import { FUNCTIONS } from '../../../../lib/jmespath/functions';

interface DocEntry {
  params: string[];
  returns: string;
  doc: string;
}

const DOCS: Record<string, DocEntry> = {
  abs: { params: ['value'], returns: 'number', doc: 'The absolute value of a number.' },
  avg: { params: ['elements'], returns: 'number', doc: 'The average of an array of numbers; null for an empty array.' },
  ceil: { params: ['value'], returns: 'number', doc: 'The smallest integer not less than the number.' },
  contains: { params: ['subject', 'search'], returns: 'boolean', doc: 'True when the array holds `search`, or the string contains the substring `search`.' },
  ends_with: { params: ['subject', 'suffix'], returns: 'boolean', doc: 'True when the string ends with `suffix`.' },
  floor: { params: ['value'], returns: 'number', doc: 'The largest integer not greater than the number.' },
  join: { params: ['glue', 'stringsarray'], returns: 'string', doc: 'The strings of the array joined with `glue` between them.' },
  keys: { params: ['obj'], returns: 'array[string]', doc: "The object's keys." },
  length: { params: ['subject'], returns: 'number', doc: 'Characters (code points) of a string, elements of an array, or keys of an object.' },
  map: { params: ['expr', 'elements'], returns: 'array', doc: 'Applies `&expr` to every element (nulls kept, unlike a projection).' },
  max: { params: ['collection'], returns: 'number|string', doc: 'The largest number or string of the array; null when empty.' },
  max_by: { params: ['elements', 'expr'], returns: 'any', doc: 'The element for which `&expr` (a number or string) is largest.' },
  merge: { params: ['objects'], returns: 'object', doc: 'The objects merged left to right; later keys win.' },
  min: { params: ['collection'], returns: 'number|string', doc: 'The smallest number or string of the array; null when empty.' },
  min_by: { params: ['elements', 'expr'], returns: 'any', doc: 'The element for which `&expr` (a number or string) is smallest.' },
  not_null: { params: ['argument'], returns: 'any', doc: 'The first argument that is not null.' },
  reverse: { params: ['argument'], returns: 'array|string', doc: 'The array, or the string (by code point), reversed.' },
  sort: { params: ['list'], returns: 'array', doc: 'The strings (by code point) or numbers, sorted.' },
  sort_by: { params: ['elements', 'expr'], returns: 'array', doc: 'The elements sorted by `&expr`, which must give all numbers or all strings.' },
  starts_with: { params: ['subject', 'prefix'], returns: 'boolean', doc: 'True when the string starts with `prefix`.' },
  sum: { params: ['collection'], returns: 'number', doc: 'The sum of an array of numbers.' },
  to_array: { params: ['arg'], returns: 'array', doc: 'The value itself when it is an array, else a one-element array.' },
  to_number: { params: ['arg'], returns: 'number', doc: "A number, or a string parsed as Python's int()/float() do; else null." },
  to_string: { params: ['arg'], returns: 'string', doc: 'A string unchanged; any other value as JSON (Python json.dumps, ASCII escapes).' },
  type: { params: ['subject'], returns: 'string', doc: 'One of "number", "string", "boolean", "array", "object", "null".' },
  values: { params: ['obj'], returns: 'array', doc: "The object's values." },
};

export interface FunctionDoc {
  name: string;
  /** E.g. `contains(subject: array|string, search: any) -> boolean` */
  signature: string;
  doc: string;
  minArgs: number;
  variadic: boolean;
}

function typeText(types: string[]): string {
  return types.length === 0 ? 'any' : types.map((t) => (t.startsWith('array-') ? `array[${t.slice(6)}]` : t === 'expref' ? '&expression' : t)).join('|');
}

function build(): Map<string, FunctionDoc> {
  const out = new Map<string, FunctionDoc>();
  for (const name of Object.keys(FUNCTIONS).sort()) {
    const spec = FUNCTIONS[name];
    if (!spec) continue;
    const entry = DOCS[name] ?? { params: [], returns: 'any', doc: '' };
    const params = spec.signature.map((p, i) => `${p.variadic ? '...' : ''}${entry.params[i] ?? `arg${i + 1}`}: ${typeText(p.types)}`);
    out.set(name, {
      name,
      signature: `${name}(${params.join(', ')}) -> ${entry.returns}`,
      doc: entry.doc,
      minArgs: spec.signature.length,
      variadic: spec.signature.some((p) => p.variadic === true),
    });
  }
  return out;
}

/** Every function of the engine, by name (sorted). */
export const FUNCTION_DOCS: ReadonlyMap<string, FunctionDoc> = build();

/** Functions other JMESPath dialects have (the community edition) that the server rejects as unknown. */
export const FOREIGN_FUNCTIONS: ReadonlySet<string> = new Set([
  'lower', 'upper', 'split', 'items', 'from_items', 'group_by', 'zip', 'pad_left', 'pad_right', 'replace', 'trim',
  'trim_left', 'trim_right', 'find_first', 'find_last',
]);
