import { z } from 'zod';
import { channel } from './define';
import { requestIdSchema } from './requests';

/**
 * Stream configuration (contract §5.3–5.6) and the runs that change it. The plan itself is computed
 * in the renderer's catalog worker (it has the parsed catalog); main sends exactly the requests of a
 * reviewed plan, journals each one, and never parses the catalog.
 */

const apiId = z.string().min(1, 'an id is required').max(256, 'at most 256 characters');
export const streamNameSchema = z.string().min(1, 'a stream name is required').max(1024, 'at most 1024 characters');

export const syncModeSchema = z.enum(['full_refresh', 'incremental']);
export const destinationSyncModeSchema = z.enum(['append', 'overwrite', 'append_dedup']);
const fieldPathSchema = z.array(z.string().max(1024)).max(64);

/** The object POST and PATCH answer, and PATCH paths address (§5.3). */
export const streamConfigSchema = z.object({
  stream_name: z.string(),
  sync_mode: syncModeSchema,
  destination_sync_mode: destinationSyncModeSchema,
  cursor_field: fieldPathSchema,
  primary_key: z.array(fieldPathSchema).max(64),
});
export type StreamConfig = z.infer<typeof streamConfigSchema>;

/** Settings for adding a stream (§5.4): omitted members take their defaults on the server. */
export const streamSettingsSchema = streamConfigSchema.omit({ stream_name: true }).partial();
export type StreamSettings = z.infer<typeof streamSettingsSchema>;

/**
 * One RFC 6902 op as the user wrote it. Deliberately loose (any op name, any value): the server's
 * answer to a bad op is part of what the user sees, and the renderer validates before sending.
 */
export const patchOpSchema = z.object({ op: z.string().max(32), path: z.string().max(4096), from: z.string().max(4096).optional(), value: z.unknown().optional() });
export const patchSchema = z.array(patchOpSchema).max(1000);
export type PatchOp = z.infer<typeof patchOpSchema>;

/** What main knows of one stream's configuration on the server, and when it was read. */
export const streamStateSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('configured'), config: streamConfigSchema, readAt: z.string() }),
  z.object({ state: z.literal('not_configured'), readAt: z.string() }),
  z.object({ state: z.literal('error'), message: z.string(), readAt: z.string() }),
]);
export type StreamState = z.infer<typeof streamStateSchema>;

/** One request of a plan, exactly as it will be sent. `before` is the configuration the plan was computed on (for the journal and Revert). */
export const plannedRequestSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('add'), streamName: streamNameSchema, settings: streamSettingsSchema, before: streamConfigSchema.nullable() }),
  z.object({ kind: z.literal('patch'), streamName: streamNameSchema, patch: patchSchema, before: streamConfigSchema.nullable() }),
  z.object({ kind: z.literal('remove'), streamName: streamNameSchema, before: streamConfigSchema.nullable() }),
]);
export type PlannedRequest = z.infer<typeof plannedRequestSchema>;

/**
 * An object keyed by stream name whose values are each checked. Not `z.record`: zod's record parser
 * drops a key named `__proto__`, and a stream may be called that. The object is passed on as it came
 * (own keys, `__proto__` included, stay data).
 */
function namedRecord<T extends z.ZodType>(value: T) {
  return z.custom<Record<string, z.infer<T>>>(
    (input) =>
      typeof input === 'object' && input !== null && !Array.isArray(input) && Object.values(input).every((v) => value.safeParse(v).success),
    'an object of stream names to states',
  );
}

export const RUN_MAX_REQUESTS = 20_000;
export const READ_MAX_NAMES = 1_000;
/** At most this many stream requests in flight per source, for reads and runs together. */
export const STREAM_CONCURRENCY = 6;

export const runIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'run ids are 1–64 letters, digits, _ or -');

export const runStateSchema = z.enum(['running', 'paused', 'done', 'cancelled', 'interrupted']);
export type RunState = z.infer<typeof runStateSchema>;

