import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { PlannedRequest, RunResult, RunSummary, StreamState } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import type { WorkspaceRef } from '../airbyte/airbyte-client';
import type { CatalogCache } from '../catalog/catalog-cache';
import type { ProfileService } from '../profiles/profile-service';
import { RunJournal, type RunMeta } from './run-journal';
import { SourceLimiters } from './source-limiter';
import { StreamReader, type SourceTarget } from './stream-reader';
import { StreamRunner } from './stream-runner';

export interface StreamsServiceDeps {
  profiles: Pick<ProfileService, 'activeProfile' | 'client'>;
  catalogCache: Pick<CatalogCache, 'list'>;
  userDataDir: string;
  onError?: (message: string, error: unknown) => void;
}

/** How long a workspace id → name lookup is reused (each read would otherwise cost one more GET). */
const WORKSPACE_REF_TTL_MS = 30_000;

const notFoundish = (error: unknown): error is AppError => error instanceof AppError && (error.code === 'not_found' || (error.code === 'validation' && error.status === 422));

/** The `streams:*` channels: reads through the shared limiter and cache, runs through the journal. */
export class StreamsService {
  readonly limiters = new SourceLimiters();
  readonly reader = new StreamReader(this.limiters);
  readonly journal: RunJournal;
  readonly runner: StreamRunner;
  private readonly workspaceRefs = new Map<string, { ref: WorkspaceRef; at: number }>();

  constructor(private readonly deps: StreamsServiceDeps) {
    this.journal = new RunJournal(path.join(deps.userDataDir, 'stream-runs'));
    this.runner = new StreamRunner({ journal: this.journal, reader: this.reader, ...(deps.onError ? { onError: deps.onError } : {}) });
  }

  /** Reads the journal; runs that were running when the app stopped become `interrupted`. */
  load(): Promise<void> {
    return this.journal.load();
  }

  get notice(): string | null {
    return this.journal.notice;
  }

  private async target(profileId: string, workspaceId: string, sourceId: string, signal?: AbortSignal): Promise<SourceTarget> {
    const client = await this.deps.profiles.client(profileId);
    const key = `${profileId}\u0000${workspaceId}`;
    const known = this.workspaceRefs.get(key);
    if (known && Date.now() - known.at < WORKSPACE_REF_TTL_MS) return { profileId, client, workspace: known.ref, sourceId };
    let ref: WorkspaceRef;
    try {
      // Scoped tokens are minted with the name just read for that id (as catalog and workspaces do).
      const found = await client.getWorkspace(workspaceId, signal ? { signal } : {});
      ref = { id: found.id, name: found.name };
    } catch (error) {
      if (notFoundish(error)) throw new AppError('not_found', `The workspace ${workspaceId} was not found (it may have been deleted). Pick the workspace again.`, { status: error.status ?? 404 });
      throw error;
    }
    this.workspaceRefs.set(key, { ref, at: Date.now() });
    return { profileId, client, workspace: ref, sourceId };
  }

  /** A plan is bound to the catalog it was computed on: refused after a rediscovery. */
  private checkCatalog(profileId: string, workspaceId: string, sourceId: string, catalogDiscoveredAt: string): void {
    const entry = this.deps.catalogCache.list(profileId).find((e) => e.sourceId === sourceId);
    if (!entry) {
      throw new AppError('conflict', `No discovered catalog of source ${sourceId} is kept for this profile, so the plan cannot be checked against it: discover the catalog and plan again.`);
    }
    if (entry.workspaceId !== workspaceId) {
      throw new AppError('conflict', `The source ${sourceId} was discovered in workspace ${entry.workspaceId}, not ${workspaceId}: pick the source from its own workspace and plan again.`);
    }
    if (entry.discoveredAt !== catalogDiscoveredAt) {
      throw new AppError(
        'conflict',
        `The catalog was rediscovered (${entry.discoveredAt}) after this plan was computed on the catalog of ${catalogDiscoveredAt}: nothing was sent. Review the plan on the new catalog and apply it again.`,
      );
    }
  }

  async read(input: { workspaceId: string; sourceId: string; names: string[]; fresh: boolean }, signal?: AbortSignal): Promise<{ states: Record<string, StreamState> }> {
    const profile = await this.deps.profiles.activeProfile();
    const target = await this.target(profile.id, input.workspaceId, input.sourceId, signal);
    return { states: await this.reader.read(target, input.names, input.fresh, signal) };
  }

