import type { DestinationSyncMode, PatchOp, StreamConfig, SyncMode } from './types';

/**
 * The one-stream form and the patch beside it describe the same change. The form edits whole members, so
 * the patch it yields is one `replace` per changed member: the smallest patch the server accepts that says
 * exactly what the form says (element-level ops would be shorter for a long key, but harder to read back).
 */
export interface StreamForm {
  syncMode: SyncMode;
  destinationSyncMode: DestinationSyncMode;
  /** Field path of the cursor, e.g. ["updated_at"] or ["address", "city"]; [] for none. */
  cursorField: string[];
  /** One field path per key part, e.g. [["id"], ["tenant_id"]]; [] for none. */
  primaryKey: string[][];
}

export function formFromConfig(config: StreamConfig): StreamForm {
  return {
    syncMode: config.sync_mode,
    destinationSyncMode: config.destination_sync_mode,
    cursorField: [...config.cursor_field],
    primaryKey: config.primary_key.map((part) => [...part]),
  };
}

export function configFromForm(streamName: string, form: StreamForm): StreamConfig {
  return {
    stream_name: streamName,
    sync_mode: form.syncMode,
    destination_sync_mode: form.destinationSyncMode,
    cursor_field: [...form.cursorField],
    primary_key: form.primaryKey.map((part) => [...part]),
  };
}

function samePath(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function sameKey(a: readonly (readonly string[])[], b: readonly (readonly string[])[]): boolean {
  return a.length === b.length && a.every((part, i) => samePath(part, b[i] as readonly string[]));
}

/** `replace` ops for the members the form changes, in the contract's member order; [] when nothing changes. */
export function patchFromForm(current: StreamConfig, form: StreamForm): PatchOp[] {
  const ops: PatchOp[] = [];
  if (form.syncMode !== current.sync_mode) ops.push({ op: 'replace', path: '/sync_mode', value: form.syncMode });
  if (form.destinationSyncMode !== current.destination_sync_mode) ops.push({ op: 'replace', path: '/destination_sync_mode', value: form.destinationSyncMode });
  if (!samePath(form.cursorField, current.cursor_field)) ops.push({ op: 'replace', path: '/cursor_field', value: [...form.cursorField] });
  if (!sameKey(form.primaryKey, current.primary_key)) ops.push({ op: 'replace', path: '/primary_key', value: form.primaryKey.map((part) => [...part]) });
  return ops;
}

/** Apply a partial form over a configuration (the plan's "set" change). */
export function mergeForm(config: StreamConfig, settings: Partial<StreamForm>): StreamConfig {
  return configFromForm(config.stream_name, { ...formFromConfig(config), ...stripUndefined(settings) });
}

function stripUndefined(settings: Partial<StreamForm>): Partial<StreamForm> {
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined)) as Partial<StreamForm>;
}