export const streamOutcomeSchema = z.enum(['pending', 'applied', 'failed', 'skipped']);

export const runResultSchema = z.object({
  streamName: z.string(),
  kind: z.enum(['add', 'patch', 'remove']),
  outcome: streamOutcomeSchema,
  /** The error in words (with the server's text) when failed, else null. */
  error: z.string().nullable(),
  /** HTTP status of the last attempt, or null when none was answered. */
  status: z.number().int().nullable(),
  attempts: z.number().int().nonnegative(),
  before: streamConfigSchema.nullable(),
  /** The configuration the server answered (null after a remove or when not applied). */
  after: streamConfigSchema.nullable(),
});
export type RunResult = z.infer<typeof runResultSchema>;

export const runSummarySchema = z.object({
  runId: runIdSchema,
  label: z.string(),
  workspaceId: z.string(),
  sourceId: z.string(),
  catalogDiscoveredAt: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  state: runStateSchema,
  total: z.number().int().nonnegative(),
  applied: z.number().int().nonnegative(),
  failed: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  skipped: z.number().int().nonnegative(),
  /** Set when the run waits on a 429: when it will go on. */
  waitingUntil: z.string().nullable(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

const sourceRef = { workspaceId: apiId, sourceId: apiId };
const runRef = z.object({ runId: runIdSchema });

export const streamChannels = {
  read: channel({
    summary: 'Read the configuration of named streams (an empty PATCH each, ≤ 6 in flight per source), cached per source with the time read.',
    input: z.object({ ...sourceRef, names: z.array(streamNameSchema).min(1).max(READ_MAX_NAMES), fresh: z.boolean().default(false), requestId: requestIdSchema.optional() }),
    output: z.object({ states: namedRecord(streamStateSchema) }),
  }),
  apply: channel({
    summary: 'Send one request (add, patch or remove a stream) and journal it; answers the stream’s new state.',
    input: z.object({ ...sourceRef, catalogDiscoveredAt: z.string().max(64), request: plannedRequestSchema, requestId: requestIdSchema.optional() }),
    output: z.object({ runId: runIdSchema, result: runResultSchema }),
  }),
  startRun: channel({
    summary: 'Start applying a reviewed plan: exactly these requests, journaled, with bounded concurrency; refused if the catalog was rediscovered since the plan.',
    input: z.object({ ...sourceRef, catalogDiscoveredAt: z.string().max(64), label: z.string().min(1).max(200), requests: z.array(plannedRequestSchema).min(1).max(RUN_MAX_REQUESTS) }),
    output: runSummarySchema,
  }),
  runStatus: channel({ summary: 'Progress of a run.', input: runRef, output: runSummarySchema }),
  runResults: channel({
    summary: 'Per-stream results of a run, a page at a time.',
    input: runRef.extend({ offset: z.number().int().nonnegative().default(0), limit: z.number().int().min(1).max(RUN_MAX_REQUESTS).default(1000) }),
    output: z.object({ results: z.array(runResultSchema), total: z.number().int().nonnegative() }),
  }),
  pauseRun: channel({ summary: 'Pause a running run (requests in flight finish).', input: runRef, output: runSummarySchema }),
  resumeRun: channel({ summary: 'Go on with a paused or interrupted run: only the streams not applied yet.', input: runRef, output: runSummarySchema }),
  cancelRun: channel({ summary: 'Stop a run; what was not sent stays pending and is reported as such.', input: runRef, output: runSummarySchema }),
  retryFailed: channel({ summary: 'Send the failed requests of a finished run again.', input: runRef, output: runSummarySchema }),
  runs: channel({
    summary: 'The journal: runs of the active profile, newest first (interrupted ones are offered for resume).',
    input: z.object({ sourceId: apiId.optional() }).optional(),
    output: z.array(runSummarySchema),
  }),
};