  async startRun(input: { workspaceId: string; sourceId: string; catalogDiscoveredAt: string; label: string; requests: PlannedRequest[] }): Promise<RunSummary> {
    const seen = new Set<string>();
    for (const [i, request] of input.requests.entries()) {
      // Two requests for one stream would race each other: the order they land in is not the plan's.
      if (seen.has(request.streamName)) throw new AppError('invalid_input', `The stream “${request.streamName}” appears twice in the plan (request ${i + 1}); a run sends one request per stream. Plan again.`);
      seen.add(request.streamName);
    }
    const profile = await this.deps.profiles.activeProfile();
    this.checkCatalog(profile.id, input.workspaceId, input.sourceId, input.catalogDiscoveredAt);
    const target = await this.target(profile.id, input.workspaceId, input.sourceId);
    const meta: RunMeta = {
      runId: `run-${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`,
      profileId: profile.id,
      label: input.label,
      workspaceId: input.workspaceId,
      sourceId: input.sourceId,
      catalogDiscoveredAt: input.catalogDiscoveredAt,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      state: 'running',
      total: input.requests.length,
      applied: 0,
      failed: 0,
      pending: input.requests.length,
      skipped: 0,
    };
    const run = await this.runner.start(meta, input.requests, target);
    return this.runner.summary(run);
  }

  /** One request, as a run of one (so it is journaled like any other), answered when decided. */
  async apply(input: { workspaceId: string; sourceId: string; catalogDiscoveredAt: string; request: PlannedRequest }): Promise<{ runId: string; result: RunResult }> {
    const verb = input.request.kind === 'add' ? 'Add' : input.request.kind === 'patch' ? 'Patch' : 'Remove';
    const summary = await this.startRun({ ...input, label: `${verb} ${input.request.streamName}`.slice(0, 200), requests: [input.request] });
    const run = await this.runner.settled(summary.runId);
    return { runId: summary.runId, result: run.results[0] as RunResult };
  }

  async runStatus(runId: string): Promise<RunSummary> {
    return this.runner.summary(await this.runner.load(runId));
  }

  async runResults(runId: string, offset: number, limit: number): Promise<{ results: RunResult[]; total: number }> {
    const run = await this.runner.load(runId);
    return { results: run.results.slice(offset, offset + limit).map((r) => ({ ...r })), total: run.results.length };
  }

  pauseRun(runId: string): Promise<RunSummary> {
    return this.runner.pause(runId);
  }

  cancelRun(runId: string): Promise<RunSummary> {
    return this.runner.cancel(runId);
  }

  /** Resume and retry go on with the run's own profile and source, whichever profile is active now. */
  private async runTarget(runId: string, checkCatalog: boolean): Promise<() => Promise<SourceTarget>> {
    const meta = this.journal.meta(runId);
    if (!meta) throw new AppError('not_found', `There is no run ${runId} in the journal.`);
    if (checkCatalog) this.checkCatalog(meta.profileId, meta.workspaceId, meta.sourceId, meta.catalogDiscoveredAt);
    return () => this.target(meta.profileId, meta.workspaceId, meta.sourceId);
  }

  async resumeRun(runId: string): Promise<RunSummary> {
    return this.runner.resume(runId, await this.runTarget(runId, true));
  }

  async retryFailed(runId: string): Promise<RunSummary> {
    return this.runner.retryFailed(runId, await this.runTarget(runId, true));
  }

  async runs(sourceId?: string): Promise<RunSummary[]> {
    const profile = await this.deps.profiles.activeProfile();
    const metas = this.journal.list(profile.id, sourceId);
    return Promise.all(
      metas.map(async (meta) => {
        const live = this.runner.live(meta.runId);
        if (live) return this.runner.summary(live);
        const { profileId: _p, ...rest } = meta;
        return { ...rest, waitingUntil: null };
      }),
    );
  }

  /** Lets in-flight requests finish and lands every journal line; running runs become interrupted. */
  async close(): Promise<void> {
    await this.runner.stopAll();
    await this.journal.flush();
    this.limiters.close();
  }
}
