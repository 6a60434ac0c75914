import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../renderer/features/drafts/canonical-json';
import { conflictRows, formatValue } from '../../renderer/features/drafts/plan-format';
import { pointerLabel, secretFieldState, withValueAt } from '../../renderer/features/drafts/secret-reference';

describe('drafts: secret fields', () => {
  it('tells an empty field, a kept-secret reference and a plain value apart', () => {
    const config = { credentials: { api_key: { $secret: 'stripe-key' }, token: 'plain', empty: '' }, other: 1 };
    expect(secretFieldState(config, '/credentials/api_key')).toEqual({ kind: 'reference', name: 'stripe-key' });
    expect(secretFieldState(config, '/credentials/token')).toEqual({ kind: 'plain' });
    expect(secretFieldState(config, '/credentials/empty')).toEqual({ kind: 'empty' });
    expect(secretFieldState(config, '/missing/deep')).toEqual({ kind: 'empty' });
    // Two keys is not a reference: Save would refuse it as a plain value.
    expect(secretFieldState({ k: { $secret: 'a', extra: 1 } }, '/k')).toEqual({ kind: 'plain' });
  });

  it('puts a value at a pointer without touching the original, creating objects on the way, and removes it', () => {
    const config = { start_date: '2024', credentials: { auth_type: 'token' } };
    const next = withValueAt(config, '/credentials/a~1b', { $secret: 'k' });
    expect(next).toEqual({ start_date: '2024', credentials: { auth_type: 'token', 'a/b': { $secret: 'k' } } });
    expect(config).toEqual({ start_date: '2024', credentials: { auth_type: 'token' } });
    expect(withValueAt({}, '/x/y', 1)).toEqual({ x: { y: 1 } });
    expect(withValueAt(next, '/credentials/a~1b', undefined)).toEqual(config);
    expect(pointerLabel('/credentials/a~1b')).toBe('credentials › a/b');
  });
});

describe('drafts: plan formatting', () => {
  it('shows absent, scalars as JSON and objects pretty-printed', () => {
    expect(formatValue(undefined)).toEqual({ text: '(absent)', block: false });
    expect(formatValue('x')).toEqual({ text: '"x"', block: false });
    expect(formatValue(null)).toEqual({ text: 'null', block: false });
    expect(formatValue({ a: [1] })).toEqual({ text: '{\n  "a": [\n    1\n  ]\n}', block: true });
  });

  it('lists the fields that differ among draft, base and server first, whatever the key order', () => {
    const rows = conflictRows({ name: 'Mine', tags: [], config: { a: 1, b: 2 } }, { name: 'Base', tags: [], config: { b: 2, a: 1 } }, { name: 'Theirs', tags: ['x'], config: { a: 1, b: 2 } });
    expect(rows.map((r) => [r.field, r.differs])).toEqual([
      ['name', true],
      ['tags', true],
      ['config', false],
    ]);
    const gone = conflictRows({ name: 'Mine' }, { name: 'Base' }, null);
    expect(gone[0]).toMatchObject({ field: 'name', server: undefined, differs: true });
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });
});
