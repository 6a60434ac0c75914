import { z } from 'zod';
import { bulkText } from './browser-transport';
import { channel } from './define';
import { requestIdSchema } from './requests';

/**
 * Ids as the API gives them. They are only keys: main never builds a path from them (cache file
 * names are derived from them, see main/services/catalog/catalog-cache.ts).
 */
const apiId = z.string().min(1, 'an id is required').max(256, 'at most 256 characters');
const sourceInput = z.object({ sourceId: apiId });

/**
 * A catalog travels as the API's body text, never as parsed objects (a 36 MB catalog parsed and
 * schema-checked blocks main for seconds; structured-cloned, it costs ≥ 1.8 s). The renderer's
 * worker parses it once. Main answers a string (checked as a bare string, never parsed). It is
 * marked as bulk text: the browser shell sends it as raw bytes after the envelope and the renderer
 * receives a Blob of them, which goes to the worker as is — never JSON-escaped, never decoded on the
 * UI thread (see `bulkTextKey` in browser-transport.ts). Over Electron IPC it stays a string.
 */
export const catalogTextSchema = bulkText();

export const discoveredCatalogSchema = z.object({
  /** The discover answer's body as received: a JSON object with a `catalog` member. */
  text: catalogTextSchema,
  discoveredAt: z.string(),
  /** Size of the body in bytes (UTF-8). */
  bytes: z.number().int().nonnegative(),
  /** When the version this discovery replaced was discovered (now answered by `catalog:previous`), or null. */
  previousDiscoveredAt: z.string().nullable(),
  /** Why the catalog could not be kept on disk (it was discovered all the same), or null. */
  cacheNotice: z.string().nullable(),
});
export type DiscoveredCatalog = z.infer<typeof discoveredCatalogSchema>;

export const discoverProgressSchema = z.object({
  bytesReceived: z.number().int().nonnegative(),
  elapsedMs: z.number().nonnegative(),
  /** `unknown`: no discover with that request id is running or finished within the last minute. */
  state: z.enum(['running', 'done', 'failed', 'unknown']),
});
export type DiscoverProgress = z.infer<typeof discoverProgressSchema>;

export const cachedCatalogSchema = z.object({ text: catalogTextSchema, discoveredAt: z.string(), bytes: z.number().int().nonnegative() });
export type CachedCatalog = z.infer<typeof cachedCatalogSchema>;

export const cachedCatalogEntrySchema = z.object({
  sourceId: z.string(),
  workspaceId: z.string(),
  discoveredAt: z.string(),
  bytes: z.number().int().nonnegative(),
  /** When the kept previous version was discovered, or null when there is none. */
  previousDiscoveredAt: z.string().nullable(),
});
export type CachedCatalogEntry = z.infer<typeof cachedCatalogEntrySchema>;

export const catalogChannels = {
  discover: channel({
    summary: 'Discover a source’s catalog (cancellable by request id); answers the body text and caches it on disk.',
    input: z.object({ workspaceId: apiId, sourceId: apiId, requestId: requestIdSchema }),
    output: discoveredCatalogSchema,
  }),
  progress: channel({
    summary: 'Bytes received and time elapsed of a discover, by its request id (poll while it runs).',
    input: z.object({ requestId: requestIdSchema }),
    output: discoverProgressSchema,
  }),
  cached: channel({ summary: 'The cached catalog of a source for the active profile, or null.', input: sourceInput, output: cachedCatalogSchema.nullable() }),
  cachedList: channel({ summary: 'The cached catalogs of the active profile (no text).', input: z.undefined(), output: z.array(cachedCatalogEntrySchema) }),
  forget: channel({ summary: 'Remove a source’s cached catalog and its previous version.', input: sourceInput, output: z.object({ forgotten: z.boolean() }) }),
  query: channel({
    summary: 'Run a JMESPath query on the server (catalog/query) and answer its result as JSON text, to compare with the local engine.',
    input: z.object({ workspaceId: apiId, sourceId: apiId, query: z.string().min(1, 'a query is required').max(100 * 1024, 'at most 100 KB'), requestId: requestIdSchema.optional() }),
    output: z.object({ resultText: z.string(), ms: z.number().int().nonnegative() }),
  }),
  previous: channel({
    summary: 'The version a rediscover replaced (one per source), for a per-stream diff, or null.',
    input: sourceInput,
    output: z.object({ text: catalogTextSchema, discoveredAt: z.string() }).nullable(),
  }),
};
