import jsonpatch, { type Operation } from 'fast-json-patch';
import type { AirbyteStream } from './catalogs';
import { detail, HttpError } from './http';
import type { Customization, DestinationSyncMode, StreamConfig, SyncMode } from './state';

const MEMBERS = ['sync_mode', 'destination_sync_mode', 'cursor_field', 'primary_key'] as const;
type Member = (typeof MEMBERS)[number];

/** §5.3 defaults for a stream, given whatever the caller chose already. */
export function defaultsFor(stream: AirbyteStream, chosen: Partial<StreamConfig> = {}): StreamConfig {
  const sync_mode: SyncMode = chosen.sync_mode ?? (stream.supported_sync_modes.includes('incremental') ? 'incremental' : 'full_refresh');
  const cursor_field = chosen.cursor_field ?? stream.default_cursor_field ?? [];
  const primary_key = chosen.primary_key ?? stream.source_defined_primary_key ?? [];
  const destination_sync_mode: DestinationSyncMode =
    chosen.destination_sync_mode ?? (sync_mode === 'full_refresh' ? 'overwrite' : primary_key.length > 0 ? 'append_dedup' : 'append');
  return { stream_name: stream.name, sync_mode, destination_sync_mode, cursor_field, primary_key };
}

function memberDefault(stream: AirbyteStream, member: Member, current: StreamConfig): unknown {
  switch (member) {
    case 'sync_mode':
      return defaultsFor(stream).sync_mode;
    case 'cursor_field':
      return stream.default_cursor_field ?? [];
    case 'primary_key':
      return stream.source_defined_primary_key ?? [];
    case 'destination_sync_mode':
      return defaultsFor(stream, { sync_mode: current.sync_mode, primary_key: current.primary_key }).destination_sync_mode;
  }
}

/** §5.3 validation after every POST and PATCH; the messages are the contract's, word for word. */
export function validateStreamConfig(stream: AirbyteStream, config: StreamConfig): void {
  if (!stream.supported_sync_modes.includes(config.sync_mode)) {
    throw detail(422, `Sync mode '${config.sync_mode}' not supported for stream '${stream.name}'`);
  }
  if (config.sync_mode === 'incremental' && !stream.source_defined_cursor && config.cursor_field.length === 0) {
    throw detail(422, `Cursor field required for incremental sync of stream '${stream.name}'`);
  }
  if (config.destination_sync_mode === 'append_dedup' && config.primary_key.length === 0) {
    throw detail(422, `Primary key required for append_dedup on stream '${stream.name}'`);
  }
}

const invalidPatch = () => detail(400, 'Invalid JSON Patch operation');

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * Applies an RFC 6902 patch to a stream configuration (§5.5): only add/replace/remove, only under the
 * four members, atomically; removing a whole member resets it to its default. Type errors in the
 * result answer 422 in list form; everything malformed answers 400.
 */
export function patchStreamConfig(stream: AirbyteStream, current: StreamConfig, patch: unknown): StreamConfig {
  if (!Array.isArray(patch)) throw invalidPatch();
  const { stream_name: _name, ...doc } = current;
  let working: Record<string, unknown> = jsonpatch.deepClone(doc);
  for (const raw of patch) {
    if (typeof raw !== 'object' || raw === null) throw invalidPatch();
    const op = raw as { op?: unknown; path?: unknown; value?: unknown };
    if (op.op !== 'add' && op.op !== 'replace' && op.op !== 'remove') throw invalidPatch();
    if (typeof op.path !== 'string' || !op.path.startsWith('/')) throw invalidPatch();
    const member = op.path.slice(1).split('/')[0] as Member;
    if (!MEMBERS.includes(member)) throw invalidPatch();
    if (op.op !== 'remove' && !('value' in op)) throw invalidPatch();
    if (op.op === 'remove' && op.path === `/${member}`) {
      working = { ...working, [member]: memberDefault(stream, member, { stream_name: stream.name, ...working } as StreamConfig) };
      continue;
    }
    try {
      working = jsonpatch.applyOperation(working, { op: op.op, path: op.path, value: op.value } as Operation, true, false).newDocument;
    } catch {
      throw invalidPatch();
    }
  }
  const errors: Array<{ loc: Array<string | number>; msg: string; type: string }> = [];
  const loc = (m: string) => ['body', m];
  if (typeof working.sync_mode !== 'string') errors.push({ loc: loc('sync_mode'), msg: 'value is not a valid enumeration member', type: 'type_error.enum' });
  if (!['append', 'overwrite', 'append_dedup'].includes(working.destination_sync_mode as string)) {
    errors.push({ loc: loc('destination_sync_mode'), msg: "value is not a valid enumeration member; permitted: 'append', 'overwrite', 'append_dedup'", type: 'type_error.enum' });
  }
  if (!isStringArray(working.cursor_field)) errors.push({ loc: loc('cursor_field'), msg: 'value is not a valid list of strings', type: 'type_error.list' });
  if (!Array.isArray(working.primary_key) || !working.primary_key.every(isStringArray)) {
    errors.push({ loc: loc('primary_key'), msg: 'value is not a valid list of lists of strings', type: 'type_error.list' });
  }
  if (errors.length > 0) throw new HttpError(422, { detail: errors });
  if (!['full_refresh', 'incremental'].includes(working.sync_mode as string)) {
    throw detail(422, `Sync mode '${String(working.sync_mode)}' not supported for stream '${stream.name}'`);
  }
  const next = { stream_name: stream.name, ...working } as StreamConfig;
  validateStreamConfig(stream, next);
  return next;
}

/** Streams a new source starts with, by the template's selection mode (§6.3), with §5.3 defaults. */
export function initialStreams(catalog: AirbyteStream[], suggested: string[], customization: Customization): Record<string, StreamConfig> {
  let chosen: AirbyteStream[];
  if (customization.stream_selection_mode === 'all') chosen = catalog;
  else if (customization.stream_selection_mode === 'whitelist') {
    const names = new Set(customization.stream_whitelist ?? []);
    chosen = catalog.filter((s) => names.has(s.name));
  } else {
    const marked = catalog.filter((s) => suggested.includes(s.name));
    chosen = marked.length > 0 ? marked : catalog;
  }
  return Object.fromEntries(chosen.map((s) => [s.name, defaultsFor(s)]));
}
