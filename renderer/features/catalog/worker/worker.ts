/**
 * The catalog Web Worker: a thin message shell around catalog-engine.ts. It receives the catalog as text
 * (a string, a transferred ArrayBuffer or a Blob), parses it once, keeps it, and answers the requests of
 * protocol.ts in the order they arrive. The parsed catalog never leaves the worker.
 */
import { CatalogError, diffCatalogs, jmesError, loadAnswer, parseCatalog, runQuery, streamText } from './catalog-engine';
import type { LoadedCatalog } from './catalog-engine';
import { completionsAt } from './completions';
import { planStreams, selectStreams, streamInfo } from './stream-plan';
import { compile } from '../../../../lib/jmespath';
import { compareWithServer } from '../query/server-compare';
import type { CatalogText, WorkerRequest, WorkerResponse } from './protocol';

interface WorkerScope {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerResponse): void;
}

const scope = self as unknown as WorkerScope;
let catalog: LoadedCatalog | null = null;

async function textOf(text: CatalogText): Promise<string | ArrayBuffer> {
  return typeof text === 'string' || text instanceof ArrayBuffer ? text : await text.arrayBuffer();
}

function loaded(): LoadedCatalog {
  if (!catalog) throw new CatalogError('No catalog is loaded.');
  return catalog;
}

async function handle(request: WorkerRequest): Promise<WorkerResponse> {
  const { id } = request;
  try {
    switch (request.type) {
      case 'load': {
        catalog = null; // a failed load leaves no stale catalog behind
        const start = performance.now();
        const parsed = parseCatalog(await textOf(request.text));
        catalog = parsed;
        return { type: 'load', id, ok: true, ...loadAnswer(parsed, performance.now() - start) };
      }
      case 'stream':
        return { type: 'stream', id, ok: true, text: streamText(loaded(), request.index) };
      case 'query': {
        const outcome = runQuery(loaded(), request.expression);
        return outcome.ok ? { type: 'query', id, ...outcome } : { type: 'query', id, ok: false, error: outcome.error, ms: outcome.ms };
      }
      case 'diff':
        return { type: 'diff', id, ok: true, ...diffCatalogs(loaded(), await textOf(request.previousText)) };
      case 'compare': {
        const input = loaded().queryInput;
        return { type: 'compare', id, ok: true, ...compareWithServer(() => compile(request.expression).search(input), request.serverText, jmesError) };
      }
      case 'completions':
        return { type: 'completions', id, ok: true, ...completionsAt(loaded(), request.expression, request.offset) };
      case 'streamInfo':
        return { type: 'streamInfo', id, ok: true, info: streamInfo(loaded(), request.name) };
      case 'selectStreams':
        return { type: 'selectStreams', id, ok: true, ...selectStreams(loaded(), request.expression) };
      case 'plan':
        return { type: 'plan', id, ok: true, ...planStreams(loaded(), request.input) };
    }
  } catch (error) {
    return { type: request.type, id, ok: false, error: jmesError(error) } as WorkerResponse;
  }
}

// One request at a time, in arrival order (a load reading a Blob must finish before the queries behind it).
let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event) => {
  const request = event.data;
  queue = queue.then(async () => scope.postMessage(await handle(request)));
};
