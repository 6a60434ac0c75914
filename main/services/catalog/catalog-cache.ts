import { createHash } from 'node:crypto';
import { rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { CachedCatalog, CachedCatalogEntry } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { createKeyedQueue } from '../keyed-queue';
import { removeStaleTempFiles, syncFolder, writeFileAtomically } from '../storage/atomic-write';
import { readBoundedBytes } from '../storage/bounded-read';
import { JsonFile } from '../storage/json-file';

/** Cached catalogs are read back with this cap: a file that big is not one we wrote. */
export const MAX_CATALOG_BYTES = 256 * 1024 * 1024;

const versionSchema = z.object({ discoveredAt: z.string(), bytes: z.number().int().nonnegative(), file: z.string() });
const entrySchema = versionSchema.extend({
  sourceId: z.string(),
  workspaceId: z.string(),
  previous: versionSchema.nullable(),
  // Optional: index files written before these were recorded stay readable.
  /** The connector the source was built from (lower-case), so a template's whitelist can be checked against this catalog. */
  definitionId: z.string().optional(),
  sourceName: z.string().optional(),
});
type IndexEntry = z.infer<typeof entrySchema>;

/** What the discover knew about the source besides its id; either may be missing (the lookup is best-effort). */
export interface SourceFacts {
  definitionId?: string | undefined;
  sourceName?: string | undefined;
}

/** A cached catalog with the connector it was discovered for, when that was recorded. */
export interface CatalogOfConnector {
  sourceId: string;
  workspaceId: string;
  discoveredAt: string;
  definitionId: string | null;
  sourceName: string | null;
}

// Arrays, not records keyed by ids: an id such as `__proto__` stays an ordinary value.
const indexSchema = z.object({
  version: z.literal(1),
  profiles: z.array(z.object({ profileId: z.string(), sources: z.array(entrySchema) })),
});
type CatalogIndex = z.infer<typeof indexSchema>;

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * A file-name-safe, case-insensitive-safe name for an id. Lower-case ids of letters, digits and
 * dashes (UUIDs, `sandbox`) are kept readable; anything else (`../x`, `a/b`, upper case, dots,
 * reserved device names) becomes `h-` + SHA-256. Plain names never start with `h-`, so the two
 * kinds cannot collide, and no name contains a dot, so suffixes cannot either.
 */
export function safeFileName(id: string): string {
  if (/^[a-z0-9][a-z0-9-]{0,63}$/.test(id) && !id.startsWith('h-') && !WINDOWS_RESERVED.test(id)) return id;
  return `h-${createHash('sha256').update(id, 'utf8').digest('hex').slice(0, 40)}`;
}


const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

function storageError(what: string, error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
  const why = code === 'ENOSPC' ? 'the disk is full' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EROFS' ? 'the disk is read-only' : code;
  return new AppError('storage', `The catalog cache could not ${what} (${why}).`, { cause: error });
}

/**
 * Discovered catalogs on disk, per profile and source: `catalogs/<profile>/<source>.json` (the body
 * text as received), `<source>.previous.json` (exactly one earlier version, for a per-stream diff),
 * and `catalogs/index.json` (a `JsonFile`) with what is where. File names are derived from the ids
 * (`safeFileName`), never taken from the renderer or from the index. All file work of one source
 * runs through one queue, so a rediscover, a read and a forget never interleave.
 */
export class CatalogCache {
  private readonly root: string;
  private readonly index: JsonFile<CatalogIndex>;
  private readonly perSource = createKeyedQueue();
  /** File work not finished yet, so `flush` (app quit) waits for a catalog being written. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(userDataDir: string) {
    this.root = path.join(path.resolve(userDataDir), 'catalogs');
    this.index = new JsonFile({
      file: path.join(this.root, 'index.json'),
      label: 'The catalog cache index',
      parse: (raw) => indexSchema.parse(raw),
      empty: () => ({ version: 1, profiles: [] }),
      fallback: 'cached catalogs will be discovered again when opened',
      maxBytes: 16 * 1024 * 1024,
    });
  }

  load(): Promise<void> {
    return this.index.load();
  }

  /** Resolves when every cache write started so far, and the index, are on disk. */
  async flush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.index.flush();
  }

  private queue<R>(key: string, work: () => Promise<R>): Promise<R> {
    const run = this.perSource(key, work);
    this.pending.add(run);
    void run.then(
      () => this.pending.delete(run),
      () => this.pending.delete(run),
    );
    return run;
  }

  get notice(): string | null {
    return this.index.notice;
  }

  /** The folder every cache file lives in (tests check nothing lands outside it). */
  get folder(): string {
    return this.root;
  }

  private paths(profileId: string, sourceId: string) {
    const folder = path.join(this.root, safeFileName(profileId));
    const name = safeFileName(sourceId);
    const paths = {
      folder,
      currentName: `${name}.json`,
      previousName: `${name}.previous.json`,
      current: path.join(folder, `${name}.json`),
      previous: path.join(folder, `${name}.previous.json`),
      next: path.join(folder, `${name}.next.json`),
    };
    // Defence in depth: safeFileName cannot produce a separator or `..`, but never trust that alone.
    for (const file of [paths.current, paths.previous, paths.next]) {
      if (path.dirname(path.dirname(file)) !== this.root) throw new AppError('internal', 'A cache path left the catalogs folder.');
    }
    return paths;
  }

  private entry(profileId: string, sourceId: string): IndexEntry | undefined {
    return this.index.current.profiles.find((p) => p.profileId === profileId)?.sources.find((s) => s.sourceId === sourceId);
  }

  private setEntry(profileId: string, sourceId: string, entry: IndexEntry | null): Promise<void> {
    return this.index.change((data) => {
      let profile = data.profiles.find((p) => p.profileId === profileId);
      if (!profile) {
        if (!entry) return;
        profile = { profileId, sources: [] };
        data.profiles.push(profile);
      }
      profile.sources = profile.sources.filter((s) => s.sourceId !== sourceId);
      if (entry) profile.sources.push(entry);
      if (profile.sources.length === 0) data.profiles = data.profiles.filter((p) => p !== profile);
    });
  }

  list(profileId: string): CachedCatalogEntry[] {
    const profile = this.index.current.profiles.find((p) => p.profileId === profileId);
    return (profile?.sources ?? []).map((s) => ({
      sourceId: s.sourceId,
      workspaceId: s.workspaceId,
      discoveredAt: s.discoveredAt,
      bytes: s.bytes,
      previousDiscoveredAt: s.previous?.discoveredAt ?? null,
    }));
  }

  /** The cached catalogs of a profile with the connector and source name recorded at discover time. */
  connectors(profileId: string): CatalogOfConnector[] {
    const profile = this.index.current.profiles.find((p) => p.profileId === profileId);
    return (profile?.sources ?? []).map((s) => ({
      sourceId: s.sourceId,
      workspaceId: s.workspaceId,
      discoveredAt: s.discoveredAt,
      definitionId: s.definitionId ?? null,
      sourceName: s.sourceName ?? null,
    }));
  }

  /**
   * Keeps a newly discovered catalog; the version it replaces becomes the previous one (and the
   * one before that is dropped). The new text is written completely (atomically, to a staging
   * file) before anything is renamed, so a full disk leaves both old versions as they were.
   * `facts` not known this time keep what an earlier discover of the source recorded.
   */
  store(profileId: string, sourceId: string, workspaceId: string, text: string, discoveredAt: string, bytes: number, facts: SourceFacts = {}): Promise<{ previousDiscoveredAt: string | null }> {
    const p = this.paths(profileId, sourceId);
    return this.queue(p.current, async () => {
      await this.index.load();
      try {
        await Promise.all([removeStaleTempFiles(p.next), removeStaleTempFiles(p.current)]);
        await writeFileAtomically(p.next, text);
        const before = this.entry(profileId, sourceId);
        let previous: IndexEntry['previous'] = null;
        try {
          await rename(p.current, p.previous);
          previous = before ? { discoveredAt: before.discoveredAt, bytes: before.bytes, file: p.previousName } : null;
        } catch (error) {
          if (!isMissing(error)) throw error;
          // No current file: whatever previous version there is stays the previous one.
          previous = before?.previous ?? null;
        }
        if (!previous) await unlink(p.previous).catch(() => undefined);
        await rename(p.next, p.current);
        await syncFolder(p.folder);
        const definitionId = facts.definitionId?.toLowerCase() ?? before?.definitionId;
        const sourceName = facts.sourceName ?? before?.sourceName;
        await this.setEntry(profileId, sourceId, {
          sourceId,
          workspaceId,
          discoveredAt,
          bytes,
          file: p.currentName,
          previous,
          ...(definitionId !== undefined ? { definitionId } : {}),
          ...(sourceName !== undefined ? { sourceName } : {}),
        });
        return { previousDiscoveredAt: previous?.discoveredAt ?? null };
      } catch (error) {
        await unlink(p.next).catch(() => undefined);
        throw storageError('keep this catalog', error);
      }
    });
  }

  /** The file's bytes, undecoded: they go out to the renderer's worker as they are (it decodes and parses them once). */
  private async readVersion(file: string): Promise<Buffer | null> {
    const read = await readBoundedBytes(file, MAX_CATALOG_BYTES);
    if (read.status === 'missing') return null;
    if (read.status === 'unusable') throw new AppError('storage', `A cached catalog file ${read.reason}; discover the source again.`);
    return read.bytes;
  }

  read(profileId: string, sourceId: string): Promise<CachedCatalog | null> {
    const entry = this.entry(profileId, sourceId);
    if (!entry) return Promise.resolve(null);
    const p = this.paths(profileId, sourceId);
    return this.queue(p.current, async () => {
      const now = this.entry(profileId, sourceId);
      if (!now) return null;
      const text = await this.readVersion(p.current);
      return text === null ? null : { text, discoveredAt: now.discoveredAt, bytes: now.bytes };
    });
  }

  previous(profileId: string, sourceId: string): Promise<{ text: Buffer; discoveredAt: string } | null> {
    const entry = this.entry(profileId, sourceId);
    if (!entry?.previous) return Promise.resolve(null);
    const p = this.paths(profileId, sourceId);
    return this.queue(p.current, async () => {
      const now = this.entry(profileId, sourceId)?.previous;
      if (!now) return null;
      const text = await this.readVersion(p.previous);
      return text === null ? null : { text, discoveredAt: now.discoveredAt };
    });
  }

  /** Removes a source's cached versions; answers whether there was anything. */
  forget(profileId: string, sourceId: string): Promise<boolean> {
    const p = this.paths(profileId, sourceId);
    return this.queue(p.current, async () => {
      const had = this.entry(profileId, sourceId) !== undefined;
      try {
        await Promise.all([p.current, p.previous, p.next].map((file) => unlink(file).catch((error: unknown) => (isMissing(error) ? undefined : Promise.reject(error)))));
        if (had) await this.setEntry(profileId, sourceId, null);
      } catch (error) {
        throw storageError('forget this catalog', error);
      }
      return had;
    });
  }
}
