import type { OriginCheck, Region, RegionOrUnknown, ShellKind, TagsMode, WidgetEvent, WidgetPreview } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { APP_ORIGIN } from '../../security/app-scheme';
import type { AirbyteClient } from '../airbyte/airbyte-client';
import { createKeyedQueue } from '../keyed-queue';
import { SANDBOX_PROFILE_ID } from '../profiles/profile-store';
import { REGION_IDS, type RegionRegistry } from '../profiles/region-registry';
import { redactPayload, redactText, secretPathsOfSpec, sourceTemplateIdOf } from './event-redaction';
import { checkAllowedOrigin } from './origin-rules';
import { startPreviewHost, type PageEvent, type PreviewHandle, type PreviewHost } from './preview-host';
import { probeWidget, type Reachability } from './widget-probe';
import { decodeWidgetToken, WidgetTokenError, type DecodedWidgetToken } from './widget-token';

/**
 * The widget preview's main-process side: mint (§2.5), decode (§10.1), host the page (§10.5),
 * refresh before `exp`, keep a redacted event log. Tokens live only in the preview records here and
 * in the preview host's state for its page; every answer is built by `facts()`, which has no token
 * in reach.
 */

export interface WidgetFilters {
  sourceTemplateTags: string[];
  sourceTemplateTagsMode: TagsMode;
  connectionTemplateTags: string[];
  connectionTemplateTagsMode: TagsMode;
}

export type WidgetTarget = { kind: 'existing'; workspaceId: string } | { kind: 'new'; name: string; region: Region };

export interface MintInput {
  target: WidgetTarget;
  allowedOrigin?: string | undefined;
  filters: WidgetFilters;
  previewId?: string | undefined;
}

export interface WidgetServiceDeps {
  profiles: { activeProfile(): Promise<{ id: string }>; client(id: string): Promise<AirbyteClient> };
  regions: Pick<RegionRegistry, 'regionOf' | 'record'>;
  /** Where the in-process sandbox keeps a workspace (Sandbox profile only). */
  sandboxRegion?: (workspaceId: string) => Region | null;
  /** The in-process sandbox's clock (Sandbox profile only), for "Expire now". */
  sandboxClock?: { nowSeconds(): number | null; advance(seconds: number): boolean };
  shell: ShellKind;
  /** Electron's clipboard in the desktop shell; absent in the browser shell. */
  clipboard?: { writeText(text: string): void } | undefined;
  startHost?: () => Promise<PreviewHost>;
  probe?: (widgetUrl: string, allowedOrigin: string) => Promise<Reachability>;
  onError?: (message: string, error: unknown) => void;
  now?: () => number;
}

/** Refresh at this share of the token's lifetime (the issue: "at about 80 %"). */
export const REFRESH_AT = 0.8;
const MIN_REFRESH_MS = 5_000;
const RETRY_MS = 30_000;
/** A widget asking again within this long of a mint gets the token just minted, not another mint. */
const RENEW_DEBOUNCE_MS = 3_000;
const MAX_PREVIEWS = 10;
const MAX_EVENTS = 2_000;
const SPEC_TIMEOUT_MS = 3_000;

interface MintRequest {
  workspaceName: string;
  allowedOrigin: string;
  filters: WidgetFilters;
}

interface Preview {
  id: string;
  handle: PreviewHandle;
  profileId: string;
  sandbox: boolean;
  workspace: { id: string; name: string; region: RegionOrUnknown; created: boolean };
  request: MintRequest;
  originNotices: string[];
  originWarnings: string[];
  decoded: DecodedWidgetToken;
  mintedAtMs: number;
  state: 'live' | 'expired' | 'closed';
  refresh: { state: 'scheduled' | 'refreshing' | 'failed' | 'none'; nextAtMs: number | null; count: number; lastAtMs: number | null; lastError: string | null };
  timer: ReturnType<typeof setTimeout> | null;
  renewing: Promise<void> | null;
  reachability: Reachability;
  events: WidgetEvent[];
  seq: number;
  dropped: number;
}

