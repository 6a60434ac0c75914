import { describe, expect, it } from 'vitest';
import { defaultsFor as sandboxDefaults } from '../../../main/sandbox/streams';
import { defaultsFor } from '../../../lib/stream-config';
import { ALL, countries, events, tenants, users } from './fixtures';
import type { AirbyteStream } from '../../../main/sandbox/catalogs';

describe('defaultsFor (§5.3)', () => {
  it('prefers incremental, dedups on a source key, else appends; full refresh overwrites', () => {
    expect(defaultsFor(users)).toEqual({ stream_name: 'users', sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'], primary_key: [['id']] });
    expect(defaultsFor(events)).toEqual({ stream_name: 'events', sync_mode: 'incremental', destination_sync_mode: 'append', cursor_field: ['occurred_at'], primary_key: [] });
    expect(defaultsFor(countries)).toEqual({ stream_name: 'countries', sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: [], primary_key: [['code']] });
  });

  it('derives the destination from what was chosen', () => {
    expect(defaultsFor(users, { sync_mode: 'full_refresh' }).destination_sync_mode).toBe('overwrite');
    expect(defaultsFor(users, { primary_key: [] }).destination_sync_mode).toBe('append');
    expect(defaultsFor(users, { destination_sync_mode: 'append' }).destination_sync_mode).toBe('append');
  });

  it('never aliases the catalog arrays', () => {
    const config = defaultsFor(tenants);
    config.primary_key[0]?.push('x');
    config.cursor_field.push('y');
    expect(tenants.source_defined_primary_key).toEqual([['id'], ['tenant_id']]);
    expect(tenants.default_cursor_field).toEqual(['meta', 'updated_at']);
  });

  it('agrees with the sandbox for every fixture stream and choice', () => {
    for (const stream of ALL) {
      for (const chosen of [{}, { sync_mode: 'full_refresh' as const }, { sync_mode: 'incremental' as const }, { primary_key: [] }, { primary_key: [['a'], ['b']] }]) {
        expect(defaultsFor(stream, chosen)).toEqual(sandboxDefaults({ json_schema: {}, ...stream } as AirbyteStream, chosen));
      }
    }
  });
});
