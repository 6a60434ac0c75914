import { describe, expect, it } from 'vitest';
import { checkPatch, defaultsFor, type Problem, type StreamConfig } from '../../../lib/stream-config';
import { auditLog, bare, countries, events, orderItems, tenants, users } from './fixtures';

const usersFull: StreamConfig = { stream_name: 'users', sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: [], primary_key: [] };
const errors = (problems: Problem[]) => problems.filter((p) => p.severity === 'error');
const warnings = (problems: Problem[]) => problems.filter((p) => p.severity === 'warning');

/** The one error a patch gets, as [opIndex, message]. */
function onlyError(ops: unknown, stream = users, current: StreamConfig | null = usersFull): [number | null, string, string] {
  const result = checkPatch(ops, stream, current);
  const found = errors(result.problems);
  expect(found, JSON.stringify(result.problems)).toHaveLength(1);
  return [found[0]!.opIndex, found[0]!.message, found[0]!.fix];
}

describe('checkPatch: valid patches, every op kind', () => {
  it('replace of whole members', () => {
    const r = checkPatch(
      [
        { op: 'replace', path: '/sync_mode', value: 'incremental' },
        { op: 'replace', path: '/destination_sync_mode', value: 'append_dedup' },
        { op: 'replace', path: '/cursor_field', value: ['updated_at'] },
        { op: 'replace', path: '/primary_key', value: [['id']] },
      ],
      users,
      usersFull,
    );
    expect(r).toEqual({ after: { stream_name: 'users', sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['updated_at'], primary_key: [['id']] }, problems: [], status: 200 });
  });

  it('add and remove of array elements, "-" included, composite and nested keys', () => {
    const current = defaultsFor(tenants);
    const r = checkPatch(
      [
        { op: 'add', path: '/primary_key/-', value: ['address', 'city'] },
        { op: 'remove', path: '/primary_key/0' },
        { op: 'add', path: '/primary_key/0/1', value: 'extra' },
        { op: 'remove', path: '/primary_key/0/1' },
        { op: 'replace', path: '/cursor_field/1', value: 'updated_at' },
      ],
      tenants,
      current,
    );
    expect(r.status).toBe(200);
    expect(r.after?.primary_key).toEqual([['tenant_id'], ['address', 'city']]);
    expect(r.problems).toEqual([]);
  });

  it('add on a whole member replaces it', () => {
    expect(checkPatch([{ op: 'add', path: '/cursor_field', value: ['created_at'] }], users, usersFull).after?.cursor_field).toEqual(['created_at']);
  });

  it('remove of a whole member resets it to its default (as the server does)', () => {
    const current: StreamConfig = { stream_name: 'users', sync_mode: 'full_refresh', destination_sync_mode: 'append', cursor_field: ['created_at'], primary_key: [['email']] };
    const r = checkPatch([{ op: 'remove', path: '/sync_mode' }, { op: 'remove', path: '/cursor_field' }, { op: 'remove', path: '/primary_key' }, { op: 'remove', path: '/destination_sync_mode' }], users, current);
    expect(r.after).toEqual(defaultsFor(users));
    // destination's default follows the sync mode and key the patch produced so far
    const r2 = checkPatch([{ op: 'replace', path: '/primary_key', value: [] }, { op: 'remove', path: '/destination_sync_mode' }], events, defaultsFor(events));
    expect(r2.after?.destination_sync_mode).toBe('append');
  });

  it('an empty patch keeps the settings and still runs §5.3', () => {
    expect(checkPatch([], users, usersFull)).toEqual({ after: usersFull, problems: [], status: 200 });
  });

  it('does not touch its inputs', () => {
    const current = defaultsFor(tenants);
    const copy = structuredClone(current);
    const ops = [{ op: 'add', path: '/primary_key/0/-', value: 'x' }];
    checkPatch(ops, tenants, current);
    expect(current).toEqual(copy);
    expect(ops).toEqual([{ op: 'add', path: '/primary_key/0/-', value: 'x' }]);
  });
});

