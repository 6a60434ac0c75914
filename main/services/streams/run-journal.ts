import { mkdir, open, readFile, stat, truncate, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  plannedRequestSchema,
  runIdSchema,
  runSummarySchema,
  streamConfigSchema,
  type PlannedRequest,
  type RunResult,
  type RunState,
  type StreamConfig,
} from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { createKeyedQueue } from '../keyed-queue';
import { syncFolder } from '../storage/atomic-write';
import { JsonFile } from '../storage/json-file';

/**
 * The journal of stream runs, in user data:
 *  - `stream-runs/index.json` (a JsonFile: atomic, queued): one small record per run, rewritten only
 *    when a run changes state, so it stays cheap however many streams a run has;
 *  - `stream-runs/<runId>.jsonl`: append-only JSON lines per run: the plan (one line per request,
 *    with its `before`), then per attempt a `sent` line *made durable before the request goes out*,
 *    then a `result` line. A kill -9 leaves at most the in-flight requests with `sent` and no
 *    result: those are read back before anything is sent again. A torn last line is dropped.
 */

/** A run's summary as the contract answers it, minus the live `waitingUntil`, plus its profile. */
export const runMetaSchema = runSummarySchema.omit({ waitingUntil: true }).extend({ profileId: z.string() });
export type RunMeta = z.infer<typeof runMetaSchema>;

const indexSchema = z.object({ version: z.literal(1), runs: z.array(runMetaSchema) });
type RunIndex = z.infer<typeof indexSchema>;

/** Finished runs kept in the journal; the oldest finished ones (and their files) go beyond this. */
const MAX_RUNS = 200;

export interface ResultRecord {
  outcome: 'applied' | 'failed';
  status: number | null;
  error: string | null;
  after: StreamConfig | null;
  attempts: number;
  /** True when the outcome was decided by reading the stream back (the answer was lost). */
  verified?: boolean;
}

/** A run as its journal file tells it. */
export interface JournaledRun {
  requests: PlannedRequest[];
  results: RunResult[];
  /** Requests written as sent with no result after: the server may or may not have applied them. */
  unknown: Set<number>;
  /** Lines that could not be read (a torn last line after a kill); they are skipped. */
  damagedLines: number;
}

export function pendingResult(request: PlannedRequest): RunResult {
  return { streamName: request.streamName, kind: request.kind, outcome: 'pending', error: null, status: null, attempts: 0, before: request.before, after: null };
}

/**
 * Appends lines to one file with one writer: whatever was queued while a write and fsync were under
 * way goes out in the next write with one fsync (group commit), so 6 workers cost one fsync per
 * round, not one per line. Each caller's promise resolves when its lines are durable.
 */
class LineAppender {
  private handle: FileHandle | null = null;
  private queue: Array<{ text: string; resolve: () => void; reject: (error: unknown) => void }> = [];
  private draining: Promise<void> | null = null;

  constructor(readonly file: string) {}

  append(text: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ text, resolve, reject });
      this.draining ??= this.drain();
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0);
        try {
          this.handle ??= await openForAppend(this.file);
          await this.handle.write(batch.map((b) => b.text).join(''));
          await this.handle.datasync();
          for (const b of batch) b.resolve();
        } catch (error) {
          const failure = storageError(error, 'be written');
          for (const b of batch) b.reject(failure);
        }
      }
    } finally {
      this.draining = null;
    }
  }

  async close(): Promise<void> {
    while (this.draining) await this.draining;
    const handle = this.handle;
    this.handle = null;
    await handle?.close().catch(() => undefined);
  }

  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }
}

/** Opens for appending after cutting a torn last line (a kill mid-write), so new lines start clean. */
async function openForAppend(file: string): Promise<FileHandle> {
  let size = 0;
  try {
    size = (await stat(file)).size;
  } catch {
    size = 0;
  }
  if (size > 0) {
    const text = await readFile(file);
    if (text[text.length - 1] !== 0x0a) await truncate(file, text.lastIndexOf(0x0a) + 1);
  }
  const handle = await open(file, 'a', 0o600);
  if (size === 0) await syncFolder(path.dirname(file));
  return handle;
}

