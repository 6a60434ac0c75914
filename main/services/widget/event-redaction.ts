/**
 * Redaction of widget event payloads before they enter the event log the renderer reads. The
 * renderer sits on a shared screen: no token, password or connector secret may reach it, whatever
 * the widget (or a hostile page posing as it) sent. Three rules, each enough on its own:
 *  1. keys named like a token, secret, password, credential or API key: the value is replaced;
 *  2. fields the source template's spec marks `airbyte_secret`, inside a source's configuration;
 *  3. any string that looks like a JWT or a base64 JSON blob (a widget token) is replaced.
 * Also bounds the payload (depth, keys, string length) so one message cannot fill main's memory.
 */

export const REDACTED = '[redacted]';
const SECRET_KEY = /token|secret|password|passwd|credential|authorization|api[_-]?key|private[_-]?key|access[_-]?key|refresh/i;
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** Base64 of a JSON object starts with "eyJ" ('{"'); a long unbroken run of it is a widget token or a JWT part. */
const BASE64_JSON = /eyJ[A-Za-z0-9+/_-]{40,}={0,2}/g;

const MAX_DEPTH = 12;
const MAX_KEYS = 200;
const MAX_ITEMS = 200;
const MAX_STRING = 4_000;

/** Paths (dot-joined property names under the configuration object) whose values are secret by the spec. */
export type SecretPaths = ReadonlySet<string>;

/**
 * Every property path a connector spec marks `airbyte_secret`, through nested objects and the
 * branches of oneOf/anyOf/allOf (a branch's secrets are secret whichever branch the user picked).
 */
export function secretPathsOfSpec(spec: unknown): Set<string> {
  const found = new Set<string>();
  const walk = (node: unknown, prefix: string, depth: number) => {
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    for (const key of ['oneOf', 'anyOf', 'allOf']) {
      const branches = record[key];
      if (Array.isArray(branches)) for (const branch of branches.slice(0, MAX_ITEMS)) walk(branch, prefix, depth + 1);
    }
    const properties = record.properties;
    if (typeof properties !== 'object' || properties === null) return;
    for (const [name, prop] of Object.entries(properties as Record<string, unknown>).slice(0, MAX_KEYS)) {
      const path = prefix ? `${prefix}.${name}` : name;
      if (typeof prop === 'object' && prop !== null && (prop as Record<string, unknown>).airbyte_secret === true) found.add(path);
      walk(prop, path, depth + 1);
    }
  };
  walk(spec, '', 0);
  return found;
}

export function redactText(text: string): string {
  const bounded = text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}… (${text.length - MAX_STRING} more characters)` : text;
  return bounded.replace(JWT, '[redacted JWT]').replace(BASE64_JSON, '[redacted token]');
}

/** Members of a source object that hold its configuration (§4.2 response; request-style names too). */
const CONFIG_KEYS = new Set(['replication_config', 'configuration', 'source_config', 'connectionConfiguration']);

/**
 * A JSON-safe, bounded, redacted copy. `secretPaths` applies under any configuration member
 * (CONFIG_KEYS), at any depth, because the widget's `data` is a source object.
 */
export function redactPayload(value: unknown, secretPaths: SecretPaths = new Set()): unknown {
  const walk = (node: unknown, depth: number, configPath: string | null): unknown => {
    if (typeof node === 'string') return redactText(node);
    if (typeof node === 'number') return Number.isFinite(node) ? node : String(node);
    if (typeof node === 'boolean' || node === null) return node;
    if (typeof node !== 'object') return node === undefined ? null : `[${typeof node}]`;
    if (depth >= MAX_DEPTH) return '[too deep]';
    if (Array.isArray(node)) {
      const items = node.slice(0, MAX_ITEMS).map((item) => walk(item, depth + 1, configPath));
      if (node.length > MAX_ITEMS) items.push(`[${node.length - MAX_ITEMS} more items]`);
      return items;
    }
    const out: Record<string, unknown> = {};
    const entries = Object.entries(node as Record<string, unknown>);
    for (const [key, inner] of entries.slice(0, MAX_KEYS)) {
      const path = configPath === null ? null : configPath ? `${configPath}.${key}` : key;
      // defineProperty: a key named "__proto__" stays an own data member instead of changing the prototype.
      const set = (v: unknown) => Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
      if (SECRET_KEY.test(key) && inner !== null && inner !== undefined && inner !== '') set(REDACTED);
      else if (path !== null && secretPaths.has(path) && inner !== null && inner !== undefined) set(REDACTED);
      else set(walk(inner, depth + 1, CONFIG_KEYS.has(key) ? '' : path));
    }
    if (entries.length > MAX_KEYS) out['…'] = `${entries.length - MAX_KEYS} more keys`;
    return out;
  };
  return walk(value, 0, null);
}

/** The source template id of a source object in a `source_created`/`source_updated` event, if any. */
export function sourceTemplateIdOf(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const data = (payload as Record<string, unknown>).data;
  if (typeof data !== 'object' || data === null) return null;
  const record = data as Record<string, unknown>;
  const template = record.source_template ?? record.summarized_source_template;
  const id = typeof template === 'object' && template !== null ? (template as Record<string, unknown>).id : record.source_template_id;
  return typeof id === 'string' && /^[0-9a-fA-F-]{1,64}$/.test(id) ? id : null;
}
