import type { KeychainHealth, ShellKind } from '../preload/contract';
import { createRouter, type Handlers, type Router, type SenderPolicy } from './ipc/router';
import { buildAppReport } from './services/app-report';
import { ProfileService } from './services/profiles/profile-service';
import { ProfileStore } from './services/profiles/profile-store';
import { RegionRegistry } from './services/profiles/region-registry';
import { WorkspaceService } from './services/workspaces/workspace-service';
import { CatalogCache } from './services/catalog/catalog-cache';
import { CatalogService } from './services/catalog/catalog-service';
import { DiscoverProgressTable } from './services/catalog/discover-progress';
import { QueryStore } from './services/queries/query-store';
import { StreamsService } from './services/streams/streams-service';
import { CancellationRegistry } from './services/cancellation';
import { createLogger } from './services/log';
import { startSandbox } from './sandbox/server';
import { createSandboxHost, sandboxSeedFromEnv, type SandboxHost } from './services/sandbox-host';
import { KeychainSecretStore } from './services/vault/secret-store';
import { probeKeychain } from './services/vault/keychain-health';
import { loadKeytar, type KeytarLoader } from './services/vault/keytar-module';
import { WidgetService } from './services/widget/widget-service';
import { TemplatesService } from './services/templates/templates-service';
import { DraftsService } from './services/drafts/drafts-service';

export interface CoreOptions {
  shell: ShellKind;
  keytarLoader?: KeytarLoader;
  sandboxHost?: SandboxHost;
  /** The app's user-data folder: profiles.json and workspace-regions.json live here. */
  userDataDir: string;
  log?: (message: string) => void;
  /** The desktop shell's clipboard (Electron's, in main): the widget preview's "Copy token" writes there. */
  clipboard?: { writeText(text: string): void };
  /** EMBEDDED_CONSOLE_DRAFTS_DIR: the drafts folder, overriding the one chosen in the app (tests, scripts). */
  draftsDir?: string;
}

/**
 * The main-process core shared by both shells: services plus the handlers bound to the contract.
 * Each shell wraps it in a router with its own sender policy.
 */