describe('checkPatch: malformed patches (400)', () => {
  it('not an array', () => {
    for (const body of [{ op: 'replace' }, null, 'x', 3]) {
      const r = checkPatch(body, users, usersFull);
      expect(r.status).toBe(400);
      expect(r.problems[0]).toMatchObject({ opIndex: null, severity: 'error', message: expect.stringContaining('JSON array') });
    }
  });

  it('op not an object', () => {
    const [i, message] = onlyError([{ op: 'replace', path: '/sync_mode', value: 'incremental' }, 'replace']);
    expect(i).toBe(1);
    expect(message).toBe('op 2: not an operation object (got "replace")');
    const r = checkPatch([null, [], 7], users, usersFull);
    expect(r.problems.map((p) => p.opIndex)).toEqual([0, 1, 2]);
  });

  it('unknown op and a missing op', () => {
    expect(onlyError([{ op: 'spam', path: '/sync_mode', value: 'x' }])[1]).toBe('op 1: unknown op "spam"');
    expect(onlyError([{ path: '/sync_mode', value: 'x' }])[1]).toMatch(/op 1: "op" is missing/);
  });

  it.each(['move', 'copy', 'test'])('%s is refused like the server does', (op) => {
    const [i, message, fix] = onlyError([{ op: 'replace', path: '/sync_mode', value: 'incremental' }, { op: 'replace', path: '/cursor_field', value: ['updated_at'] }, { op, path: '/cursor_field', from: '/primary_key', value: [] }]);
    expect(i).toBe(2);
    expect(message).toBe(`op 3: "${op}" is refused by the server (400 Invalid JSON Patch operation)`);
    expect(fix).toMatch(/replace/);
  });

  it('missing or invalid paths', () => {
    expect(onlyError([{ op: 'remove' }])[1]).toMatch(/op 1: "path" is missing/);
    expect(onlyError([{ op: 'replace', path: 3, value: 'x' }])[1]).toMatch(/"path" is missing or not a string/);
    expect(onlyError([{ op: 'replace', path: 'sync_mode', value: 'incremental' }])).toEqual([0, 'op 1: path "sync_mode" is not a JSON Pointer (it must start with "/")', 'Write "/sync_mode".']);
    expect(onlyError([{ op: 'replace', path: '', value: {} }])[1]).toMatch(/whole configuration/);
  });

  it('paths outside the four members, /stream_name included', () => {
    expect(onlyError([{ op: 'replace', path: '/stream_name', value: 'orders' }])[1]).toBe('op 1: "/stream_name" is read-only');
    expect(onlyError([{ op: 'add', path: '/namespace', value: 'x' }])[1]).toBe('op 1: path "/namespace" is outside the stream settings');
    expect(onlyError([{ op: 'add', path: '/Sync_mode', value: 'x' }])[1]).toMatch(/outside/);
  });

  it('prototype-pollution paths', () => {
    for (const path of ['/__proto__/polluted', '/constructor/prototype/x', '/cursor_field/__proto__', '/primary_key/0/constructor']) {
      expect(onlyError([{ op: 'add', path, value: 'x' }])[1]).toMatch(/prototype pollution/);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('missing value for add and replace (remove needs none)', () => {
    expect(onlyError([{ op: 'add', path: '/cursor_field/-' }])).toEqual([0, 'op 1: "add" needs a "value"', 'Add "value", e.g. ["updated_at"].']);
    expect(onlyError([{ op: 'replace', path: '/primary_key', value: undefined }])[1]).toBe('op 1: "replace" needs a "value"');
    expect(checkPatch([{ op: 'remove', path: '/cursor_field' }], users, usersFull).status).toBe(200);
  });

  it('pointers that do not resolve, said in words, naming the op', () => {
    const current = defaultsFor(users); // cursor ["updated_at"], key [["id"]]
    expect(onlyError([{ op: 'replace', path: '/sync_mode', value: 'incremental' }, { op: 'remove', path: '/cursor_field/3' }], users, current)).toEqual([
      1,
      'op 2: "/cursor_field/3" does not exist in the configuration (that array has 1 element)',
      'Use an index from 0 to 0, or "add" to insert.',
    ]);
    expect(onlyError([{ op: 'add', path: '/cursor_field/5', value: 'x' }], users, current)[1]).toMatch(/op 1: index 5 in "\/cursor_field\/5" is past the end/);
    expect(onlyError([{ op: 'add', path: '/cursor_field/first', value: 'x' }], users, current)[1]).toMatch(/"first" in "\/cursor_field\/first" is not an array index/);
    expect(onlyError([{ op: 'add', path: '/primary_key/4/0', value: 'x' }], users, current)[1]).toMatch(/op 1: .*\/primary_key\/4\/0/);
    expect(onlyError([{ op: 'add', path: '/sync_mode/0', value: 'x' }], users, current)[1]).toMatch(/op 1: .*"\/sync_mode\/0"/);
    expect(onlyError([{ op: 'replace', path: '/cursor_field/-', value: 'x' }], users, current)[1]).toMatch(/does not exist/);
  });

  it('after a failing op, later ops are still shape-checked', () => {
    const r = checkPatch([{ op: 'remove', path: '/cursor_field/9' }, { op: 'move', from: '/a', path: '/b' }, { op: 'replace', path: '/primary_key/7', value: ['x'] }], users, usersFull);
    expect(r.status).toBe(400);
    expect(errors(r.problems).map((p) => p.opIndex)).toEqual([0, 1]);
    expect(r.after).toBeNull();
  });

  it('warns about leading-zero indexes (RFC 6901) but applies them as the sandbox does', () => {
    const r = checkPatch([{ op: 'add', path: '/cursor_field/00', value: 'created_at' }], users, defaultsFor(users));
    expect(r.status).toBe(200);
    expect(r.after?.cursor_field).toEqual(['created_at', 'updated_at']);
    expect(warnings(r.problems)[0]?.message).toMatch(/leading zero/);
  });
});

describe('checkPatch: type errors after the patch (422)', () => {
  it('each member, attributed to the op that set it', () => {
    const r = checkPatch(
      [
        { op: 'replace', path: '/sync_mode', value: 'sometimes' },
        { op: 'replace', path: '/destination_sync_mode', value: 'merge' },
        { op: 'replace', path: '/cursor_field', value: 'updated_at' },
        { op: 'replace', path: '/primary_key', value: ['id'] },
      ],
      users,
      usersFull,
    );
    expect(r.status).toBe(422);
    expect(r.after).toBeNull();
    expect(r.problems.map((p) => [p.opIndex, p.message])).toEqual([
      [0, 'op 1: sync_mode must be "full_refresh" or "incremental" (got "sometimes")'],
      [1, 'op 2: destination_sync_mode must be "append", "overwrite" or "append_dedup" (got "merge")'],
      [2, 'op 3: cursor_field must be a field path, a list of names (got "updated_at")'],
      [3, 'op 4: primary_key must be a list of field paths (got ["id"])'],
    ]);
    expect(r.problems[3]?.fix).toBe('Wrap each field in its own list: [["id"]].');
  });

  it('element ops that break a type', () => {
    const r = checkPatch([{ op: 'add', path: '/cursor_field/-', value: 5 }], users, defaultsFor(users));
    expect(r.status).toBe(422);
    expect(r.problems[0]?.opIndex).toBe(0);
  });
});

describe('checkPatch: §5.3 rules (422)', () => {
  it('unsupported sync mode says which modes the stream supports', () => {
    const [i, message, fix] = onlyError([{ op: 'replace', path: '/sync_mode', value: 'incremental' }], countries, defaultsFor(countries));
    expect(i).toBe(0);
    expect(message).toBe("op 1: Sync mode 'incremental' not supported for stream 'countries': it supports full_refresh only");
    expect(fix).toBe('Set "/sync_mode" to "full_refresh".');
  });

  it('incremental without a source cursor and with an empty cursor_field', () => {
    const current: StreamConfig = { stream_name: 'audit_log', sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: [], primary_key: [] };
    const [i, message, fix] = onlyError([{ op: 'replace', path: '/sync_mode', value: 'incremental' }, { op: 'replace', path: '/destination_sync_mode', value: 'append' }], auditLog, current);
    expect(i).toBe(0);
    expect(message).toBe("op 1: Cursor field required for incremental sync of stream 'audit_log': the source defines no cursor");
    expect(fix).toBe('Set "/cursor_field" to ["at"] (a field that grows with every change), or use full_refresh.');
    // a source-defined cursor needs no cursor_field
    expect(checkPatch([{ op: 'replace', path: '/cursor_field', value: [] }], users, defaultsFor(users)).status).toBe(200);
  });

  it('append_dedup with an empty primary key suggests the source key', () => {
    const [i, message, fix] = onlyError([{ op: 'replace', path: '/primary_key', value: [] }], orderItems, { ...defaultsFor(orderItems), cursor_field: ['id'] });
    expect(i).toBe(0);
    expect(message).toBe("op 1: Primary key required for append_dedup on stream 'order_items'");
    expect(fix).toMatch(/\[\["id"\]\] \(the source's key\)/);
  });

  it('a rule broken by the stored settings (no op touched it) names no op', () => {
    const stored: StreamConfig = { stream_name: 'events', sync_mode: 'incremental', destination_sync_mode: 'append_dedup', cursor_field: ['occurred_at'], primary_key: [] };
    const r = checkPatch([{ op: 'replace', path: '/cursor_field', value: ['occurred_at'] }], events, stored);
    expect(errors(r.problems)).toEqual([expect.objectContaining({ opIndex: null, message: "Primary key required for append_dedup on stream 'events'" })]);
    expect(r.after).not.toBeNull(); // the would-be state, so the form can follow the patch being typed
  });

  it('several rules at once', () => {
    const r = checkPatch([{ op: 'replace', path: '/sync_mode', value: 'incremental' }, { op: 'replace', path: '/destination_sync_mode', value: 'append_dedup' }], auditLog, { stream_name: 'audit_log', sync_mode: 'full_refresh', destination_sync_mode: 'overwrite', cursor_field: [], primary_key: [] });
    expect(errors(r.problems).map((p) => p.opIndex)).toEqual([0, 1]);
  });
});

describe('checkPatch: warnings for fields not in the schema', () => {
  it('cursor and key parts, nested paths understood', () => {
    const r = checkPatch([{ op: 'replace', path: '/cursor_field', value: ['modified'] }, { op: 'replace', path: '/primary_key', value: [['id'], ['address', 'zip'], ['address', 'city']] }], tenants, defaultsFor(tenants));
    expect(r.status).toBe(200);
    expect(r.problems.map((p) => [p.opIndex, p.severity, p.message])).toEqual([
      [0, 'warning', "op 1: cursor field `modified` is not in the schema of stream 'tenant_users'"],
      [1, 'warning', "op 2: key field `address.zip` is not in the schema of stream 'tenant_users'"],
    ]);
  });
  it('none when the stream has no schema properties', () => {
    expect(checkPatch([{ op: 'replace', path: '/cursor_field', value: ['anything'] }], bare, defaultsFor(bare, { cursor_field: ['x'] })).problems).toEqual([]);
  });
});

describe('checkPatch: a stream that is not configured', () => {
  it('is an error saying to add it first (404), still checking the ops', () => {
    const r = checkPatch([{ op: 'replace', path: '/sync_mode', value: 'incremental' }, { op: 'copy', from: '/a', path: '/b' }], users, null);
    expect(r.status).toBe(404);
    expect(r.after).toBeNull();
    expect(r.problems.map((p) => p.opIndex)).toEqual([null, 1]);
    expect(r.problems[0]?.message).toBe("Stream 'users' is not configured on this source, so it cannot be patched");
    expect(r.problems[0]?.fix).toMatch(/Add the stream first/);
  });
});
