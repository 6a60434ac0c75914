import jsonpatch from 'fast-json-patch';
import { defaultsFor, supportsIncremental, type CatalogStream } from './catalog-stream';
import { describeEffect } from './effect';
import { mergeForm, type StreamForm } from './form-patch';
import { checkConfig, checkPatch } from './patch-check';
import type { PatchOp, PlannedRequest, Problem, StreamConfig, StreamSettings } from './types';

/**
 * A bulk plan (terraform-plan style): for each selected stream, the exact request that would be sent and
 * the verdict of the same checks as checkPatch, computed before anything is sent. Pure and synchronous: it
 * runs in the catalog worker over up to thousands of streams (one Map lookup, one tiny compare and one
 * op-by-op check per stream), and Apply sends `entries[].request` exactly as planned.
 */

/** What is known of one stream's configuration on the server (the contract's StreamState is assignable). */
export type StreamReadState =
  | { state: 'configured'; config: StreamConfig }
  | { state: 'not_configured' }
  | { state: 'unknown' }
  | { state: 'error'; message: string };

export type PlanChange =
  /**
   * Every incremental-capable stream → incremental, on its default cursor (else the one configured, else none
   * needed when the source defines it), deduplicated on the source-defined key (else the key configured).
   * Decided: with no key at all it plans incremental + `append` (the rows are kept, not deduplicated) and says
   * so in `reason`, rather than refusing: append is valid and is what an SE would pick by hand. With no usable
   * cursor the stream is invalid (a cursor is a choice about the data, not a default we may invent). Streams
   * that are full-refresh only are left as they are ("unchanged", with the reason).
   */
  | { kind: 'incremental_defaults' }
  /** The same form members for every stream; streams not configured are added with them over the §5.3 defaults. */
  | { kind: 'set'; settings: Partial<StreamForm> }
  /** The same ops for every stream; streams not configured are added with the result of the ops over their defaults. */
  | { kind: 'patch'; ops: unknown }
  | { kind: 'remove' }
  /** Restore recorded settings (null = was not configured → remove). Streams with nothing recorded are invalid. */
  | { kind: 'revert'; previous: ReadonlyMap<string, StreamConfig | null> };

export type Verdict = 'change' | 'unchanged' | 'invalid';

export interface PlanEntry {
  streamName: string;
  verdict: Verdict;
  /** Why it is invalid or unchanged, or what to know about a change (e.g. "append: no primary key"); else null. */
  reason: string | null;
  /** The request Apply sends; null unless verdict is "change". */
  request: PlannedRequest | null;
  before: StreamConfig | null;
  /** The configuration after the request (null: removed or not configured); for invalid entries, what was attempted if it could be computed. */
  after: StreamConfig | null;
  effect: string;
  /** Warnings of the checks (fields not in the schema…), also for changes that will be sent. */
  warnings: Problem[];
}

export interface Plan {
  entries: PlanEntry[];
  summary: { change: number; unchanged: number; invalid: number };
}

export interface PlanInput {
  streams: readonly CatalogStream[];
  states: ReadonlyMap<string, StreamReadState>;
  selection: readonly string[];
  change: PlanChange;
}

type Target = { after: StreamConfig | null; note?: string } | { unchanged: string } | { invalid: string; attempted?: StreamConfig | null };

function members(config: StreamConfig): StreamSettings {
  return { sync_mode: config.sync_mode, destination_sync_mode: config.destination_sync_mode, cursor_field: [...config.cursor_field], primary_key: config.primary_key.map((p) => [...p]) };
}

function incrementalDefaults(stream: CatalogStream, before: StreamConfig | null): Target {
  if (!supportsIncremental(stream)) return { unchanged: `supports ${stream.supported_sync_modes.join(' and ') || 'no sync mode'} only: not incremental-capable, left as it is` };
  const defaultCursor = stream.default_cursor_field ?? [];
  const cursor = defaultCursor.length > 0 ? defaultCursor : (before?.cursor_field ?? []);
  if (cursor.length === 0 && !stream.source_defined_cursor) {
    return { invalid: 'no default cursor and the source defines none: choose a cursor field (change "set" with a cursor) for this stream' };
  }
  const sourceKey = stream.source_defined_primary_key ?? [];
  const key = sourceKey.length > 0 ? sourceKey : (before?.primary_key ?? []);
  const base = before ?? defaultsFor(stream);
  const after: StreamConfig = { ...base, sync_mode: 'incremental', destination_sync_mode: key.length > 0 ? 'append_dedup' : 'append', cursor_field: [...cursor], primary_key: key.map((p) => [...p]) };
  return key.length > 0 ? { after } : { after, note: 'no primary key (none defined by the source or configured): append, rows are not deduplicated' };
}

function targetFor(stream: CatalogStream, before: StreamConfig | null, change: PlanChange): Target {
  switch (change.kind) {
    case 'incremental_defaults':
      return incrementalDefaults(stream, before);
    case 'set':
      return { after: mergeForm(before ?? defaultsFor(stream), change.settings) };
    case 'patch': {
      // Not-configured streams: the ops are checked over the defaults and the result is added (a PATCH would 404).
      const checked = checkPatch(change.ops, stream, before ?? defaultsFor(stream));
      const errors = checked.problems.filter((p) => p.severity === 'error');
      if (errors.length > 0) return { invalid: errors.map((p) => p.message).join('; '), attempted: checked.after };
      return { after: checked.after };
    }
    case 'remove':
      return before === null ? { unchanged: 'not configured: nothing to remove' } : { after: null };
    case 'revert': {
      if (!change.previous.has(stream.name)) return { invalid: 'no recorded settings to restore for this stream' };
      const previous = change.previous.get(stream.name) ?? null;
      return { after: previous === null ? null : { ...previous, stream_name: stream.name } };
    }
  }
}

