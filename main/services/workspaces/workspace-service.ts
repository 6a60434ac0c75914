import type { Region, RegionOrUnknown, RegionSuggestion, WorkspaceItem } from '../../../preload/contract';
import { regionFromName } from '../../../lib/workspaces/region-from-name';
import { exportText, planImport } from './region-records';
import { AppError } from '../../ipc/app-error';
import { createKeyedQueue } from '../keyed-queue';
import type { AirbyteClient, CallOptions } from '../airbyte/airbyte-client';
import type { ApiWorkspace } from '../airbyte/schemas';
import type { ProfileService } from '../profiles/profile-service';
import { SANDBOX_PROFILE_ID } from '../profiles/profile-store';
import { REGION_IDS, type RegionRegistry } from '../profiles/region-registry';

export interface WorkspaceServiceDeps {
  profiles: ProfileService;
  regions: RegionRegistry;
  /**
   * For the built-in Sandbox profile only: where the in-process sandbox put a workspace. This is the
   * app's own local data (the sandbox runs inside it), not something read from an API answer.
   */
  sandboxRegion?: (workspaceId: string) => Region | null;
  /** Waits between name look-ups after a create lost its answer (tests shorten them). */
  lookUpDelaysMs?: number[];
}

const UNRESOLVED_TTL_MS = 10 * 60_000;
/** Each look-up after a lost answer gets less time than a normal call: the user is waiting. */
const LOOK_UP_TIMEOUT_MS = 10_000;

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new AppError('cancelled', 'Cancelled while checking whether the workspace was created.'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new AppError('cancelled', 'Cancelled while checking whether the workspace was created.'));
    }, { once: true });
  });
}

/** Failures after which the server may or may not have done the work. */
function isAmbiguous(error: unknown): error is AppError {
  if (!(error instanceof AppError)) return false;
  return error.code === 'timeout' || error.code === 'network' || (error.code === 'server' && (error.status ?? 500) >= 500);
}

/**
 * Workspace operations of the active profile: API calls plus the app's own region records, which
 * the API never returns (contract §3).
 */
export class WorkspaceService {
  private readonly createQueue = createKeyedQueue();
  /** profile + name → region of a create whose answer was lost and whose workspace was not seen yet. */
  private readonly unresolvedCreates = new Map<string, { region: Region; at: number }>();

  constructor(private readonly deps: WorkspaceServiceDeps) {}

  private async active(): Promise<{ profileId: string; client: AirbyteClient }> {
    const profile = await this.deps.profiles.activeProfile();
    return { profileId: profile.id, client: await this.deps.profiles.client(profile.id) };
  }

  private region(profileId: string, workspaceId: string): RegionOrUnknown {
    const recorded = this.deps.regions.regionOf(profileId, workspaceId);
    if (recorded !== 'unknown' || profileId !== SANDBOX_PROFILE_ID) return recorded;
    return this.deps.sandboxRegion?.(workspaceId) ?? 'unknown';
  }

  private item(profileId: string, w: ApiWorkspace): WorkspaceItem {
    return { id: w.id, name: w.name, status: w.status, createdAt: w.created_at, updatedAt: w.updated_at, region: this.region(profileId, w.id) };
  }

  async list(filters: { nameContains?: string | undefined; status: 'all' | 'active' | 'inactive'; limit: number; cursor?: string | undefined }, options: CallOptions = {}) {
    const { profileId, client } = await this.active();
    const page = await client.workspacePage(
      { ...(filters.nameContains ? { nameContains: filters.nameContains } : {}), ...(filters.status !== 'all' ? { status: filters.status } : {}), limit: filters.limit },
      filters.cursor,
      options,
    );
    return { items: page.data.map((w) => this.item(profileId, w)), nextCursor: page.next };
  }

  async stats(options: CallOptions = {}) {
    const { client } = await this.active();
    const s = await client.workspaceStats(options);
    return { active: s.active_count, inactive: s.inactive_count, total: s.total_count };
  }

  async get(id: string, options: CallOptions = {}): Promise<WorkspaceItem> {
    const { profileId, client } = await this.active();
    return this.item(profileId, await client.getWorkspace(id, options));
  }

