import path from 'node:path';
import { z } from 'zod';
import type { Region } from '../../../preload/contract';
import { readJsonFile, writeJsonAtomically } from '../storage/atomic-json';

const fileSchema = z.object({
  version: z.literal(1),
  /** profile id → workspace id → region */
  regions: z.record(z.string(), z.record(z.string(), z.enum(['US', 'EU']))),
});

export const REGION_IDS: Record<Region, string> = {
  US: '645a183f-b12b-4c6e-8ad3-99e165603450',
  EU: 'b9e48d61-f082-4a14-a8d0-799a907938cb',
};

/**
 * The real API never says where a workspace lives (contract §3). The app records it when it creates
 * a workspace with an explicit region, or when the user sets it; everything else is "unknown".
 */
export class RegionRegistry {
  private data: z.infer<typeof fileSchema> = { version: 1, regions: {} };
  notice: string | null = null;

  constructor(private readonly file: string) {}

  static inFolder(userDataDir: string): RegionRegistry {
    return new RegionRegistry(path.join(userDataDir, 'workspace-regions.json'));
  }

  async load(): Promise<void> {
    const read = await readJsonFile(this.file, (raw) => fileSchema.parse(raw));
    if (read.status === 'ok') this.data = read.value;
    if (read.status === 'corrupt') this.notice = `The workspace region records could not be read (${read.reason}); they were kept as ${read.movedTo}.`;
  }

  regionOf(profileId: string, workspaceId: string): Region | 'unknown' {
    return this.data.regions[profileId]?.[workspaceId] ?? 'unknown';
  }

  async record(profileId: string, workspaceId: string, region: Region | 'unknown'): Promise<void> {
    const forProfile = { ...this.data.regions[profileId] };
    if (region === 'unknown') delete forProfile[workspaceId];
    else forProfile[workspaceId] = region;
    const next = { ...this.data, regions: { ...this.data.regions, [profileId]: forProfile } };
    await writeJsonAtomically(this.file, next);
    this.data = next;
  }
}
