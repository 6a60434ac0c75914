import {
  nonBreakingPreferenceSchema,
  sourceTemplateModeSchema,
  type Api,
  type ConnectionTemplate,
  type ConnectionTemplateDraft,
  type Customization,
  type SourceDefinition,
  type SourceTemplate,
  type SourceTemplateDraft,
} from '../../../../preload/contract';

/**
 * The online editor and the offline draft editor edit the same shape: a draft (snake_case, as in the
 * files). Here are the mappings between a server template (camelCase views) and a draft, and from a
 * draft to the inputs of the template channels. Pure.
 */

export type SourceCreateInput = Parameters<Api['templates']['sourceCreate']>[0];
export type SourceChanges = Parameters<Api['templates']['sourceUpdate']>[0]['changes'];
export type ConnectionCreateInput = Parameters<Api['templates']['connectionCreate']>[0];
export type ConnectionChanges = Parameters<Api['templates']['connectionUpdate']>[0]['changes'];
export type Hosting = ConnectionTemplateDraft['data_hosting_type'];

const DEFAULT_CUSTOMIZATION: Customization = { stream_selection_mode: 'suggested' };

/** Key-order-insensitive equality of JSON values (a config typed again in another order is unchanged). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b as object, k) && sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

export function sourceTemplateToDraft(t: SourceTemplate): SourceTemplateDraft {
  const mode = sourceTemplateModeSchema.safeParse(t.mode);
  return {
    kind: 'source_template',
    name: t.name,
    actor_definition_id: t.definitionId,
    connector_name: t.connectorName,
    // A mode this app does not know is kept in server_fields' view only; the form shows the default.
    mode: mode.success ? mode.data : 'REPLICATION',
    partial_default_config: structuredClone(t.partialDefaultConfig),
    customization: t.customization ? structuredClone(t.customization) : { ...DEFAULT_CUSTOMIZATION },
    tags: [...t.tags],
    server_fields: structuredClone(t.serverFields),
  };
}

export function newSourceDraft(def: SourceDefinition): SourceTemplateDraft {
  return {
    kind: 'source_template',
    name: def.name,
    actor_definition_id: def.id,
    connector_name: def.name,
    mode: 'REPLICATION',
    partial_default_config: {},
    customization: { ...DEFAULT_CUSTOMIZATION },
    tags: [],
    server_fields: {},
  };
}

export function connectionTemplateToDraft(t: ConnectionTemplate): ConnectionTemplateDraft {
  if (t.dataHostingType === 'airbyte_hosted') {
    return { kind: 'connection_template', data_hosting_type: 'airbyte_hosted', label: 'Airbyte-hosted', cron_expression: t.cronExpression, tags: [...t.tags], server_fields: structuredClone(t.serverFields) };
  }
  const preference = nonBreakingPreferenceSchema.safeParse(t.nonBreakingChangesPreference);
  return {
    kind: 'connection_template',
    data_hosting_type: 'user_hosted',
    destination_name: t.destinationName ?? '',
    destination_definition_id: t.destinationDefinitionId ?? '',
    destination_config: structuredClone(t.destinationConfig ?? {}),
    cron_expression: t.cronExpression,
    non_breaking_changes_preference: preference.success ? preference.data : 'ignore',
    sync_on_create: t.syncOnCreate ?? true,
    tags: [...t.tags],
    server_fields: structuredClone(t.serverFields),
  };
}

export function newConnectionDraft(hosting: Hosting): ConnectionTemplateDraft {
  if (hosting === 'airbyte_hosted') return { kind: 'connection_template', data_hosting_type: 'airbyte_hosted', label: 'Airbyte-hosted', cron_expression: null, tags: [], server_fields: {} };
  return {
    kind: 'connection_template',
    data_hosting_type: 'user_hosted',
    destination_name: '',
    destination_definition_id: '',
    destination_config: {},
    cron_expression: null,
    non_breaking_changes_preference: 'ignore',
    sync_on_create: true,
    tags: [],
    server_fields: {},
  };
}

/** An empty or blank schedule is "no schedule". */
const cronOf = (text: string | null): string | null => (text && text.trim() ? text.trim() : null);

export function sourceCreateInput(d: SourceTemplateDraft): SourceCreateInput {
  return {
    definitionId: d.actor_definition_id,
    name: d.name,
    partialDefaultConfig: d.partial_default_config,
    customization: d.customization,
    mode: d.mode,
    tags: d.tags,
  };
}

/** Only the fields that differ from `before` (Save sends nothing else); tags go through attach/detach. */
export function sourceChanges(before: SourceTemplateDraft, after: SourceTemplateDraft): SourceChanges {
  const changes: SourceChanges = {};
  if (after.name.trim() !== before.name) changes.name = after.name.trim();
  if (!sameJson(before.partial_default_config, after.partial_default_config)) changes.partialDefaultConfig = after.partial_default_config;
  if (!sameJson(before.customization, after.customization)) changes.customization = after.customization;
  if (after.mode !== before.mode) changes.mode = after.mode;
  return changes;
}

export function connectionCreateInput(d: ConnectionTemplateDraft): ConnectionCreateInput {
  const cron = cronOf(d.cron_expression);
  if (d.data_hosting_type === 'airbyte_hosted') return { dataHostingType: 'airbyte_hosted', ...(cron ? { cronExpression: cron } : {}), tags: d.tags };
  return {
    dataHostingType: 'user_hosted',
    destinationName: d.destination_name,
    destinationDefinitionId: d.destination_definition_id,
    destinationConfig: d.destination_config,
    ...(cron ? { cronExpression: cron } : {}),
    nonBreakingChangesPreference: d.non_breaking_changes_preference,
    syncOnCreate: d.sync_on_create,
    tags: d.tags,
  };
}

/** Only the changed fields; a cleared schedule is sent as null. The hosting type cannot change online. */
export function connectionChanges(before: ConnectionTemplateDraft, after: ConnectionTemplateDraft): ConnectionChanges {
  const changes: ConnectionChanges = {};
  if (cronOf(before.cron_expression) !== cronOf(after.cron_expression)) changes.cronExpression = cronOf(after.cron_expression);
  if (before.data_hosting_type === 'user_hosted' && after.data_hosting_type === 'user_hosted') {
    if (after.destination_name.trim() !== before.destination_name) changes.destinationName = after.destination_name.trim();
    if (!sameJson(before.destination_config, after.destination_config)) changes.destinationConfig = after.destination_config;
    if (after.non_breaking_changes_preference !== before.non_breaking_changes_preference) changes.nonBreakingChangesPreference = after.non_breaking_changes_preference;
    if (after.sync_on_create !== before.sync_on_create) changes.syncOnCreate = after.sync_on_create;
  }
  return changes;
}

/** The tag attach/detach calls that turn `before`'s tags into `after`'s. */
export function tagChanges(before: readonly string[], after: readonly string[]): { attach: string[]; detach: string[] } {
  return { attach: after.filter((t) => !before.includes(t)), detach: before.filter((t) => !after.includes(t)) };
}
