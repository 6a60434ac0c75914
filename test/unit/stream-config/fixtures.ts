// Realistic streams for the stream-config tests, built with the sandbox's own catalog helper (the shapes of
// main/sandbox/connectors.ts), plus a hand-written nested/composite-key stream the helper cannot express.
import { stream } from '../../../main/sandbox/catalogs';
import type { CatalogStream } from '../../../lib/stream-config';

const ts = 'date-time' as const;

/** Cursor and key defined by the source. */
export const users = stream('users', { id: 'integer', name: 'string', email: 'string', created_at: ts, updated_at: ts }, { namespace: 'public', cursor: 'updated_at', primaryKey: ['id'] });
/** Cursor, no key. */
export const events = stream('events', { event_id: 'string', user_id: 'integer', kind: 'string', payload: 'object', occurred_at: ts }, { namespace: 'public', cursor: 'occurred_at' });
/** Incremental-capable, but no source cursor and no key. */
export const auditLog = stream('audit_log', { actor: 'string', action: 'string', target: 'string', at: ts }, { namespace: 'public', incremental: true });
/** Incremental-capable with a key, no source cursor. */
export const orderItems = stream('order_items', { id: 'integer', order_id: 'integer', product_id: 'integer', quantity: 'integer', unit_price: 'number' }, { namespace: 'public', incremental: true, primaryKey: ['id'] });
/** Full refresh only. */
export const countries = stream('countries', { code: 'string', name: 'string', region: 'string' }, { namespace: 'public', primaryKey: ['code'] });

/** Nested fields and a composite source key. */
export const tenants: CatalogStream = {
  name: 'tenant_users',
  namespace: 'app',
  supported_sync_modes: ['full_refresh', 'incremental'],
  source_defined_cursor: true,
  default_cursor_field: ['meta', 'updated_at'],
  source_defined_primary_key: [['id'], ['tenant_id']],
  json_schema: {
    type: 'object',
    properties: {
      id: { type: 'integer' },
      tenant_id: { type: ['null', 'string'] },
      address: { type: ['null', 'object'], properties: { city: { type: 'string' }, geo: { type: 'object', properties: { lat: { type: 'number' } } } } },
      meta: { type: 'object', properties: { updated_at: { type: 'string', format: 'date-time' } } },
    },
  },
};

/** Only the guaranteed members (§5.1): no schema. */
export const bare: CatalogStream = { name: 'bare', supported_sync_modes: ['full_refresh', 'incremental'] };

export const ALL: CatalogStream[] = [users, events, auditLog, orderItems, countries, tenants, bare];
