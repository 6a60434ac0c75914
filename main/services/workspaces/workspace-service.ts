import type { Region, RegionOrUnknown, WorkspaceItem } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
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
}

/**
 * Workspace operations of the active profile: API calls plus the app's own region records, which
 * the API never returns (contract §3).
 */
export class WorkspaceService {
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

  async create(name: string, region: Region, options: CallOptions = {}): Promise<WorkspaceItem> {
    const { profileId, client } = await this.active();
    const { workspaceId, created } = await client.createWorkspace(name, REGION_IDS[region], options);
    // Minting an existing name returns that workspace and ignores the region: say so instead.
    if (!created) throw new AppError('conflict', `A workspace named “${name}” already exists; nothing was created. Pick another name or open that workspace.`);
    await this.deps.regions.record(profileId, workspaceId, region);
    return this.item(profileId, await client.getWorkspace(workspaceId, options));
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

  async setRegion(id: string, region: RegionOrUnknown): Promise<WorkspaceItem> {
    const { profileId, client } = await this.active();
    const workspace = await client.getWorkspace(id);
    await this.deps.regions.record(profileId, id, region);
    return this.item(profileId, workspace);
  }
}
