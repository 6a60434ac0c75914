/**
 * What publishing sends for a draft (contract §6.2, §7): the create body, or the PATCH body of the
 * fields that differ from the server plus the tags to attach and detach (tags are not PATCHable).
 * `$secret` references stay in these bodies; they are resolved right before sending.
 */
import { jsonEqual, sortedSet } from './canonical-json';
import { comparableCustomization, COMPARABLE_FIELDS, shapeOf, type Comparable } from './comparable';
import { jsonCopy } from './json-pointers';

type JsonObject = Record<string, unknown>;

export function createBody(draft: JsonObject): JsonObject {
  const shape = shapeOf(draft);
  const tags = sortedSet((draft.tags as string[] | undefined) ?? []);
  if (shape === 'source_template') {
    return {
      actor_definition_id: draft.actor_definition_id,
      name: draft.name,
      mode: draft.mode,
      partial_default_config: jsonCopy(draft.partial_default_config ?? {}),
      customization: comparableCustomization(draft.customization),
      tags,
    };
  }
  const cron = typeof draft.cron_expression === 'string' ? { cron_expression: draft.cron_expression } : {};
  if (shape === 'airbyte_hosted') return { data_hosting_type: 'airbyte_hosted', ...cron, tags };
  return {
    data_hosting_type: 'user_hosted',
    destination_name: draft.destination_name,
    destination_definition_id: draft.destination_definition_id,
    destination_config: jsonCopy(draft.destination_config ?? {}),
    ...cron,
    non_breaking_changes_preference: draft.non_breaking_changes_preference,
    sync_on_create: draft.sync_on_create,
    tags,
  };
}

export interface UpdateRequests {
  /** The PATCH body without `propagate` (added at send time for sources); null when only tags change. */
  patch: JsonObject | null;
  attach: string[];
  detach: string[];
}

/**
 * The requests that turn the server's version into the draft's. `configChanged` forces the config into
 * the PATCH (a `$secret` reference was added or renamed: the comparable forms cannot see it).
 */
export function updateRequests(draft: JsonObject, server: Comparable, draftComparable: Comparable, configChanged = false): UpdateRequests {
  const shape = shapeOf(draft);
  const patch: JsonObject = {};
  for (const field of COMPARABLE_FIELDS[shape]) {
    if (field === 'tags') continue;
    const isConfig = field === 'partial_default_config' || field === 'destination_config';
    if (jsonEqual(server[field], draftComparable[field]) && !(isConfig && configChanged)) continue;
    // The draft's own value (with its references), not the comparable one (secrets left out).
    if (field === 'customization') patch.customization = comparableCustomization(draft.customization);
    else patch[field] = jsonCopy(draft[field] ?? null);
  }
  const serverTags = new Set((server.tags as string[] | undefined) ?? []);
  const draftTags = new Set((draftComparable.tags as string[] | undefined) ?? []);
  return {
    patch: Object.keys(patch).length > 0 ? patch : null,
    attach: sortedSet([...draftTags].filter((t) => !serverTags.has(t))),
    detach: sortedSet([...serverTags].filter((t) => !draftTags.has(t))),
  };
}
