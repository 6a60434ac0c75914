import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../lib/templates/canonical-json';

/** sha256 of the canonical text of a comparable form (key order never changes it). */
export function hashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

/** sha256 of a file's text: a plan is bound to the exact bytes it was computed from. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
