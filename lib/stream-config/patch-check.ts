import jsonpatch, { type Operation } from 'fast-json-patch';
import { defaultsFor, memberDefault, type CatalogStream } from './catalog-stream';
import { formatFieldPath, hasSchemaProperties, listSchemaFields, schemaHasField } from './schema-fields';
import { DESTINATION_SYNC_MODES, SYNC_MODES, type ExpectedStatus, type Problem, type StreamConfig } from './types';

/**
 * Checks an RFC 6902 patch for one stream before it is sent (contract §5.3 and §5.5), with the server's
 * semantics (main/sandbox/streams.ts): only add/replace/remove, only under the four members, applied op by op
 * to a copy with fast-json-patch's validation on (its `error.index` is always 0, so ops are counted here),
 * `remove` of a whole member resets it to its default, then the type checks and the §5.3 rules. Unlike the
 * server, which stops at the first error, it reports every problem it can, each naming its op and the fix.
 */

export const MEMBERS = ['sync_mode', 'destination_sync_mode', 'cursor_field', 'primary_key'] as const;
export type Member = (typeof MEMBERS)[number];

export interface PatchCheck {
  /**
   * The configuration after the patch when every op applies and the result is well typed, even if a §5.3
   * rule refuses it (so the form can follow a patch being typed); null otherwise, and when the stream is not
   * configured. Whether the server would accept it is `status === 200` (no error in `problems`).
   */
  after: StreamConfig | null;
  problems: Problem[];
  status: ExpectedStatus;
}

