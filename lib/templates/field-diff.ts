/**
 * Per-field changes between two comparable forms, for a plan: nested objects are walked to dotted
 * paths (`partial_default_config.ssl_mode.mode`), arrays and scalars are one field each (so `tags`
 * is one field). An absent field is shown as null.
 */
import { compareCodePoints, jsonEqual } from './canonical-json';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, order?: readonly string[]): FieldChange[] {
  const changes: FieldChange[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (isObject(a) && isObject(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort(compareCodePoints);
      for (const key of keys) walk(a[key], b[key], path === '' ? key : `${path}.${key}`);
      return;
    }
    if (!jsonEqual(a ?? null, b ?? null)) changes.push({ field: path, before: a ?? null, after: b ?? null });
  };
  const top = [...new Set([...(order ?? []), ...[...Object.keys(before), ...Object.keys(after)].sort(compareCodePoints)])];
  for (const key of top) walk(before[key], after[key], key);
  return changes;
}
