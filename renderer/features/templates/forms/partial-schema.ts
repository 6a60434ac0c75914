import { SECRET_REFERENCE_KEY } from '../../../../preload/contract';

/**
 * The JSON Schema attached to a template's `partial_default_config` editor, made from the connector's
 * `connectionSpecification`: a template holds a *partial* config (the end user fills the rest), so
 * `required` is dropped everywhere; and a secret field may hold `{"$secret": "<name>"}` (a value kept
 * in the keychain) instead of its value. Pure: returns a new schema, never touches the spec.
 */

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keywords whose value is one schema, or a list or map of schemas. */
const ONE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];
const LIST = ['oneOf', 'anyOf', 'allOf', 'prefixItems'];
const MAP = ['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas'];

function secretReference(secretNames: readonly string[]): Schema {
  return {
    type: 'object',
    title: 'Secret kept in the keychain',
    properties: { [SECRET_REFERENCE_KEY]: secretNames.length > 0 ? { enum: [...secretNames] } : { type: 'string', description: 'No secret is kept yet for this profile.' } },
    required: [SECRET_REFERENCE_KEY],
    additionalProperties: false,
  };
}

function transform(node: unknown, reference: Schema | null): unknown {
  if (Array.isArray(node)) return node.map((n) => transform(n, reference));
  if (!isObject(node)) return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'required' && Array.isArray(value)) continue;
    if (ONE.includes(key)) out[key] = transform(value, reference);
    else if (LIST.includes(key) && Array.isArray(value)) out[key] = value.map((v) => transform(v, reference));
    else if (MAP.includes(key) && isObject(value)) {
      const map: Schema = {};
      for (const [name, child] of Object.entries(value)) {
        const inner = transform(child, reference);
        map[name] = reference && key === 'properties' && isObject(child) && child.airbyte_secret === true ? { anyOf: [inner, reference] } : inner;
      }
      out[key] = map;
    } else out[key] = value;
  }
  return out;
}

/**
 * `references: false` (the online editor): a secret field takes only its own type, because a
 * `{"$secret": …}` reference means something in a draft file only (it is resolved at publish).
 */
export function partialConfigSchema(spec: Schema, secretNames: readonly string[], { references = true }: { references?: boolean } = {}): Schema {
  return transform(spec, references ? secretReference(secretNames) : null) as Schema;
}

/** A secret field's name for the note, dotted as the draft plan names fields (`/tunnel/password` → tunnel.password). */
export function secretFieldLabel(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}
