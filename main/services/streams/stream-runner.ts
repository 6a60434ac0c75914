import jsonpatch, { type Operation } from 'fast-json-patch';
import { STREAM_CONCURRENCY, type PlannedRequest, type RunResult, type RunSummary, type StreamConfig, type StreamState } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { countResults, pendingResult, type JournaledRun, type RunJournal, type RunMeta } from './run-journal';
import { explainStreamError, outcomeUnknown } from './stream-errors';
import { toConfig, type SourceTarget, type StreamReader } from './stream-reader';

/** A request still rate limited after the client's own Retry-After waits goes back in the queue this often. */
const RATE_LIMIT_REQUEUES = 3;
const RATE_LIMIT_PAUSE_MS = 2000;
/** Finished runs kept in memory (others are read back from their journal file when asked). */
const MAX_IDLE_RUNS = 16;

const MEMBERS = ['sync_mode', 'destination_sync_mode', 'cursor_field', 'primary_key'] as const;
type Member = (typeof MEMBERS)[number];

/** One run: its plan, per-stream results, and what its workers still have to send. */
interface Run {
  meta: RunMeta;
  requests: PlannedRequest[];
  results: RunResult[];
  target: SourceTarget | null;
  queue: number[];
  /** Sent before a crash with no result: read back before anything is sent again. */
  verifyFirst: Set<number>;
  rateRequeues: Map<number, number>;
  /** Requests being sent right now (not in `queue`, not decided yet). */
  inFlight: Set<number>;
  workers: number;
  /** Resolves when the current workers have all stopped. */
  settled: Promise<void>;
  settle: () => void;
}

export interface RunnerDeps {
  journal: RunJournal;
  reader: StreamReader;
  onError?: (message: string, error: unknown) => void;
  now?: () => Date;
}

/**
 * The settings a request intends, member by member; a member is absent when it cannot be known here
 * (a whole member removed resets it to a default only the server's catalog knows). Null: the stream
 * is meant to be not configured (a remove). Undefined: nothing can be told (the patch did not apply).
 */