function withoutName(config: StreamConfig): Omit<StreamConfig, 'stream_name'> {
  const { stream_name: _name, ...rest } = config;
  return rest;
}

function invalid(streamName: string, before: StreamConfig | null, reason: string, attempted: StreamConfig | null = null): PlanEntry {
  return { streamName, verdict: 'invalid', reason, request: null, before, after: attempted, effect: `${streamName}: invalid, nothing sent (${reason})`, warnings: [] };
}

function planOne(name: string, stream: CatalogStream | undefined, state: StreamReadState | undefined, change: PlanChange): PlanEntry {
  if (!stream) return invalid(name, null, 'not in the source catalog (renamed or dropped? rediscover and plan again)');
  if (!state || state.state === 'unknown') return invalid(name, null, 'configuration not read yet');
  if (state.state === 'error') return invalid(name, null, `configuration could not be read: ${state.message}`);
  const before = state.state === 'configured' ? state.config : null;
  const target = targetFor(stream, before, change);
  if ('invalid' in target) return invalid(name, before, target.invalid, target.attempted ?? null);
  if ('unchanged' in target) return { streamName: name, verdict: 'unchanged', reason: target.unchanged, request: null, before, after: before, effect: describeEffect(name, before, before), warnings: [] };
  const { after } = target;
  const note = target.note ?? null;

  if (after === null) {
    if (before === null) return { streamName: name, verdict: 'unchanged', reason: 'not configured', request: null, before, after, effect: describeEffect(name, before, after), warnings: [] };
    return { streamName: name, verdict: 'change', reason: note, request: { kind: 'remove', streamName: name, before }, before, after, effect: describeEffect(name, before, after), warnings: [] };
  }

  if (before === null) {
    // Add: send every member explicitly, so what is applied is what was reviewed, whatever the server's defaults.
    const checked = checkConfig(stream, after as unknown as Record<string, unknown>);
    const errors = checked.problems.filter((p) => p.severity === 'error');
    if (!checked.config || errors.length > 0) return invalid(name, before, errors.map((p) => p.message).join('; ') || 'invalid settings', after);
    const warnings = checked.problems.filter((p) => p.severity === 'warning');
    return { streamName: name, verdict: 'change', reason: note, request: { kind: 'add', streamName: name, settings: members(checked.config), before }, before, after: checked.config, effect: describeEffect(name, before, checked.config), warnings };
  }

  // Patch: a diff of the two configurations without `stream_name` (so it is never in a path), never
  // `compare(a, b, true)`, whose `test` ops the server refuses. Both objects always have the four members,
  // so the diff has no whole-member `remove` (which the server reads as "reset to default").
  const patch = jsonpatch.compare(withoutName(before), withoutName(after)) as PatchOp[];
  if (patch.length === 0) return { streamName: name, verdict: 'unchanged', reason: note, request: null, before, after: before, effect: describeEffect(name, before, before), warnings: [] };
  const checked = checkPatch(patch, stream, before);
  const errors = checked.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !checked.after) return invalid(name, before, errors.map((p) => p.message).join('; ') || 'the patch does not apply', after);
  const warnings = checked.problems.filter((p) => p.severity === 'warning');
  return { streamName: name, verdict: 'change', reason: note, request: { kind: 'patch', streamName: name, patch, before }, before, after: checked.after, effect: describeEffect(name, before, checked.after), warnings };
}

/**
 * Catalog streams by name. The API addresses a stream by name only (§5.4–5.6), so when a catalog repeats a
 * name across namespaces (the contract says names are unique, but the sandbox's large catalog repeats each
 * name in 8 namespaces) the server can only mean one of them: like the sandbox's `new Map(streams.map(…))`,
 * the last one wins, and the plan says so in a warning.
 */
function indexByName(streams: readonly CatalogStream[]): { byName: Map<string, CatalogStream>; repeats: Map<string, number> } {
  const byName = new Map<string, CatalogStream>();
  const repeats = new Map<string, number>();
  for (const stream of streams) {
    if (byName.has(stream.name)) repeats.set(stream.name, (repeats.get(stream.name) ?? 1) + 1);
    byName.set(stream.name, stream);
  }
  return { byName, repeats };
}

function repeatedNameWarning(name: string, count: number, stream: CatalogStream): Problem {
  return {
    opIndex: null,
    severity: 'warning',
    message: `the catalog has ${count} streams named '${name}' (in different namespaces); the API addresses streams by name only, so this applies to one of them${stream.namespace ? ` (checked against the one in '${stream.namespace}', as the server picks)` : ''}`,
    fix: 'Check which namespace the source really syncs under this name before applying.',
  };
}

export function computePlan(input: PlanInput): Plan {
  const { byName, repeats } = indexByName(input.streams);
  const entries: PlanEntry[] = [];
  const summary = { change: 0, unchanged: 0, invalid: 0 };
  const seen = new Set<string>();
  for (const name of input.selection) {
    // A stream selected twice (a query and a click) is planned once: two requests would race on the server.
    if (seen.has(name)) continue;
    seen.add(name);
    const stream = byName.get(name);
    const entry = planOne(name, stream, input.states.get(name), input.change);
    const count = repeats.get(name);
    if (count !== undefined && stream) entry.warnings = [repeatedNameWarning(name, count, stream), ...entry.warnings];
    summary[entry.verdict]++;
    entries.push(entry);
  }
  return { entries, summary };
}