/** ISO time, or null for none or a time no Date can hold (claims come from a server, not from us). */
function iso(ms: number | null): string | null {
  if (ms === null) return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function decodeOrExplain(raw: string): DecodedWidgetToken {
  try {
    return decodeWidgetToken(raw);
  } catch (error) {
    if (error instanceof WidgetTokenError) throw new AppError('server', `The API answered the widget-token request with a token the app cannot read. ${error.message}.`);
    throw error;
  }
}

export class WidgetService {
  private host: Promise<PreviewHost> | null = null;
  private started: PreviewHost | null = null;
  private readonly previews = new Map<string, Preview>();
  private readonly eventQueue = createKeyedQueue();
  private readonly createQueue = createKeyedQueue();
  private readonly specs = new Map<string, Promise<Set<string> | null>>();
  private closed = false;

  constructor(private readonly deps: WidgetServiceDeps) {}

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  /** Starts the preview host (once) and answers its origin; the desktop shell calls it before its window loads. */
  async start(): Promise<string> {
    if (this.closed) throw new AppError('conflict', 'The app is closing; the widget preview is no longer available.');
    this.host ??= (this.deps.startHost ?? (() => startPreviewHost({ onInternalError: (e) => this.deps.onError?.('preview host failed a request:', e) })))().then(
      (host) => (this.started = host),
      (error: unknown) => {
        this.host = null;
        throw new AppError('server', `The widget preview host could not start on a loopback port (${error instanceof Error ? error.message : String(error)}).`);
      },
    );
    return (await this.host).origin;
  }

  private readonly embedders = new Set<string>([APP_ORIGIN]);

  /** Another page that may frame previews (the browser shell's own origin). */
  async allowEmbedder(origin: string): Promise<void> {
    this.embedders.add(origin);
    await this.start();
    this.started?.allowEmbedder(origin);
  }

  /** The console's own pages that may show a preview (for the in-process sandbox widget's frame-ancestors). */
  consoleOrigins(): string[] {
    return [...this.embedders];
  }

  /** Frame sources the renderer's CSP allows: the preview host only (the renderer never frames the widget itself). */
  rendererFrameSources(): string[] {
    return this.started ? [this.started.origin] : [];
  }

  /**
   * Origins any subframe may navigate to (the desktop frame guard): the preview host and the widget
   * origins of the open previews — on the Sandbox profile that is the sandbox's stand-in widget.
   */
  frameOrigins(): string[] {
    if (!this.started) return [];
    const widgets = [...this.previews.values()].filter((p) => p.state !== 'closed').map((p) => p.decoded.facts().widgetOrigin);
    return [...new Set([this.started.origin, ...widgets])];
  }

  /**
   * Origins a link may open in the OS browser ("Open in browser" of a preview, the desktop shell's
   * window-open handler): the preview host, while at least one preview is open; nothing else.
   */
  externalOrigins(): string[] {
    if (!this.started) return [];
    return [...this.previews.values()].some((p) => p.state !== 'closed') ? [this.started.origin] : [];
  }

  checkOrigin(value: string): OriginCheck {
    return checkAllowedOrigin(value);
  }

  private preview(id: string): Preview {
    const preview = this.previews.get(id);
    if (!preview) throw new AppError('not_found', 'That widget preview is not open (it was closed, or the app restarted). Mint again.');
    return preview;
  }

  async mint(input: MintInput): Promise<WidgetPreview> {
    const origin = await this.start();
    const existing = input.previewId ? this.preview(input.previewId) : null;
    const profile = await this.deps.profiles.activeProfile();
    if (existing && existing.profileId !== profile.id) throw new AppError('conflict', 'That preview belongs to another profile; mint a new one for this profile.');
    const typed = input.allowedOrigin !== undefined && input.allowedOrigin !== origin;
    const found = checkAllowedOrigin(typed ? (input.allowedOrigin as string) : origin);
    if (!found.ok) {
      // The message is already one sentence that ends with what to write instead.
      throw new AppError('validation', found.message, { issues: [{ path: 'allowedOrigin', message: found.message }] });
    }
    // The preview host's own origin is opened by the app with exactly that host: warnings about how a
    // user might open a page (localhost vs 127.0.0.1) are noise on a shared screen there.
    const checked = typed ? found : { ...found, warnings: [] };
    const client = await this.deps.profiles.client(profile.id);
    const sandbox = profile.id === SANDBOX_PROFILE_ID;
    const request = (workspaceName: string): MintRequest => ({ workspaceName, allowedOrigin: checked.origin, filters: input.filters });

    let workspace: Preview['workspace'];
    let decoded: DecodedWidgetToken;
    if (input.target.kind === 'existing') {
      const read = await client.getWorkspace(input.target.workspaceId);
      decoded = await this.mintToken(client, request(read.name), sandbox, read.id);
      workspace = { id: read.id, name: read.name, region: this.regionOf(profile.id, read.id), created: false };
    } else {
      const { name, region } = input.target;
      // Mints that create run one at a time per profile and name, like workspaces:create.
      [workspace, decoded] = await this.createQueue(`${profile.id}\u0000${name}`, async () => {
        if (await client.findWorkspaceByName(name)) {
          throw new AppError('conflict', `A workspace named “${name}” already exists; nothing was created. Choose it from the list instead, or pick another name.`);
        }
        const minted = await this.mintToken(client, request(name), sandbox, null, REGION_IDS[region]);
        const workspaceId = minted.facts().claims.workspaceId;
        if (!workspaceId) throw new AppError('server', `The workspace “${name}” was created, but its token names no workspace, so its region (${region}) could not be recorded. Set it by hand in Workspaces.`);
        // The mint created the workspace: record its region exactly as workspaces:create does.
        await this.deps.regions.record(profile.id, workspaceId, region);
        return [{ id: workspaceId, name, region, created: true }, minted] as const;
      });
    }

    if (existing) {
      existing.workspace = workspace;
      existing.request = request(workspace.name);
      existing.originNotices = checked.notices;
      existing.originWarnings = checked.warnings;
      this.install(existing, decoded, 'minted again with new settings');
      return this.facts(existing);
    }
    return this.facts(this.open(profile.id, sandbox, workspace, request(workspace.name), checked, decoded));
  }

  private regionOf(profileId: string, workspaceId: string): RegionOrUnknown {
    const recorded = this.deps.regions.regionOf(profileId, workspaceId);
    if (recorded !== 'unknown' || profileId !== SANDBOX_PROFILE_ID) return recorded;
    return this.deps.sandboxRegion?.(workspaceId) ?? 'unknown';
  }

  /** One widget-token call, decoded and checked (workspace, https on real profiles). */
  private async mintToken(client: AirbyteClient, request: MintRequest, sandbox: boolean, workspaceId: string | null, regionId?: string): Promise<DecodedWidgetToken> {
    const raw = await client.widgetToken({
      workspace_name: request.workspaceName,
      allowed_origin: request.allowedOrigin,
      ...(regionId ? { region_id: regionId } : {}),
      selected_source_template_tags: request.filters.sourceTemplateTags,
      selected_source_template_tags_mode: request.filters.sourceTemplateTagsMode,
      selected_connection_template_tags: request.filters.connectionTemplateTags,
      selected_connection_template_tags_mode: request.filters.connectionTemplateTagsMode,
    });
    const decoded = decodeOrExplain(raw);
    const facts = decoded.facts();
    if (workspaceId && facts.claims.workspaceId && facts.claims.workspaceId !== workspaceId) {
      throw new AppError('server', `The widget token is for workspace ${facts.claims.workspaceId}, not ${workspaceId} (“${request.workspaceName}”): was the workspace renamed meanwhile? Reload the list and mint again.`);
    }
    if (!sandbox && new URL(facts.widgetUrl).protocol !== 'https:') {
      throw new AppError('server', `The API returned a widget URL that is not https (${facts.widgetOrigin}). On a real profile the preview loads the widget only over https, so nothing was opened.`);
    }
    return decoded;
  }

  private open(profileId: string, sandbox: boolean, workspace: Preview['workspace'], request: MintRequest, checked: Extract<OriginCheck, { ok: true }>, decoded: DecodedWidgetToken): Preview {
    const host = this.started;
    if (!host) throw new AppError('server', 'The widget preview host is not running.');
    // Too many previews: the oldest goes (each holds a token and a refresh timer).
    while (this.previews.size >= MAX_PREVIEWS) {
      const oldest = this.previews.keys().next().value;
      if (oldest === undefined) break;
      this.closePreview(oldest);
    }
    let preview: Preview | null = null;
    const handle = host.open({
      onEvents: (events) => (preview ? this.record(preview, events) : undefined),
      onRenew: () => (preview ? this.renew(preview) : undefined),
    });
    preview = {
      id: handle.id,
      handle,
      profileId,
      sandbox,
      workspace,
      request,
      originNotices: checked.notices,
      originWarnings: checked.warnings,
      decoded,
      mintedAtMs: this.now(),
      state: 'live',
      refresh: { state: 'none', nextAtMs: null, count: 0, lastAtMs: null, lastError: null },
      timer: null,
      renewing: null,
      reachability: { state: 'checking', message: null },
      events: [],
      seq: 0,
      dropped: 0,
    };
    this.previews.set(preview.id, preview);
    this.install(preview, decoded, null);
    return preview;
  }

  /** Makes a freshly minted token current: publish to the page, reschedule, re-check reachability when the URL moved. */
  private install(preview: Preview, decoded: DecodedWidgetToken, reason: string | null): void {
    const before = preview.decoded.facts().widgetUrl;
    const first = preview.events.length === 0 && preview.refresh.count === 0 && reason === null;
    preview.decoded = decoded;
    preview.mintedAtMs = this.now();
    preview.state = 'live';
    const facts = decoded.facts();
    preview.handle.publish({ token: decoded.scopedToken(), widgetUrl: facts.widgetUrl, widgetOrigin: facts.widgetOrigin, reason });
    this.note(preview, 'token_minted', reason ?? 'minted', { widgetUrl: facts.widgetUrl, expiresAt: facts.claims.exp === null ? null : iso(facts.claims.exp * 1000) });
    this.schedule(preview);
    if (first || facts.widgetUrl !== before) {
      preview.reachability = { state: 'checking', message: null };
      const probe = this.deps.probe ?? probeWidget;
      void probe(facts.widgetUrl, preview.request.allowedOrigin)
        .then((result) => {
          if (preview.decoded === decoded) preview.reachability = result;
          if (result.state === 'unreachable') this.note(preview, 'widget_unreachable', result.message, null);
        })
        .catch((error: unknown) => this.deps.onError?.('widget probe failed:', error));
    }
  }

  /** Lifetime from the claims (exp − iat: immune to clock skew), else exp − now. */
  private schedule(preview: Preview, delayOverrideMs?: number): void {
    if (preview.timer) clearTimeout(preview.timer);
    preview.timer = null;
    const { exp, iat } = preview.decoded.facts().claims;
    let delay = delayOverrideMs ?? null;
    if (delay === null && exp !== null) {
      const lifetimeMs = (iat !== null ? exp - iat : exp - this.now() / 1000) * 1000;
      delay = Math.max(MIN_REFRESH_MS, lifetimeMs * REFRESH_AT);
    }
    if (delay === null || this.closed) {
      preview.refresh = { ...preview.refresh, state: 'none', nextAtMs: null };
      return;
    }
    delay = Math.min(delay, 2 ** 31 - 1);
    preview.refresh = { ...preview.refresh, state: preview.refresh.state === 'failed' ? 'failed' : 'scheduled', nextAtMs: this.now() + delay };
    preview.timer = setTimeout(() => {
      void this.refreshPreview(preview, 'scheduled refresh at 80 % of the token’s lifetime').catch(() => undefined);
    }, delay);
    preview.timer.unref?.();
  }

  /** One mint at a time per preview; concurrent askers share it. */
  private refreshPreview(preview: Preview, reason: string): Promise<void> {
    if (preview.state === 'closed') return Promise.reject(new AppError('not_found', 'That widget preview was closed.'));
    preview.renewing ??= (async () => {
      preview.refresh = { ...preview.refresh, state: 'refreshing' };
      try {
        const client = await this.deps.profiles.client(preview.profileId);
        const decoded = await this.mintToken(client, preview.request, preview.sandbox, preview.workspace.id);
        if (preview.state === 'closed') return;
        preview.refresh = { ...preview.refresh, state: 'scheduled', count: preview.refresh.count + 1, lastAtMs: this.now(), lastError: null };
        this.install(preview, decoded, reason);
      } catch (error) {
        const message = error instanceof AppError ? error.message : 'the token could not be minted';
        preview.refresh = { ...preview.refresh, state: 'failed', lastError: message };
        this.note(preview, 'token_refresh_failed', message, null);
        if (preview.state !== 'closed') this.schedule(preview, RETRY_MS);
        throw error instanceof AppError ? error : new AppError('server', `Refreshing the widget token failed: ${message}.`);
      } finally {
        preview.renewing = null;
      }
    })();
    return preview.renewing;
  }

  /** The page says the widget asked again (its token was refused): mint, unless one was just minted. */
  private async renew(preview: Preview): Promise<void> {
    if (preview.state === 'live' && this.now() - preview.mintedAtMs < RENEW_DEBOUNCE_MS) {
      const facts = preview.decoded.facts();
      preview.handle.publish({ token: preview.decoded.scopedToken(), widgetUrl: facts.widgetUrl, widgetOrigin: facts.widgetOrigin, reason: 'the widget asked again; the token just minted was handed over' });
      return;
    }
    await this.refreshPreview(preview, 'the widget asked for a new token (its token was refused)').catch((error: unknown) => {
      if (!(error instanceof AppError)) this.deps.onError?.('widget renew failed:', error);
    });
  }

  async refresh(previewId: string): Promise<WidgetPreview> {
    const preview = this.preview(previewId);
    await this.refreshPreview(preview, 'refreshed on request');
    return this.facts(preview);
  }

  async expireNow(previewId: string): Promise<WidgetPreview> {
    const preview = this.preview(previewId);
    if (!preview.sandbox) {
      throw new AppError('forbidden', '“Expire now” moves the built-in sandbox’s clock; a real API’s clock cannot be moved. Use the Sandbox profile to show the expiry path, or wait for the token to expire.');
    }
    const clock = this.deps.sandboxClock;
    const sandboxNow = clock?.nowSeconds() ?? null;
    if (!clock || sandboxNow === null) throw new AppError('conflict', 'The built-in sandbox is not running, so its clock cannot be moved. Mint again on the Sandbox profile first.');
    const exp = preview.decoded.facts().claims.exp;
    const seconds = Math.max(1, (exp ?? sandboxNow) - sandboxNow + 1);
    clock.advance(seconds);
    preview.state = 'expired';
    this.note(preview, 'expire_now', `Moved the sandbox clock ${seconds} s forward: the token is expired; the widget’s next call gets a 401 and it asks for a new token.`, null);
    return this.facts(preview);
  }

  copyToken(previewId: string, kind: 'widget' | 'scoped'): { copied: true; kind: 'widget' | 'scoped' } {
    const preview = this.preview(previewId);
    if (this.deps.shell !== 'desktop' || !this.deps.clipboard) {
      throw new AppError('forbidden', 'The browser shell cannot copy the token: only the page could write it to the clipboard, and the console’s pages never hold a token. Use the desktop app to copy it.');
    }
    this.deps.clipboard.writeText(kind === 'widget' ? preview.decoded.widgetToken() : preview.decoded.scopedToken());
    this.note(preview, 'token_copied', `The ${kind} token was put on the clipboard.`, null);
    return { copied: true, kind };
  }

  status(previewId: string): WidgetPreview {
    return this.facts(this.preview(previewId));
  }

  list(): WidgetPreview[] {
    return [...this.previews.values()].map((p) => this.facts(p));
  }

  events(previewId: string, after: number | undefined, limit: number) {
    const preview = this.preview(previewId);
    const from = after ?? 0;
    const events = preview.events.filter((e) => e.seq > from).slice(0, limit);
    return { events, cursor: events.at(-1)?.seq ?? Math.max(from, 0), dropped: preview.dropped };
  }

  clearEvents(previewId: string): { cleared: number } {
    const preview = this.preview(previewId);
    const cleared = preview.events.length;
    preview.events = [];
    return { cleared };
  }

  close(previewId: string): { closed: boolean } {
    return { closed: this.closePreview(previewId) };
  }

  private closePreview(id: string): boolean {
    const preview = this.previews.get(id);
    if (!preview) return false;
    if (preview.timer) clearTimeout(preview.timer);
    preview.timer = null;
    preview.state = 'closed';
    preview.handle.close();
    this.previews.delete(id);
    return true;
  }

  /** Stops every refresh and the host (app quit). */
  async closeAll(): Promise<void> {
    this.closed = true;
    for (const id of [...this.previews.keys()]) this.closePreview(id);
    const host = this.host;
    this.host = null;
    this.started = null;
    if (host) await host.then((h) => h.close()).catch(() => undefined);
  }

  // --- event log ----------------------------------------------------------------------------------

  private push(preview: Preview, event: Omit<WidgetEvent, 'seq'>): void {
    preview.seq++;
    preview.events.push({ seq: preview.seq, ...event });
    if (preview.events.length > MAX_EVENTS) {
      preview.dropped += preview.events.length - MAX_EVENTS;
      preview.events.splice(0, preview.events.length - MAX_EVENTS);
    }
  }

  /** Main's own entries (mints, refreshes, expire now). */
  private note(preview: Preview, type: string, note: string | null, payload: unknown): void {
    this.push(preview, { at: new Date(this.now()).toISOString(), direction: 'host', type, payload: redactPayload(payload), note: note === null ? null : redactText(note) });
  }

  /** The page's reports, in arrival order per preview, redacted before they are stored. */
  private record(preview: Preview, events: PageEvent[]): Promise<void> {
    return this.eventQueue(preview.id, async () => {
      for (const event of events) {
        const templateId = event.direction === 'in' ? sourceTemplateIdOf(event.payload) : null;
        const secretPaths = templateId ? await this.secretPaths(preview.profileId, templateId) : null;
        let note = event.note === null ? null : redactText(event.note);
        if (templateId && secretPaths === null) note = `${note ? `${note} ` : ''}(The template’s spec could not be read: secrets were redacted by name and shape only.)`;
        this.push(preview, { at: event.at, direction: event.direction, type: redactText(event.type), payload: redactPayload(event.payload, secretPaths ?? new Set()), note });
      }
    });
  }

  /** airbyte_secret paths of a source template's spec, cached per profile and template; null when unreadable. */
  private secretPaths(profileId: string, templateId: string): Promise<Set<string> | null> {
    const key = `${profileId}\u0000${templateId}`;
    let found = this.specs.get(key);
    if (!found) {
      found = (async () => {
        try {
          const client = await this.deps.profiles.client(profileId);
          const template = await client.getSourceTemplate(templateId, { timeoutMs: SPEC_TIMEOUT_MS });
          return secretPathsOfSpec(template.user_config_spec?.connectionSpecification ?? null);
        } catch {
          this.specs.delete(key); // try again next time
          return null;
        }
      })();
      this.specs.set(key, found);
      if (this.specs.size > 500) this.specs.delete(this.specs.keys().next().value ?? key);
    }
    return found;
  }

  // --- facts: the only shape that leaves this service ------------------------------------------

  private facts(preview: Preview): WidgetPreview {
    const { widgetUrl, widgetOrigin, claims } = preview.decoded.facts();
    const previewOrigin = this.started?.origin ?? '';
    return {
      previewId: preview.id,
      previewUrl: preview.handle.url,
      previewOrigin,
      profileId: preview.profileId,
      sandbox: preview.sandbox,
      workspace: { ...preview.workspace },
      allowedOrigin: preview.request.allowedOrigin,
      originNotices: [...preview.originNotices],
      originWarnings: [...preview.originWarnings],
      originMatchesPreviewHost: preview.request.allowedOrigin === previewOrigin,
      widgetUrl,
      widgetOrigin,
      filters: {
        sourceTemplateTags: [...preview.request.filters.sourceTemplateTags],
        sourceTemplateTagsMode: preview.request.filters.sourceTemplateTagsMode,
        connectionTemplateTags: [...preview.request.filters.connectionTemplateTags],
        connectionTemplateTagsMode: preview.request.filters.connectionTemplateTagsMode,
      },
      token: {
        mintedAt: new Date(preview.mintedAtMs).toISOString(),
        issuedAt: claims.iat === null ? null : iso(claims.iat * 1000),
        expiresAt: claims.exp === null ? null : iso(claims.exp * 1000),
        lifetimeSeconds: claims.exp !== null && claims.iat !== null ? claims.exp - claims.iat : null,
        workspaceId: claims.workspaceId,
        issuer: claims.issuer,
        type: claims.type,
        roles: [...claims.roles],
      },
      refresh: {
        state: preview.refresh.state,
        nextAt: iso(preview.refresh.nextAtMs),
        count: preview.refresh.count,
        lastAt: iso(preview.refresh.lastAtMs),
        lastError: preview.refresh.lastError,
      },
      state: preview.state,
      reachability: { ...preview.reachability },
      now: new Date(this.now()).toISOString(),
    };
  }
}
