/**
 * The main thread's side of the catalog worker (../worker/worker.ts). It owns the worker and keeps the catalog
 * TEXT (a string, or a Blob of the bytes: outside the JS heap), never the parsed object, so it can respawn a
 * worker and reload it. Queries:
 * - each gets an id; only the latest query's answer is ever delivered as current;
 * - a new query abandons the one still running: the old promise settles at once as `abandoned`, and its answer,
 *   when the worker sends it, is dropped;
 * - at most one query is posted to the worker at a time; a query asked for while the worker still evaluates an
 *   abandoned one waits as the one `queued` query (a newer one replaces it) and is posted when the worker answers.
 *   Typing therefore never piles evaluations up in the worker: each keystroke is evaluated at once when the worker
 *   is free, and only the latest text when it was busy (a leading-edge debounce, no fixed delay);
 * - a posted query still unanswered after `queryTimeoutMs` is a runaway: the worker is terminated, a new one
 *   spawned and reloaded with the kept text; the query, if it is still the latest, is answered with a `timeout`
 *   error, else the queued latest one gets its own turn on the new worker.
 * Workers are injected (`spawn`), so tests drive the client with a fake.
 */
import type {
  CatalogText,
  CompareAnswer,
  CompletionList,
  DiffAnswer,
  LoadAnswer,
  QueryAnswer,
  WorkerError,
  WorkerRequest,
  WorkerResponse,
} from '../worker/protocol';

/** What the client needs of a Worker. */
export interface WorkerLike {
  postMessage(message: WorkerRequest, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<WorkerResponse>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  terminate(): void;
}

export interface CatalogWorkerClientOptions {
  spawn: () => WorkerLike;
  /** A query unanswered after this long is stopped (the worker is restarted). Default 2,000 ms. */
  queryTimeoutMs?: number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export type QueryResult =
  | ({ status: 'done'; id: number; expression: string; ok: true } & QueryAnswer)
  | { status: 'done'; id: number; expression: string; ok: false; error: WorkerError; ms: number | null }
  /** A newer query was started before this one answered; show nothing for it. */
  | { status: 'abandoned'; id: number; expression: string };

export interface CatalogWorkerClient {
  /**
   * Sends the catalog text and parses it there. A Blob (the browser shell's bulk answer) is passed by
   * reference and kept as is; an ArrayBuffer is transferred (the caller's copy is emptied).
   */
  load(text: string | ArrayBuffer | Blob): Promise<LoadAnswer>;
  /** One stream's JSON text. */
  stream(index: number): Promise<string>;
  /** Evaluates against `{streams}`; abandons the previous query. Never rejects. */
  query(expression: string): Promise<QueryResult>;
  /** Id of the latest query: a result with another id is stale. */
  readonly latestQueryId: number;
  diff(previousText: string | ArrayBuffer | Blob): Promise<DiffAnswer>;
  completions(expression: string, offset: number): Promise<CompletionList>;
  /** Evaluates `expression` in the worker and compares it with the server's answer text there (null: refused). */
  compare(expression: string, serverText: string | null): Promise<CompareAnswer>;
  /** Starts the worker now, so its script has loaded and compiled before the first request needs it. */
  warm(): void;
  /** Workers spawned so far (1 + restarts after runaway queries or crashes). */
  readonly spawnCount: number;
  dispose(): void;
}

/** Rejections of the non-query requests carry the worker's error. */
export class CatalogWorkerError extends Error {
  override readonly name = 'CatalogWorkerError';
  constructor(readonly error: WorkerError) {
    super(error.summary);
  }
}

interface RunningQuery {
  id: number;
  expression: string;
  resolve: (r: QueryResult) => void;
}

interface Pending {
  type: WorkerRequest['type'];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

const internal = (summary: string, kind: WorkerError['kind'] = 'internal'): WorkerError => ({ kind, message: summary, summary, position: null });

export function createCatalogWorkerClient(options: CatalogWorkerClientOptions): CatalogWorkerClient {
  const timeoutMs = options.queryTimeoutMs ?? 2000;
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));

