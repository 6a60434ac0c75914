// Vite bundles the worker and its imports (lib/jmespath) into their own chunk, as Monaco's workers are
// (renderer/editors/monaco/monaco.ts). Import this module lazily, with the catalog view.
import CatalogWorker from './worker?worker';
import { createCatalogWorkerClient } from '../query/catalog-worker-client';
import type { CatalogWorkerClient, CatalogWorkerClientOptions } from '../query/catalog-worker-client';

export function spawnCatalogWorker(): Worker {
  return new CatalogWorker({ name: 'catalog' });
}

/** A client over a real catalog worker. */
export function createCatalogWorker(options: Omit<CatalogWorkerClientOptions, 'spawn'> = {}): CatalogWorkerClient {
  return createCatalogWorkerClient({ ...options, spawn: spawnCatalogWorker });
}
