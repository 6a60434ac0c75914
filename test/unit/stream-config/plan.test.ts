import jsonpatch, { type Operation } from 'fast-json-patch';
import { describe, expect, it } from 'vitest';
import { computePlan, defaultsFor, type CatalogStream, type PlanChange, type StreamConfig, type StreamReadState } from '../../../lib/stream-config';
import { ALL, auditLog, countries, events, orderItems, tenants, users } from './fixtures';

const configured = (config: StreamConfig): StreamReadState => ({ state: 'configured', config });
const fullRefresh = (stream: CatalogStream): StreamConfig => defaultsFor(stream, { sync_mode: 'full_refresh' });

function plan(change: PlanChange, states: Array<[string, StreamReadState]>, selection = states.map(([n]) => n), streams: CatalogStream[] = ALL) {
  return computePlan({ streams, states: new Map(states), selection, change });
}

describe('computePlan: incremental_defaults', () => {
  const result = plan({ kind: 'incremental_defaults' }, [
    ['users', configured(fullRefresh(users))],
    ['events', { state: 'not_configured' }],
    ['audit_log', configured(fullRefresh(auditLog))],
    ['order_items', configured(fullRefresh(orderItems))],
    ['countries', configured(defaultsFor(countries))],
    ['tenant_users', configured(defaultsFor(tenants))],
  ]);
  const entry = (name: string) => result.entries.find((e) => e.streamName === name)!;

  it('patches configured streams with a diff (no test ops, no stream_name)', () => {
    expect(entry('users')).toMatchObject({
      verdict: 'change',
      reason: null,
      request: { kind: 'patch', streamName: 'users', patch: [{ op: 'replace', path: '/destination_sync_mode', value: 'append_dedup' }, { op: 'replace', path: '/sync_mode', value: 'incremental' }], before: fullRefresh(users) },
      after: defaultsFor(users),
      effect: 'users: full_refresh/overwrite → incremental/append_dedup on cursor `updated_at`, key `id`',
    });
  });

  it('adds streams not configured, with every member explicit; append when there is no key', () => {
    expect(entry('events')).toMatchObject({
      verdict: 'change',
      reason: expect.stringContaining('no primary key'),
      request: { kind: 'add', streamName: 'events', settings: { sync_mode: 'incremental', destination_sync_mode: 'append', cursor_field: ['occurred_at'], primary_key: [] }, before: null },
      effect: 'events: added as incremental/append on cursor `occurred_at`',
    });
  });

  it('is invalid without a usable cursor, unchanged for full-refresh-only and already-done streams', () => {
    expect(entry('audit_log')).toMatchObject({ verdict: 'invalid', request: null, reason: expect.stringContaining('no default cursor') });
    // order_items: no default cursor either, but none configured → invalid too
    expect(entry('order_items').verdict).toBe('invalid');
    expect(entry('countries')).toMatchObject({ verdict: 'unchanged', request: null, reason: expect.stringContaining('full_refresh only') });
    expect(entry('tenant_users')).toMatchObject({ verdict: 'unchanged', request: null, effect: 'tenant_users: unchanged' });
    expect(result.summary).toEqual({ change: 2, unchanged: 2, invalid: 2 });
  });

  it('keeps a cursor the user configured when the source has no default', () => {
    const mine = { ...fullRefresh(auditLog), cursor_field: ['at'] };
    const r = plan({ kind: 'incremental_defaults' }, [['audit_log', configured(mine)]]);
    expect(r.entries[0]).toMatchObject({ verdict: 'change', after: { sync_mode: 'incremental', destination_sync_mode: 'append', cursor_field: ['at'] } });
  });
});

