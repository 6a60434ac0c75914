import { canonicalJson } from './canonical-json';

/** Values in the plan and the conflict view, readable: absent, a scalar as JSON, an object pretty-printed. */
export function formatValue(value: unknown): { text: string; block: boolean } {
  if (value === undefined) return { text: '(absent)', block: false };
  if (value !== null && typeof value === 'object') return { text: JSON.stringify(value, null, 2), block: true };
  return { text: JSON.stringify(value), block: false };
}

/** Every field of the three versions of a conflict, those that differ somewhere first. */
export function conflictRows(draft: Record<string, unknown>, base: Record<string, unknown>, server: Record<string, unknown> | null): Array<{ field: string; draft: unknown; base: unknown; server: unknown; differs: boolean }> {
  const fields = [...new Set([...Object.keys(draft), ...Object.keys(base), ...Object.keys(server ?? {})])].sort();
  const rows = fields.map((field) => {
    const values = [draft[field], base[field], server ? server[field] : undefined].map((v) => canonicalJson(v));
    return { field, draft: draft[field], base: base[field], server: server ? server[field] : undefined, differs: new Set(values).size > 1 };
  });
  return [...rows.filter((r) => r.differs), ...rows.filter((r) => !r.differs)];
}