  /** Reads the workspace first: scoped tokens are minted with the name just read for that id. */
  async sources(id: string, options: CallOptions = {}) {
    const { client } = await this.active();
    const workspace = await client.getWorkspace(id, options);
    const list = await client.listSources({ id: workspace.id, name: workspace.name }, options);
    return list.data.map((s) => ({ id: s.id, name: s.name, templateName: s.summarized_source_template?.name ?? null, createdAt: s.created_at ?? null }));
  }

  async templates(options: CallOptions = {}) {
    const { client } = await this.active();
    const [sources, connections] = await Promise.all([client.listSourceTemplates({}, options), client.listConnectionTemplates({}, options)]);
    return {
      sourceTemplates: sources.data.map((t) => ({ id: t.id, name: t.name, tags: t.tags, detail: t.connector_name ?? null })),
      connectionTemplates: connections.data.map((t) => ({
        id: t.id,
        name: t.destination_name ?? (t.data_hosting_type === 'airbyte_hosted' ? 'Airbyte-managed storage' : 'Connection template'),
        tags: t.tags,
        detail: t.cron_expression ?? null,
      })),
    };
  }

  /**
   * Creates by minting (contract §2.5). Creates of one name run one at a time, so of three
   * concurrent ones exactly one creates and the others hear "already exists". When the answer is
   * lost (timeout, reset, truncated body, 5xx) the name is looked up and the truth reported; if it
   * is not there yet, the attempt is remembered, so a retry that finds it recognizes it as ours.
   */
  create(name: string, region: Region, options: CallOptions = {}): Promise<WorkspaceItem> {
    return this.active().then(({ profileId, client }) =>
      this.createQueue(`${profileId}\u0000${name}`, () => this.createOnce(profileId, client, name, region, options)),
    );
  }

  private async createOnce(profileId: string, client: AirbyteClient, name: string, region: Region, options: CallOptions): Promise<WorkspaceItem> {
    const key = `${profileId}\u0000${name}`;
    const existing = await client.findWorkspaceByName(name, options);
    if (existing) {
      const attempted = this.unresolvedAttempt(key);
      // Minting an existing name returns that workspace and ignores the region: say so instead.
      if (!attempted) throw new AppError('conflict', `A workspace named “${name}” already exists; nothing was created. Pick another name or open that workspace.`);
      return this.created(profileId, client, key, name, existing.id, attempted, options);
    }
    let workspaceId: string;
    try {
      workspaceId = await client.mintWorkspace(name, REGION_IDS[region]);
    } catch (error) {
      if (!isAmbiguous(error)) throw error;
      this.unresolvedCreates.set(key, { region, at: Date.now() });
      const found = await this.lookUpAfterLostAnswer(client, name, options);
      if (found === 'unknown') {
        throw new AppError(error.code, `${error.message} Whether the workspace “${name}” was created could not be checked either: refresh the list, or create it again (safe: the app will recognize it).`, { retryable: true });
      }
      if (found) return this.created(profileId, client, key, name, found, region, options);
      throw new AppError(error.code, `${error.message} The workspace “${name}” was not found afterwards, but the API may still create it: refresh the list, or create it again (safe: the app will recognize it).`, { retryable: true });
    }
    return this.created(profileId, client, key, name, workspaceId, region, options);
  }

  /** An earlier attempt of this create whose outcome was never seen (forgotten after ten minutes). */
  private unresolvedAttempt(key: string): Region | null {
    const attempt = this.unresolvedCreates.get(key);
    if (!attempt || Date.now() - attempt.at > UNRESOLVED_TTL_MS) {
      this.unresolvedCreates.delete(key);
      return null;
    }
    return attempt.region;
  }

  /**
   * The workspace exists: its region is recorded first, so a failed read-back cannot lose it, and
   * the attempt is forgotten only once the workspace could be read.
   */
  private async created(profileId: string, client: AirbyteClient, key: string, name: string, workspaceId: string, region: Region, options: CallOptions): Promise<WorkspaceItem> {
    await this.deps.regions.record(profileId, workspaceId, region);
    this.unresolvedCreates.set(key, { region, at: Date.now() });
    let workspace: ApiWorkspace;
    try {
      workspace = await client.getWorkspace(workspaceId, options);
    } catch (error) {
      const why = error instanceof AppError ? error.message : 'it could not be read';
      throw new AppError(error instanceof AppError ? error.code : 'server', `The workspace “${name}” was created in ${region}, but reading it back failed (${why}). Refresh the list.`, { retryable: true });
    }
    this.unresolvedCreates.delete(key);
    return this.item(profileId, workspace);
  }

