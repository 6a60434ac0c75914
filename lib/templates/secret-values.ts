/**
 * Secret values in configs: which secret fields of a draft hold a plain value (refused: a draft file
 * must not contain one), what a masked value from the server looks like, and the config with its
 * `$secret` references replaced by the kept values, right before sending.
 */
import { jsonCopy, pointerTokens, secretReferences, setAtPointer } from './json-pointers';
import { secretReferenceName, valueAt } from './secret-paths';

/** Nothing there: the field is left to the end user. */
export const isEmptySecret = (value: unknown) => value === undefined || value === null || value === '';

/** How APIs show a secret they will not reveal. */
export const isMasked = (value: unknown) => typeof value === 'string' && /^\*+$/.test(value);

/** Secret pointers at which the config holds a plain value (not empty, not a reference). */
export function plainSecretPointers(config: unknown, secretPaths: readonly string[]): string[] {
  return secretPaths.filter((p) => {
    const value = valueAt(config, p);
    return !isEmptySecret(value) && secretReferenceName(value) === null;
  });
}

/** The field's name for a message: its last key, or its dotted path when nested. */
export function secretFieldLabel(pointer: string): string {
  return pointerTokens(pointer).join('.');
}

/** The config with every reference replaced by its value; `missing` lists names with no value. */
export function resolveSecretReferences(config: Record<string, unknown>, values: ReadonlyMap<string, string>): { config: Record<string, unknown>; missing: string[] } {
  const copy = jsonCopy(config);
  const missing: string[] = [];
  for (const ref of secretReferences(copy)) {
    const value = values.get(ref.name);
    if (value === undefined) missing.push(ref.name);
    else setAtPointer(copy, ref.pointer, value);
  }
  return { config: copy, missing: [...new Set(missing)] };
}

/** `{pointer: name}` of every reference in a config (what a publish sent, for the next plan). */
export function referenceMap(config: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const ref of secretReferences(config)) Object.defineProperty(out, ref.pointer, { value: ref.name, enumerable: true, writable: true, configurable: true });
  return out;
}
