import { create } from 'zustand';
import { bulkTextBody, type Api, type AppErrorShape, type ChannelOutput, type QueryLibrary, type SavedQuery } from '../../../preload/contract';
import { fromResult, idle, type Loadable } from '../../state/loadable';
import { createWorkspaceSearch, type SourceRef, type WorkspaceRef } from '../sources/source-picking';
import { debounce, type CatalogWorkerClient, type Debounced } from './query/catalog-worker-client';
import type { CompletionList, DiffAnswer, QueryAnswer, WorkerError } from './worker/protocol';
import type { JsonDifference } from './query/server-compare';
import type { StreamRow } from './table/stream-row';

type WorkspacePage = ChannelOutput<'workspaces', 'list'>;
type WorkspaceSource = ChannelOutput<'workspaces', 'sources'>[number];
export type { SourceRef, WorkspaceRef };

export type CatalogPhase =
  | 'none' // no source picked
  | 'checking' // looking for a cached catalog
  | 'empty' // no cached catalog: offer Discover
  | 'discovering'
  | 'parsing'
  | 'ready'
  | 'error'
  | 'closed'; // the area was left: worker and catalog let go, the source kept for reopening from the cache

export interface Progress {
  bytesReceived: number;
  elapsedMs: number;
}

export interface CatalogInfo {
  streamCount: number;
  rows: StreamRow[];
  discoveredAt: string;
  bytes: number;
  /** Shown from the disk cache (not discovered in this session). */
  fromCache: boolean;
  cacheNotice: string | null;
  /** Set when Cancel was pressed but the discovery had already finished: the user is told why it is shown. */
  lateCancelNotice?: string;
}

export interface SelectedStream {
  index: number;
  name: string;
  status: 'loading' | 'ready' | 'error';
  text: string | null;
  error: string | null;
}

export type Evaluation =
  | { status: 'idle' }
  | { status: 'ok'; expression: string; answer: QueryAnswer; at: string }
  | { status: 'error'; expression: string; error: WorkerError };

/** "Run on server": the server's answer to `expression`, compared with the local engine's. */
export type ServerCheck =
  | { status: 'idle' }
  | { status: 'running'; expression: string; requestId: string }
  | { status: 'agree'; expression: string; count: number | null; ms: number }
  | { status: 'differ'; expression: string; difference: JsonDifference; ms: number }
  /** The server refused the query (a 400) and the local engine did too. */
  | { status: 'both-invalid'; expression: string; serverMessage: string; localMessage: string }
  /** The server refused the query (a 400), the local engine answered it. */
  | { status: 'refused'; expression: string; serverMessage: string }
  /** The server answered, the local engine failed (`localMessage`). */
  | { status: 'local-failed'; expression: string; localMessage: string; ms: number }
  | { status: 'cancelled'; expression: string }
  /** The call or the comparison failed (network, server error, not JSON, worker failure). */
  | { status: 'error'; expression: string; error: AppErrorShape };

export interface CatalogState {
  workspaceSearch: string;
  workspaces: Loadable<WorkspacePage['items']>;
  sources: Loadable<WorkspaceSource[]>;
  workspace: WorkspaceRef | null;
  source: SourceRef | null;

  phase: CatalogPhase;
  catalog: CatalogInfo | null;
  /** Why the last discover or load failed, in words (phase `error`, or a failed rediscover over a shown catalog). */
  error: AppErrorShape | null;
  /** Set when the user cancelled the last discover. */
  cancelled: boolean;
  progress: Progress | null;
  requestId: string | null;
  /** What changed since the version a rediscover replaced. */
  diff: (DiffAnswer & { previousDiscoveredAt: string }) | null;
  selected: SelectedStream | null;

  expression: string;
  /** An evaluation is waiting for the worker or running for `expression`. */
  pending: boolean;
  evaluation: Evaluation;
  library: Loadable<QueryLibrary>;
  libraryError: AppErrorShape | null;
  server: ServerCheck;

