/**
 * Secret values in configs: which secret fields of a draft hold a plain value (refused: a draft file
 * must not contain one), what a masked value from the server looks like, and the config with its
 * `$secret` references replaced by the kept values, right before sending.
 */
import { jsonCopy, pointerOf, pointerTokens, secretReferences, setAtPointer } from './json-pointers';
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

/**
 * `config` with the server's values of the secret fields it leaves out, copied in: an update replaces
 * the whole config, and a screen never shows these values, so leaving one out means "keep it". A
 * field is copied only where its parent object is still there (a removed or replaced auth block is
 * the user's choice); an explicit value, `null` included, is sent as given. `masked` lists the
 * pointers whose server value is masked (it cannot be copied back).
 */
export function withKeptSecrets(config: Record<string, unknown>, server: unknown, heldPointers: readonly string[]): { config: Record<string, unknown>; masked: string[] } {
  const copy = jsonCopy(config);
  const masked: string[] = [];
  for (const pointer of heldPointers) {
    if (valueAt(copy, pointer) !== undefined) continue;
    const tokens = pointerTokens(pointer);
    const parent = tokens.length > 1 ? valueAt(copy, pointerOf(tokens.slice(0, -1))) : copy;
    if (typeof parent !== 'object' || parent === null || Array.isArray(parent)) continue;
    const current = valueAt(server, pointer);
    if (current === undefined) continue;
    if (isMasked(current)) masked.push(pointer);
    else setAtPointer(copy, pointer, jsonCopy(current));
  }
  return { config: copy, masked };
}