  let worker: WorkerLike | null = null;
  let spawnCount = 0;
  let nextId = 1;
  let latestQueryId = 0;
  let disposed = false;
  /** The text to reload a respawned worker with, as a Blob (off the JS heap). */
  let kept: Blob | null = null;
  const pending = new Map<number, Pending>();
  /** The latest query: the caller waits for its answer. It is either `posted` or `queued`. */
  let runningQuery: RunningQuery | null = null;
  /** The one query the current worker is evaluating (possibly abandoned since), with its time limit. */
  let posted: { id: number; timer: unknown } | null = null;
  /** The latest query, waiting for the worker to answer `posted`. */
  let queued: RunningQuery | null = null;
  /** Settles when the latest load has been answered: a query's time limit starts only then. */
  let ready: Promise<void> = Promise.resolve();

  function onMessage(event: MessageEvent<WorkerResponse>): void {
    const answer = event.data;
    if (answer.type === 'query') {
      if (posted?.id !== answer.id) return; // from a terminated worker's time: ignored
      clearTimer(posted.timer);
      posted = null;
      const next = queued;
      queued = null;
      if (next) post(next);
      if (!runningQuery || answer.id !== runningQuery.id) return; // abandoned: never shown
      const q = runningQuery;
      runningQuery = null;
      if (answer.ok) {
        const { type: _t, id: _i, ok: _o, ...rest } = answer;
        q.resolve({ status: 'done', id: q.id, expression: q.expression, ok: true, ...rest });
      } else {
        q.resolve({ status: 'done', id: q.id, expression: q.expression, ok: false, error: answer.error, ms: answer.ms ?? null });
      }
      return;
    }
    const p = pending.get(answer.id);
    if (!p) return;
    pending.delete(answer.id);
    if (!answer.ok) {
      p.reject(new CatalogWorkerError(answer.error));
      return;
    }
    const { type: _t, id: _i, ok: _o, ...rest } = answer;
    p.resolve(answer.type === 'stream' ? answer.text : rest);
  }

  function spawn(): WorkerLike {
    const w = options.spawn();
    spawnCount++;
    w.onmessage = onMessage;
    w.onerror = (event) => {
      event.preventDefault?.();
      restart(internal(`The catalog worker failed: ${event.message || 'unknown error'}`));
    };
    return w;
  }

  function current(): WorkerLike {
    if (disposed) throw new CatalogWorkerError(internal('The catalog worker was closed.'));
    worker ??= spawn();
    return worker;
  }