  /**
   * A server may commit a moment after the client gave up: look a few times before saying no.
   * Answers the id, null (looked, not there) or 'unknown' (could not look). Cancel stops it.
   */
  private async lookUpAfterLostAnswer(client: AirbyteClient, name: string, options: CallOptions): Promise<string | null | 'unknown'> {
    let looked = false;
    for (const waitMs of this.deps.lookUpDelaysMs ?? [0, 500, 1500, 3000]) {
      await sleep(waitMs, options.signal);
      try {
        const found = await client.findWorkspaceByName(name, { ...options, timeoutMs: LOOK_UP_TIMEOUT_MS });
        looked = true;
        if (found) return found.id;
      } catch (error) {
        if (error instanceof AppError && error.code === 'cancelled') throw error;
      }
    }
    return looked ? null : 'unknown';
  }

  async rename(id: string, name: string): Promise<WorkspaceItem> {
    const { profileId, client } = await this.active();
    return this.item(profileId, await client.updateWorkspace(id, { name }));
  }

  async setStatus(id: string, status: 'active' | 'inactive'): Promise<WorkspaceItem> {
    const { profileId, client } = await this.active();
    return this.item(profileId, await client.updateWorkspace(id, { status }));
  }

  /** The typed name is checked here too, so no caller can delete by id alone. */
  async remove(id: string, confirmName: string) {
    const { client } = await this.active();
    const workspace = await client.getWorkspace(id);
    if (confirmName !== workspace.name) {
      throw new AppError('validation', `Type the workspace’s name exactly (“${workspace.name}”) to delete it.`, { issues: [{ path: 'confirmName', message: 'does not match the workspace name' }] });
    }
    const deleted = await client.deleteWorkspace(id);
    return { id: deleted.id, deletedAt: deleted.deleted_at };
  }

  /** Every workspace of the active profile (all pages), for region suggestions and exports. */
  private async all(options: CallOptions): Promise<{ profileId: string; baseUrl: string; workspaces: ApiWorkspace[] }> {
    const profile = await this.deps.profiles.activeProfile();
    const client = await this.deps.profiles.client(profile.id);
    const workspaces: ApiWorkspace[] = [];
    for await (const page of client.workspacePages({ limit: 100 }, options)) workspaces.push(...page);
    return { profileId: profile.id, baseUrl: profile.baseUrl, workspaces };
  }

  async suggestRegions(options: CallOptions = {}): Promise<RegionSuggestion[]> {
    const { profileId, workspaces } = await this.all(options);
    return workspaces.flatMap((w) => {
      const suggested = regionFromName(w.name);
      const recorded = this.region(profileId, w.id);
      return suggested && suggested !== recorded ? [{ id: w.id, name: w.name, recorded, suggested }] : [];
    });
  }

  async setRegions(items: Array<{ id: string; region: RegionOrUnknown }>): Promise<{ recorded: number }> {
    const profile = await this.deps.profiles.activeProfile();
    await this.deps.regions.recordMany(profile.id, items.map((i) => [i.id, i.region] as const));
    return { recorded: items.length };
  }

  async exportRegions(options: CallOptions = {}): Promise<{ text: string; count: number }> {
    const { profileId, baseUrl, workspaces } = await this.all(options);
    const names = new Map(workspaces.map((w) => [w.id, w.name]));
    const records = this.deps.regions.recordsOf(profileId).map(([workspaceId, region]) => ({ workspaceId, name: names.get(workspaceId) ?? null, region }));
    return { text: exportText(baseUrl, records), count: records.length };
  }

  async importRegions(text: string, overwrite: boolean) {
    const profile = await this.deps.profiles.activeProfile();
    const plan = planImport(text, profile.baseUrl, (id) => this.deps.regions.regionOf(profile.id, id), overwrite);
    if (plan.writes.length > 0) await this.deps.regions.recordMany(profile.id, plan.writes);
    return plan.counts;
  }

  async setRegion(id: string, region: RegionOrUnknown): Promise<WorkspaceItem> {
    const { profileId, client } = await this.active();
    const workspace = await client.getWorkspace(id);
    await this.deps.regions.record(profileId, id, region);
    return this.item(profileId, workspace);
  }
}
