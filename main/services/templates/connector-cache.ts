import path from 'node:path';
import { z } from 'zod';
import type { DestinationDefinition } from '../../../preload/contract';
import { JsonFile } from '../storage/json-file';
import type { CachedSourceDefinition } from './template-views';

const sourceDefinitionSchema = z.object({ id: z.string(), name: z.string(), dockerRepository: z.string().nullable(), supportLevel: z.string().nullable() });
const destinationDefinitionSchema = z.object({ id: z.string(), name: z.string() });
const specEntrySchema = z.object({ definitionId: z.string(), spec: z.record(z.string(), z.unknown()), cachedAt: z.string() });

// Arrays, not records keyed by ids: an id such as `__proto__` stays an ordinary value.
const profileEntrySchema = z.object({
  profileId: z.string(),
  /** When the definition lists were last fetched; null while only specs are known. */
  cachedAt: z.string().nullable(),
  sources: z.array(sourceDefinitionSchema),
  destinations: z.array(destinationDefinitionSchema),
  specs: z.array(specEntrySchema),
});
type ProfileEntry = z.infer<typeof profileEntrySchema>;

const fileSchema = z.object({ version: z.literal(1), profiles: z.array(profileEntrySchema) });
type ConnectorCacheFile = z.infer<typeof fileSchema>;

export interface CachedDefinitions {
  sources: CachedSourceDefinition[];
  destinations: DestinationDefinition[];
  cachedAt: string;
}

const emptyProfile = (profileId: string): ProfileEntry => ({ profileId, cachedAt: null, sources: [], destinations: [], specs: [] });

/**
 * `connector-cache.json`: the connector definitions and specs last seen online, per profile (the
 * Sandbox's connectors are not a real organization's), so the template editor can still list
 * connectors, validate and find secret fields offline. One `JsonFile`, so one writer; definition
 * ids are kept lower-case, as the API compares them.
 */
export class ConnectorCache {
  private readonly file: JsonFile<ConnectorCacheFile>;

  constructor(userDataDir: string) {
    this.file = new JsonFile({
      file: path.join(path.resolve(userDataDir), 'connector-cache.json'),
      label: 'The connector cache',
      parse: (raw) => fileSchema.parse(raw),
      empty: () => ({ version: 1, profiles: [] }),
      fallback: 'connectors and their specs will be fetched again the next time the app is online',
      // Real specs are up to tens of KB each, for a few hundred connectors.
      maxBytes: 64 * 1024 * 1024,
      indent: 0,
    });
  }

  load(): Promise<void> {
    return this.file.load();
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  get notice(): string | null {
    return this.file.notice;
  }

  get path(): string {
    return this.file.file;
  }

  private profile(profileId: string): ProfileEntry | undefined {
    return this.file.current.profiles.find((p) => p.profileId === profileId);
  }

  private edit(profileId: string, change: (entry: ProfileEntry) => void): Promise<void> {
    return this.file.change((data) => {
      let entry = data.profiles.find((p) => p.profileId === profileId);
      if (!entry) {
        entry = emptyProfile(profileId);
        data.profiles.push(entry);
      }
      change(entry);
    });
  }

  definitions(profileId: string): CachedDefinitions | null {
    const entry = this.profile(profileId);
    if (!entry || entry.cachedAt === null) return null;
    return { sources: entry.sources, destinations: entry.destinations, cachedAt: entry.cachedAt };
  }

  storeDefinitions(profileId: string, sources: CachedSourceDefinition[], destinations: DestinationDefinition[], cachedAt: string): Promise<void> {
    return this.edit(profileId, (entry) => {
      entry.sources = sources;
      entry.destinations = destinations;
      entry.cachedAt = cachedAt;
    });
  }

  /** The definition ids whose spec is cached (lower-case). */
  specIds(profileId: string): Set<string> {
    return new Set((this.profile(profileId)?.specs ?? []).map((s) => s.definitionId));
  }

  spec(profileId: string, definitionId: string): { spec: Record<string, unknown>; cachedAt: string } | null {
    const id = definitionId.toLowerCase();
    const found = this.profile(profileId)?.specs.find((s) => s.definitionId === id);
    return found ? { spec: found.spec, cachedAt: found.cachedAt } : null;
  }

  /** Keeps a spec; the file is not rewritten when the spec is the one already kept. */
  async storeSpec(profileId: string, definitionId: string, spec: Record<string, unknown>, cachedAt: string): Promise<void> {
    const id = definitionId.toLowerCase();
    const text = JSON.stringify(spec);
    const same = (entry: ProfileEntry | undefined) => {
      const kept = entry?.specs.find((s) => s.definitionId === id);
      return kept !== undefined && JSON.stringify(kept.spec) === text;
    };
    if (same(this.profile(profileId))) return;
    await this.edit(profileId, (entry) => {
      if (same(entry)) return;
      entry.specs = entry.specs.filter((s) => s.definitionId !== id);
      entry.specs.push({ definitionId: id, spec, cachedAt });
    });
  }
}
