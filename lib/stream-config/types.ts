/**
 * The stream-configuration shapes of contract §5.3–5.6, declared here because lib/ imports nothing of the
 * app. They are structurally identical to preload/contract/streams.ts (a type test checks that the contract's
 * types are assignable both ways), so the renderer can pass this library's results straight to IPC.
 */

export type SyncMode = 'full_refresh' | 'incremental';
export type DestinationSyncMode = 'append' | 'overwrite' | 'append_dedup';

export const SYNC_MODES: readonly SyncMode[] = ['full_refresh', 'incremental'];
export const DESTINATION_SYNC_MODES: readonly DestinationSyncMode[] = ['append', 'overwrite', 'append_dedup'];

/** The object POST and PATCH answer, and PATCH paths address (§5.3). */
export interface StreamConfig {
  stream_name: string;
  sync_mode: SyncMode;
  destination_sync_mode: DestinationSyncMode;
  cursor_field: string[];
  primary_key: string[][];
}

/** Settings for adding a stream (§5.4). */
export type StreamSettings = Partial<Omit<StreamConfig, 'stream_name'>>;

/** One RFC 6902 op as sent (loose on purpose: the checker, not the type, says what is wrong). */
export interface PatchOp {
  op: string;
  path: string;
  from?: string;
  value?: unknown;
}

/** One request of a plan, exactly as it will be sent; `before` is what the plan was computed on. */
export type PlannedRequest =
  | { kind: 'add'; streamName: string; settings: StreamSettings; before: StreamConfig | null }
  | { kind: 'patch'; streamName: string; patch: PatchOp[]; before: StreamConfig | null }
  | { kind: 'remove'; streamName: string; before: StreamConfig | null };

/**
 * One finding. `opIndex` is the 0-based index of the op it concerns (null: the patch as a whole or the
 * stored settings); messages count ops from 1 ("op 3"), as people do.
 */
export interface Problem {
  opIndex: number | null;
  severity: 'error' | 'warning';
  message: string;
  fix: string;
}

/** What the server would answer: 200, 400 (malformed patch), 404 (not configured) or 422 (§5.3 / type errors). */
export type ExpectedStatus = 200 | 400 | 404 | 422;
