import fc from 'fast-check';
import { parseTree, type Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { compareCodePoints, stableStringify } from '../../../lib/templates/canonical-json';
import { DRAFT_KEY_ORDER, serializeDraft } from '../../../lib/templates/draft-text';
import { connectionTemplateDraftSchema, sourceTemplateDraftSchema } from '../../../preload/contract';

// Any JSON value, with keys that JSON.stringify would reorder (integer-like) and outside the BMP.
const key = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('1', '10', '2', '__proto__', 'ｆ', '😀', 'a.b'));
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 5 }),
})).value;

const sourceDraft = fc.record({
  kind: fc.constant('source_template'),
  name: fc.string({ minLength: 1, maxLength: 20 }),
  actor_definition_id: fc.uuid(),
  connector_name: fc.option(fc.string(), { nil: null }),
  mode: fc.constantFrom('DIRECT', 'REPLICATION', 'MULTI'),
  partial_default_config: fc.dictionary(key, json, { maxKeys: 5 }),
  customization: fc.record({ stream_selection_mode: fc.constantFrom('suggested', 'all', 'whitelist'), stream_whitelist: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 5 }) }),
  tags: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 6 }),
  server_fields: fc.dictionary(key, json, { maxKeys: 4 }),
});

/** The same object with its keys (at every level) in another order. */
function shuffled(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return value.map((v, i) => shuffled(v, seed + i));
  if (typeof value !== 'object' || value === null) return value;
  const keys = Object.keys(value);
  const order = keys.map((k, i) => ({ k, r: Math.sin(seed * 31 + i * 17) })).sort((a, b) => a.r - b.r).map((x) => x.k);
  const out: Record<string, unknown> = {};
  for (const k of order) Object.defineProperty(out, k, { value: shuffled((value as Record<string, unknown>)[k], seed + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

describe('canonical draft text', () => {
  it('serialize(parse(serialize(x))) === serialize(x)', () => {
    fc.assert(
      fc.property(sourceDraft, (draft) => {
        const text = serializeDraft(draft);
        expect(serializeDraft(JSON.parse(text) as Record<string, unknown>)).toBe(text);
      }),
    );
  });

  it('does not depend on the order keys, tags or whitelist entries come in', () => {
    fc.assert(
      fc.property(sourceDraft, fc.integer(), (draft, seed) => {
        const other = shuffled(draft, seed) as Record<string, unknown>;
        other.tags = [...draft.tags].reverse().concat(draft.tags.slice(0, 1));
        (other.customization as Record<string, unknown>).stream_whitelist = [...draft.customization.stream_whitelist].reverse();
        expect(serializeDraft(other)).toBe(serializeDraft(draft));
      }),
    );
  });

  it('is JSON.stringify with two-space indent and a trailing newline, keys in code point order', () => {
    fc.assert(
      fc.property(json, (value) => {
        const text = stableStringify(value);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
        // Key order as written in the text (JSON.parse would move integer-like keys first).
        const keysIn = (node: Node | undefined): void => {
          if (!node) return;
          if (node.type === 'object') {
            const order = (node.children ?? []).map((p) => String(p.children?.[0]?.value));
            expect(order).toEqual([...order].sort(compareCodePoints));
          }
          for (const child of node.children ?? []) keysIn(child);
        };
        keysIn(parseTree(text));
      }),
    );
    expect(stableStringify({ b: 1, a: { '2': true, '10': [], '1': {} } })).toBe('{\n  "a": {\n    "1": {},\n    "10": [],\n    "2": true\n  },\n  "b": 1\n}');
  });

  it('orders top-level keys as the schema does, server_fields last, sets sorted and de-duplicated', () => {
    const text = serializeDraft({
      server_fields: { z: 1, id: 'x' },
      tags: ['b', 'a', 'b'],
      customization: { stream_whitelist: ['users', 'orders', 'users'], stream_selection_mode: 'whitelist', stream_customizations: [{ b: 1, a: 2 }] },
      partial_default_config: { port: 5432, host: 'db' },
      mode: 'REPLICATION',
      connector_name: 'Postgres',
      actor_definition_id: 'decd338e-5647-4c0b-adf4-da0e75f5a750',
      name: 'PG',
      kind: 'source_template',
    });
    expect(Object.keys(JSON.parse(text) as object)).toEqual([...DRAFT_KEY_ORDER.source_template]);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as { tags: string[]; customization: { stream_whitelist: string[]; stream_customizations: unknown[] } };
    expect(parsed.tags).toEqual(['a', 'b']);
    expect(parsed.customization.stream_whitelist).toEqual(['orders', 'users']);
    expect(text).toContain('"stream_customizations": [\n      {\n        "a": 2,\n        "b": 1');
  });

  it('sorts by code point, not by UTF-16 unit', () => {
    expect(['😀', 'ｆ', 'a'].sort(compareCodePoints)).toEqual(['a', 'ｆ', '😀']);
  });

  it('keeps the key orders in step with the contract schemas', () => {
    expect(Object.keys(sourceTemplateDraftSchema.shape)).toEqual([...DRAFT_KEY_ORDER.source_template]);
    const [user, hosted] = connectionTemplateDraftSchema.options;
    expect(Object.keys(user.shape)).toEqual([...DRAFT_KEY_ORDER.user_hosted]);
    expect(Object.keys(hosted.shape)).toEqual([...DRAFT_KEY_ORDER.airbyte_hosted]);
  });
});