export function intendedOf(request: PlannedRequest): Partial<Record<Member, unknown>> | null | undefined {
  if (request.kind === 'remove') return null;
  if (request.kind === 'add') {
    const out: Partial<Record<Member, unknown>> = {};
    for (const m of MEMBERS) if (request.settings[m] !== undefined) out[m] = request.settings[m];
    return out;
  }
  if (!request.before) return undefined;
  const { stream_name: _n, ...doc } = request.before;
  let working: Record<string, unknown> = jsonpatch.deepClone(doc) as Record<string, unknown>;
  const unknownMembers = new Set<string>();
  for (const op of request.patch) {
    const member = op.path.slice(1).split('/')[0] ?? '';
    if (op.op === 'remove' && op.path === `/${member}`) {
      unknownMembers.add(member);
      continue;
    }
    try {
      // mutate=false: fast-json-patch otherwise edits the object it was given (json-patch-notes.md).
      working = jsonpatch.applyOperation(working, { op: op.op, path: op.path, value: op.value, from: op.from } as Operation, true, false).newDocument as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  const out: Partial<Record<Member, unknown>> = {};
  for (const m of MEMBERS) if (!unknownMembers.has(m)) out[m] = working[m];
  return out;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether the state read back is what the request meant to leave (then it was applied). */
export function stateMatches(request: PlannedRequest, state: StreamState): boolean {
  const intended = intendedOf(request);
  if (intended === null) return state.state === 'not_configured';
  if (state.state !== 'configured') return false;
  if (intended === undefined) return request.before !== null && !same(toConfig(state.config), request.before);
  for (const m of MEMBERS) if (m in intended && !same(state.config[m], intended[m])) return false;
  // A patch that changes a member to an unknown default: the state must at least differ from before.
  if (request.kind === 'patch' && request.before && Object.keys(intended).length < MEMBERS.length) return !same(toConfig(state.config), request.before);
  return true;
}

/**
 * Sends the requests of runs with at most STREAM_CONCURRENCY in flight per source (the limiter is
 * shared with reads), journals each attempt before it goes out, and decides every stream once:
 * applied (answered, or read back as applied when the answer was lost) or failed with its reason.
 */
export class StreamRunner {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly deps: RunnerDeps) {}

  private now(): string {
    return (this.deps.now?.() ?? new Date()).toISOString();
  }

  summary(run: Run): RunSummary {
    const counts = countResults(run.results);
    const waiting = run.meta.state === 'running' && run.target ? this.deps.reader.limiter(run.target.profileId, run.target.sourceId).waitingUntil : null;
    const { profileId: _p, ...meta } = run.meta;
    return { ...meta, ...counts, total: run.results.length, waitingUntil: waiting ? waiting.toISOString() : null };
  }

  /** A run held in memory (running, or recently used), else undefined. */
  live(runId: string): Run | undefined {
    return this.runs.get(runId);
  }

  /** A run from memory or, failing that, from its journal file. */
  async load(runId: string): Promise<Run> {
    const found = this.runs.get(runId);
    if (found) return found;
    const meta = this.deps.journal.meta(runId);
    if (!meta) throw new AppError('not_found', `There is no run ${runId} in the journal (it may have been pruned).`);
    const journaled: JournaledRun = await this.deps.journal.read(runId);
    const run = this.newRun({ ...meta }, journaled.requests, journaled.results, null);
    run.verifyFirst = journaled.unknown;
    this.keep(run);
    return run;
  }

  private newRun(meta: RunMeta, requests: PlannedRequest[], results: RunResult[], target: SourceTarget | null): Run {
    const run = { meta, requests, results, target, queue: [], verifyFirst: new Set<number>(), rateRequeues: new Map(), inFlight: new Set<number>(), workers: 0 } as unknown as Run;
    run.settled = Promise.resolve();
    run.settle = () => undefined;
    return run;
  }

  private keep(run: Run): void {
    this.runs.set(run.meta.runId, run);
    if (this.runs.size <= MAX_IDLE_RUNS) return;
    for (const [id, other] of this.runs) {
      if (this.runs.size <= MAX_IDLE_RUNS) break;
      if (other.workers === 0 && other.meta.state !== 'running' && other !== run) this.runs.delete(id);
    }
  }

  /** Journals the plan, then starts sending. Answers once the plan is on disk. */
  async start(meta: RunMeta, requests: PlannedRequest[], target: SourceTarget): Promise<Run> {
    await this.deps.journal.create(meta, requests);
    const run = this.newRun(meta, requests, requests.map(pendingResult), target);
    this.keep(run);
    this.launch(run, requests.map((_, i) => i));
    return run;
  }

  /** Starts (or adds) workers for these requests. */
  private launch(run: Run, indices: number[]): void {
    run.queue.push(...indices);
    run.meta.state = 'running';
    run.meta.finishedAt = null;
    if (run.workers === 0) run.settled = new Promise<void>((resolve) => (run.settle = resolve));
    const wanted = Math.min(STREAM_CONCURRENCY, run.queue.length) - run.workers;
    for (let w = 0; w < wanted; w++) {
      run.workers++;
      void this.work(run).finally(() => {
        run.workers--;
        if (run.workers === 0) void this.finish(run);
      });
    }
    if (run.workers === 0) void this.finish(run);
  }

  private async work(run: Run): Promise<void> {
    const target = run.target as SourceTarget;
    const limiter = this.deps.reader.limiter(target.profileId, target.sourceId);
    while (run.meta.state === 'running' && run.queue.length > 0) {
      await limiter.run(async () => {
        if (run.meta.state !== 'running') return;
        const index = run.queue.shift();
        if (index === undefined) return;
        run.inFlight.add(index);
        try {
          await this.process(run, target, index);
        } catch (error) {
          // Only the journal throws here: without a durable "sent" line nothing may go out, so the
          // run stops (paused, nothing lost) and says why in the log.
          run.queue.unshift(index);
          if (run.meta.state === 'running') run.meta.state = 'paused';
          this.deps.onError?.(`run ${run.meta.runId} paused: the journal could not be written`, error);
        } finally {
          run.inFlight.delete(index);
        }
      });
    }
  }

  /**
   * When the last worker stops: the run's lines and index record are made durable first, and only
   * then does its state say done, so whoever sees "done" finds the journal complete.
   */
  private async finish(run: Run): Promise<void> {
    if (run.workers > 0) return;
    const state = run.meta.state === 'running' ? 'done' : run.meta.state;
    const finishedAt = state === 'done' ? this.now() : run.meta.finishedAt;
    const counts = countResults(run.results);
    try {
      await this.deps.journal.flushRun(run.meta.runId);
      await this.deps.journal.update(run.meta.runId, { ...counts, state, finishedAt });
      if (state === 'done' || state === 'cancelled') await this.deps.journal.close(run.meta.runId);
    } catch (error) {
      this.deps.onError?.(`run ${run.meta.runId}: its journal could not be updated`, error);
    }
    // A pause or cancel that came meanwhile has its own say (and wrote its own record after ours).
    if (run.workers === 0 && run.meta.state === 'running') {
      run.meta.state = 'done';
      run.meta.finishedAt = finishedAt;
    }
    Object.assign(run.meta, counts);
    run.settle();
  }

  private settleResult(run: Run, target: SourceTarget, index: number, result: Partial<RunResult> & Pick<RunResult, 'outcome'>, verified = false): void {
    const current = run.results[index] as RunResult;
    Object.assign(current, result);
    const request = run.requests[index] as PlannedRequest;
    if (current.outcome === 'applied') {
      const readAt = this.now();
      this.deps.reader.remember(target.profileId, target.sourceId, request.streamName, current.after ? { state: 'configured', config: current.after, readAt } : { state: 'not_configured', readAt });
    }
    void this.deps.journal
      .result(run.meta.runId, index, { outcome: current.outcome === 'applied' ? 'applied' : 'failed', status: current.status, error: current.error, after: current.after, attempts: current.attempts, verified })
      .catch((error: unknown) => this.deps.onError?.(`run ${run.meta.runId}: a result could not be journaled (the stream will be read back on resume)`, error));
  }

  private async process(run: Run, target: SourceTarget, index: number): Promise<void> {
    const request = run.requests[index] as PlannedRequest;
    const result = run.results[index] as RunResult;
    if (run.verifyFirst.has(index)) {
      // Sent before the app stopped, no answer recorded: whether it was applied is read, not guessed.
      const state = await this.deps.reader.readNow(target, request.streamName);
      run.verifyFirst.delete(index);
      if (state.state !== 'error' && stateMatches(request, state)) {
        this.settleResult(run, target, index, { outcome: 'applied', status: 200, error: null, after: state.state === 'configured' ? state.config : null }, true);
        return;
      }
      if (state.state === 'error') {
        this.settleResult(run, target, index, { outcome: 'failed', error: `Whether the request for “${request.streamName}” was applied before the app stopped is unknown, and reading it back failed: ${state.message}` });
        return;
      }
    }
    const attempt = result.attempts + 1;
    await this.deps.journal.sent(run.meta.runId, index, attempt);
    result.attempts = attempt;
    try {
      const after = await this.send(target, request);
      this.settleResult(run, target, index, { outcome: 'applied', status: request.kind === 'remove' ? 204 : 200, error: null, after });
    } catch (error) {
      const status = error instanceof AppError ? (error.status ?? null) : null;
      if (error instanceof AppError && error.code === 'rate_limited') {
        // A 429 was not processed, so sending again is safe even for a PATCH or POST.
        const times = (run.rateRequeues.get(index) ?? 0) + 1;
        if (times <= RATE_LIMIT_REQUEUES) {
          run.rateRequeues.set(index, times);
          this.deps.reader.limiter(target.profileId, target.sourceId).gate(Date.now() + RATE_LIMIT_PAUSE_MS);
          run.queue.push(index);
          return;
        }
      }
      if (outcomeUnknown(error)) {
        // The server may have applied it (a body cut short after the change): read it back.
        const state = await this.deps.reader.readNow(target, request.streamName);
        if (state.state !== 'error' && stateMatches(request, state)) {
          this.settleResult(run, target, index, { outcome: 'applied', status, error: null, after: state.state === 'configured' ? state.config : null }, true);
          return;
        }
        if (state.state === 'error') {
          const why = error instanceof AppError ? error.message : 'the request failed unexpectedly';
          this.settleResult(run, target, index, { outcome: 'failed', status, error: `Whether the request for “${request.streamName}” was applied is unknown (${why}), and reading the stream back failed: ${state.message} Read it again before retrying.`, after: null });
          return;
        }
      }
      this.settleResult(run, target, index, { outcome: 'failed', status, error: explainStreamError(error, request.streamName), after: null });
    }
  }

  private async send(target: SourceTarget, request: PlannedRequest): Promise<StreamConfig | null> {
    const { client, workspace, sourceId } = target;
    if (request.kind === 'add') return toConfig(await client.addStream(workspace, sourceId, { ...request.settings, stream_name: request.streamName }));
    if (request.kind === 'patch') return toConfig(await client.patchStream(workspace, sourceId, request.streamName, request.patch));
    await client.removeStream(workspace, sourceId, request.streamName);
    return null;
  }

  async pause(runId: string): Promise<RunSummary> {
    const run = await this.load(runId);
    if (run.meta.state !== 'running') throw new AppError('conflict', `Run ${runId} is ${run.meta.state}, not running: there is nothing to pause.`);
    run.meta.state = 'paused';
    await this.deps.journal.update(runId, { state: 'paused' });
    return this.summary(run);
  }

  /** Goes on with a paused or interrupted run: only what is not applied (and not failed) yet. */
  async resume(runId: string, target: () => Promise<SourceTarget>): Promise<RunSummary> {
    const run = await this.load(runId);
    if (run.meta.state !== 'paused' && run.meta.state !== 'interrupted') {
      throw new AppError('conflict', `Run ${runId} is ${run.meta.state}: only a paused or interrupted run can be resumed${run.meta.state === 'done' || run.meta.state === 'cancelled' ? ' (use “Retry failed” for its failed streams)' : ''}.`);
    }
    run.target ??= await target();
    const queued = new Set(run.queue);
    const pending = run.results.flatMap((r, i) => (r.outcome === 'pending' && !queued.has(i) && !run.inFlight.has(i) ? [i] : []));
    await this.deps.journal.update(runId, { state: 'running', finishedAt: null });
    this.launch(run, pending);
    return this.summary(run);
  }

  async cancel(runId: string): Promise<RunSummary> {
    const run = await this.load(runId);
    if (run.meta.state === 'done' || run.meta.state === 'cancelled') throw new AppError('conflict', `Run ${runId} is already ${run.meta.state}.`);
    run.meta.state = 'cancelled';
    run.meta.finishedAt = this.now();
    run.queue = [];
    if (run.workers === 0) await this.finish(run);
    else await this.deps.journal.update(runId, { state: 'cancelled', finishedAt: run.meta.finishedAt });
    return this.summary(run);
  }

  async retryFailed(runId: string, target: () => Promise<SourceTarget>): Promise<RunSummary> {
    const run = await this.load(runId);
    if (run.meta.state !== 'done' && run.meta.state !== 'cancelled') {
      throw new AppError('conflict', `Run ${runId} is ${run.meta.state}: retry the failed streams once it has finished${run.meta.state === 'interrupted' || run.meta.state === 'paused' ? ' (resume it first)' : ''}.`);
    }
    if (run.workers > 0) await run.settled;
    const failed = run.results.flatMap((r, i) => (r.outcome === 'failed' ? [i] : []));
    if (failed.length === 0) throw new AppError('conflict', `Run ${runId} has no failed streams to retry.`);
    run.target ??= await target();
    for (const i of failed) Object.assign(run.results[i] as RunResult, { outcome: 'pending', error: null });
    run.rateRequeues.clear();
    await this.deps.journal.update(runId, { state: 'running', finishedAt: null });
    this.launch(run, failed);
    return this.summary(run);
  }

  /** Waits until the run's workers have stopped (done, paused or cancelled). */
  async settled(runId: string): Promise<Run> {
    const run = await this.load(runId);
    await run.settled;
    return run;
  }

  /** Runs in memory that are still sending, for a clean shutdown. */
  async stopAll(): Promise<void> {
    // In-flight requests finish and are journaled; what was not sent stays pending, and the run is
    // offered for resume on the next start like one the app was killed in.
    for (const run of this.runs.values()) {
      if (run.meta.state !== 'running') continue;
      run.meta.state = 'interrupted';
      run.queue = [];
    }
    await Promise.all([...this.runs.values()].map((r) => r.settled));
  }
}
