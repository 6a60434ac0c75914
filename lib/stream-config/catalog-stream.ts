import type { DestinationSyncMode, StreamConfig, SyncMode } from './types';

/**
 * The part of an Airbyte-protocol `AirbyteStream` (contract §5.1) that stream configuration depends on.
 * Only `name` and `supported_sync_modes` are guaranteed by the protocol, so everything else is optional,
 * and `json_schema` is `unknown`: discovered schemas are connector output and may be anything.
 */
export interface CatalogStream {
  name: string;
  namespace?: string;
  supported_sync_modes: readonly SyncMode[];
  source_defined_cursor?: boolean;
  default_cursor_field?: string[];
  source_defined_primary_key?: string[][];
  json_schema?: unknown;
}

export function supportsIncremental(stream: CatalogStream): boolean {
  return stream.supported_sync_modes.includes('incremental');
}

/**
 * §5.3 defaults for a stream, given whatever was chosen already — the same rules as the server's, including
 * its `??` (a chosen `null` counts as not chosen). Arrays are copied so that a config never aliases the catalog.
 */
export function defaultsFor(stream: CatalogStream, chosen: Partial<StreamConfig> = {}): StreamConfig {
  const sync_mode: SyncMode = chosen.sync_mode ?? (supportsIncremental(stream) ? 'incremental' : 'full_refresh');
  const cursor_field = chosen.cursor_field ?? stream.default_cursor_field ?? [];
  const primary_key = chosen.primary_key ?? stream.source_defined_primary_key ?? [];
  const destination_sync_mode: DestinationSyncMode =
    chosen.destination_sync_mode ?? (sync_mode === 'full_refresh' ? 'overwrite' : primary_key.length > 0 ? 'append_dedup' : 'append');
  return { stream_name: stream.name, sync_mode, destination_sync_mode, cursor_field: copyPath(cursor_field), primary_key: copyKey(primary_key) };
}

/**
 * What `remove` of a whole member resets it to (§5.5), as the server computes it: the destination default
 * depends on the sync mode and key the patch has produced so far, the others on the catalog only.
 */
export function memberDefault(stream: CatalogStream, member: keyof Omit<StreamConfig, 'stream_name'>, working: Partial<StreamConfig>): unknown {
  switch (member) {
    case 'sync_mode':
      return defaultsFor(stream).sync_mode;
    case 'cursor_field':
      return copyPath(stream.default_cursor_field ?? []);
    case 'primary_key':
      return copyKey(stream.source_defined_primary_key ?? []);
    case 'destination_sync_mode':
      return defaultsFor(stream, { sync_mode: working.sync_mode, primary_key: working.primary_key }).destination_sync_mode;
  }
}

// Copies tolerate junk (a catalog is connector output): anything that is not an array is kept as is and
// reported by the type checks rather than crashing here.
function copyPath(path: string[]): string[] {
  return Array.isArray(path) ? [...path] : path;
}

function copyKey(key: string[][]): string[][] {
  return Array.isArray(key) ? key.map((p) => copyPath(p)) : key;
}
