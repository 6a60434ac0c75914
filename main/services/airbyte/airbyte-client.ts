import { z } from 'zod';
import { AppError } from '../../ipc/app-error';
import type { CurlAuth } from '../http/curl-snippet';
import type { HttpClient, HttpRequest, HttpTextResponse, TextRequestOptions } from '../http/http-client';
import type { ClientCredentials } from '../vault/secret-store';
import { jwtExpiryMs } from '../tokens/jwt-claims';
import { TokenCache } from '../tokens/token-cache';
import {
  catalogSchema,
  createdSourceSchema,
  cronDescriptionSchema,
  destinationDefinitionsSchema,
  fullConnectionTemplateSchema,
  sourceDefinitionsSchema,
  sourceTemplateSchema,
  tagListSchema,
  tagSchema,
  connectionTemplateListSchema,
  deletedSchema,
  operatorTokenSchema,
  scopedTokenInfoSchema,
  sourceListSchema,
  sourceTemplateListSchema,
  streamConfigSchema,
  tokenSchema,
  workspacePageSchema,
  workspaceSchema,
  workspaceStatsSchema,
  type ApiWorkspace,
  type StreamConfig,
} from './schemas';

export interface AirbyteClientConfig {
  baseUrl: string;
  /** Overrides where operator tokens are minted. */
  tokenUrl?: string | undefined;
  /** Sent as X-Organization-Id when set. */
  organizationId?: string | undefined;
  /**
   * Releases the client credentials for a mint at `tokenUrl` (the provider refuses a destination
   * the secret was not saved for), or null when there are none.
   */
  credentials: (tokenUrl: string) => Promise<ClientCredentials | null>;
  http: HttpClient;
  now?: () => number;
}

export interface WorkspaceRef {
  id: string;
  name: string;
}

export interface WorkspaceFilters {
  nameContains?: string;
  status?: 'active' | 'inactive';
  limit?: number;
}

export interface CallOptions {
  /** Cancels the call (the renderer's cancel button ends up here). */
  signal?: AbortSignal;
  timeoutMs?: number;
}

const DISCOVER_TIMEOUT_MS = 120_000;
/** catalog/query answers the bare JMESPath result: any JSON. */
const anyJsonSchema = z.unknown();
/** DELETE of a stream answers 204 with no body. */
const noBodySchema = z.undefined();

/**
 * One typed function per endpoint of the contract. Tokens are minted, cached and renewed here and
 * never leave this object: callers pass workspace references, not tokens.
 */
export class AirbyteClient {
  private readonly cache: TokenCache;
  private readonly base: URL;

  constructor(private readonly config: AirbyteClientConfig) {
    this.cache = new TokenCache(config.now);
    this.base = new URL(config.baseUrl);
  }

  private url(path: string, query?: URLSearchParams): string {
    const url = new URL(path, this.base);
    if (query) url.search = query.toString();
    return url.toString();
  }

  private headers(): Record<string, string> {
    return this.config.organizationId ? { 'x-organization-id': this.config.organizationId } : {};
  }

  private async parse<S extends z.ZodType>(schema: S, body: unknown, what: string): Promise<z.output<S>> {
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new AppError('server', `The API answered ${what} in an unexpected shape.`, { retryable: false });
    return parsed.data;
  }

  // --- tokens ---------------------------------------------------------------------------------

  private operatorToken(options: { force?: boolean; rejected?: string } = {}): Promise<string> {
    return this.cache.get(
      'operator',
      async () => {
        const tokenUrl = this.config.tokenUrl ?? this.url('/api/v1/account/applications/token');
        const credentials = await this.config.credentials(tokenUrl);
        if (!credentials) throw new AppError('unauthorized', 'This profile has no client credentials yet; set a client id and secret.');
        const now = (this.config.now ?? Date.now)();
        let res;
        try {
          res = await this.config.http.send({
            method: 'POST',
            url: tokenUrl,
            // Exactly the two fields: nothing else a store keeps beside them travels.
            body: { client_id: credentials.client_id, client_secret: credentials.client_secret },
            headers: this.headers(),
            idempotent: true,
            what: 'getting an operator token',
          });
        } catch (error) {
          if (error instanceof AppError && (error.status === 401 || error.status === 403)) {
            throw new AppError('unauthorized', 'The API rejected this profile’s client id or secret. Check them and save again.', { status: error.status });
          }
          throw error;
        }
        const body = await this.parse(operatorTokenSchema, res.body, 'the token request');
        return { token: body.access_token, expiresAtMs: now + body.expires_in * 1000 };
      },
      options,
    );
  }

