import type { CachedCatalog, CachedCatalogEntry, DiscoveredCatalog, DiscoverProgress } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import type { AirbyteClient, WorkspaceRef } from '../airbyte/airbyte-client';
import type { ProfileService } from '../profiles/profile-service';
import type { CatalogCache, SourceFacts } from './catalog-cache';
import { MAX_CATALOG_BYTES } from './catalog-cache';
import { catalogTextProblem } from './catalog-text';
import type { DiscoverProgressTable } from './discover-progress';

export interface CatalogServiceDeps {
  profiles: Pick<ProfileService, 'activeProfile' | 'client'>;
  cache: CatalogCache;
  progress: DiscoverProgressTable;
  /** Told when a discovered catalog could not be cached (it is answered all the same). */
  onCacheError?: (error: unknown) => void;
  now?: () => Date;
}

/** How long a finished discover waits for the source list that names its connector (see `sourceFacts`). */
const FACTS_GRACE_MS = 2_000;

const notFoundish = (error: unknown): error is AppError =>
  error instanceof AppError && (error.code === 'not_found' || (error.code === 'validation' && error.status === 422));

/**
 * Discovers catalogs through the active profile's client and keeps them on disk. The body stays
 * text from the socket to the renderer: main counts its bytes, checks cheaply that it is a catalog
 * (`catalogTextProblem`) and never parses it.
 */
export class CatalogService {
  constructor(private readonly deps: CatalogServiceDeps) {}

  private async activeProfileId(): Promise<string> {
    return (await this.deps.profiles.activeProfile()).id;
  }

  progress(requestId: string): DiscoverProgress {
    return this.deps.progress.get(requestId);
  }

  async discover(input: { workspaceId: string; sourceId: string; requestId: string }, signal?: AbortSignal): Promise<DiscoveredCatalog> {
    const handle = this.deps.progress.start(input.requestId);
    try {
      const result = await this.discoverOnce(input, signal, (bytes) => handle.update(bytes));
      handle.finish(true);
      return result;
    } catch (error) {
      handle.finish(false);
      throw error;
    }
  }

  /** Scoped tokens are minted with the name just read for that id (as workspaces:sources does). */
  private async workspaceRef(client: AirbyteClient, workspaceId: string, options: { signal?: AbortSignal }): Promise<WorkspaceRef> {
    try {
      const found = await client.getWorkspace(workspaceId, options);
      return { id: found.id, name: found.name };
    } catch (error) {
      if (notFoundish(error)) throw new AppError('not_found', `The workspace ${workspaceId} was not found (it may have been deleted). Pick the workspace again.`, { status: error.status ?? 404 });
      throw error;
    }
  }

  /**
   * Runs a JMESPath query on the server (§5.2) for "Run on server": the answer comes back as JSON
   * text, for the renderer's worker to compare with the local engine's.
   */
  async queryOnServer(input: { workspaceId: string; sourceId: string; query: string }, signal?: AbortSignal): Promise<{ resultText: string; ms: number }> {
    const profile = await this.deps.profiles.activeProfile();
    const client = await this.deps.profiles.client(profile.id);
    const options = signal ? { signal } : {};
    const workspace = await this.workspaceRef(client, input.workspaceId, options);
    const started = performance.now();
    const result = await client.queryCatalog(workspace, input.sourceId, input.query, options);
    return { resultText: JSON.stringify(result ?? null), ms: Math.round(performance.now() - started) };
  }

  /**
   * The source's name and connector, from the workspace's source list (one call per discover, run
   * beside the discover itself). Best-effort: on any failure nothing is recorded, the discover goes on.
   */
  private async sourceFacts(client: AirbyteClient, workspace: WorkspaceRef, sourceId: string, options: { signal?: AbortSignal }): Promise<SourceFacts> {
    try {
      const found = (await client.listSources(workspace, options)).data.find((s) => s.id === sourceId);
      return found ? { sourceName: found.name, definitionId: found.summarized_source_template?.source_definition_id } : {};
    } catch {
      return {};
    }
  }

  private async discoverOnce(input: { workspaceId: string; sourceId: string }, signal: AbortSignal | undefined, onBytes: (bytes: number) => void): Promise<DiscoveredCatalog> {
    const profile = await this.deps.profiles.activeProfile();
    const client: AirbyteClient = await this.deps.profiles.client(profile.id);
    const options = signal ? { signal } : {};
    const workspace = await this.workspaceRef(client, input.workspaceId, options);
    const facts = this.sourceFacts(client, workspace, input.sourceId, options);
    let answer;
    try {
      answer = await client.discoverText(workspace, input.sourceId, { ...options, maxBytes: MAX_CATALOG_BYTES, onProgress: onBytes });
    } catch (error) {
      if (notFoundish(error)) {
        throw new AppError('not_found', `The source ${input.sourceId} was not found in workspace “${workspace.name}” (it may have been deleted). Pick the source again.`, { status: error.status ?? 404 });
      }
      if (error instanceof AppError && error.code === 'forbidden') {
        throw new AppError('forbidden', `The source ${input.sourceId} does not belong to workspace “${workspace.name}”, so its catalog cannot be discovered there.`, { status: error.status ?? 403 });
      }
      throw error;
    }
    const problem = catalogTextProblem(answer.text);
    if (problem !== null) {
      throw new AppError('server', `The API answered the discover with something that is not a catalog (${problem}, ${answer.bytes} bytes). The cached catalog, if any, was kept.`, { status: answer.status, retryable: true });
    }
    // The facts come from a small list, normally long done by now; a slow one is not waited for.
    const known = await Promise.race([facts, new Promise<SourceFacts>((resolve) => setTimeout(() => resolve({}), FACTS_GRACE_MS).unref())]);
    // A Cancel that arrives after the last byte but before the catalog is kept still cancels: the cached
    // version stays as it was. (Once the store has begun, it completes; the renderer says so.)
    if (signal?.aborted) throw new AppError('cancelled', 'Cancelled discovering the catalog: the cached version was kept.');
    const discoveredAt = (this.deps.now?.() ?? new Date()).toISOString();
    let previousDiscoveredAt: string | null = null;
    let cacheNotice: string | null = null;
    try {
      ({ previousDiscoveredAt } = await this.deps.cache.store(profile.id, input.sourceId, workspace.id, answer.text, discoveredAt, answer.bytes, known));
    } catch (error) {
      this.deps.onCacheError?.(error);
      cacheNotice = error instanceof AppError ? error.message : 'The catalog could not be kept on disk.';
    }
    return { text: answer.text, discoveredAt, bytes: answer.bytes, previousDiscoveredAt, cacheNotice };
  }

  async cached(sourceId: string): Promise<CachedCatalog | null> {
    return this.deps.cache.read(await this.activeProfileId(), sourceId);
  }

  async cachedList(): Promise<CachedCatalogEntry[]> {
    return this.deps.cache.list(await this.activeProfileId());
  }

  async previous(sourceId: string): Promise<{ text: Buffer; discoveredAt: string } | null> {
    return this.deps.cache.previous(await this.activeProfileId(), sourceId);
  }

  async forget(sourceId: string): Promise<{ forgotten: boolean }> {
    return { forgotten: await this.deps.cache.forget(await this.activeProfileId(), sourceId) };
  }
}
