import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatFieldPath, hasSchemaProperties, listSchemaFields, MAX_FIELD_DEPTH, schemaHasField } from '../../../lib/stream-config';
import { tenants, users } from './fixtures';

describe('listSchemaFields', () => {
  it('lists flat fields with their types and formats', () => {
    const { fields, truncated } = listSchemaFields(users.json_schema);
    expect(truncated).toBe(false);
    expect(fields.map((f) => formatFieldPath(f.path))).toEqual(['id', 'name', 'email', 'created_at', 'updated_at']);
    expect(fields[4]).toEqual({ path: ['updated_at'], types: ['null', 'string'], format: 'date-time' });
  });

  it('includes nested object fields, depth first', () => {
    const paths = listSchemaFields(tenants.json_schema).fields.map((f) => formatFieldPath(f.path));
    expect(paths).toEqual(['id', 'tenant_id', 'address', 'address.city', 'address.geo', 'address.geo.lat', 'meta', 'meta.updated_at']);
  });

  it('survives junk schemas', () => {
    for (const junk of [undefined, null, 42, 'x', [], { properties: null }, { properties: [1, 2] }, { properties: 'x' }, { properties: { a: null, b: 7, c: [], d: { type: 5 }, e: { type: ['null', 3, 'string'] } } }]) {
      expect(() => listSchemaFields(junk)).not.toThrow();
    }
    const { fields } = listSchemaFields({ properties: { a: null, e: { type: ['null', 3, 'string'] }, f: { properties: 'nope' } } });
    expect(fields).toEqual([
      { path: ['a'], types: [] },
      { path: ['e'], types: ['null', 'string'] },
      { path: ['f'], types: [] },
    ]);
  });

  it('is bounded in depth and count', () => {
    let deep: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 50; i++) deep = { type: 'object', properties: { [`l${i}`]: deep } };
    const d = listSchemaFields(deep);
    expect(d.truncated).toBe(true);
    expect(Math.max(...d.fields.map((f) => f.path.length))).toBe(MAX_FIELD_DEPTH);

    const wide = { properties: Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`c${i}`, { type: 'string' }])) };
    const started = performance.now();
    const w = listSchemaFields(wide);
    expect(performance.now() - started).toBeLessThan(200);
    expect(w.fields).toHaveLength(2000);
    expect(w.truncated).toBe(true);
  });

  it('lists only paths that schemaHasField finds (random schemas)', () => {
    const node: fc.Arbitrary<unknown> = fc.letrec<{ node: unknown }>((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.constant(null), fc.integer(), fc.record({ type: fc.constantFrom('string', ['null', 'object']), properties: fc.dictionary(fc.string({ maxLength: 3 }), tie('node'), { maxKeys: 4 }) })),
    })).node;
    fc.assert(
      fc.property(node, (schema) => {
        const { fields } = listSchemaFields(schema);
        for (const f of fields) expect(schemaHasField(schema, f.path)).toBe(true);
        expect(new Set(fields.map((f) => JSON.stringify(f.path))).size).toBe(fields.length);
      }),
    );
  });
});

describe('schemaHasField / hasSchemaProperties', () => {
  it('walks nested properties', () => {
    expect(schemaHasField(tenants.json_schema, ['address', 'city'])).toBe(true);
    expect(schemaHasField(tenants.json_schema, ['address', 'zip'])).toBe(false);
    expect(schemaHasField(tenants.json_schema, ['id', 'x'])).toBe(false);
    expect(schemaHasField(tenants.json_schema, [])).toBe(false);
    expect(schemaHasField(tenants.json_schema, ['__proto__'])).toBe(false);
    expect(schemaHasField(tenants.json_schema, ['toString'])).toBe(false);
  });
  it('knows when a schema has properties', () => {
    expect(hasSchemaProperties(users.json_schema)).toBe(true);
    expect(hasSchemaProperties({ type: 'object', properties: {} })).toBe(false);
    expect(hasSchemaProperties(undefined)).toBe(false);
  });
});