const ACCEPTED_OPS = new Set(['add', 'remove', 'replace']);
const REFUSED_OPS = new Set(['move', 'copy', 'test']);
const MEMBER_SET = new Set<string>(MEMBERS);
/** Keys fast-json-patch bans (`banPrototypeModifications`); refused by name here so the message says why. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const EXAMPLE_OP = '{"op": "replace", "path": "/sync_mode", "value": "incremental"}';

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

function opName(index: number | null): string {
  return index === null ? '' : `op ${index + 1}: `;
}

function problem(opIndex: number | null, severity: Problem['severity'], message: string, fix: string): Problem {
  return { opIndex, severity, message: `${opName(opIndex)}${message}`, fix };
}

/** A value as it appears in a message: JSON, cut short. */
function preview(value: unknown): string {
  let text: string;
  try {
    text = value === undefined ? 'nothing' : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function unescapeSegment(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

interface ShapedOp {
  op: string;
  path: string;
  value: unknown;
  member: Member;
  segments: string[];
}

/** The per-op checks that need no document: one problem per op (the first), or the op's parts. */
function shapeOf(raw: unknown, index: number, problems: Problem[]): ShapedOp | null {
  const fail = (message: string, fix: string): null => {
    problems.push(problem(index, 'error', message, fix));
    return null;
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(`not an operation object (got ${preview(raw)})`, `Write each op as an object, e.g. ${EXAMPLE_OP}.`);
  }
  const record = raw as Record<string, unknown>;
  const op = record.op;
  if (typeof op !== 'string') return fail('"op" is missing or not a string', 'Add "op": "replace", "add" or "remove".');
  if (REFUSED_OPS.has(op)) {
    return fail(`"${op}" is refused by the server (400 Invalid JSON Patch operation)`, 'Use "replace", "add" or "remove" with the value itself: the server accepts only those three.');
  }
  if (!ACCEPTED_OPS.has(op)) return fail(`unknown op "${op.slice(0, 40)}"`, 'Use "replace", "add" or "remove".');
  const path = record.path;
  if (typeof path !== 'string') return fail('"path" is missing or not a string', 'Add a "path" such as "/sync_mode" or "/cursor_field/0".');
  if (path === '') return fail('the path "" is the whole configuration, which cannot be patched at once', 'Patch its members: "/sync_mode", "/destination_sync_mode", "/cursor_field" or "/primary_key".');
  if (!path.startsWith('/')) {
    return fail(`path "${path.slice(0, 80)}" is not a JSON Pointer (it must start with "/")`, `Write "/${path.slice(0, 80)}".`);
  }
  const segments = path.slice(1).split('/');
  if (segments.some((s) => PROTOTYPE_KEYS.has(unescapeSegment(s)))) {
    return fail(`path "${path.slice(0, 80)}" names an object prototype key, refused for security (prototype pollution)`, 'Remove this op: such paths are never part of a stream configuration.');
  }
  const member = segments[0] as string;
  if (member === 'stream_name') return fail('"/stream_name" is read-only', 'Leave the stream name out of the patch; to configure another stream, open that stream.');
  if (!MEMBER_SET.has(member)) {
    return fail(
      `path "${path.slice(0, 80)}" is outside the stream settings`,
      'Only "/sync_mode", "/destination_sync_mode", "/cursor_field" and "/primary_key" (and elements of the two arrays, e.g. "/cursor_field/0") can be changed.',
    );
  }
  if (op !== 'remove' && (!('value' in record) || record.value === undefined)) {
    return fail(`"${op}" needs a "value"`, member === 'primary_key' ? 'Add "value", e.g. [["id"]].' : member === 'cursor_field' ? 'Add "value", e.g. ["updated_at"].' : `Add "value", e.g. "${member === 'sync_mode' ? 'incremental' : 'append_dedup'}".`);
  }
  return { op, path, value: record.value, member: member as Member, segments };
}

/** The value at the parent of a pointer, read defensively (only to word a message). */
function parentOf(doc: unknown, segments: string[]): unknown {
  let node: unknown = doc;
  for (const segment of segments.slice(0, -1)) {
    if (typeof node !== 'object' || node === null) return undefined;
    const key = unescapeSegment(segment);
    node = Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined;
  }
  return node;
}

/** fast-json-patch's validation error for one op, said in words with the fix. */
function resolutionProblem(error: unknown, index: number, op: ShapedOp, doc: unknown): Problem {
  const name = typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
  const parent = parentOf(doc, op.segments);
  const length = Array.isArray(parent) ? parent.length : null;
  const where = length === null ? '' : ` (that array has ${length} element${length === 1 ? '' : 's'})`;
  const last = op.segments[op.segments.length - 1] ?? '';
  switch (name) {
    case 'OPERATION_PATH_UNRESOLVABLE':
      return problem(index, 'error', `"${op.path}" does not exist in the configuration${where}`, length !== null ? `Use an index from 0 to ${length - 1}, or "add" to insert.` : 'Check the path: only existing elements can be replaced or removed.');
    case 'OPERATION_VALUE_OUT_OF_BOUNDS':
      return problem(index, 'error', `index ${last} in "${op.path}" is past the end of the array${where}`, `Use "-" to append${length === null ? '' : ` or an index from 0 to ${length}`}.`);
    case 'OPERATION_PATH_ILLEGAL_ARRAY_INDEX':
      return problem(index, 'error', `"${last}" in "${op.path}" is not an array index`, 'Use a 0-based number, or "-" for the end of the array.');
    case 'OPERATION_PATH_CANNOT_ADD':
      return problem(index, 'error', `cannot add at "${op.path}": its parent does not exist`, 'Add the parent first (e.g. the key part as an array), or check the indexes.');
    case 'OPERATION_VALUE_REQUIRED':
    case 'OPERATION_VALUE_CANNOT_CONTAIN_UNDEFINED':
      return problem(index, 'error', `"${op.op}" needs a complete "value"`, 'Give a JSON value (strings, arrays of strings).');
    default:
      return problem(index, 'error', `"${op.path}" cannot be applied to the configuration (${error instanceof Error ? error.message.split('\n')[0] : 'refused'})`, 'Check that the path exists and matches the value’s type.');
  }
}

/**
 * A structural copy of arrays and plain objects. Not fast-json-patch's deepClone (a JSON round trip): that
 * turns `undefined` into null, so a JS caller's `[undefined]` would be accepted here while the server's
 * validator refuses it (400).
 */
function copyValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(copyValue);
  if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      // defineProperty: assigning a parsed "__proto__" key would set the copy's prototype instead.
      Object.defineProperty(copy, key, { value: copyValue((value as Record<string, unknown>)[key]), enumerable: true, writable: true, configurable: true });
    }
    return copy;
  }
  return value;
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** Which op last set each member: problems found in the result are attributed to it. */
type Attribution = Partial<Record<Member, number>>;

function attributed(attribution: Attribution, ...members: Member[]): number | null {
  let found: number | null = null;
  for (const m of members) {
    const i = attribution[m];
    if (i !== undefined && (found === null || i > found)) found = i;
  }
  return found;
}

/** The 422 type checks (list form on the server); empty when `doc` is a well-typed configuration. */
function typeProblems(doc: Record<string, unknown>, attribution: Attribution): Problem[] {
  const problems: Problem[] = [];
  if (!SYNC_MODES.includes(doc.sync_mode as never)) {
    problems.push(problem(attributed(attribution, 'sync_mode'), 'error', `sync_mode must be "full_refresh" or "incremental" (got ${preview(doc.sync_mode)})`, 'Set "/sync_mode" to "full_refresh" or "incremental".'));
  }
  if (!DESTINATION_SYNC_MODES.includes(doc.destination_sync_mode as never)) {
    problems.push(
      problem(attributed(attribution, 'destination_sync_mode'), 'error', `destination_sync_mode must be "append", "overwrite" or "append_dedup" (got ${preview(doc.destination_sync_mode)})`, 'Set "/destination_sync_mode" to "append", "overwrite" or "append_dedup".'),
    );
  }
  if (!isStringArray(doc.cursor_field)) {
    problems.push(problem(attributed(attribution, 'cursor_field'), 'error', `cursor_field must be a field path, a list of names (got ${preview(doc.cursor_field)})`, 'Write it as a list, e.g. ["updated_at"], or ["address", "city"] for a nested field.'));
  }
  if (!Array.isArray(doc.primary_key) || !doc.primary_key.every(isStringArray)) {
    const flat = isStringArray(doc.primary_key) && doc.primary_key.length > 0;
    problems.push(
      problem(
        attributed(attribution, 'primary_key'),
        'error',
        `primary_key must be a list of field paths (got ${preview(doc.primary_key)})`,
        flat ? `Wrap each field in its own list: ${preview((doc.primary_key as string[]).map((f) => [f]))}.` : 'Write it as a list of lists, e.g. [["id"]], or [["id"], ["tenant_id"]] for a composite key.',
      ),
    );
  }
  return problems;
}

/** A cursor to suggest when one is required: the source's default, else a date-time field of the schema. */
function suggestedCursor(stream: CatalogStream): string[] | null {
  if (stream.default_cursor_field && stream.default_cursor_field.length > 0) return stream.default_cursor_field;
  const { fields } = listSchemaFields(stream.json_schema, { maxPaths: 500 });
  const dated = fields.find((f) => f.format === 'date-time' || f.format === 'date') ?? fields.find((f) => /updated|modified/i.test(f.path[f.path.length - 1] ?? ''));
  return dated ? dated.path : null;
}

/**
 * §5.3 rules and the schema warnings for a well-typed configuration. Errors mirror the server's 422 texts
 * (with the fix added); warnings are ours: the server does not read the schema.
 */
export function ruleProblems(stream: CatalogStream, config: StreamConfig, attribution: Attribution = {}): Problem[] {
  const problems: Problem[] = [];
  const supportedMode = stream.supported_sync_modes.includes(config.sync_mode);
  if (!supportedMode) {
    const supported = stream.supported_sync_modes.join(' and ') || 'no mode';
    problems.push(
      problem(attributed(attribution, 'sync_mode'), 'error', `Sync mode '${config.sync_mode}' not supported for stream '${stream.name}': it supports ${supported} only`, stream.supported_sync_modes[0] ? `Set "/sync_mode" to "${stream.supported_sync_modes[0]}".` : 'This stream offers no sync mode; leave it unconfigured.'),
    );
  }
  // The cursor rule only matters once the mode itself is possible (the server stops at the first rule anyway).
  if (supportedMode && config.sync_mode === 'incremental' && !stream.source_defined_cursor && config.cursor_field.length === 0) {
    const suggestion = suggestedCursor(stream);
    problems.push(
      problem(
        attributed(attribution, 'cursor_field', 'sync_mode'),
        'error',
        `Cursor field required for incremental sync of stream '${stream.name}': the source defines no cursor`,
        suggestion ? `Set "/cursor_field" to ${JSON.stringify(suggestion)} (a field that grows with every change), or use full_refresh.` : 'Set "/cursor_field" to a field that grows with every change, or use full_refresh.',
      ),
    );
  }
  if (config.destination_sync_mode === 'append_dedup' && config.primary_key.length === 0) {
    const key = stream.source_defined_primary_key;
    problems.push(
      problem(
        attributed(attribution, 'primary_key', 'destination_sync_mode'),
        'error',
        `Primary key required for append_dedup on stream '${stream.name}'`,
        key && key.length > 0 ? `Set "/primary_key" to ${JSON.stringify(key)} (the source's key), or use destination_sync_mode "append".` : 'Set "/primary_key" to the field(s) identifying a record, e.g. [["id"]], or use destination_sync_mode "append".',
      ),
    );
  }
  if (hasSchemaProperties(stream.json_schema)) {
    if (config.cursor_field.length > 0 && !schemaHasField(stream.json_schema, config.cursor_field)) {
      problems.push(problem(attributed(attribution, 'cursor_field'), 'warning', `cursor field \`${formatFieldPath(config.cursor_field)}\` is not in the schema of stream '${stream.name}'`, 'Pick a field from the schema: a sync fails when the source does not emit its cursor.'));
    }
    for (const part of config.primary_key) {
      if (!schemaHasField(stream.json_schema, part)) {
        problems.push(problem(attributed(attribution, 'primary_key'), 'warning', `key field \`${formatFieldPath(part)}\` is not in the schema of stream '${stream.name}'`, 'Pick key fields from the schema: records without them cannot be deduplicated.'));
      }
    }
  }
  return problems;
}

/** Type checks, §5.3 rules and warnings for a whole candidate configuration (what an add would send). */
export function checkConfig(stream: CatalogStream, config: Record<string, unknown>): { config: StreamConfig | null; problems: Problem[] } {
  const typeErrors = typeProblems(config, {});
  if (typeErrors.length > 0) return { config: null, problems: typeErrors };
  const typed = canonical(stream.name, config);
  return { config: typed, problems: ruleProblems(stream, typed) };
}

/** Members in the contract's order, whatever order the patch left them in. */
function canonical(streamName: string, doc: Record<string, unknown>): StreamConfig {
  return {
    stream_name: streamName,
    sync_mode: doc.sync_mode as StreamConfig['sync_mode'],
    destination_sync_mode: doc.destination_sync_mode as StreamConfig['destination_sync_mode'],
    cursor_field: doc.cursor_field as string[],
    primary_key: doc.primary_key as string[][],
  };
}

export function checkPatch(ops: unknown, stream: CatalogStream, current: StreamConfig | null): PatchCheck {
  const problems: Problem[] = [];
  if (current === null) {
    problems.push(
      problem(null, 'error', `Stream '${stream.name}' is not configured on this source, so it cannot be patched`, 'Add the stream first (a plan adds it with these settings), then patch it.'),
    );
  }
  if (!Array.isArray(ops)) {
    problems.push(problem(null, 'error', `the patch must be a JSON array of operations (got ${preview(ops)})`, `Wrap the operations in [ … ], e.g. [${EXAMPLE_OP}].`));
    return { after: null, problems, status: current === null ? 404 : 400 };
  }
  // A stream that is not configured is checked against its defaults, so the other problems still show.
  const { stream_name: _name, ...members } = current ?? defaultsFor(stream);
  let working: Record<string, unknown> | null = copyValue(members) as Record<string, unknown>;
  let malformed = false;
  const attribution: Attribution = {};
  for (let index = 0; index < ops.length; index++) {
    const shaped = shapeOf(ops[index], index, problems);
    if (!shaped) {
      malformed = true;
      working = null;
      continue;
    }
    for (const segment of shaped.segments.slice(1)) {
      // fast-json-patch (and so the sandbox) reads "01" as 1; RFC 6901 forbids leading zeros.
      if (/^0\d+$/.test(segment)) {
        problems.push(problem(index, 'warning', `index "${segment}" has a leading zero, which RFC 6901 forbids`, `Write ${String(Number(segment))}: another server may refuse the op.`));
      }
    }
    // After a failed op the later ones are only shape-checked: their pointers depend on what it would have done.
    if (!working) continue;
    if (shaped.op === 'remove' && shaped.path === `/${shaped.member}`) {
      working = { ...working, [shaped.member]: memberDefault(stream, shaped.member, working as Partial<StreamConfig>) };
    } else {
      try {
        // `working` is this function's own copy, so it is patched in place (fast-json-patch would otherwise clone
        // it for every op); the value is copied so the result never aliases the caller's ops. A failing op leaves
        // `working` half-patched, and it is dropped just below.
        const value = shaped.op === 'remove' ? undefined : copyValue(shaped.value);
        working = jsonpatch.applyOperation(working, { op: shaped.op, path: shaped.path, value } as Operation, true, true).newDocument;
      } catch (error) {
        problems.push(resolutionProblem(error, index, shaped, working));
        malformed = true;
        working = null;
        continue;
      }
    }
    attribution[shaped.member] = index;
  }
  if (!working || malformed) return { after: null, problems, status: current === null ? 404 : 400 };
  const typeErrors = typeProblems(working, attribution);
  if (typeErrors.length > 0) return { after: null, problems: [...problems, ...typeErrors], status: current === null ? 404 : 422 };
  const after = canonical(stream.name, working);
  problems.push(...ruleProblems(stream, after, attribution));
  const status: ExpectedStatus = current === null ? 404 : hasErrors(problems) ? 422 : 200;
  return { after: current === null ? null : after, problems, status };
}
