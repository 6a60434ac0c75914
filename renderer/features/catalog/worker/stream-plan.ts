/**
 * What the Stream editor asks of the catalog worker (contract §5.3–5.6), as pure functions over the parsed
 * catalog (worker.ts calls them; vitest runs them directly): one stream's object for the form, a selection of
 * stream names by a JMESPath query, and a bulk plan computed with lib/stream-config's computePlan. The catalog
 * stays here; only one stream's object, names, and the plan's entries cross to the UI thread.
 */
import { compile } from '../../../../lib/jmespath';
import { computePlan, defaultsFor, listSchemaFields, type CatalogStream, type Plan, type PlanChange, type StreamConfig, type StreamReadState } from '../../../../lib/stream-config';
import { CatalogError, type LoadedCatalog } from './catalog-engine';

export interface StreamInfo {
  /** The catalog's stream object (one stream: its schema included, never the catalog). */
  stream: CatalogStream;
  /** Field paths of its json_schema, nested ones included, for the cursor and key pickers. */
  fields: string[][];
  fieldsTruncated: boolean;
  /** The §5.3 defaults a POST without settings would give it. */
  defaults: StreamConfig;
  /** How many catalog streams carry this name (the API addresses by name only; the last one wins). */
  sameName: number;
}

export interface StreamSelection {
  /** Names of catalog streams the query result holds (strings, or objects with a `name`), in order, once each. */
  names: string[];
  /** Values of the result that name no catalog stream (first few). */
  unknown: string[];
  ms: number;
}

export interface PlanRequestInput {
  selection: string[];
  change: PlanChange;
  /** What is known of each stream's configuration (streams missing here are "not read yet"). */
  states: Array<[string, StreamReadState]>;
}

export interface PlanAnswer {
  plan: Plan;
  ms: number;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const now = (): number => (typeof performance !== 'undefined' ? performance.now() : Date.now());

/** The catalog's streams as lib/stream-config reads them (junk entries are skipped: they have no name). */
export function catalogStreams(catalog: LoadedCatalog): CatalogStream[] {
  const cache = catalog as LoadedCatalog & { __streams?: CatalogStream[] };
  if (cache.__streams) return cache.__streams;
  const list: CatalogStream[] = [];
  for (const s of catalog.streams) {
    if (!isObject(s) || typeof s.name !== 'string') continue;
    const modes = Array.isArray(s.supported_sync_modes) ? s.supported_sync_modes.filter((m): m is 'full_refresh' | 'incremental' => m === 'full_refresh' || m === 'incremental') : [];
    list.push({ ...(s as unknown as CatalogStream), supported_sync_modes: modes });
  }
  Object.defineProperty(cache, '__streams', { value: list, enumerable: false });
  return list;
}

export function streamInfo(catalog: LoadedCatalog, name: string): StreamInfo {
  let found: CatalogStream | null = null;
  let sameName = 0;
  for (const s of catalogStreams(catalog)) {
    if (s.name === name) {
      found = s;
      sameName++;
    }
  }
  if (!found) throw new CatalogError(`There is no stream named “${name}” in this catalog (renamed or dropped? rediscover it).`);
  const listed = listSchemaFields(found.json_schema);
  return { stream: found, fields: listed.fields.map((f) => f.path), fieldsTruncated: listed.truncated, defaults: defaultsFor(found), sameName };
}

/** Evaluates a JMESPath query against `{streams}` and reads stream names from its result. */
export function selectStreams(catalog: LoadedCatalog, expression: string): StreamSelection {
  const start = now();
  const result = compile(expression).search(catalog.queryInput);
  if (!Array.isArray(result)) {
    throw new CatalogError('The query must give a list of stream names (e.g. streams[?…].name) or of streams; this one gives something else.');
  }
  const known = new Set(catalogStreams(catalog).map((s) => s.name));
  const names: string[] = [];
  const seen = new Set<string>();
  const unknown: string[] = [];
  for (const item of result) {
    const name = typeof item === 'string' ? item : isObject(item) && typeof item.name === 'string' ? item.name : null;
    if (name === null || !known.has(name)) {
      if (unknown.length < 5) unknown.push(name ?? (JSON.stringify(item) ?? 'null').slice(0, 60));
      continue;
    }
    if (seen.has(name)) continue;
    seen.add(name);
    names.push(name);
  }
  return { names, unknown, ms: now() - start };
}

export function planStreams(catalog: LoadedCatalog, input: PlanRequestInput): PlanAnswer {
  const start = now();
  const plan = computePlan({ streams: catalogStreams(catalog), states: new Map(input.states), selection: input.selection, change: input.change });
  return { plan, ms: now() - start };
}
