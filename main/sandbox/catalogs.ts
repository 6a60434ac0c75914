/** Airbyte-protocol `AirbyteStream` (contract §5.1); only `name` and `supported_sync_modes` are guaranteed. */
export interface AirbyteStream {
  name: string;
  namespace?: string;
  supported_sync_modes: Array<'full_refresh' | 'incremental'>;
  source_defined_cursor?: boolean;
  default_cursor_field?: string[];
  source_defined_primary_key?: string[][];
  json_schema: Record<string, unknown>;
}

export interface Catalog {
  streams: AirbyteStream[];
}

type FieldType = 'string' | 'integer' | 'number' | 'boolean' | 'date-time' | 'date' | 'object' | 'array';

function property(type: FieldType, description?: string): Record<string, unknown> {
  const base =
    type === 'date-time' || type === 'date'
      ? { type: ['null', 'string'], format: type }
      : type === 'array'
        ? { type: ['null', 'array'], items: {} }
        : { type: ['null', type] };
  return description ? { ...base, description } : base;
}

export interface StreamOptions {
  namespace?: string;
  /** Cursor the source defines; incremental is offered when set (or when `incremental` is true). */
  cursor?: string;
  incremental?: boolean;
  primaryKey?: string[];
}

/** A stream with a JSON schema built from a compact field list. */
export function stream(name: string, fields: Record<string, FieldType>, options: StreamOptions = {}): AirbyteStream {
  const properties = Object.fromEntries(Object.entries(fields).map(([field, type]) => [field, property(type)]));
  const incremental = options.incremental ?? options.cursor !== undefined;
  return {
    name,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    supported_sync_modes: incremental ? ['full_refresh', 'incremental'] : ['full_refresh'],
    source_defined_cursor: options.cursor !== undefined,
    ...(options.cursor ? { default_cursor_field: [options.cursor] } : {}),
    ...(options.primaryKey ? { source_defined_primary_key: options.primaryKey.map((k) => [k]) } : {}),
    json_schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties },
  };
}

const DOMAINS = ['finance', 'sales', 'marketing', 'ops', 'hr', 'product', 'support', 'logistics'];
const ENTITIES = [
  'accounts', 'invoices', 'ledger_entries', 'payments', 'refunds', 'orders', 'order_lines', 'quotes', 'leads', 'campaigns',
  'clicks', 'sessions', 'shipments', 'inventory', 'suppliers', 'employees', 'payroll', 'tickets', 'feedback', 'features',
  'releases', 'experiments', 'contracts', 'budgets', 'forecasts', 'regions', 'territories', 'partners', 'warehouses', 'returns',
];
const COLUMN_TYPES: FieldType[] = ['string', 'integer', 'number', 'boolean', 'date-time', 'string', 'string', 'date'];

/**
 * The "very large" catalog for performance work: 5,200 tables of 42 described columns each,
 * about 34 MB of JSON. Built in slices that yield to the event loop, so building it never stalls
 * other requests, and serialized once per stream (the JSON text is assembled from the pieces).
 */
export async function buildLargeCatalog(tables = 5200, columns = 40): Promise<{ catalog: Catalog; json: Buffer }> {
  const streams: AirbyteStream[] = [];
  const pieces: string[] = [];
  for (let i = 0; i < tables; i++) {
    const domain = DOMAINS[i % DOMAINS.length] ?? 'misc';
    const entity = ENTITIES[Math.floor(i / DOMAINS.length) % ENTITIES.length] ?? 'items';
    const version = Math.floor(i / (DOMAINS.length * ENTITIES.length));
    // Names are unique per catalog (contract §5.1: the stream endpoints address a stream by name alone),
    // so the namespace is part of the name, as database sources commonly do (`sales_accounts_v0`).
    const name = `${domain}_${entity}_v${version}`;
    const properties: Record<string, unknown> = {
      id: property('integer', `Primary key of ${domain}.${name}.`),
      updated_at: property('date-time', 'Last modification time, maintained by a trigger; used as the incremental cursor.'),
    };
    for (let c = 0; c < columns; c++) {
      const type = COLUMN_TYPES[(i + c) % COLUMN_TYPES.length] ?? 'string';
      properties[`${entity.slice(0, -1)}_attribute_${String(c).padStart(2, '0')}`] = property(
        type,
        `Column ${c} of ${domain}.${name}: ${type} value copied from the upstream ${domain} system nightly.`,
      );
    }
    const item: AirbyteStream = {
      name,
      namespace: domain,
      supported_sync_modes: ['full_refresh', 'incremental'],
      source_defined_cursor: i % 3 !== 0,
      default_cursor_field: ['updated_at'],
      source_defined_primary_key: [['id']],
      json_schema: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties },
    };
    streams.push(item);
    pieces.push(JSON.stringify(item));
    if (i % 200 === 199) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const json = Buffer.from(`{"catalog":{"streams":[${pieces.join(',')}]}}`);
  return { catalog: { streams }, json };
}
