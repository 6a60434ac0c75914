import { describe, expect, it } from 'vitest';
import { describeEffect, type StreamConfig } from '../../../lib/stream-config';

const full: StreamConfig = { stream_name: 'users', sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: ['updated_at'], primary_key: [['id']] };
const dedup: StreamConfig = { stream_name: 'users', sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'], primary_key: [['id']] };

describe('describeEffect', () => {
  it('a change, in one sentence', () => {
    expect(describeEffect('users', full, dedup)).toBe('users: full_refresh/overwrite → incremental/append_dedup on cursor `updated_at`, key `id`');
  });
  it('added, removed, unchanged', () => {
    expect(describeEffect('users', null, dedup)).toBe('users: added as incremental/append_dedup on cursor `updated_at`, key `id`');
    expect(describeEffect('users', dedup, null)).toBe('users: removed (syncing stops; synced data is kept)');
    expect(describeEffect('users', dedup, structuredClone(dedup))).toBe('users: unchanged');
    expect(describeEffect('users', null, null)).toBe('users: unchanged (not configured)');
  });
  it('composite keys, nested paths, the source cursor', () => {
    const after: StreamConfig = { ...dedup, cursor_field: ['meta', 'updated_at'], primary_key: [['id'], ['tenant_id']] };
    expect(describeEffect('tenant_users', dedup, after)).toBe('tenant_users: incremental/append_dedup on cursor `updated_at`, key `id` → incremental/append_dedup on cursor `meta.updated_at`, key `id`+`tenant_id`');
    expect(describeEffect('events', null, { ...dedup, destination_sync_mode: 'append', cursor_field: [] })).toBe("events: added as incremental/append on the source's cursor");
  });
  it('says what changed even when the mode does not use it', () => {
    expect(describeEffect('users', full, { ...full, cursor_field: ['created_at'] })).toBe('users: full_refresh/overwrite, cursor `updated_at` → `created_at` (not used by this sync mode)');
  });
});