  private async mintScoped(workspaceName: string, regionId?: string): Promise<string> {
    const body = await this.operatorCall(tokenSchema, 'getting a workspace token', (token) => ({
      method: 'POST',
      url: this.url('/api/v1/embedded/scoped-token'),
      token,
      body: { workspace_name: workspaceName, ...(regionId ? { region_id: regionId } : {}) },
      // Minting finds or creates: repeating it is harmless, so it may be retried.
      idempotent: true,
    }));
    return body.token;
  }

  /**
   * A scoped token for exactly this workspace: minted with the name just read for that id, then
   * checked with scoped-token/info (after a rename, an old name would silently create a new workspace).
   */
  private scopedToken(workspace: WorkspaceRef, options: { force?: boolean; rejected?: string } = {}): Promise<string> {
    return this.cache.get(
      `scoped:${workspace.id}`,
      async () => {
        const token = await this.mintScoped(workspace.name);
        const info = await this.scopedTokenInfoWith(token, workspace.name);
        if (info.workspace_id !== workspace.id) {
          throw new AppError('conflict', `The workspace named “${workspace.name}” is no longer ${workspace.id}; it was renamed or deleted. Reload the list.`);
        }
        return { token, expiresAtMs: jwtExpiryMs(token) ?? (this.config.now ?? Date.now)() + 1_200_000 };
      },
      options,
    );
  }

  private async scopedTokenInfoWith(token: string, workspaceName?: string) {
    const res = await this.config.http.send({
      method: 'GET',
      url: this.url('/api/v1/embedded/scoped-token/info'),
      token,
      ...(workspaceName !== undefined ? { curlAuth: this.curlAuth(workspaceName) } : {}),
      idempotent: true,
      what: 'checking a workspace token',
      headers: this.headers(),
    });
    return this.parse(scopedTokenInfoSchema, res.body, 'the token check');
  }

  /** How a call's token is minted, for the request log's "Copy as curl": operator, or scoped to a workspace name. */
  private curlAuth(workspaceName?: string): CurlAuth {
    const tokenUrl = this.config.tokenUrl ?? this.url('/api/v1/account/applications/token');
    return workspaceName === undefined ? { kind: 'operator', tokenUrl } : { kind: 'scoped', tokenUrl, scopedTokenUrl: this.url('/api/v1/embedded/scoped-token'), workspaceName };
  }

  /** Runs an operator-authenticated call; on 401 re-mints once and retries once. */
  private async operatorCall<S extends z.ZodType>(schema: S, what: string, build: (token: string) => Omit<HttpRequest, 'what'>, options: CallOptions = {}): Promise<z.output<S>> {
    return this.authed(schema, what, (t) => ({ curlAuth: this.curlAuth(), ...build(t) }), (o) => this.operatorToken(o), options);
  }

  private async scopedCall<S extends z.ZodType>(workspace: WorkspaceRef, schema: S, what: string, build: (token: string) => Omit<HttpRequest, 'what'>, options: CallOptions = {}): Promise<z.output<S>> {
    return this.authed(schema, what, (t) => ({ curlAuth: this.curlAuth(workspace.name), ...build(t) }), (o) => this.scopedToken(workspace, o), options);
  }

