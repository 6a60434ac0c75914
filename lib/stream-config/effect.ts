import type { StreamConfig } from './types';

/**
 * The effect of a change in one sentence, for the dry run and the plan list, e.g.
 * "users: full_refresh/overwrite → incremental/append_dedup on cursor `updated_at`, key `id`".
 * The cursor is named only where it is used (incremental) and the key only where it is used (append_dedup),
 * so the sentence says what the sync will do, not every stored member.
 */

function field(path: readonly string[]): string {
  return `\`${path.join('.')}\``;
}

function key(primaryKey: readonly (readonly string[])[]): string {
  return primaryKey.map(field).join('+');
}

function modes(config: StreamConfig): string {
  return `${config.sync_mode}/${config.destination_sync_mode}`;
}

/** Cursor and key, where they matter: "on cursor `updated_at`, key `id`". */
function details(config: StreamConfig): string {
  const parts: string[] = [];
  if (config.sync_mode === 'incremental') parts.push(config.cursor_field.length > 0 ? `on cursor ${field(config.cursor_field)}` : "on the source's cursor");
  if (config.destination_sync_mode === 'append_dedup') parts.push(config.primary_key.length > 0 ? `key ${key(config.primary_key)}` : 'no key');
  return parts.join(', ');
}

function describe(config: StreamConfig): string {
  const d = details(config);
  return d ? `${modes(config)} ${d}` : modes(config);
}

function sameConfig(a: StreamConfig, b: StreamConfig): boolean {
  return JSON.stringify([a.sync_mode, a.destination_sync_mode, a.cursor_field, a.primary_key]) === JSON.stringify([b.sync_mode, b.destination_sync_mode, b.cursor_field, b.primary_key]);
}

export function describeEffect(name: string, before: StreamConfig | null, after: StreamConfig | null): string {
  if (before === null && after === null) return `${name}: unchanged (not configured)`;
  if (before === null && after !== null) return `${name}: added as ${describe(after)}`;
  if (before !== null && after === null) return `${name}: removed (syncing stops; synced data is kept)`;
  const b = before as StreamConfig;
  const a = after as StreamConfig;
  if (sameConfig(b, a)) return `${name}: unchanged`;
  const from = describe(b);
  const to = describe(a);
  if (from !== to) return `${name}: ${from} → ${to}`;
  // What changed is not used by the sync as configured (e.g. a cursor in full refresh): say it anyway.
  const changes: string[] = [];
  if (JSON.stringify(b.cursor_field) !== JSON.stringify(a.cursor_field)) changes.push(`cursor ${b.cursor_field.length ? field(b.cursor_field) : 'none'} → ${a.cursor_field.length ? field(a.cursor_field) : 'none'}`);
  if (JSON.stringify(b.primary_key) !== JSON.stringify(a.primary_key)) changes.push(`key ${b.primary_key.length ? key(b.primary_key) : 'none'} → ${a.primary_key.length ? key(a.primary_key) : 'none'}`);
  return `${name}: ${to}, ${changes.join(', ')} (not used by this sync mode)`;
}