describe('computePlan: other changes', () => {
  it('set: the same members everywhere, validated per stream', () => {
    const r = plan({ kind: 'set', settings: { syncMode: 'incremental', destinationSyncMode: 'append_dedup', primaryKey: [['id']] } }, [
      ['users', configured(fullRefresh(users))],
      ['countries', configured(defaultsFor(countries))],
      ['events', { state: 'not_configured' }],
    ]);
    expect(r.entries.map((e) => e.verdict)).toEqual(['change', 'invalid', 'change']);
    expect(r.entries[1]?.reason).toMatch(/Sync mode 'incremental' not supported for stream 'countries'/);
    expect(r.entries[2]?.request).toMatchObject({ kind: 'add', settings: { primary_key: [['id']], cursor_field: ['occurred_at'] } });
    expect(r.entries[2]?.warnings.map((w) => w.message)).toEqual(["key field `id` is not in the schema of stream 'events'"]);
  });

  it('patch: the same ops for each stream; not-configured streams are added with the result', () => {
    const ops = [{ op: 'replace', path: '/destination_sync_mode', value: 'append' }];
    const r = plan({ kind: 'patch', ops }, [
      ['users', configured(defaultsFor(users))],
      ['events', { state: 'not_configured' }],
      ['countries', configured(defaultsFor(countries))],
    ]);
    expect(r.entries.map((e) => [e.verdict, e.request?.kind])).toEqual([
      ['change', 'patch'],
      ['change', 'add'],
      ['change', 'patch'],
    ]);
    const bad = plan({ kind: 'patch', ops: [{ op: 'move', from: '/a', path: '/sync_mode' }] }, [['users', configured(defaultsFor(users))]]);
    expect(bad.entries[0]).toMatchObject({ verdict: 'invalid', reason: expect.stringContaining('op 1: "move" is refused') });
  });

  it('remove: configured streams removed, others unchanged', () => {
    const r = plan({ kind: 'remove' }, [
      ['users', configured(defaultsFor(users))],
      ['events', { state: 'not_configured' }],
    ]);
    expect(r.entries[0]).toMatchObject({ verdict: 'change', request: { kind: 'remove', streamName: 'users', before: defaultsFor(users) }, after: null, effect: 'users: removed (syncing stops; synced data is kept)' });
    expect(r.entries[1]).toMatchObject({ verdict: 'unchanged', request: null });
  });

  it('revert: restores recorded settings, removes streams that were not configured, refuses what was not recorded', () => {
    const previous = new Map<string, StreamConfig | null>([
      ['users', fullRefresh(users)],
      ['events', null],
      ['tenant_users', defaultsFor(tenants)],
    ]);
    const r = plan({ kind: 'revert', previous }, [
      ['users', configured(defaultsFor(users))],
      ['events', configured(defaultsFor(events))],
      ['tenant_users', { state: 'not_configured' }],
      ['order_items', configured(defaultsFor(orderItems, { cursor_field: ['id'] }))],
    ]);
    expect(r.entries.map((e) => [e.streamName, e.verdict, e.request?.kind ?? null])).toEqual([
      ['users', 'change', 'patch'],
      ['events', 'change', 'remove'],
      ['tenant_users', 'change', 'add'],
      ['order_items', 'invalid', null],
    ]);
    expect(r.entries[0]?.after).toEqual(fullRefresh(users));
  });

  it('unknown states, read errors, names not in the catalog, duplicates', () => {
    const r = computePlan({
      streams: ALL,
      states: new Map<string, StreamReadState>([
        ['users', { state: 'unknown' }],
        ['events', { state: 'error', message: 'HTTP 503' }],
      ]),
      selection: ['users', 'events', 'orders', 'countries', 'users'],
      change: { kind: 'remove' },
    });
    expect(r.entries.map((e) => [e.streamName, e.verdict, e.reason])).toEqual([
      ['users', 'invalid', 'configuration not read yet'],
      ['events', 'invalid', 'configuration could not be read: HTTP 503'],
      ['orders', 'invalid', expect.stringContaining('not in the source catalog')],
      ['countries', 'invalid', 'configuration not read yet'],
    ]);
    expect(r.summary).toEqual({ change: 0, unchanged: 0, invalid: 4 });
  });

  it('every planned patch, applied as the server would, yields the planned after', () => {
    const states: Array<[string, StreamReadState]> = ALL.map((s) => [s.name, configured(fullRefresh(s))]);
    for (const change of [{ kind: 'incremental_defaults' }, { kind: 'set', settings: { cursorField: ['id'], primaryKey: [['id'], ['x']] } }] as PlanChange[]) {
      for (const e of plan(change, states).entries) {
        if (e.request?.kind !== 'patch') continue;
        expect(e.request.patch.every((op) => ['add', 'remove', 'replace'].includes(op.op) && !op.path.startsWith('/stream_name'))).toBe(true);
        const { stream_name: _n, ...doc } = e.before!;
        expect({ stream_name: e.streamName, ...jsonpatch.applyPatch(structuredClone(doc), e.request.patch as Operation[], true, false).newDocument }).toEqual(e.after);
      }
    }
  });

  it('warns when the catalog repeats a name across namespaces, and checks against the last one (as the server)', () => {
    const other: CatalogStream = { ...users, namespace: 'archive', supported_sync_modes: ['full_refresh'] };
    const r = computePlan({ streams: [users, other], states: new Map([['users', configured(fullRefresh(users))]]), selection: ['users'], change: { kind: 'incremental_defaults' } });
    expect(r.entries[0]).toMatchObject({ verdict: 'unchanged', reason: expect.stringContaining('full_refresh only') });
    expect(r.entries[0]?.warnings[0]?.message).toMatch(/2 streams named 'users'.*'archive'/);
  });
});