  private async authed<S extends z.ZodType>(
    schema: S,
    what: string,
    build: (token: string) => Omit<HttpRequest, 'what'>,
    token: (options: { force?: boolean; rejected?: string }) => Promise<string>,
    options: CallOptions,
  ): Promise<z.output<S>> {
    const first = await token({});
    const send = (t: string) => {
      const req = build(t);
      return this.config.http.send({
        ...req,
        what,
        headers: { ...this.headers(), ...req.headers },
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
    };
    try {
      return await this.parse(schema, (await send(first)).body, what);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 401) throw error;
      const renewed = await token({ force: true, rejected: first });
      return this.parse(schema, (await send(renewed)).body, what);
    }
  }

  // --- workspaces -----------------------------------------------------------------------------

  /**
   * One page of workspaces. `next` is what the previous page answered (a URL on this profile's
   * origin, or a bare cursor); it is checked before the bearer is sent anywhere.
   */
  async workspacePage(filters: WorkspaceFilters = {}, next?: string, options: CallOptions = {}) {
    const query = new URLSearchParams();
    if (filters.nameContains) query.set('name_contains', filters.nameContains);
    if (filters.status) query.set('status', filters.status);
    query.set('limit', String(filters.limit ?? 100));
    const url = next === undefined ? this.url('/api/v1/workspaces', query) : this.nextUrl(next, query);
    if (url === null) return { data: [], next: null };
    const page = await this.operatorCall(workspacePageSchema, 'listing workspaces', (token) => ({ method: 'GET', url, token, idempotent: true }), options);
    return { data: page.data, next: page.next === '' || page.next === undefined ? null : page.next };
  }

  /** Every page of workspaces, following `next` only on this profile's origin (the bearer never leaves). */
  async *workspacePages(filters: WorkspaceFilters = {}, options: CallOptions = {}): AsyncGenerator<ApiWorkspace[]> {
    let page = await this.workspacePage(filters, undefined, options);
    yield page.data;
    while (page.next !== null) {
      page = await this.workspacePage(filters, page.next, options);
      yield page.data;
    }
  }

  private nextUrl(next: string | null, query: URLSearchParams): string | null {
    if (next === null || next === '') return null;
    let parsed: URL | null = null;
    try {
      parsed = new URL(next);
    } catch {
      parsed = null;
    }
    if (!parsed) {
      const q = new URLSearchParams(query);
      q.set('cursor', next);
      return this.url('/api/v1/workspaces', q);
    }
    if (parsed.origin !== this.base.origin) {
      throw new AppError('server', `The API pointed the next page at ${parsed.origin}, not ${this.base.origin}; the app does not send credentials there.`);
    }
    return parsed.toString();
  }

  workspaceStats(options?: CallOptions) {
    return this.operatorCall(workspaceStatsSchema, 'counting workspaces', (token) => ({ method: 'GET', url: this.url('/api/v1/workspaces/stats'), token, idempotent: true }), options);
  }

  getWorkspace(id: string, options?: CallOptions) {
    return this.operatorCall(workspaceSchema, 'reading a workspace', (token) => ({ method: 'GET', url: this.url(`/api/v1/workspaces/${encodeURIComponent(id)}`), token, idempotent: true }), options);
  }

  updateWorkspace(id: string, patch: { name?: string; status?: 'active' | 'inactive'; cache_enabled?: boolean | null }, options?: CallOptions) {
    return this.operatorCall(workspaceSchema, 'updating a workspace', (token) => ({ method: 'PUT', url: this.url(`/api/v1/workspaces/${encodeURIComponent(id)}`), token, body: patch, idempotent: true }), options);
  }

  async deleteWorkspace(id: string, options?: CallOptions) {
    const deleted = await this.operatorCall(deletedSchema, 'deleting a workspace', (token) => ({ method: 'DELETE', url: this.url(`/api/v1/workspaces/${encodeURIComponent(id)}`), token, idempotent: true }), options);
    this.cache.forget(`scoped:${id}`);
    return deleted;
  }

  /** Creates a workspace the only way the API allows: a first mint with its name and region. */
  async createWorkspace(name: string, regionId: string, options: CallOptions = {}): Promise<{ workspaceId: string; created: boolean }> {
    const before = await this.findWorkspaceByName(name, options);
    if (before) return { workspaceId: before.id, created: false };
    return { workspaceId: await this.mintWorkspace(name, regionId), created: true };
  }

  /** Mints a scoped token by name (which creates the workspace when absent) and answers its id. */
  async mintWorkspace(name: string, regionId: string): Promise<string> {
    const token = await this.mintScoped(name, regionId);
    return (await this.scopedTokenInfoWith(token)).workspace_id;
  }

  /** The workspace with exactly this name, or null; names are unique per organization. */
  async findWorkspaceByName(name: string, options: CallOptions = {}): Promise<ApiWorkspace | null> {
    for await (const page of this.workspacePages({ nameContains: name }, options)) {
      const found = page.find((w) => w.name === name);
      if (found) return found;
    }
    return null;
  }

  // --- sources, catalog, streams (scoped) -----------------------------------------------------

  listSources(workspace: WorkspaceRef, options?: CallOptions) {
    return this.scopedCall(workspace, sourceListSchema, 'listing sources', (token) => ({ method: 'GET', url: this.url('/api/v1/embedded/sources'), token, idempotent: true }), options);
  }

  discover(workspace: WorkspaceRef, sourceId: string, options?: CallOptions) {
    return this.scopedCall(workspace, catalogSchema, 'discovering the catalog', (token) => ({
      method: 'GET', url: this.url(`/api/v1/integrations/sources/${encodeURIComponent(sourceId)}/discover`), token, idempotent: true, timeoutMs: DISCOVER_TIMEOUT_MS,
    }), options);
  }

  /**
   * The discover answer as text, as received, with progress while it arrives: neither parsed nor
   * schema-checked here (a 36 MB catalog parsed in main blocks it for seconds). The caller checks
   * what it needs; the renderer's worker parses it once. On a 401 the token is re-minted once.
   */
  async discoverText(workspace: WorkspaceRef, sourceId: string, options: CallOptions & TextRequestOptions = {}): Promise<HttpTextResponse> {
    const what = 'discovering the catalog';
    const url = this.url(`/api/v1/integrations/sources/${encodeURIComponent(sourceId)}/discover`);
    const text: TextRequestOptions = {
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
    };
    const send = (token: string) =>
      this.config.http.sendText(
        {
          method: 'GET',
          url,
          token,
          curlAuth: this.curlAuth(workspace.name),
          idempotent: true,
          what,
          headers: this.headers(),
          timeoutMs: options.timeoutMs ?? DISCOVER_TIMEOUT_MS,
          ...(options.signal ? { signal: options.signal } : {}),
        },
        text,
      );
    const first = await this.scopedToken(workspace);
    try {
      return await send(first);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 401) throw error;
      return send(await this.scopedToken(workspace, { force: true, rejected: first }));
    }
  }