function storageError(error: unknown, what: string): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the disk is read-only' : code;
  return new AppError('storage', `The stream run journal could not ${what} (${why}).`, { cause: error });
}

const resultLineSchema = z.object({
  t: z.literal('result'),
  i: z.number().int().nonnegative(),
  o: z.enum(['applied', 'failed']),
  s: z.number().int().nullable(),
  e: z.string().nullable(),
  after: streamConfigSchema.nullable(),
  a: z.number().int().nonnegative(),
});

export class RunJournal {
  private readonly index: JsonFile<RunIndex>;
  private readonly appenders = new Map<string, LineAppender>();
  /** Creating, closing and deleting a run's file, one at a time per file. */
  private readonly perFile = createKeyedQueue();
  /** Runs found running at start (now interrupted): the UI offers them for resume. */
  recovered: string[] = [];

  constructor(readonly folder: string) {
    this.index = new JsonFile<RunIndex>({
      file: path.join(folder, 'index.json'),
      label: 'Your stream run journal',
      parse: (raw) => indexSchema.parse(raw),
      empty: () => ({ version: 1, runs: [] }),
      fallback: 'the app started with an empty run journal',
      indent: 0,
    });
  }

  get notice(): string | null {
    return this.index.notice;
  }

  private fileOf(runId: string): string {
    // Run ids are checked by runIdSchema (letters, digits, _ and -): safe as file names.
    return path.join(this.folder, `${runIdSchema.parse(runId)}.jsonl`);
  }

  private appender(runId: string): LineAppender {
    const file = this.fileOf(runId);
    let appender = this.appenders.get(file);
    if (!appender) {
      appender = new LineAppender(file);
      this.appenders.set(file, appender);
    }
    return appender;
  }

  /**
   * Reads the index; runs it says were running when the app stopped become `interrupted`, with
   * their counts taken from their files (the index's counts lag behind).
   */
  async load(): Promise<void> {
    await this.index.load();
    const stale = this.index.current.runs.filter((r) => r.state === 'running');
    if (stale.length === 0) return;
    const counted = new Map<string, RunMeta>();
    for (const meta of stale) {
      const run = await this.read(meta.runId).catch(() => null);
      const counts = run ? countResults(run.results) : { applied: meta.applied, failed: meta.failed, pending: meta.total - meta.applied - meta.failed - meta.skipped, skipped: meta.skipped };
      counted.set(meta.runId, { ...meta, ...counts, state: 'interrupted' });
    }
    await this.index.change((draft) => {
      draft.runs = draft.runs.map((r) => counted.get(r.runId) ?? r);
    });
    this.recovered = [...counted.keys()];
  }

  list(profileId: string, sourceId?: string): RunMeta[] {
    return this.index.current.runs
      .filter((r) => r.profileId === profileId && (sourceId === undefined || r.sourceId === sourceId))
      .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  }

  meta(runId: string): RunMeta | undefined {
    return this.index.current.runs.find((r) => r.runId === runId);
  }

  /** Writes the plan (durably) and then the run's index record. */
  async create(meta: RunMeta, requests: PlannedRequest[]): Promise<void> {
    const file = this.fileOf(meta.runId);
    await this.perFile(file, async () => {
      try {
        await mkdir(this.folder, { recursive: true });
      } catch (error) {
        throw storageError(error, 'be created');
      }
      const lines = requests.map((r, i) => JSON.stringify({ t: 'plan', i, r }) + '\n').join('');
      await this.appender(meta.runId).append(lines);
    });
    const dropped: string[] = [];
    await this.index.change((draft) => {
      draft.runs.push(meta);
      const finished = draft.runs.filter((r) => r.state === 'done' || r.state === 'cancelled').sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
      while (draft.runs.length > MAX_RUNS && finished.length > 0) {
        const oldest = finished.shift() as RunMeta;
        draft.runs = draft.runs.filter((r) => r !== oldest);
        dropped.push(oldest.runId);
      }
    });
    for (const runId of dropped) await this.remove(runId);
  }

  private async remove(runId: string): Promise<void> {
    const file = this.fileOf(runId);
    await this.perFile(file, async () => {
      await this.appenders.get(file)?.close();
      this.appenders.delete(file);
      await unlink(file).catch(() => undefined);
    });
  }

