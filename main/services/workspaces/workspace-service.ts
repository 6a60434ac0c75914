import type { Region } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import type { CallOptions } from '../airbyte/airbyte-client';
import type { ProfileService } from '../profiles/profile-service';
import { REGION_IDS, type RegionRegistry } from '../profiles/region-registry';

/**
 * Workspace operations of the active profile that need more than one API call or local records:
 * creation in a region (recorded locally, since the API never returns a region) and region edits.
 */
export class WorkspaceService {
  constructor(
    private readonly profiles: ProfileService,
    private readonly regions: RegionRegistry,
  ) {}

  async create(name: string, region: Region, options: CallOptions = {}): Promise<{ workspaceId: string; region: Region | 'unknown'; created: boolean }> {
    const profile = await this.profiles.activeProfile();
    const client = await this.profiles.client(profile.id);
    const { workspaceId, created } = await client.createWorkspace(name, REGION_IDS[region], options);
    // An existing name keeps its workspace (and its region, which the API ignores): record only what we created.
    if (created) await this.regions.record(profile.id, workspaceId, region);
    if (!created && this.regions.regionOf(profile.id, workspaceId) === 'unknown') {
      throw new AppError('conflict', `A workspace named “${name}” already exists; its region was not changed. Pick another name or open that workspace.`);
    }
    return { workspaceId, region: this.regions.regionOf(profile.id, workspaceId), created };
  }

  async regionOf(workspaceId: string): Promise<Region | 'unknown'> {
    const profile = await this.profiles.activeProfile();
    return this.regions.regionOf(profile.id, workspaceId);
  }

  async setRegion(workspaceId: string, region: Region | 'unknown'): Promise<void> {
    const profile = await this.profiles.activeProfile();
    await this.regions.record(profile.id, workspaceId, region);
  }
}