  queryCatalog(workspace: WorkspaceRef, sourceId: string, jmesQuery: string, options?: CallOptions): Promise<unknown> {
    return this.scopedCall(workspace, anyJsonSchema, 'querying the catalog', (token) => ({
      method: 'POST', url: this.url(`/api/v1/integrations/sources/${encodeURIComponent(sourceId)}/catalog/query`), token, body: { jmes_query: jmesQuery }, idempotent: true,
    }), options);
  }

  addStream(workspace: WorkspaceRef, sourceId: string, settings: Partial<StreamConfig> & { stream_name: string }, options?: CallOptions) {
    return this.scopedCall(workspace, streamConfigSchema, `adding stream ${settings.stream_name}`, (token) => ({
      method: 'POST', url: this.url(`/api/v1/integrations/sources/${encodeURIComponent(sourceId)}/streams`), token, body: settings, idempotent: false,
    }), options);
  }

  patchStream(workspace: WorkspaceRef, sourceId: string, streamName: string, patch: unknown[], options?: CallOptions) {
    return this.scopedCall(workspace, streamConfigSchema, `updating stream ${streamName}`, (token) => ({
      method: 'PATCH', url: this.url(`/api/v1/integrations/sources/${encodeURIComponent(sourceId)}/streams/${encodeURIComponent(streamName)}`), token, body: patch, idempotent: false,
    }), options);
  }

  async removeStream(workspace: WorkspaceRef, sourceId: string, streamName: string, options?: CallOptions): Promise<void> {
    await this.scopedCall(workspace, noBodySchema, `removing stream ${streamName}`, (token) => ({
      method: 'DELETE', url: this.url(`/api/v1/integrations/sources/${encodeURIComponent(sourceId)}/streams/${encodeURIComponent(streamName)}`), token, idempotent: true,
    }), options);
  }

  // --- templates (operator) -------------------------------------------------------------------

  listSourceTemplates(filter: { tags?: string[]; mode?: 'any' | 'all'; global?: boolean } = {}, options?: CallOptions) {
    const q = new URLSearchParams();
    for (const tag of filter.tags ?? []) q.append('tags', tag);
    q.set('tags_mode', filter.mode ?? 'all'); // always explicit: the API's defaults differ per endpoint
    if (filter.global) q.set('use_global', 'true');
    return this.operatorCall(sourceTemplateListSchema, 'listing source templates', (token) => ({ method: 'GET', url: this.url('/api/v1/integrations/templates/sources', q), token, idempotent: true }), options);
  }

