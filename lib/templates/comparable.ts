/**
 * The comparable form of a template: exactly the fields publishing sends, in one shape for a draft
 * and for the server's version, so that comparing them shows real changes only. Secret fields are
 * left out on both sides (a masked or missing secret never shows as a change: the Terraform
 * provider's classic noise), `$secret` references too, tags and the stream whitelist are sorted
 * sets, and fields the app does not send (ids, times, anything new) are not part of it.
 */
import { sortedSet } from './canonical-json';
import { jsonCopy, secretReferences, withoutPointers } from './json-pointers';

type JsonObject = Record<string, unknown>;
export type Comparable = JsonObject;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** The fields of each kind publishing sends (the order is the order a plan lists them in). */
export const COMPARABLE_FIELDS = {
  source_template: ['name', 'mode', 'partial_default_config', 'customization', 'tags'],
  user_hosted: ['destination_name', 'destination_config', 'cron_expression', 'non_breaking_changes_preference', 'sync_on_create', 'tags'],
  airbyte_hosted: ['cron_expression', 'tags'],
} as const;

export type TemplateShape = keyof typeof COMPARABLE_FIELDS;

export function shapeOf(draft: JsonObject): TemplateShape {
  if (draft.kind === 'source_template') return 'source_template';
  return draft.data_hosting_type === 'airbyte_hosted' ? 'airbyte_hosted' : 'user_hosted';
}

/** The config member of a kind (where secrets live), or null. */
export function configKeyOf(shape: TemplateShape): 'partial_default_config' | 'destination_config' | null {
  return shape === 'source_template' ? 'partial_default_config' : shape === 'user_hosted' ? 'destination_config' : null;
}

/** Stream selection as a value: the mode defaults to `suggested`, the whitelist is a set. */
export function comparableCustomization(value: unknown): JsonObject {
  const customization: JsonObject = isObject(value) ? jsonCopy(value) : {};
  if (typeof customization.stream_selection_mode !== 'string') customization.stream_selection_mode = 'suggested';
  if (Array.isArray(customization.stream_whitelist)) customization.stream_whitelist = sortedSet(stringsOf(customization.stream_whitelist));
  return customization;
}

/**
 * The comparable form of a draft (or of a server template mapped to a draft). `secretPaths` are the
 * spec's secret pointers inside the config; `$secret` references are left out wherever they are.
 */
export function comparableOf(draft: JsonObject, secretPaths: readonly string[] = []): Comparable {
  const shape = shapeOf(draft);
  const out: Comparable = {};
  for (const field of COMPARABLE_FIELDS[shape]) {
    const value = draft[field];
    if (field === 'tags') out.tags = sortedSet(stringsOf(value));
    else if (field === 'customization') out.customization = comparableCustomization(value);
    else if (field === 'partial_default_config' || field === 'destination_config') {
      const config = isObject(value) ? value : {};
      const references = secretReferences(config).map((r) => r.pointer);
      out[field] = withoutPointers(config, [...secretPaths, ...references]);
    } else out[field] = value === undefined ? null : jsonCopy(value);
  }
  return out;
}

/** A comparable form with more config pointers left out (a destination's referenced fields, which have no spec). */
export function withoutConfigPointers(comparable: Comparable, pointers: readonly string[]): Comparable {
  if (pointers.length === 0) return comparable;
  const out: Comparable = { ...comparable };
  for (const key of ['partial_default_config', 'destination_config'] as const) {
    if (isObject(out[key])) out[key] = withoutPointers(out[key], pointers);
  }
  return out;
}
