import fc from 'fast-check';

/** The subset of JSON Schema that zod's `toJSONSchema` emits for our contract. */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  format?: string;
  pattern?: string;
  default?: unknown;
}

// URLs stay on this machine: a fuzzed profile must never make the app call out (loopback-only rule).
const loopbackUrl = fc.constantFrom('http://127.0.0.1:9', 'http://localhost:9/api', 'http://[::1]:9', 'https://127.0.0.1:9');
const hostileText = fc.constantFrom('', ' ', '..', '../../etc/passwd', '%E0', '%', '\u0000', '<script>', '$(id)', "'; DROP TABLE x;--", '😀', 'a'.repeat(3000));

/**
 * Values that fit a channel's input schema (most of the time), built from the contract itself, so a
 * channel added tomorrow is fuzzed without anyone listing it. Hostile strings are mixed in on purpose.
 */
export function arbitraryFromSchema(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((s) => arbitraryFromSchema(s, depth + 1)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) record[key] = arbitraryFromSchema(property, depth + 1);
      return fc.record(record, { requiredKeys: Object.keys(properties).filter((k) => required.has(k)) });
    }
    case 'array':
      return fc.array(schema.items ? arbitraryFromSchema(schema.items, depth + 1) : fc.jsonValue(), { maxLength: 5 });
    case 'string': {
      if (schema.format === 'uri') return loopbackUrl;
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern));
      const plain = fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
      return fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: hostileText });
    }
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      // No type: `undefined` input channels, or z.unknown() payloads.
      return depth === 0 ? fc.constant(undefined) : fc.jsonValue({ maxDepth: 3 });
  }
}

/** Paths of every string leaf in a value (where a lone surrogate can be planted). */
export function stringPaths(value: unknown, path: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') return [path];
  if (Array.isArray(value)) return value.flatMap((item, i) => stringPaths(item, [...path, i]));
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
  return [];
}

/** A copy of `value` with the leaf at `path` replaced. */
export function replaceAt(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string | number, ...Array<string | number>];
  if (Array.isArray(value)) {
    const copy: unknown[] = [...value];
    copy[head as number] = replaceAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  copy[head] = replaceAt(copy[head], rest, replacement);
  return copy;
}