  searchWorkspaces(text: string): Promise<void>;
  pickWorkspace(workspace: WorkspaceRef | null): Promise<void>;
  pickSource(source: SourceRef | null): Promise<void>;
  /** From a workspace's detail: pick both at once. */
  openSource(workspace: WorkspaceRef, source: SourceRef): Promise<void>;
  discover(): Promise<void>;
  cancel(): Promise<void>;
  selectStream(row: StreamRow): Promise<void>;
  setExpression(text: string): void;
  evaluateNow(): void;
  completions(expression: string, offset: number): Promise<CompletionList>;
  loadLibrary(): Promise<void>;
  saveQuery(name: string, query: string, id?: string, note?: string): Promise<SavedQuery | null>;
  removeQuery(id: string): Promise<void>;
  /** Sends the current expression to the server's catalog/query and compares the answers (in the worker). */
  runOnServer(): Promise<void>;
  /** Cancels a running "Run on server". */
  cancelServer(): Promise<void>;
  /** Another profile: forget everything of the old one. */
  reset(): void;
  /**
   * Leaving the area: the worker (and the parsed catalog in it) and the stream rows are let go, so
   * the memory is given back; the source and the query stay. A running discover is left to finish.
   */
  close(profileId: string | null): void;
  /**
   * Entering the area: starts the worker ahead of need; reopens the closed source from the cache, or starts
   * blank when the profile changed meanwhile.
   */
  reopen(profileId: string | null): Promise<void>;
}

/** Everything the store holds apart from its actions and the typed query: the start, and what reset returns to. */
function blankState() {
  return {
    workspaceSearch: '',
    workspaces: idle,
    sources: idle,
    workspace: null,
    source: null,
    phase: 'none',
    catalog: null,
    error: null,
    cancelled: false,
    progress: null,
    requestId: null,
    diff: null,
    selected: null,
    pending: false,
    evaluation: { status: 'idle' },
    library: idle,
    libraryError: null,
    server: { status: 'idle' },
  } satisfies Partial<CatalogState>;
}

export interface CatalogStoreDeps {
  /** The worker client, made once (the real one imports the worker lazily). */
  createWorker: () => Promise<CatalogWorkerClient>;
  pollMs?: number;
  /** How long the user must pause on a query with a good answer before it goes into the history. */
  rememberMs?: number;
  newRequestId?: () => string;
  now?: () => Date;
}

const errorOf = (message: string, code: AppErrorShape['code'] = 'internal'): AppErrorShape => ({ code, message, retryable: true });
const workerMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * The Catalog & JMESPath area: source picking, discover (with progress and cancel) or the cached catalog,
 * the stream index from the worker, one stream's JSON on demand, live queries through the worker client
 * (each keystroke evaluated at once when the worker is free, only the latest text when it is busy — see the
 * worker client; only the latest answer shown), the saved queries and history (a query is remembered once the
 * user pauses on it with a current, successful answer).
 */
