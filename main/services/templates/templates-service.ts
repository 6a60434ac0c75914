import type { z } from 'zod';
import type { Contract } from '../../../preload/contract';
import { secretPaths } from '../../../lib/templates/secret-paths';
import { secretFieldLabel, withKeptSecrets } from '../../../lib/templates/secret-values';
import { AppError } from '../../ipc/app-error';
import type { AirbyteClient, CallOptions } from '../airbyte/airbyte-client';
import type { CatalogCache } from '../catalog/catalog-cache';
import type { ProfileService } from '../profiles/profile-service';
import { catalogStreamNames } from './catalog-stream-names';
import { ConnectorCache } from './connector-cache';
import { detachErrors, isUnreachable, reachable, tagErrors, templateErrors } from './template-errors';
import {
  connectionTemplateView,
  definitionIdOf,
  destinationDefinitionOf,
  heldSecretPointers,
  sourceDefinitionOf,
  sourceTemplateItemView,
  sourceTemplateView,
  specOf,
  tagView,
} from './template-views';

type Out<M extends keyof Contract['templates']> = z.output<Contract['templates'][M]['output']>;
type In<M extends keyof Contract['templates']> = z.output<Contract['templates'][M]['input']>;
type Options = { signal?: AbortSignal };
type ApiSourceTemplate = Awaited<ReturnType<AirbyteClient['getSourceTemplate']>>;

export interface TemplatesServiceDeps {
  profiles: Pick<ProfileService, 'activeProfile' | 'client'>;
  catalogCache: CatalogCache;
  /** The definitions and spec cache lives here (`connector-cache.json`). */
  userDataDir: string;
  onError?: (message: string, error: unknown) => void;
  /** Tests shorten these; see the constants below. */
  offlineMemoryMs?: number;
  serverBudgetMs?: number;
}

/**
 * After the API could not be reached, `definitions` and `spec` answer from the cache at once for
 * this long instead of trying again: the editor asks for several specs in a row, and each try
 * offline costs the client's retries (about 3 s). Any call that reaches the API ends it early.
 */
const OFFLINE_MEMORY_MS = 15_000;
/**
 * How long `definitions` and `spec` wait for the server before answering from the cache (a network
 * that drops packets instead of refusing would otherwise hold them for the connect timeouts of
 * every retry).
 */
const SERVER_BUDGET_MS = 15_000;
/** Stream-name lists kept in memory (one per cached catalog file read). */
const STREAM_NAME_LISTS = 16;

const cancelled = () => new AppError('cancelled', 'Cancelled.');

/**
 * The `templates:*` channels: source and connection templates, tags, cron descriptions (online,
 * through the active profile's client), and connector definitions and specs, which are cached per
 * profile so the template editor still knows its connectors offline.
 */
