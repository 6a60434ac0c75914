/**
 * Edits of JSON documents at RFC 6901 pointers, always on copies. Keys are set with
 * `defineProperty`, so a config key named `__proto__` (JSON admits it) stays data and never becomes
 * a prototype.
 */
import { secretReferenceName } from './secret-paths';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

export function pointerTokens(pointer: string): string[] {
  return pointer === '' ? [] : pointer.split('/').slice(1).map((raw) => raw.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function pointerOf(tokens: readonly string[]): string {
  return tokens.map((t) => `/${t.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** A deep copy of a JSON value (JSON.parse keeps `__proto__` as an own key). */
export function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function setOwn(target: JsonObject, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A copy of `document` without the members the pointers name (missing ones are ignored). */
export function withoutPointers<T>(document: T, pointers: readonly string[]): T {
  if (pointers.length === 0 || !isObject(document)) return jsonCopy(document);
  const copy = jsonCopy(document) as unknown as JsonObject;
  for (const pointer of pointers) {
    const tokens = pointerTokens(pointer);
    const last = tokens.pop();
    if (last === undefined) continue;
    let parent: unknown = copy;
    for (const token of tokens) parent = isObject(parent) && Object.prototype.hasOwnProperty.call(parent, token) ? parent[token] : undefined;
    if (isObject(parent) && Object.prototype.hasOwnProperty.call(parent, last)) delete parent[last];
  }
  return copy as unknown as T;
}

/** Sets the value at a pointer in place, creating missing objects on the way; false when a step is not an object. */
export function setAtPointer(document: JsonObject, pointer: string, value: unknown): boolean {
  const tokens = pointerTokens(pointer);
  const last = tokens.pop();
  if (last === undefined) return false;
  let parent: JsonObject = document;
  for (const token of tokens) {
    const next = Object.prototype.hasOwnProperty.call(parent, token) ? parent[token] : undefined;
    if (next === undefined) {
      const created: JsonObject = {};
      setOwn(parent, token, created);
      parent = created;
    } else if (isObject(next)) {
      parent = next;
    } else {
      return false;
    }
  }
  setOwn(parent, last, value);
  return true;
}

/** Every `{"$secret": name}` in a document, with where it is. */
export function secretReferences(document: unknown): Array<{ pointer: string; name: string }> {
  const found: Array<{ pointer: string; name: string }> = [];
  const walk = (node: unknown, tokens: string[], depth: number) => {
    if (depth > 64) return;
    const name = secretReferenceName(node);
    if (name !== null) {
      found.push({ pointer: pointerOf(tokens), name });
      return;
    }
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...tokens, String(i)], depth + 1));
    else if (isObject(node)) for (const [key, child] of Object.entries(node)) walk(child, [...tokens, key], depth + 1);
  };
  walk(document, [], 0);
  return found;
}

/** Dotted form of a pointer for messages: `/tunnel_method/password` → `tunnel_method.password`. */
export function dottedPointer(pointer: string): string {
  return pointerTokens(pointer).join('.');
}