export function createCore(options: CoreOptions) {
  const loader = options.keytarLoader ?? loadKeytar;
  // The stand-in widget must accept the console's own pages above the preview host (frame-ancestors
  // checks every ancestor): the widget service knows them (app://console, the browser shell's origin).
  const sandbox: SandboxHost =
    options.sandboxHost ??
    createSandboxHost(() => startSandbox({ port: 0, controls: false, seed: sandboxSeedFromEnv(), widgetFrameAncestors: (): string[] => widget.consoleOrigins() }));
  let keychain: Promise<KeychainHealth> | null = null;
  const keychainHealth = (refresh = false) => {
    if (refresh || !keychain) keychain = probeKeychain(loader);
    return keychain;
  };

  const logger = createLogger(options.log);
  const cancellation = new CancellationRegistry();
  const store = ProfileStore.inFolder(options.userDataDir);
  const regions = RegionRegistry.inFolder(options.userDataDir);
  const catalogCache = new CatalogCache(options.userDataDir);
  const queries = QueryStore.inFolder(options.userDataDir);
  const streams: StreamsService = new StreamsService({
    profiles: { activeProfile: () => profiles.activeProfile(), client: (id: string) => profiles.client(id) },
    catalogCache,
    userDataDir: options.userDataDir,
    onError: (message, error) => logger.error('streams', message, error),
  });
  const templates: TemplatesService = new TemplatesService({
    profiles: { activeProfile: () => profiles.activeProfile(), client: (id: string) => profiles.client(id) },
    catalogCache,
    userDataDir: options.userDataDir,
    onError: (message, error) => logger.error('templates', message, error),
  });
  const drafts: DraftsService = new DraftsService({
    profiles: { activeProfile: () => profiles.activeProfile(), client: (id: string) => profiles.client(id) },
    templates,
    userDataDir: options.userDataDir,
    envFolder: options.draftsDir,
    secrets: async () => ((await keychainHealth()).status === 'available' ? loader() : null),
    onError: (message, error) => logger.error('drafts', message, error),
  });
  const loaded = Promise.all([store.load(), regions.load(), catalogCache.load(), queries.load(), streams.load(), templates.load(), drafts.load()]);
  const profiles = new ProfileService({
    store,
    notices: (): Array<string | null> => [regions.notice, catalogCache.notice, queries.notice, streams.notice, templates.notice, drafts.notice],
    sandboxUrl: () => sandbox.url(),
    keychain: async () => {
      const health = await keychainHealth();
      return { health, store: health.status === 'available' ? new KeychainSecretStore(await loader()) : null };
    },
  });
  const workspaces = new WorkspaceService({ profiles, regions, sandboxRegion: (id) => sandbox.regionOf(id) });
  const catalogs = new CatalogService({
    profiles,
    cache: catalogCache,
    progress: new DiscoverProgressTable(),
    onCacheError: (error) => logger.error('catalog', 'a discovered catalog could not be cached:', error),
  });
  const widget: WidgetService = new WidgetService({
    profiles,
    regions,
    sandboxRegion: (id) => sandbox.regionOf(id),
    sandboxClock: { nowSeconds: () => sandbox.clockNowSeconds?.() ?? null, advance: (seconds) => sandbox.advanceClock?.(seconds) ?? false },
    shell: options.shell,
    clipboard: options.clipboard,
    onError: (message, error) => logger.error('widget', message, error),
  });
  const activeProfileId = async () => (await profiles.activeProfile()).id;

  // Every handler waits for the user-data files to be read once.
  const ready = async <T>(work: () => Promise<T>) => {
    await loaded;
    return work();
  };
  // Long calls carry an optional request id that `requests:cancel` aborts.
  const cancellable = <T>(requestId: string | undefined, work: (options: { signal?: AbortSignal }) => Promise<T>) =>
    ready(() => cancellation.run(requestId, (signal) => work(signal ? { signal } : {})));

  const handlers: Handlers = {
    app: {
      report: () =>
        ready(async () => {
          const active = await profiles.activeProfile();
          return buildAppReport({
            shell: options.shell,
            keychain: await keychainHealth(),
            activeProfile: { id: active.id, name: active.name, baseUrl: active.baseUrl },
          });
        }),
      checkKeychain: () => keychainHealth(true),
    },
    profiles: {
      list: () => ready(() => profiles.list()),
      create: (fields) => ready(() => profiles.create(fields)),
      update: ({ id, changes }) => ready(() => profiles.update(id, changes)),
      remove: ({ id }) => ready(async () => ({ removed: await profiles.remove(id) })),
      select: ({ id }) => ready(() => profiles.select(id)),
      testConnection: ({ id, requestId }) => cancellable(requestId, (o) => profiles.testConnection(id, o.signal)),
    },
    credentials: {
      set: ({ id, clientId, clientSecret, sessionOnly }) => ready(() => profiles.setCredentials(id, { client_id: clientId, client_secret: clientSecret }, sessionOnly)),
      clear: ({ id }) => ready(() => profiles.clearCredentials(id)),
      status: ({ id }) => ready(() => profiles.credentialStatus(id)),
    },
    workspaces: {
      list: ({ requestId, ...filters }) => cancellable(requestId, (o) => workspaces.list(filters, o)),
      stats: (input) => cancellable(input?.requestId, (o) => workspaces.stats(o)),
      get: ({ id, requestId }) => cancellable(requestId, (o) => workspaces.get(id, o)),
      sources: ({ id, requestId }) => cancellable(requestId, (o) => workspaces.sources(id, o)),
      templates: (input) => cancellable(input?.requestId, (o) => workspaces.templates(o)),
      create: ({ name, region }) => ready(() => workspaces.create(name, region)),
      rename: ({ id, name }) => ready(() => workspaces.rename(id, name)),
      setStatus: ({ id, status }) => ready(() => workspaces.setStatus(id, status)),
      remove: ({ id, confirmName }) => ready(() => workspaces.remove(id, confirmName)),
      setRegion: ({ id, region }) => ready(() => workspaces.setRegion(id, region)),
      suggestRegions: (input) => cancellable(input?.requestId, (o) => workspaces.suggestRegions(o)),
      setRegions: ({ items }) => ready(() => workspaces.setRegions(items)),
      exportRegions: () => ready(() => workspaces.exportRegions()),
      importRegions: ({ text, overwrite }) => ready(() => workspaces.importRegions(text, overwrite)),
    },
    catalog: {
      discover: (input) => cancellable(input.requestId, (o) => catalogs.discover(input, o.signal)),
      progress: async ({ requestId }) => catalogs.progress(requestId),
      cached: ({ sourceId }) => ready(() => catalogs.cached(sourceId)),
      cachedList: () => ready(() => catalogs.cachedList()),
      forget: ({ sourceId }) => ready(() => catalogs.forget(sourceId)),
      previous: ({ sourceId }) => ready(() => catalogs.previous(sourceId)),
      query: ({ requestId, ...input }) => cancellable(requestId, (o) => catalogs.queryOnServer(input, o.signal)),
    },
    queries: {
      list: () => ready(async () => queries.list(await activeProfileId())),
      save: (input) => ready(async () => queries.save(await activeProfileId(), input)),
      remove: ({ id }) => ready(async () => ({ removed: await queries.remove(await activeProfileId(), id) })),
      remember: ({ query }) => ready(async () => ({ history: await queries.remember(await activeProfileId(), query) })),
    },
    streams: {
      read: ({ requestId, ...input }) => cancellable(requestId, (o) => streams.read(input, o.signal)),
      apply: ({ requestId: _r, ...input }) => ready(() => streams.apply(input)),
      startRun: (input) => ready(() => streams.startRun(input)),
      runStatus: ({ runId }) => ready(() => streams.runStatus(runId)),
      runResults: ({ runId, offset, limit }) => ready(() => streams.runResults(runId, offset, limit)),
      pauseRun: ({ runId }) => ready(() => streams.pauseRun(runId)),
      resumeRun: ({ runId }) => ready(() => streams.resumeRun(runId)),
      cancelRun: ({ runId }) => ready(() => streams.cancelRun(runId)),
      retryFailed: ({ runId }) => ready(() => streams.retryFailed(runId)),
      runs: (input) => ready(() => streams.runs(input?.sourceId)),
    },
    widget: {
      checkOrigin: async ({ value }) => widget.checkOrigin(value),
      mint: (input) => ready(() => widget.mint(input)),
      status: async ({ previewId }) => widget.status(previewId),
      list: async () => widget.list(),
      events: async ({ previewId, after, limit }) => widget.events(previewId, after, limit),
      clearEvents: async ({ previewId }) => widget.clearEvents(previewId),
      refresh: ({ previewId }) => ready(() => widget.refresh(previewId)),
      expireNow: ({ previewId }) => ready(() => widget.expireNow(previewId)),
      copyToken: async ({ previewId, kind }) => widget.copyToken(previewId, kind),
      close: async ({ previewId }) => widget.close(previewId),
    },
    templates: {
      sourceList: ({ requestId, ...filter }) => cancellable(requestId, (o) => templates.sourceList(filter, o)),
      sourceGet: ({ id, requestId }) => cancellable(requestId, (o) => templates.sourceGet(id, o)),
      sourceCreate: (input) => ready(() => templates.sourceCreate(input)),
      sourceClone: (input) => ready(() => templates.sourceClone(input)),
      sourceUpdate: (input) => ready(() => templates.sourceUpdate(input)),
      sourceDelete: ({ id }) => ready(() => templates.sourceDelete(id)),
      sourceTag: (input) => ready(() => templates.sourceTag(input)),
      connectionList: ({ requestId, ...filter }) => cancellable(requestId, (o) => templates.connectionList(filter, o)),
      connectionGet: ({ id, requestId }) => cancellable(requestId, (o) => templates.connectionGet(id, o)),
      connectionCreate: (input) => ready(() => templates.connectionCreate(input)),
      connectionUpdate: (input) => ready(() => templates.connectionUpdate(input)),
      connectionDelete: ({ id }) => ready(() => templates.connectionDelete(id)),
      connectionTag: (input) => ready(() => templates.connectionTag(input)),
      definitions: (input) => cancellable(input?.requestId, (o) => templates.definitions(o)),
      spec: ({ definitionId, requestId }) => cancellable(requestId, (o) => templates.spec(definitionId, o)),
      catalogStreams: ({ definitionId }) => ready(() => templates.catalogStreams(definitionId)),
      cronDescribe: ({ expression, requestId }) => cancellable(requestId, (o) => templates.cronDescribe(expression, o)),
      tags: (input) => cancellable(input?.requestId, (o) => templates.tags(o)),
      tagCreate: ({ name }) => ready(() => templates.tagCreate(name)),
      tagRename: ({ name, newName }) => ready(() => templates.tagRename(name, newName)),
      tagDelete: ({ name }) => ready(() => templates.tagDelete(name)),
    },
    drafts: {
      folder: () => ready(() => drafts.folder()),
      setFolder: ({ path }) => ready(() => drafts.setFolder(path)),
      list: () => ready(() => drafts.list()),
      revision: () => ready(() => drafts.revision()),
      read: ({ file }) => ready(() => drafts.read(file)),
      save: (input) => ready(() => drafts.save(input)),
      remove: ({ file }) => ready(() => drafts.remove(file)),
      pull: (input) => cancellable(input?.requestId, (o) => drafts.pull(input?.requestId, o)),
      plan: ({ files, requestId }) => cancellable(requestId, (o) => drafts.plan(files, requestId, o)),
      resolve: ({ file, keep, requestId }) => cancellable(requestId, (o) => drafts.resolve(file, keep, o)),
      publish: ({ planId, propagate, requestId }) => cancellable(requestId, (o) => drafts.publish(planId, propagate, requestId, o)),
      progress: async ({ requestId }) => drafts.progress(requestId),
      secrets: () => ready(() => drafts.secretNames()),
      setSecret: ({ name, value }) => ready(() => drafts.setSecret(name, value)),
      removeSecret: ({ name }) => ready(() => drafts.removeSecret(name)),
    },
    requests: {
      detail: ({ id, full }) => ready(async () => profiles.requestDetail((await profiles.activeProfile()).id, id, full)),
      log: () => ready(async () => profiles.requestLog((await profiles.activeProfile()).id)),
      clear: () => ready(async () => ({ cleared: await profiles.clearRequestLog((await profiles.activeProfile()).id) })),
      cancel: async ({ requestId }) => ({ cancelled: cancellation.cancel(requestId) }),
    },
  };

  return {
    handlers,
    /** For the shells: the preview host's origin (started on demand), the frame origins their guards allow and the origins links may open in the OS browser. */
    widget: {
      start: () => widget.start(),
      allowEmbedder: (origin: string) => widget.allowEmbedder(origin),
      consoleOrigins: () => widget.consoleOrigins(),
      rendererFrameSources: () => widget.rendererFrameSources(),
      frameOrigins: () => widget.frameOrigins(),
      externalOrigins: () => widget.externalOrigins(),
    },
    /** Stops what the core started (the in-process sandbox) after queued user-data writes land. */
    close: async () => {
      await widget.closeAll();
      await streams.close();
      await drafts.close();
      await templates.flush();
      await Promise.all([store.flush(), regions.flush(), catalogCache.flush(), queries.flush()]);
      await profiles.close();
      await sandbox.stop();
    },
    createRouter<S>(policy: SenderPolicy<S>): Router<S> {
      return createRouter(handlers, policy, {
        onInternalError: (channel, error) => logger.error('ipc', `${channel} failed:`, error),
      });
    },
  };
}
