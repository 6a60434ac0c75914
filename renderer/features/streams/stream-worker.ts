/**
 * The Stream editor's own catalog worker (renderer/features/catalog/worker/worker.ts, the same script): the
 * Catalog area disposes its worker when the user leaves it, so this area loads the cached catalog into one of
 * its own. Plain request/answer by id: plans and stream lookups are not typed live like queries, so none of the
 * catalog client's abandon/timeout machinery is needed. The catalog text is handed over, never kept here.
 */
import type { WorkerLike } from '../catalog/query/catalog-worker-client';
import type { CatalogText, LoadAnswer, PlanAnswer, PlanRequestInput, StreamInfo, StreamSelection, WorkerError, WorkerRequest, WorkerResponse } from '../catalog/worker/protocol';

export interface StreamWorkerClient {
  load(text: CatalogText): Promise<LoadAnswer>;
  streamInfo(name: string): Promise<StreamInfo>;
  selectStreams(expression: string): Promise<StreamSelection>;
  plan(input: PlanRequestInput): Promise<PlanAnswer>;
  dispose(): void;
}

export class StreamWorkerError extends Error {
  override readonly name = 'StreamWorkerError';
  constructor(readonly error: Pick<WorkerError, 'summary' | 'kind'>) {
    super(error.summary);
  }
}

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Body<T extends WorkerRequest['type']> = Omit<Extract<WorkerRequest, { type: T }>, 'id'>;

export function createStreamWorkerClient(spawn: () => WorkerLike): StreamWorkerClient {
  let worker: WorkerLike | null = null;
  let nextId = 1;
  let disposed = false;
  const pending = new Map<number, Pending>();

  const failAll = (summary: string) => {
    for (const [id, p] of pending) {
      pending.delete(id);
      p.reject(new StreamWorkerError({ kind: 'internal', summary }));
    }
  };

  function current(): WorkerLike {
    if (disposed) throw new StreamWorkerError({ kind: 'internal', summary: 'The catalog worker was closed.' });
    if (worker) return worker;
    const w = spawn();
    w.onmessage = (event: MessageEvent<WorkerResponse>) => {
      const answer = event.data;
      const p = pending.get(answer.id);
      if (!p) return;
      pending.delete(answer.id);
      if (!answer.ok) p.reject(new StreamWorkerError(answer.error));
      else p.resolve(answer);
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      w.terminate();
      worker = null;
      failAll(`The catalog worker failed: ${event.message || 'unknown error'}. Open the source again.`);
    };
    worker = w;
    return w;
  }

  function request<T extends WorkerRequest['type']>(body: Body<T>): Promise<Extract<WorkerResponse, { type: T; ok: true }>> {
    return new Promise((resolve, reject) => {
      try {
        const id = nextId++;
        const w = current();
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        w.postMessage({ ...body, id } as unknown as WorkerRequest);
      } catch (error) {
        reject(error);
      }
    });
  }

  return {
    load: async (text) => {
      const { type: _t, id: _i, ok: _o, ...answer } = await request<'load'>({ type: 'load', text });
      return answer;
    },
    streamInfo: async (name) => (await request<'streamInfo'>({ type: 'streamInfo', name })).info,
    selectStreams: async (expression) => {
      const { type: _t, id: _i, ok: _o, ...answer } = await request<'selectStreams'>({ type: 'selectStreams', expression });
      return answer;
    },
    plan: async (input) => {
      const { type: _t, id: _i, ok: _o, ...answer } = await request<'plan'>({ type: 'plan', input });
      return answer;
    },
    dispose: () => {
      disposed = true;
      worker?.terminate();
      worker = null;
      failAll('The catalog worker was closed.');
    },
  };
}