  listConnectionTemplates(filter: { tags?: string[]; mode?: 'any' | 'all' } = {}, options?: CallOptions) {
    const q = new URLSearchParams();
    for (const tag of filter.tags ?? []) q.append('tags', tag);
    q.set('tags_mode', filter.mode ?? 'all');
    return this.operatorCall(connectionTemplateListSchema, 'listing connection templates', (token) => ({ method: 'GET', url: this.url('/api/v1/integrations/templates/connections', q), token, idempotent: true }), options);
  }

  createSourceTemplate(body: Record<string, unknown>, options?: CallOptions) {
    // A create is never repeated without the user's word (it would make a second template).
    return this.operatorCall(sourceTemplateSchema, 'creating a source template', (token) => ({ method: 'POST', url: this.url('/api/v1/integrations/templates/sources'), token, body, idempotent: false }), options);
  }

  getSourceTemplate(id: string, options?: CallOptions) {
    return this.operatorCall(sourceTemplateSchema, 'reading a source template', (token) => ({ method: 'GET', url: this.url(`/api/v1/integrations/templates/sources/${encodeURIComponent(id)}`), token, idempotent: true }), options);
  }

  /** `propagate` is always sent: its default (false) is easy to forget and changes existing sources. */
  patchSourceTemplate(id: string, changes: Record<string, unknown> & { propagate: boolean }, options?: CallOptions) {
    return this.operatorCall(sourceTemplateSchema, 'updating a source template', (token) => ({ method: 'PATCH', url: this.url(`/api/v1/integrations/templates/sources/${encodeURIComponent(id)}`), token, body: changes, idempotent: false }), options);
  }

  deleteSourceTemplate(id: string, options?: CallOptions) {
    return this.operatorCall(deletedSchema, 'deleting a source template', (token) => ({ method: 'DELETE', url: this.url(`/api/v1/integrations/templates/sources/${encodeURIComponent(id)}`), token, idempotent: true }), options);
  }

  tagSourceTemplate(id: string, tag: string, options?: CallOptions) {
    return this.operatorCall(sourceTemplateSchema, 'tagging a source template', (token) => ({ method: 'POST', url: this.url(`/api/v1/integrations/templates/sources/${encodeURIComponent(id)}/tags`), token, body: { tag }, idempotent: true }), options);
  }

  untagSourceTemplate(id: string, tag: string, options?: CallOptions) {
    return this.operatorCall(sourceTemplateSchema, 'untagging a source template', (token) => ({ method: 'DELETE', url: this.url(`/api/v1/integrations/templates/sources/${encodeURIComponent(id)}/tags/${encodeURIComponent(tag)}`), token, idempotent: true }), options);
  }

  createConnectionTemplate(body: Record<string, unknown>, options?: CallOptions) {
    return this.operatorCall(fullConnectionTemplateSchema, 'creating a connection template', (token) => ({ method: 'POST', url: this.url('/api/v1/integrations/templates/connections'), token, body, idempotent: false }), options);
  }

  getConnectionTemplate(id: string, options?: CallOptions) {
    return this.operatorCall(fullConnectionTemplateSchema, 'reading a connection template', (token) => ({ method: 'GET', url: this.url(`/api/v1/integrations/templates/connections/${encodeURIComponent(id)}`), token, idempotent: true }), options);
  }

  patchConnectionTemplate(id: string, changes: Record<string, unknown>, options?: CallOptions) {
    return this.operatorCall(fullConnectionTemplateSchema, 'updating a connection template', (token) => ({ method: 'PATCH', url: this.url(`/api/v1/integrations/templates/connections/${encodeURIComponent(id)}`), token, body: changes, idempotent: false }), options);
  }

  deleteConnectionTemplate(id: string, options?: CallOptions) {
    return this.operatorCall(deletedSchema, 'deleting a connection template', (token) => ({ method: 'DELETE', url: this.url(`/api/v1/integrations/templates/connections/${encodeURIComponent(id)}`), token, idempotent: true }), options);
  }