  /** Terminates the worker, fails what it owed, and spawns a fresh one reloaded with the kept text. */
  function restart(reason: WorkerError): void {
    worker?.terminate();
    worker = null;
    if (posted) {
      clearTimer(posted.timer);
      // The latest query died with the worker (a crash): it is answered with the reason, never left hanging.
      if (runningQuery?.id === posted.id) {
        const q = runningQuery;
        runningQuery = null;
        q.resolve({ status: 'done', id: q.id, expression: q.expression, ok: false, error: reason, ms: null });
      }
    }
    posted = null;
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new CatalogWorkerError(reason));
    }
    if (disposed) return;
    if (kept !== null) sendLoad(kept).catch(() => undefined);
    const next = queued;
    queued = null;
    if (next) post(next);
  }

  /** Posts a query to the worker; its time limit runs from when the worker is free of loads (parsing 36 MB takes a while). */
  function post(q: RunningQuery): void {
    try {
      current().postMessage({ type: 'query', id: q.id, expression: q.expression });
    } catch (error) {
      if (runningQuery === q) runningQuery = null;
      const e = error instanceof CatalogWorkerError ? error.error : internal(String(error));
      q.resolve({ status: 'done', id: q.id, expression: q.expression, ok: false, error: e, ms: null });
      return;
    }
    const slot = { id: q.id, timer: null as unknown };
    posted = slot;
    void ready.then(() => {
      if (posted === slot) slot.timer = setTimer(() => onTimeout(q), timeoutMs);
    });
  }

  function onTimeout(q: RunningQuery): void {
    if (runningQuery === q) {
      runningQuery = null;
      const summary = `The query ran longer than ${timeoutMs / 1000} s and was stopped. Narrow it (filter before projecting, avoid sorting everything) and try again.`;
      q.resolve({ status: 'done', id: q.id, expression: q.expression, ok: false, error: internal(summary, 'timeout'), ms: timeoutMs });
    }
    // An abandoned runaway holding the worker: the queued latest query gets a fresh worker and its own turn.
    restart(internal('The catalog worker was restarted after a runaway query.', 'timeout'));
  }

  function sendLoad(text: CatalogText, transfer?: Transferable[]): Promise<LoadAnswer> {
    const answer = request<LoadAnswer>({ type: 'load', id: nextId++, text }, transfer);
    ready = answer.then(
      () => undefined,
      () => undefined,
    );
    return answer;
  }

  function request<T>(message: WorkerRequest, transfer?: Transferable[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      try {
        const w = current();
        pending.set(message.id, { type: message.type, resolve: resolve as (v: unknown) => void, reject });
        if (transfer) w.postMessage(message, transfer);
        else w.postMessage(message);
      } catch (error) {
        pending.delete(message.id);
        reject(error);
      }
    });
  }

  function abandonRunning(): void {
    if (!runningQuery) return;
    const q = runningQuery;
    runningQuery = null;
    if (queued === q) queued = null;
    q.resolve({ status: 'abandoned', id: q.id, expression: q.expression });
  }

  return {
    get latestQueryId() {
      return latestQueryId;
    },
    get spawnCount() {
      return spawnCount;
    },
    load(text) {
      abandonRunning();
      if (text instanceof Blob) {
        kept = text;
        return sendLoad(text);
      }
      if (typeof text === 'string') {
        // Kept as a Blob, off the JS heap: the UI thread should hold the stream rows, not the catalog.
        kept = new Blob([text]);
        return sendLoad(text);
      }
      kept = new Blob([text]);
      return sendLoad(text, [text]);
    },
    warm() {
      if (!disposed) current();
    },
    stream(index) {
      return request<string>({ type: 'stream', id: nextId++, index });
    },
    query(expression) {
      abandonRunning();
      const id = nextId++;
      latestQueryId = id;
      return new Promise<QueryResult>((resolve) => {
        const q: RunningQuery = { id, expression, resolve };
        runningQuery = q;
        if (posted === null) post(q);
        else queued = q;
      });
    },
    diff(previousText) {
      const id = nextId++;
      return previousText instanceof ArrayBuffer
        ? request<DiffAnswer>({ type: 'diff', id, previousText }, [previousText])
        : request<DiffAnswer>({ type: 'diff', id, previousText });
    },
    completions(expression, offset) {
      return request<CompletionList>({ type: 'completions', id: nextId++, expression, offset });
    },
    compare(expression, serverText) {
      return request<CompareAnswer>({ type: 'compare', id: nextId++, expression, serverText });
    },
    dispose() {
      disposed = true;
      abandonRunning();
      restart(internal('The catalog worker was closed.'));
      kept = null;
    },
  };
}

export interface Debounced<A extends unknown[]> {
  (...args: A): void;
  /** Runs a pending call now (e.g. Ctrl/Cmd+Enter). */
  flush(): void;
  cancel(): void;
}

/** Calls `fn` with the latest arguments once `ms` have passed without a new call. */
export function debounce<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
  timers: { set: (f: () => void, ms: number) => unknown; clear: (h: unknown) => void } = {
    set: (f, t) => setTimeout(f, t),
    clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
  },
): Debounced<A> {
  let handle: unknown = null;
  let lastArgs: A | null = null;
  const run = () => {
    handle = null;
    const args = lastArgs;
    lastArgs = null;
    if (args) fn(...args);
  };
  const debounced = ((...args: A) => {
    lastArgs = args;
    if (handle !== null) timers.clear(handle);
    handle = timers.set(run, ms);
  }) as Debounced<A>;
  debounced.flush = () => {
    if (handle !== null) timers.clear(handle);
    run();
  };
  debounced.cancel = () => {
    if (handle !== null) timers.clear(handle);
    handle = null;
    lastArgs = null;
  };
  return debounced;
}

export type { CatalogText };