export function createCatalogStore(api: Api, deps: CatalogStoreDeps) {
  const pollMs = deps.pollMs ?? 200;
  const newRequestId = deps.newRequestId ?? (() => crypto.randomUUID());
  const now = deps.now ?? (() => new Date());
  let worker: Promise<CatalogWorkerClient> | null = null;
  const client = () => (worker ??= deps.createWorker());
  /** Terminates the worker: the parsed catalog goes with it (a new one is made on the next use). */
  const releaseWorker = () => {
    const w = worker;
    worker = null;
    void w?.then((c) => c.dispose(), () => undefined);
  };
  /** The request id of the discover the user asked to cancel. */
  let cancelAsked: string | null = null;
  /** The profile that was active when the area was left. */
  let closedFor: string | null = null;
  /** Bumped on every source pick or discover: answers for an older one are dropped. */
  let generation = 0;
  /** Bumped on every "Run on server" (and source change): older answers are dropped. */
  let serverGeneration = 0;
  let poll: ReturnType<typeof setInterval> | null = null;
  const stopPoll = () => {
    if (poll !== null) clearInterval(poll);
    poll = null;
  };

  return create<CatalogState>()((set, get) => {
    const workspaceSearch = createWorkspaceSearch(api, set);
    const remember: Debounced<[string]> = debounce((query: string) => {
      void api.queries.remember({ query }).then((result) => {
        const lib = get().library;
        if (result.ok && lib.status === 'ready') set({ library: { status: 'ready', value: { ...lib.value, history: result.value.history } } });
      });
    }, deps.rememberMs ?? 1500);

    /** Evaluates the current text; answers whether it succeeded and is still the text shown. */
    async function evaluate(): Promise<boolean> {
      const expression = get().expression;
      if (get().phase !== 'ready' || expression.trim() === '') {
        set({ pending: false, evaluation: { status: 'idle' } });
        return false;
      }
      set({ pending: true });
      const w = await client();
      const result = await w.query(expression);
      if (result.status === 'abandoned' || result.id !== w.latestQueryId) return false;
      const current = get().expression === expression;
      if (result.ok) {
        const { status: _s, id: _i, expression: _e, ok: _o, ...answer } = result;
        set({ pending: !current, evaluation: { status: 'ok', expression, answer, at: now().toISOString() } });
        // A prefix typed on the way to the real query answers after the text moved on: never history.
        if (current) remember(expression);
        return current;
      }
      set({ pending: !current, evaluation: { status: 'error', expression, error: result.error } });
      return false;
    }

    /** Loads catalog text into the worker and shows its streams. */
    async function show(gen: number, text: string | Blob, info: Omit<CatalogInfo, 'streamCount' | 'rows'>): Promise<boolean> {
      set({ phase: 'parsing' });
      try {
        const answer = await (await client()).load(text);
        if (gen !== generation) return false;
        set({ phase: 'ready', catalog: { ...info, streamCount: answer.streamCount, rows: answer.rows }, error: null, selected: null });
        if (get().expression.trim() !== '') void evaluate();
        return true;
      } catch (error) {
        if (gen !== generation) return false;
        set({ phase: 'error', catalog: null, error: errorOf(workerMessage(error)) });
        return false;
      }
    }

    async function openCached(source: SourceRef): Promise<void> {
      const gen = ++generation;
      stopPoll();
      set({ source, phase: 'checking', catalog: null, error: null, cancelled: false, progress: null, requestId: null, diff: null, selected: null, evaluation: { status: 'idle' }, server: { status: 'idle' } });
      const cached = await api.catalog.cached({ sourceId: source.id });
      if (gen !== generation) return;
      if (!cached.ok) {
        set({ phase: 'error', error: cached.error });
        return;
      }
      if (cached.value === null) {
        set({ phase: 'empty' });
        return;
      }
      await show(gen, bulkTextBody(cached.value.text), { discoveredAt: cached.value.discoveredAt, bytes: cached.value.bytes, fromCache: true, cacheNotice: null });
    }

    return {
      ...blankState(),
      expression: '',

      searchWorkspaces: (text) => workspaceSearch.search(text),

      pickWorkspace: async (workspace) => {
        ++generation;
        stopPoll();
        set({ workspace, source: null, sources: workspace ? { status: 'loading' } : idle, phase: 'none', catalog: null, error: null, diff: null, selected: null, progress: null, server: { status: 'idle' } });
        if (!workspace) return;
        const result = await api.workspaces.sources({ id: workspace.id });
        if (get().workspace?.id !== workspace.id) return;
        set({ sources: fromResult(result) });
        // One source: there is nothing to choose, so it is picked (its cached catalog opens).
        const only = result.ok && result.value.length === 1 ? result.value[0] : undefined;
        if (only && get().source === null) await get().pickSource({ id: only.id, name: only.name });
      },

      pickSource: async (source) => {
        if (!source) {
          ++generation;
          stopPoll();
          set({ source: null, phase: 'none', catalog: null, error: null, diff: null, selected: null, server: { status: 'idle' } });
          return;
        }
        await openCached(source);
      },

      openSource: async (workspace, source) => {
        set({ workspace, sources: { status: 'loading' } });
        const sources = api.workspaces.sources({ id: workspace.id }).then((result) => {
          if (get().workspace?.id === workspace.id) set({ sources: fromResult(result) });
        });
        await Promise.all([sources, openCached(source)]);
      },

      discover: async () => {
        const { workspace, source } = get();
        if (!workspace || !source) return;
        const gen = ++generation;
        const requestId = newRequestId();
        cancelAsked = null;
        stopPoll();
        set({ phase: 'discovering', requestId, progress: { bytesReceived: 0, elapsedMs: 0 }, error: null, cancelled: false, diff: null });
        poll = setInterval(() => {
          void api.catalog.progress({ requestId }).then((result) => {
            if (gen !== generation || get().phase !== 'discovering' || !result.ok) return;
            if (result.value.state === 'unknown') return;
            set({ progress: { bytesReceived: result.value.bytesReceived, elapsedMs: result.value.elapsedMs } });
          });
        }, pollMs);
        const result = await api.catalog.discover({ workspaceId: workspace.id, sourceId: source.id, requestId });
        if (gen !== generation) return;
        stopPoll();
        set({ requestId: null });
        if (!result.ok) {
          const cancelled = result.error.code === 'cancelled';
          // A shown catalog stays shown when a rediscover fails or is cancelled.
          set({ phase: get().catalog ? 'ready' : cancelled ? 'empty' : 'error', cancelled, error: cancelled ? null : result.error });
          return;
        }
        const found = result.value;
        const late = cancelAsked === requestId ? { lateCancelNotice: 'Cancel came too late: the discovery had already finished, so this is the newly discovered catalog.' } : {};
        const shown = await show(gen, bulkTextBody(found.text), { discoveredAt: found.discoveredAt, bytes: found.bytes, fromCache: false, cacheNotice: found.cacheNotice, ...late });
        if (!shown || found.previousDiscoveredAt === null) return;
        const previous = await api.catalog.previous({ sourceId: source.id });
        if (gen !== generation || !previous.ok || previous.value === null) return;
        try {
          const diff = await (await client()).diff(bulkTextBody(previous.value.text));
          if (gen === generation) set({ diff: { ...diff, previousDiscoveredAt: previous.value.discoveredAt } });
        } catch {
          // A previous version that no longer parses: no change summary, the catalog is shown all the same.
        }
      },

      cancel: async () => {
        const requestId = get().requestId;
        if (!requestId) return;
        cancelAsked = requestId;
        await api.requests.cancel({ requestId });
      },

      selectStream: async (row) => {
        const gen = generation;
        set({ selected: { index: row.index, name: row.name, status: 'loading', text: null, error: null } });
        try {
          const text = await (await client()).stream(row.index);
          if (gen !== generation || get().selected?.index !== row.index) return;
          set({ selected: { index: row.index, name: row.name, status: 'ready', text, error: null } });
        } catch (error) {
          if (gen !== generation || get().selected?.index !== row.index) return;
          set({ selected: { index: row.index, name: row.name, status: 'error', text: null, error: workerMessage(error) } });
        }
      },

      setExpression: (text) => {
        if (text === get().expression) return;
        set({ expression: text, pending: text.trim() !== '' && get().phase === 'ready' });
        remember.cancel();
        void evaluate();
      },

      evaluateNow: () => {
        // Ctrl/Cmd+Enter is a deliberate run: a good answer goes into the history at once.
        void evaluate().then((ok) => ok && remember.flush());
      },

      completions: async (expression, offset) => {
        if (get().phase !== 'ready') return { items: [], replaceStart: offset, replaceEnd: offset, incomplete: false };
        return (await client()).completions(expression, offset);
      },

      loadLibrary: async () => {
        const result = await api.queries.list();
        set({ library: fromResult(result) });
      },

      saveQuery: async (name, query, id, note) => {
        const result = await api.queries.save({ name, query, note: note ?? '', ...(id ? { id } : {}) });
        if (!result.ok) {
          set({ libraryError: result.error });
          return null;
        }
        const lib = get().library;
        const saved = result.value;
        if (lib.status === 'ready') {
          const others = lib.value.saved.filter((q) => q.id !== saved.id);
          set({ library: { status: 'ready', value: { ...lib.value, saved: [saved, ...others] } } });
        } else {
          await get().loadLibrary();
        }
        set({ libraryError: null });
        // A saved query is one the user means: it goes into the history too.
        remember(saved.query);
        remember.flush();
        return saved;
      },

      removeQuery: async (id) => {
        const result = await api.queries.remove({ id });
        if (!result.ok) {
          set({ libraryError: result.error });
          return;
        }
        const lib = get().library;
        if (lib.status === 'ready') set({ library: { status: 'ready', value: { ...lib.value, saved: lib.value.saved.filter((q) => q.id !== id) } } });
        set({ libraryError: null });
      },

      runOnServer: async () => {
        const { workspace, source, expression, phase } = get();
        if (!workspace || !source || phase !== 'ready' || expression.trim() === '') return;
        const gen = ++serverGeneration;
        const catalogGen = generation;
        const requestId = newRequestId();
        const stillCurrent = () => gen === serverGeneration && catalogGen === generation;
        set({ server: { status: 'running', expression, requestId } });
        const result = await api.catalog.query({ workspaceId: workspace.id, sourceId: source.id, query: expression, requestId });
        if (!stillCurrent()) return;
        if (!result.ok && result.error.code === 'cancelled') {
          set({ server: { status: 'cancelled', expression } });
          return;
        }
        const refused = !result.ok && result.error.code === 'validation';
        // A 500 may be the server's library failing on the expression (a Python TypeError the local engine predicts).
        const crashed = !result.ok && result.error.code === 'server' && result.error.details?.status === 500;
        if (!result.ok && !refused && !crashed) {
          set({ server: { status: 'error', expression, error: result.error } });
          return;
        }
        try {
          // Parsing and comparing happen in the worker: the server's text may be many MB.
          const answer = await (await client()).compare(expression, result.ok ? result.value.resultText : null);
          if (!stillCurrent()) return;
          if (!result.ok && crashed) {
            const predicted = answer.localError?.kind === 'type' && answer.localError.pythonType !== undefined && answer.localError.pythonType !== 'JMESPathTypeError';
            set({
              server: predicted && answer.localError
                ? { status: 'both-invalid', expression, serverMessage: `The server failed on it (HTTP 500), as this app predicted: ${result.error.message}`, localMessage: answer.localError.summary }
                : { status: 'error', expression, error: result.error },
            });
            return;
          }
          if (!result.ok) {
            const serverMessage = result.error.message;
            set({
              server: answer.localError
                ? { status: 'both-invalid', expression, serverMessage, localMessage: answer.localError.summary }
                : { status: 'refused', expression, serverMessage },
            });
            return;
          }
          const { ms } = result.value;
          if (answer.localError) set({ server: { status: 'local-failed', expression, localMessage: answer.localError.summary, ms } });
          else if (answer.serverParseError !== null) set({ server: { status: 'error', expression, error: errorOf(`The server’s answer is not JSON: ${answer.serverParseError}`, 'server') } });
          else if (answer.difference) set({ server: { status: 'differ', expression, difference: answer.difference, ms } });
          else set({ server: { status: 'agree', expression, count: answer.count, ms } });
        } catch (error) {
          if (stillCurrent()) set({ server: { status: 'error', expression, error: errorOf(`Comparing the answers failed: ${workerMessage(error)}`) } });
        }
      },

      cancelServer: async () => {
        const server = get().server;
        if (server.status === 'running') await api.requests.cancel({ requestId: server.requestId });
      },

      reset: () => {
        ++generation;
        ++serverGeneration;
        stopPoll();
        remember.cancel();
        releaseWorker();
        // The typed query stays: a profile switch should not throw away what the user was writing.
        set(blankState());
      },

      close: (profileId) => {
        closedFor = profileId;
        if (get().phase === 'discovering') return;
        ++generation;
        ++serverGeneration;
        releaseWorker();
        set({ phase: get().source ? 'closed' : 'none', catalog: null, selected: null, diff: null, pending: false, evaluation: { status: 'idle' }, server: { status: 'idle' } });
      },

      reopen: async (profileId) => {
        if (closedFor !== null && profileId !== null && closedFor !== profileId) {
          get().reset();
          return;
        }
        // The worker starts now (its script loads and compiles) while the user picks a source or the cache is read.
        void client().then((c) => c.warm(), () => undefined);
        const source = get().source;
        if (get().phase === 'closed' && source) await openCached(source);
      },
    };
  });
}

/** One byte formatter for the whole app (the inspector shows the same download the same size). */
export { formatBytes } from '../../../lib/format/bytes';

/** "3.4 s", "120 ms". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
