/**
 * Field paths of a stream's `json_schema`, for the cursor and key pickers and the "field not in schema"
 * warnings. A discovered schema is connector output: `properties` may be missing, an array, or hold junk;
 * `type` may be a string, an array (["null","string"]) or absent; and a wide table may have thousands of
 * columns. So the walk is defensive and bounded (depth and count), and never throws.
 */

/** Deepest path listed (Airbyte cursors and keys are rarely more than two levels deep). */
export const MAX_FIELD_DEPTH = 8;
/** Most paths listed: a picker longer than this is unusable anyway, and the walk stays cheap. */
export const MAX_FIELD_PATHS = 2000;

export interface SchemaField {
  /** Path of property names from the stream's root, e.g. ["address", "city"]. */
  path: string[];
  /** JSON types the schema allows, in its order ("null" included); empty when it says none. */
  types: string[];
  /** The schema's `format` (e.g. "date-time"), which makes a good cursor; undefined when none. */
  format?: string;
}

export interface SchemaFields {
  fields: SchemaField[];
  /** True when a bound cut the listing short (so "not listed" does not mean "not in the schema"). */
  truncated: boolean;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The `properties` object of a schema node, or null when it has none usable. */
export function propertiesOf(schema: unknown): Record<string, unknown> | null {
  if (!isPlainObject(schema)) return null;
  const properties = schema.properties;
  return isPlainObject(properties) ? properties : null;
}

function typesOf(node: Record<string, unknown>): string[] {
  const type = node.type;
  if (typeof type === 'string') return [type];
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string');
  return [];
}

/** Every field path of the schema, depth first in the schema's order, nested objects included. */
export function listSchemaFields(schema: unknown, limits: { maxDepth?: number; maxPaths?: number } = {}): SchemaFields {
  const maxDepth = limits.maxDepth ?? MAX_FIELD_DEPTH;
  const maxPaths = limits.maxPaths ?? MAX_FIELD_PATHS;
  const fields: SchemaField[] = [];
  let truncated = false;
  // Recursion is bounded by maxDepth, so a deep schema cannot overflow the stack.
  const walk = (properties: Record<string, unknown>, prefix: string[]): void => {
    // for…in rather than Object.keys: a 100,000-column schema is not copied into an array just to list 2,000.
    for (const name in properties) {
      if (!Object.hasOwn(properties, name)) continue;
      if (fields.length >= maxPaths) {
        truncated = true;
        return;
      }
      const node = properties[name];
      const path = [...prefix, name];
      const field: SchemaField = { path, types: isPlainObject(node) ? typesOf(node) : [] };
      if (isPlainObject(node) && typeof node.format === 'string') field.format = node.format;
      fields.push(field);
      const children = propertiesOf(node);
      if (children) {
        if (path.length >= maxDepth) truncated = true;
        else walk(children, path);
      }
    }
  };
  const root = propertiesOf(schema);
  if (root) walk(root, []);
  return { fields, truncated };
}

/** Whether the schema lists properties at all (the "not in schema" warnings are only meaningful then). */
export function hasSchemaProperties(schema: unknown): boolean {
  const root = propertiesOf(schema);
  if (!root) return false;
  for (const name in root) if (Object.hasOwn(root, name)) return true;
  return false;
}

/**
 * Whether a field path exists in the schema, by walking `properties` along it: O(path length), so checking
 * 5,200 streams' cursors and keys does not list 5,200 schemas.
 */
export function schemaHasField(schema: unknown, path: readonly string[]): boolean {
  if (path.length === 0 || path.length > MAX_FIELD_DEPTH) return false;
  let properties = propertiesOf(schema);
  for (let i = 0; i < path.length; i++) {
    const name = path[i] as string;
    if (!properties || !Object.hasOwn(properties, name)) return false;
    const node = properties[name];
    if (i === path.length - 1) return true;
    properties = propertiesOf(node);
  }
  return false;
}

/** A path as people read it: `address.city`. */
export function formatFieldPath(path: readonly string[]): string {
  return path.join('.');
}