  tagConnectionTemplate(id: string, tag: string, options?: CallOptions) {
    return this.operatorCall(fullConnectionTemplateSchema, 'tagging a connection template', (token) => ({ method: 'POST', url: this.url(`/api/v1/integrations/templates/connections/${encodeURIComponent(id)}/tags`), token, body: { tag }, idempotent: true }), options);
  }

  untagConnectionTemplate(id: string, tag: string, options?: CallOptions) {
    return this.operatorCall(fullConnectionTemplateSchema, 'untagging a connection template', (token) => ({ method: 'DELETE', url: this.url(`/api/v1/integrations/templates/connections/${encodeURIComponent(id)}/tags/${encodeURIComponent(tag)}`), token, idempotent: true }), options);
  }

  describeCron(cronExpression: string, options?: CallOptions) {
    return this.operatorCall(cronDescriptionSchema, 'describing a schedule', (token) => ({ method: 'POST', url: this.url('/api/v1/integrations/templates/connections/cron/describe'), token, body: { cron_expression: cronExpression }, idempotent: true }), options);
  }

  // --- tags (operator) ------------------------------------------------------------------------

  listTags(options?: CallOptions) {
    return this.operatorCall(tagListSchema, 'listing tags', (token) => ({ method: 'GET', url: this.url('/api/v1/integrations/templates/tags'), token, idempotent: true }), options);
  }

  createTag(name: string, options?: CallOptions) {
    return this.operatorCall(tagSchema, 'creating a tag', (token) => ({ method: 'POST', url: this.url('/api/v1/integrations/templates/tags'), token, body: { name }, idempotent: false }), options);
  }

  renameTag(name: string, newName: string, options?: CallOptions) {
    return this.operatorCall(tagSchema, 'renaming a tag', (token) => ({ method: 'PUT', url: this.url(`/api/v1/integrations/templates/tags/${encodeURIComponent(name)}`), token, body: { name: newName }, idempotent: true }), options);
  }

  deleteTag(name: string, options?: CallOptions) {
    return this.operatorCall(deletedSchema, 'deleting a tag', (token) => ({ method: 'DELETE', url: this.url(`/api/v1/integrations/templates/tags/${encodeURIComponent(name)}`), token, idempotent: true }), options);
  }

  // --- definitions, sources, widget -----------------------------------------------------------

  sourceDefinitions(name?: string, options?: CallOptions) {
    const q = new URLSearchParams(name ? { name } : {});
    return this.operatorCall(sourceDefinitionsSchema, 'listing connectors', (token) => ({ method: 'GET', url: this.url('/api/v1/integrations/definitions/sources', q), token, idempotent: true }), options);
  }

  destinationDefinitions(options?: CallOptions) {
    return this.operatorCall(destinationDefinitionsSchema, 'listing destinations', (token) => ({ method: 'GET', url: this.url('/api/v1/integrations/definitions/destinations'), token, idempotent: true }), options);
  }

  createSource(workspace: WorkspaceRef, body: { name: string; source_template_id: string; source_config?: Record<string, unknown>; selected_connection_template_tags?: string[]; selected_connection_template_tags_mode?: 'any' | 'all' }, options?: CallOptions) {
    return this.scopedCall(workspace, createdSourceSchema, 'creating a source', (token) => ({
      method: 'POST', url: this.url('/api/v1/embedded/sources'), token,
      // The tag mode is always explicit (its default differs from the template lists').
      body: { selected_connection_template_tags_mode: 'any', ...body, workspace_id: workspace.id }, idempotent: false,
    }), options);
  }

  /** A widget token (base64 of {token, widgetUrl}); it carries a scoped token, so it stays in main. */
  async widgetToken(body: { workspace_name: string; allowed_origin: string; region_id?: string; selected_source_template_tags?: string[]; selected_source_template_tags_mode?: 'any' | 'all'; selected_connection_template_tags?: string[]; selected_connection_template_tags_mode?: 'any' | 'all' }, options?: CallOptions): Promise<string> {
    const result = await this.operatorCall(tokenSchema, 'getting a widget token', (token) => ({
      method: 'POST', url: this.url('/api/v1/embedded/widget-token'), token,
      body: { selected_source_template_tags_mode: 'any', selected_connection_template_tags_mode: 'any', ...body }, idempotent: true,
    }), options);
    return result.token;
  }
}