export class TemplatesService {
  private readonly connectors: ConnectorCache;
  /** Per profile: why the API could not be reached, until when that is believed without trying again. */
  private readonly unreachable = new Map<string, { reason: string; until: number }>();
  private readonly streamNames = new Map<string, string[]>();
  /** Cache writes not finished yet, so `flush` (app quit) waits for them. */
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly deps: TemplatesServiceDeps) {
    this.connectors = new ConnectorCache(deps.userDataDir);
  }

  load(): Promise<void> {
    return this.connectors.load();
  }

  get notice(): string | null {
    return this.connectors.notice;
  }

  async flush(): Promise<void> {
    await Promise.allSettled([...this.pending]);
    await this.connectors.flush();
  }

  // --- plumbing -------------------------------------------------------------------------------

  private async active(): Promise<{ profileId: string; client: AirbyteClient }> {
    const profileId = (await this.deps.profiles.activeProfile()).id;
    return { profileId, client: await this.deps.profiles.client(profileId) };
  }

  /** Runs one or more API calls of a profile, noting whether the API was reached; errors in plain words. */
  private async online<T>(profileId: string, work: () => Promise<T>, errors: (error: unknown) => unknown = reachable): Promise<T> {
    try {
      const result = await work();
      this.unreachable.delete(profileId);
      return result;
    } catch (error) {
      this.noteFailure(profileId, error);
      throw errors(error);
    }
  }

  private noteFailure(profileId: string, error: unknown): void {
    if (isUnreachable(error) || (error instanceof AppError && error.code === 'server' && (error.status ?? 0) >= 500)) {
      const reason = (reachable(error) as AppError).message;
      this.unreachable.set(profileId, { reason, until: Date.now() + (this.deps.offlineMemoryMs ?? OFFLINE_MEMORY_MS) });
    } else if (error instanceof AppError && error.status !== undefined) {
      // The API answered (it refused, or sent something odd): it is reachable.
      this.unreachable.delete(profileId);
    }
  }

  private recentlyUnreachable(profileId: string): string | null {
    const known = this.unreachable.get(profileId);
    if (!known) return null;
    if (Date.now() < known.until) return known.reason;
    this.unreachable.delete(profileId);
    return null;
  }

  /**
   * Runs server work for an answer that has a cached fallback: cancelled with the caller's signal,
   * abandoned after the budget (the work is aborted; a token mint, which takes no signal, finishes
   * in the background and is harmless).
   */
  private async withinBudget<T>(signal: AbortSignal | undefined, work: (options: CallOptions) => Promise<T>): Promise<T> {
    const budget = this.deps.serverBudgetMs ?? SERVER_BUDGET_MS;
    const controller = new AbortController();
    const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new AppError('timeout', `The API did not answer within ${Math.round(budget / 1000)} s.`, { retryable: true });
        reject(error);
        controller.abort(error);
      }, budget);
    });
    const run = work({ signal: combined });
    run.catch(() => undefined);
    try {
      return await Promise.race([run, deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Why the server's answer could not be used, in plain words (the fallback's `offlineReason`). */
  private reasonOf(error: unknown, what: string): string {
    if (error instanceof AppError) return (reachable(error) as AppError).message;
    this.deps.onError?.(`${what} failed unexpectedly:`, error);
    return `The app could not ask the API for ${what} (an unexpected failure; details are in the app log).`;
  }

  /** Keeps the spec a source template came with under its connector (best-effort; never fails the call). */
  private keepSpec(profileId: string, template: ApiSourceTemplate): void {
    const spec = specOf(template);
    const definitionId = definitionIdOf(template);
    if (!spec || !definitionId) return;
    this.track(this.connectors.storeSpec(profileId, definitionId, spec, new Date().toISOString()), 'A connector spec could not be cached:');
  }

  private track(work: Promise<unknown>, failure: string): void {
    const run = work.catch((error: unknown) => this.deps.onError?.(failure, error));
    this.pending.add(run);
    void run.finally(() => this.pending.delete(run));
  }

  /** The connector's cached spec (its secret fields are hidden from views even when an answer has no spec). */
  private cachedSpec(profileId: string, template: ApiSourceTemplate): Record<string, unknown> | null {
    const definitionId = definitionIdOf(template);
    return definitionId ? (this.connectors.spec(profileId, definitionId)?.spec ?? null) : null;
  }

  private async sourceTemplate(profileId: string, read: () => Promise<ApiSourceTemplate>, errors: (error: unknown) => unknown, client: AirbyteClient): Promise<Out<'sourceGet'>> {
    let template = await this.online(profileId, read, errors);
    this.keepSpec(profileId, template);
    const hasConfig = typeof template.partial_default_config === 'object' && template.partial_default_config !== null && Object.keys(template.partial_default_config).length > 0;
    if (hasConfig && specOf(template) === null && this.cachedSpec(profileId, template) === null) {
      // An answer without a spec (a tag answer, on some servers) and no cached one: which fields are
      // secrets is unknown, so the whole template is read again rather than risk showing a password.
      const id = template.id;
      template = await this.online(profileId, () => client.getSourceTemplate(id), errors);
      this.keepSpec(profileId, template);
    }
    return sourceTemplateView(template, this.cachedSpec(profileId, template));
  }

  /**
   * A new `partial_default_config` with the server's values of the secret fields it leaves out (PATCH
   * replaces the whole object, and the screen never had those values to send back).
   */
  private async withServerSecrets(profileId: string, client: AirbyteClient, id: string, config: Record<string, unknown>): Promise<Record<string, unknown>> {
    const current = await this.online(profileId, () => client.getSourceTemplate(id), templateErrors('source', id));
    this.keepSpec(profileId, current);
    const held = heldSecretPointers(current.partial_default_config, [specOf(current), this.cachedSpec(profileId, current)]);
    const kept = withKeptSecrets(config, current.partial_default_config, held);
    if (kept.masked.length > 0) {
      const fields = kept.masked.map((p) => `“${secretFieldLabel(p)}”`).join(', ');
      throw new AppError(
        'validation',
        `The server shows ${fields} only masked, so the app cannot keep ${kept.masked.length > 1 ? 'their values' : 'its value'} through this change. Type the value again, or set it empty on purpose; nothing was changed.`,
      );
    }
    return kept.config;
  }

  // --- source templates -----------------------------------------------------------------------

  async sourceList(input: Omit<In<'sourceList'>, 'requestId'>, o: Options): Promise<Out<'sourceList'>> {
    const { profileId, client } = await this.active();
    // Tags and mode always explicit: the API's default mode differs per endpoint (§8.3).
    const list = await this.online(profileId, () => client.listSourceTemplates({ tags: input.tags, mode: input.mode, global: input.global }, o));
    return list.data.map(sourceTemplateItemView);
  }

  async sourceGet(id: string, o: Options): Promise<Out<'sourceGet'>> {
    const { profileId, client } = await this.active();
    return this.sourceTemplate(profileId, () => client.getSourceTemplate(id, o), templateErrors('source', id), client);
  }

  async sourceCreate(input: In<'sourceCreate'>): Promise<Out<'sourceCreate'>> {
    const { profileId, client } = await this.active();
    const body: Record<string, unknown> = {
      actor_definition_id: input.definitionId,
      partial_default_config: input.partialDefaultConfig,
      mode: input.mode,
      tags: input.tags,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.customization !== undefined ? { customization: input.customization } : {}),
    };
    return this.sourceTemplate(profileId, () => client.createSourceTemplate(body), templateErrors('source', input.definitionId), client);
  }

  async sourceClone(input: In<'sourceClone'>): Promise<Out<'sourceClone'>> {
    const { profileId, client } = await this.active();
    const body: Record<string, unknown> = {
      original_source_template_id: input.id,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.mode !== undefined ? { mode: input.mode } : {}),
    };
    return this.sourceTemplate(profileId, () => client.createSourceTemplate(body), templateErrors('source', input.id), client);
  }

  async sourceUpdate(input: In<'sourceUpdate'>): Promise<Out<'sourceUpdate'>> {
    const { profileId, client } = await this.active();
    const { changes } = input;
    const config = changes.partialDefaultConfig !== undefined ? await this.withServerSecrets(profileId, client, input.id, changes.partialDefaultConfig) : undefined;
    const body = {
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(config !== undefined ? { partial_default_config: config } : {}),
      ...(changes.customization !== undefined ? { customization: changes.customization } : {}),
      ...(changes.mode !== undefined ? { mode: changes.mode } : {}),
      // Always sent, true or false: the API's default (false) silently leaves existing sources as they were.
      propagate: input.propagate,
    };
    return this.sourceTemplate(profileId, () => client.patchSourceTemplate(input.id, body), templateErrors('source', input.id), client);
  }

  async sourceDelete(id: string): Promise<Out<'sourceDelete'>> {
    const { profileId, client } = await this.active();
    const deleted = await this.online(profileId, () => client.deleteSourceTemplate(id), templateErrors('source', id));
    return { id: deleted.id, deletedAt: deleted.deleted_at };
  }

  async sourceTag(input: In<'sourceTag'>): Promise<Out<'sourceTag'>> {
    const { profileId, client } = await this.active();
    return input.attach
      ? this.sourceTemplate(profileId, () => client.tagSourceTemplate(input.id, input.tag), templateErrors('source', input.id), client)
      : this.sourceTemplate(profileId, () => client.untagSourceTemplate(input.id, input.tag), detachErrors('source', input.id, input.tag), client);
  }

  // --- connection templates -------------------------------------------------------------------

  async connectionList(input: Omit<In<'connectionList'>, 'requestId'>, o: Options): Promise<Out<'connectionList'>> {
    const { profileId, client } = await this.active();
    const list = await this.online(profileId, () => client.listConnectionTemplates({ tags: input.tags, mode: input.mode }, o));
    return list.data.map(connectionTemplateView);
  }

  async connectionGet(id: string, o: Options): Promise<Out<'connectionGet'>> {
    const { profileId, client } = await this.active();
    return connectionTemplateView(await this.online(profileId, () => client.getConnectionTemplate(id, o), templateErrors('connection', id)));
  }

  async connectionCreate(input: In<'connectionCreate'>): Promise<Out<'connectionCreate'>> {
    const { profileId, client } = await this.active();
    const cron = input.cronExpression !== undefined ? { cron_expression: input.cronExpression } : {};
    // §7: the airbyte_hosted body is the type and the schedule (tags only when there are any).
    const body: Record<string, unknown> =
      input.dataHostingType === 'user_hosted'
        ? {
            data_hosting_type: 'user_hosted',
            destination_name: input.destinationName,
            destination_definition_id: input.destinationDefinitionId,
            destination_config: input.destinationConfig,
            non_breaking_changes_preference: input.nonBreakingChangesPreference,
            sync_on_create: input.syncOnCreate,
            tags: input.tags,
            ...cron,
          }
        : { data_hosting_type: 'airbyte_hosted', ...cron, ...(input.tags.length > 0 ? { tags: input.tags } : {}) };
    return connectionTemplateView(await this.online(profileId, () => client.createConnectionTemplate(body)));
  }

  async connectionUpdate(input: In<'connectionUpdate'>): Promise<Out<'connectionUpdate'>> {
    const { profileId, client } = await this.active();
    const { changes } = input;
    const body = {
      ...(changes.destinationName !== undefined ? { destination_name: changes.destinationName } : {}),
      ...(changes.destinationConfig !== undefined ? { destination_config: changes.destinationConfig } : {}),
      // null is sent as null: it clears the schedule.
      ...(changes.cronExpression !== undefined ? { cron_expression: changes.cronExpression } : {}),
      ...(changes.nonBreakingChangesPreference !== undefined ? { non_breaking_changes_preference: changes.nonBreakingChangesPreference } : {}),
      ...(changes.syncOnCreate !== undefined ? { sync_on_create: changes.syncOnCreate } : {}),
    };
    return connectionTemplateView(await this.online(profileId, () => client.patchConnectionTemplate(input.id, body), templateErrors('connection', input.id)));
  }

  async connectionDelete(id: string): Promise<Out<'connectionDelete'>> {
    const { profileId, client } = await this.active();
    const deleted = await this.online(profileId, () => client.deleteConnectionTemplate(id), templateErrors('connection', id));
    return { id: deleted.id, deletedAt: deleted.deleted_at };
  }

  async connectionTag(input: In<'connectionTag'>): Promise<Out<'connectionTag'>> {
    const { profileId, client } = await this.active();
    const template = input.attach
      ? await this.online(profileId, () => client.tagConnectionTemplate(input.id, input.tag), templateErrors('connection', input.id))
      : await this.online(profileId, () => client.untagConnectionTemplate(input.id, input.tag), detachErrors('connection', input.id, input.tag));
    return connectionTemplateView(template);
  }

  // --- connectors: server first, cache when offline -------------------------------------------

  private definitionsFromCache(profileId: string, reason: string): Out<'definitions'> {
    const cached = this.connectors.definitions(profileId);
    if (!cached) return { sources: [], destinations: [], from: 'none', cachedAt: null, offlineReason: reason };
    const specs = this.connectors.specIds(profileId);
    return {
      sources: cached.sources.map((s) => ({ ...s, specCached: specs.has(s.id) })),
      destinations: cached.destinations,
      from: 'cache',
      cachedAt: cached.cachedAt,
      offlineReason: reason,
    };
  }

  async definitions(o: Options): Promise<Out<'definitions'>> {
    const profileId = (await this.deps.profiles.activeProfile()).id;
    const known = this.recentlyUnreachable(profileId);
    if (known) return this.definitionsFromCache(profileId, known);
    let lists;
    try {
      lists = await this.online(profileId, () =>
        this.withinBudget(o.signal, async (options) => {
          const client = await this.deps.profiles.client(profileId);
          return Promise.all([client.sourceDefinitions(undefined, options), client.destinationDefinitions(options)]);
        }),
      );
    } catch (error) {
      if (o.signal?.aborted) throw cancelled();
      return this.definitionsFromCache(profileId, this.reasonOf(error, 'the list of connectors'));
    }
    const sources = lists[0].definitions.map(sourceDefinitionOf);
    const destinations = lists[1].destinations.map(destinationDefinitionOf);
    const cachedAt = new Date().toISOString();
    try {
      await this.connectors.storeDefinitions(profileId, sources, destinations, cachedAt);
    } catch (error) {
      // The answer is good all the same; only the offline copy is missing.
      this.deps.onError?.('The connector list could not be cached:', error);
    }
    const specs = this.connectors.specIds(profileId);
    return { sources: sources.map((s) => ({ ...s, specCached: specs.has(s.id) })), destinations, from: 'server', cachedAt, offlineReason: null };
  }

  /**
   * There is no spec endpoint: a source template carries its connector's spec, so any template of
   * that connector (the organization's first, else a global one) is read for it.
   */
  private async specFromServer(profileId: string, definitionId: string, options: CallOptions): Promise<ApiSourceTemplate | null> {
    const client = await this.deps.profiles.client(profileId);
    for (const global of [false, true]) {
      const list = await client.listSourceTemplates({ tags: [], mode: 'all', global }, options);
      const match = list.data.find((t) => definitionIdOf(t) === definitionId);
      if (match) return client.getSourceTemplate(match.id, options);
    }
    return null;
  }

  async spec(definitionId: string, o: Options): Promise<Out<'spec'>> {
    const profileId = (await this.deps.profiles.activeProfile()).id;
    const id = definitionId.toLowerCase();
    if (!this.recentlyUnreachable(profileId)) {
      try {
        const template = await this.online(profileId, () => this.withinBudget(o.signal, (options) => this.specFromServer(profileId, id, options)));
        const spec = template ? specOf(template) : null;
        if (template && spec) {
          this.keepSpec(profileId, template);
          return { definitionId: id, spec, from: 'server', secretPaths: secretPaths(spec) };
        }
        // Reached, but no template of this connector is left to read its spec from: the cache may still know it.
      } catch (error) {
        if (o.signal?.aborted) throw cancelled();
        if (!(error instanceof AppError)) this.deps.onError?.('Reading a connector spec failed unexpectedly:', error);
      }
    }
    const cached = this.connectors.spec(profileId, id);
    if (cached) return { definitionId: id, spec: cached.spec, from: 'cache', secretPaths: secretPaths(cached.spec) };
    return { definitionId: id, spec: null, from: 'none', secretPaths: [] };
  }

  // --- whitelist check ------------------------------------------------------------------------

  async catalogStreams(definitionId: string): Promise<Out<'catalogStreams'>> {
    const profileId = (await this.deps.profiles.activeProfile()).id;
    const id = definitionId.toLowerCase();
    const candidates = this.deps.catalogCache
      .connectors(profileId)
      .filter((c) => c.definitionId === id)
      .sort((a, b) => b.discoveredAt.localeCompare(a.discoveredAt));
    for (const candidate of candidates) {
      const key = `${profileId}\u0000${candidate.sourceId}\u0000${candidate.discoveredAt}`;
      let names = this.streamNames.get(key);
      if (!names) {
        const cached = await this.deps.catalogCache.read(profileId, candidate.sourceId);
        // Rediscovered or forgotten meanwhile: the next candidate (or the next call) answers.
        if (!cached || cached.discoveredAt !== candidate.discoveredAt) continue;
        // The cache answers the file's bytes (the contract's type also admits text and blobs).
        const bytes = typeof cached.text === 'string' ? Buffer.from(cached.text, 'utf8') : cached.text instanceof Uint8Array ? cached.text : null;
        const found = bytes ? catalogStreamNames(bytes) : null;
        if (found === null) {
          this.deps.onError?.(`The cached catalog of source ${candidate.sourceId} could not be read for its stream names.`, null);
          continue;
        }
        names = found;
        this.streamNames.set(key, names);
        if (this.streamNames.size > STREAM_NAME_LISTS) this.streamNames.delete(this.streamNames.keys().next().value ?? key);
      }
      return { streamNames: [...names], sourceName: candidate.sourceName ?? candidate.sourceId, discoveredAt: candidate.discoveredAt };
    }
    return null;
  }

  // --- cron and tags --------------------------------------------------------------------------

  async cronDescribe(expression: string, o: Options): Promise<Out<'cronDescribe'>> {
    const { profileId, client } = await this.active();
    const answer = await this.online(profileId, () => client.describeCron(expression, o));
    return { isValid: answer.is_valid, description: answer.description };
  }

  async tags(o: Options): Promise<Out<'tags'>> {
    const { profileId, client } = await this.active();
    return (await this.online(profileId, () => client.listTags(o))).data.map(tagView);
  }

  async tagCreate(name: string): Promise<Out<'tagCreate'>> {
    const { profileId, client } = await this.active();
    return tagView(await this.online(profileId, () => client.createTag(name), tagErrors(name)));
  }

  async tagRename(name: string, newName: string): Promise<Out<'tagRename'>> {
    const { profileId, client } = await this.active();
    return tagView(await this.online(profileId, () => client.renameTag(name, newName), tagErrors(name, newName)));
  }

  async tagDelete(name: string): Promise<Out<'tagDelete'>> {
    const { profileId, client } = await this.active();
    const deleted = await this.online(profileId, () => client.deleteTag(name), tagErrors(name));
    return { id: deleted.id, deletedAt: deleted.deleted_at };
  }
}
