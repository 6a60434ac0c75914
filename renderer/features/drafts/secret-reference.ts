import { SECRET_REFERENCE_KEY } from '../../../preload/contract';
import { secretReferenceName, valueAt } from '../../../lib/templates/secret-paths';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a secret field of a draft holds: nothing (the end user fills it), a kept secret's name, or a plain value (Save refuses it). */
export type SecretFieldState = { kind: 'empty' } | { kind: 'reference'; name: string } | { kind: 'plain' };

export function secretFieldState(config: JsonObject, pointer: string): SecretFieldState {
  const value = valueAt(config, pointer);
  if (value === undefined || value === null || value === '') return { kind: 'empty' };
  const name = secretReferenceName(value);
  return name !== null ? { kind: 'reference', name } : { kind: 'plain' };
}

/** A copy of `config` with `value` at the pointer (missing objects on the way are created); undefined removes it. */
export function withValueAt(config: JsonObject, pointer: string, value: unknown): JsonObject {
  const tokens = pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (tokens.length === 0) return config;
  const put = (node: JsonObject, index: number): JsonObject => {
    const key = tokens[index] as string;
    const copy = { ...node };
    if (index === tokens.length - 1) {
      if (value === undefined) delete copy[key];
      else copy[key] = value;
      return copy;
    }
    const child = copy[key];
    copy[key] = put(isObject(child) ? child : {}, index + 1);
    return copy;
  };
  return put(config, 0);
}

export const secretReference = (name: string) => ({ [SECRET_REFERENCE_KEY]: name });

/** "/credentials/api_key" → "credentials › api_key", for labels. */
export function pointerLabel(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join(' › ');
}
