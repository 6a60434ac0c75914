/**
 * Which fields of a connector config are secrets: the spec marks them `airbyte_secret: true`. Airbyte
 * specs nest them in objects and in `oneOf` branches (one per auth method), so every branch is
 * walked at the same place. Answers RFC 6901 JSON Pointers, sorted, without duplicates.
 */
type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);
const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

export function secretPaths(spec: unknown): string[] {
  const found = new Set<string>();
  const walk = (schema: unknown, pointer: string, depth: number) => {
    // Specs are small trees; the cap only stops a hostile or cyclic-by-$ref document.
    if (!isObject(schema) || depth > 32) return;
    if (schema.airbyte_secret === true && pointer !== '') found.add(pointer);
    if (isObject(schema.properties)) {
      for (const [key, child] of Object.entries(schema.properties)) walk(child, `${pointer}/${escapeToken(key)}`, depth + 1);
    }
    for (const branches of [schema.oneOf, schema.anyOf, schema.allOf]) {
      if (Array.isArray(branches)) for (const branch of branches) walk(branch, pointer, depth + 1);
    }
  };
  walk(spec, '', 0);
  return [...found].sort();
}

export const SECRET_REFERENCE = '$secret';

/** `{"$secret": "name"}`: a value kept in the keychain, referenced by name from a draft. */
export function secretReferenceName(value: unknown): string | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  return keys.length === 1 && keys[0] === SECRET_REFERENCE && typeof value[SECRET_REFERENCE] === 'string' ? (value[SECRET_REFERENCE] as string) : null;
}

/** The value at a JSON Pointer, or undefined when any step is missing. */
export function valueAt(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current) || !Object.prototype.hasOwnProperty.call(current, token)) return undefined;
    current = current[token];
  }
  return current;
}