  /** Resolves once the line saying this request is about to be sent is on disk. */
  sent(runId: string, index: number, attempt: number): Promise<void> {
    return this.appender(runId).append(`${JSON.stringify({ t: 'sent', i: index, a: attempt })}\n`);
  }

  /**
   * Records a request's outcome. Callers need not wait: a result lost in a crash leaves the request
   * "sent without result", which a resume reads back, so only `sent` must be durable first.
   */
  result(runId: string, index: number, record: ResultRecord): Promise<void> {
    const line = { t: 'result', i: index, o: record.outcome, s: record.status, e: record.error, after: record.after, a: record.attempts, ...(record.verified ? { v: true } : {}), at: new Date().toISOString() };
    return this.appender(runId).append(`${JSON.stringify(line)}\n`);
  }

  /** Updates a run's index record (state changes and final counts). */
  async update(runId: string, changes: Partial<Omit<RunMeta, 'runId' | 'profileId'>>): Promise<void> {
    await this.index.change((draft) => {
      const found = draft.runs.find((r) => r.runId === runId);
      if (found) Object.assign(found, changes);
    });
  }

  /** Waits for a run's queued lines, then closes its file (it is reopened if the run goes on). */
  async close(runId: string): Promise<void> {
    const file = this.fileOf(runId);
    await this.perFile(file, async () => {
      await this.appenders.get(file)?.close();
      this.appenders.delete(file);
    });
  }

  /** Resolves when every line queued so far for this run is on disk. */
  async flushRun(runId: string): Promise<void> {
    await this.appenders.get(this.fileOf(runId))?.flush();
  }

  async flush(): Promise<void> {
    await Promise.all([...this.appenders.values()].map((a) => a.flush()));
    await this.index.flush();
  }

  /** Everything a run's file says: its plan and, per request, the last outcome and attempts. */
  async read(runId: string): Promise<JournaledRun> {
    const file = this.fileOf(runId);
    await this.appenders.get(file)?.flush();
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AppError('not_found', `The journal file of run ${runId} is missing (${file}); its results cannot be shown or resumed.`);
      throw storageError(error, 'be read');
    }
    return parseJournal(text);
  }
}

/** Parses a run's lines; unreadable lines (a torn last one) are counted and skipped. */
export function parseJournal(text: string): JournaledRun {
  const requests: PlannedRequest[] = [];
  const results: RunResult[] = [];
  const unknown = new Set<number>();
  let damagedLines = 0;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    let parsed: { t?: unknown; i?: unknown; a?: unknown; r?: unknown };
    try {
      parsed = JSON.parse(line) as typeof parsed;
    } catch {
      damagedLines++;
      continue;
    }
    const i = typeof parsed.i === 'number' && Number.isInteger(parsed.i) && parsed.i >= 0 ? parsed.i : -1;
    if (parsed.t === 'plan') {
      const request = plannedRequestSchema.safeParse(parsed.r);
      if (!request.success || i !== requests.length) {
        damagedLines++;
        continue;
      }
      requests.push(request.data);
      results.push(pendingResult(request.data));
    } else if (parsed.t === 'sent' && i >= 0 && i < results.length) {
      const current = results[i] as RunResult;
      current.attempts = Math.max(current.attempts, typeof parsed.a === 'number' ? parsed.a : current.attempts + 1);
      unknown.add(i);
    } else if (parsed.t === 'result' && i >= 0 && i < results.length) {
      const record = resultLineSchema.safeParse(parsed);
      if (!record.success) {
        damagedLines++;
        continue;
      }
      const current = results[i] as RunResult;
      Object.assign(current, { outcome: record.data.o, status: record.data.s, error: record.data.e, after: record.data.after, attempts: Math.max(current.attempts, record.data.a) });
      unknown.delete(i);
    } else {
      damagedLines++;
    }
  }
  return { requests, results, unknown, damagedLines };
}

export function countResults(results: RunResult[]): { applied: number; failed: number; pending: number; skipped: number } {
  const counts = { applied: 0, failed: 0, pending: 0, skipped: 0 };
  for (const r of results) counts[r.outcome]++;
  return counts;
}

export type { RunState };
