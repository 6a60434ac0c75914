import path from 'node:path';
import { z } from 'zod';
import type { Region } from '../../../preload/contract';
import { JsonFile } from '../storage/json-file';

const fileSchema = z.object({
  version: z.literal(1),
  /** profile id → workspace id → region */
  regions: z.record(z.string(), z.record(z.string(), z.enum(['US', 'EU']))),
});
type RegionsFile = z.infer<typeof fileSchema>;

/**
 * Ids are keys here; an id such as `__proto__` must stay a plain key, so reads look at own
 * properties only and writes build objects with Object.fromEntries (which defines, never assigns).
 */
function ownValue<V>(record: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

export const REGION_IDS: Record<Region, string> = {
  US: '645a183f-b12b-4c6e-8ad3-99e165603450',
  EU: 'b9e48d61-f082-4a14-a8d0-799a907938cb',
};

/**
 * The real API never says where a workspace lives (contract §3). The app records it when it creates
 * a workspace with an explicit region, or when the user sets it; everything else is "unknown".
 * Stored in `workspace-regions.json` through the storage module's single writer.
 */
export class RegionRegistry {
  private readonly json: JsonFile<RegionsFile>;

  constructor(file: string) {
    this.json = new JsonFile({
      file,
      label: 'The workspace region records file',
      parse: (raw) => fileSchema.parse(raw),
      empty: () => ({ version: 1, regions: {} }),
      fallback: 'workspace regions show as unknown until you set them again',
      maxBytes: 16 * 1024 * 1024,
    });
  }

  static inFolder(userDataDir: string): RegionRegistry {
    return new RegionRegistry(path.join(userDataDir, 'workspace-regions.json'));
  }

  load(): Promise<void> {
    return this.json.load();
  }

  /** Resolves when every change queued so far is on disk. */
  flush(): Promise<void> {
    return this.json.flush();
  }

  get notice(): string | null {
    return this.json.notice;
  }

  regionOf(profileId: string, workspaceId: string): Region | 'unknown' {
    return ownValue(ownValue(this.json.current.regions, profileId) ?? {}, workspaceId) ?? 'unknown';
  }

  record(profileId: string, workspaceId: string, region: Region | 'unknown'): Promise<void> {
    return this.recordMany(profileId, [[workspaceId, region]]);
  }

  /** Many records in one write (a reviewed suggestion, a bulk assignment, an import). */
  recordMany(profileId: string, records: ReadonlyArray<readonly [string, Region | 'unknown']>): Promise<void> {
    return this.json.change((data) => {
      const changing = new Map(records);
      const forProfile = Object.entries(ownValue(data.regions, profileId) ?? {}).filter(([id]) => !changing.has(id));
      for (const [id, region] of changing) if (region !== 'unknown') forProfile.push([id, region]);
      data.regions = Object.fromEntries([...Object.entries(data.regions).filter(([id]) => id !== profileId), [profileId, Object.fromEntries(forProfile)]]);
    });
  }

  /** Every recorded workspace of a profile, as [workspace id, region]. */
  recordsOf(profileId: string): Array<[string, Region]> {
    return Object.entries(ownValue(this.json.current.regions, profileId) ?? {});
  }
}
