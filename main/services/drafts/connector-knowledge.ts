import { secretPaths as secretPathsOfSpec } from '../../../lib/templates/secret-paths';
import type { TemplatesService } from '../templates/templates-service';

export type TemplatesLookup = Pick<TemplatesService, 'spec' | 'definitions' | 'cronDescribe'>;
type Options = { signal?: AbortSignal };

/**
 * What drafts need to know about connectors: the secret fields of each source connector's spec (from
 * the templates service, which answers from the server or its offline cache, and from any template
 * the server sent with its spec), and the known definition ids. Secret paths are remembered for the
 * session, so listing drafts never waits on the network.
 */
export class ConnectorKnowledge {
  private readonly paths = new Map<string, string[]>();
  /** The last spec seen per connector (the server's over the cache's), to validate configs against. */
  private readonly specs = new Map<string, Record<string, unknown>>();

  constructor(
    private readonly templates: TemplatesLookup,
    private readonly onError?: (message: string, error: unknown) => void,
  ) {}

  /** Secret paths known without asking anyone (empty when none were seen yet). */
  cached(definitionId: string): string[] {
    return this.paths.get(definitionId.toLowerCase()) ?? [];
  }

  /** Secret paths of a connector's spec; null when no spec of it is available (offline and never cached). */
  async secretPaths(definitionId: string, options: Options = {}): Promise<string[] | null> {
    const key = definitionId.toLowerCase();
    const known = this.paths.get(key);
    if (known) return known;
    try {
      const spec = await this.templates.spec(definitionId, options);
      if (spec.spec === null && spec.secretPaths.length === 0) return null;
      if (spec.spec !== null && !this.specs.has(key)) this.specs.set(key, spec.spec);
      this.learn(key, spec.secretPaths);
      return this.paths.get(key) ?? [];
    } catch (error) {
      if (options.signal?.aborted) throw error;
      this.onError?.(`the spec of connector ${definitionId} could not be read:`, error);
      return null;
    }
  }

  /** Adds the secret fields of a spec the server sent with a template. */
  learnFromSpec(definitionId: string, connectionSpecification: unknown): string[] {
    if (typeof connectionSpecification === 'object' && connectionSpecification !== null && !Array.isArray(connectionSpecification)) {
      this.specs.set(definitionId.toLowerCase(), connectionSpecification as Record<string, unknown>);
    }
    this.learn(definitionId.toLowerCase(), secretPathsOfSpec(connectionSpecification));
    return this.cached(definitionId);
  }

  /** The connector's spec when one was seen this session (ask `secretPaths` first to look it up); null otherwise. */
  spec(definitionId: string): Record<string, unknown> | null {
    return this.specs.get(definitionId.toLowerCase()) ?? null;
  }

  private learn(key: string, paths: readonly string[]): void {
    const merged = new Set([...(this.paths.get(key) ?? []), ...paths]);
    this.paths.set(key, [...merged].sort());
  }

  /** Known definition ids, or null when the list is not known (never fetched, offline). */
  async definitionIds(options: Options = {}): Promise<{ sources: Set<string>; destinations: Set<string> } | null> {
    try {
      const definitions = await this.templates.definitions(options);
      if (definitions.from === 'none') return null;
      return {
        sources: new Set(definitions.sources.map((d) => d.id.toLowerCase())),
        destinations: new Set(definitions.destinations.map((d) => d.id.toLowerCase())),
      };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      this.onError?.('the connector definitions could not be read:', error);
      return null;
    }
  }

  /** The server's verdict on a schedule: null when it could not be asked. */
  async cron(expression: string, options: Options = {}): Promise<{ isValid: boolean; description: string } | null> {
    try {
      return await this.templates.cronDescribe(expression, options);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      this.onError?.('a schedule could not be checked:', error);
      return null;
    }
  }
}
