import type { PublishResult, PullResult } from '../../../preload/contract';
import { canonicalJson } from './canonical-json';

/** A copy with every object's keys sorted: the three columns of a conflict show one key order, so the eye compares like with like. */
export function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, sortedKeys(v)]),
    );
  }
  return value;
}

/** Values in the plan and the conflict view, readable: absent, a scalar as JSON, an object pretty-printed with sorted keys. */
export function formatValue(value: unknown): { text: string; block: boolean } {
  if (value === undefined) return { text: '(absent)', block: false };
  if (value !== null && typeof value === 'object') return { text: JSON.stringify(sortedKeys(value), null, 2), block: true };
  return { text: JSON.stringify(value), block: false };
}

export interface ConflictRow {
  field: string;
  draft: unknown;
  base: unknown;
  server: unknown;
  differs: boolean;
}

/** Every field of the three versions of a conflict, those that differ somewhere first. */
export function conflictRows(draft: Record<string, unknown>, base: Record<string, unknown>, server: Record<string, unknown> | null): ConflictRow[] {
  const fields = [...new Set([...Object.keys(draft), ...Object.keys(base), ...Object.keys(server ?? {})])].sort();
  const rows = fields.map((field) => {
    const values = [draft[field], base[field], server ? server[field] : undefined].map((v) => canonicalJson(v));
    return { field, draft: draft[field], base: base[field], server: server ? server[field] : undefined, differs: new Set(values).size > 1 };
  });
  return [...rows.filter((r) => r.differs), ...rows.filter((r) => !r.differs)];
}

/**
 * "Published: 1 done, 0 failed; held back: 1 conflict, 1 invalid, 14 unchanged": the first part counts
 * what the plan set out to create or update, the second what it left alone, so the numbers add up to
 * the drafts of the plan.
 */
export function publishSummaryLine(results: readonly PublishResult[]): string {
  const applied = results.filter((r) => r.action === 'create' || r.action === 'update');
  const count = (list: readonly PublishResult[], test: (r: PublishResult) => boolean) => list.filter(test).length;
  const done = count(applied, (r) => r.outcome === 'done');
  const failed = count(applied, (r) => r.outcome === 'failed');
  const skipped = count(applied, (r) => r.outcome === 'skipped');
  const conflict = count(results, (r) => r.action === 'conflict');
  const invalid = count(results, (r) => r.action === 'invalid');
  const unchanged = count(results, (r) => r.action === 'unchanged');
  const head = `Published: ${done} done, ${failed} failed${skipped > 0 ? `, ${skipped} skipped (changed since the plan)` : ''}`;
  return `${head}; held back: ${conflict} conflict${conflict === 1 ? '' : 's'}, ${invalid} invalid, ${unchanged} unchanged`;
}

/** "Pulled 17 templates: 17 new drafts, 0 updated, 0 unchanged, 0 skipped": the parts add up to the templates read. */
export function pullSummaryLine(result: PullResult): string {
  const total = result.created.length + result.updated.length + result.unchanged + result.skipped.length;
  return `Pulled ${total} template${total === 1 ? '' : 's'}: ${result.created.length} new draft${result.created.length === 1 ? '' : 's'}, ${result.updated.length} updated, ${result.unchanged} unchanged, ${result.skipped.length} skipped`;
}
