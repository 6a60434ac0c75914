import type { z } from 'zod';
import {
  customizationSchema,
  type ConnectionTemplate,
  type Customization,
  type DestinationDefinition,
  type SourceTemplate,
  type SourceTemplateItem,
  type Tag,
} from '../../../preload/contract';
import { withoutPointers } from '../../../lib/templates/json-pointers';
import { secretPaths, secretReferenceName, valueAt } from '../../../lib/templates/secret-paths';
import type { connectionTemplateSchema, destinationDefinitionsSchema, sourceDefinitionsSchema, sourceTemplateItemSchema, sourceTemplateSchema, tagSchema } from '../airbyte/schemas';

// API objects (snake_case, as parsed by the client's tolerant schemas) → the contract's camelCase
// views. Whatever a view does not map is kept in `serverFields`, so a field a newer server adds
// is carried to the renderer (and back into drafts) instead of being dropped.

type ApiSourceItem = z.output<typeof sourceTemplateItemSchema>;
type ApiSourceTemplate = z.output<typeof sourceTemplateSchema>;
type ApiConnectionTemplate = z.output<typeof connectionTemplateSchema>;
type ApiTag = z.output<typeof tagSchema>;
export type ApiSourceDefinition = z.output<typeof sourceDefinitionsSchema>['definitions'][number];
type ApiDestinationDefinition = z.output<typeof destinationDefinitionsSchema>['destinations'][number];

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The members of `raw` not named in `mapped`. */
function unmapped(raw: JsonObject, mapped: readonly string[]): JsonObject {
  const rest: JsonObject = {};
  for (const [key, value] of Object.entries(raw)) if (!mapped.includes(key)) rest[key] = value;
  return rest;
}

/** §6.1: the two names of one UUID; either may be the one sent. Lower-cased, as ids are compared that way. */
export function definitionIdOf(t: { actor_definition_id?: string | undefined; source_definition_id?: string | undefined }): string {
  return (t.actor_definition_id ?? t.source_definition_id ?? '').toLowerCase();
}

/**
 * A customization the contract can carry, or null. A shape the app does not know (a new selection
 * mode, say) is not forced into a known one: it stays whole in `serverFields.customization`.
 */
function customizationOf(raw: unknown): { value: Customization | null; known: boolean } {
  if (raw === undefined || raw === null) return { value: null, known: true };
  const parsed = customizationSchema.safeParse(raw);
  return parsed.success ? { value: parsed.data, known: true } : { value: null, known: false };
}

const ITEM_FIELDS = ['id', 'name', 'connector_name', 'actor_definition_id', 'source_definition_id', 'organization_id', 'tags', 'customization', 'mode', 'updated_at'] as const;

export function sourceTemplateItemView(t: ApiSourceItem): SourceTemplateItem {
  const customization = customizationOf(t.customization);
  return {
    id: t.id,
    name: t.name,
    connectorName: t.connector_name ?? null,
    definitionId: definitionIdOf(t),
    organizationId: t.organization_id ?? null,
    tags: t.tags,
    customization: customization.value,
    mode: t.mode ?? 'REPLICATION',
    updatedAt: t.updated_at ?? null,
  };
}

/** `user_config_spec.connectionSpecification`, when the server sent an object there. */
export function specOf(t: ApiSourceTemplate): JsonObject | null {
  const spec = t.user_config_spec?.connectionSpecification;
  return isObject(spec) ? spec : null;
}

/**
 * The secret pointers (of `spec`, or of any of `specs`) at which `config` holds a value: not null,
 * not missing, and not a `{"$secret"}` reference (a reference names a value kept elsewhere; it is
 * not one).
 */
export function heldSecretPointers(config: unknown, specs: ReadonlyArray<JsonObject | null>): string[] {
  const paths = new Set(specs.flatMap((spec) => (spec ? secretPaths(spec) : [])));
  return [...paths]
    .filter((pointer) => {
      const value = valueAt(config, pointer);
      return value !== undefined && value !== null && secretReferenceName(value) === null;
    })
    .sort();
}

/**
 * `cachedSpec` is the connector's spec from the offline cache, for answers that came without one
 * (tag answers of some servers): its secret fields are hidden as well as those of the answer's own
 * spec. Secret values never reach a screen; `keptSecrets` says which ones the server holds.
 */
export function sourceTemplateView(t: ApiSourceTemplate, cachedSpec: JsonObject | null = null): SourceTemplate {
  const customization = customizationOf(t.customization);
  const raw = t as JsonObject;
  const serverFields = unmapped(raw, [...ITEM_FIELDS, 'partial_default_config', 'user_config_spec', 'created_at']);
  if (!customization.known) serverFields.customization = t.customization;
  // Only `connectionSpecification` of user_config_spec is mapped (to `spec`); anything beside it is kept.
  if (isObject(t.user_config_spec)) {
    const besideSpec = unmapped(t.user_config_spec, ['connectionSpecification']);
    if (Object.keys(besideSpec).length > 0 || (t.user_config_spec.connectionSpecification != null && specOf(t) === null)) {
      serverFields.user_config_spec = t.user_config_spec;
    }
  }
  if (t.partial_default_config !== undefined && !isObject(t.partial_default_config)) serverFields.partial_default_config = t.partial_default_config;
  const config = isObject(t.partial_default_config) ? t.partial_default_config : {};
  const keptSecrets = heldSecretPointers(config, [specOf(t), cachedSpec]);
  return {
    ...sourceTemplateItemView(t),
    partialDefaultConfig: withoutPointers(config, keptSecrets),
    keptSecrets,
    spec: specOf(t),
    createdAt: t.created_at ?? null,
    serverFields,
  };
}

const CONNECTION_FIELDS = [
  'id',
  'organization_id',
  'data_hosting_type',
  'destination_name',
  'destination_definition_id',
  'destination_config',
  'cron_expression',
  'non_breaking_changes_preference',
  'sync_on_create',
  'tags',
  'created_at',
  'updated_at',
] as const;

export function connectionTemplateView(t: ApiConnectionTemplate): ConnectionTemplate {
  const serverFields = unmapped(t as JsonObject, CONNECTION_FIELDS);
  // §7: the type defaults to user_hosted; a value the app does not know is kept as sent.
  const known = t.data_hosting_type === undefined || t.data_hosting_type === 'user_hosted' || t.data_hosting_type === 'airbyte_hosted';
  if (!known) serverFields.data_hosting_type = t.data_hosting_type;
  return {
    id: t.id,
    organizationId: t.organization_id ?? null,
    dataHostingType: t.data_hosting_type === 'airbyte_hosted' ? 'airbyte_hosted' : 'user_hosted',
    destinationName: t.destination_name ?? null,
    destinationDefinitionId: t.destination_definition_id ?? null,
    destinationConfig: t.destination_config ?? null,
    cronExpression: t.cron_expression ?? null,
    nonBreakingChangesPreference: t.non_breaking_changes_preference ?? null,
    syncOnCreate: t.sync_on_create ?? null,
    tags: t.tags,
    createdAt: t.created_at ?? null,
    updatedAt: t.updated_at ?? null,
    serverFields,
  };
}

export function tagView(t: ApiTag): Tag {
  return { id: t.id, name: t.name, createdAt: t.created_at ?? null, updatedAt: t.updated_at ?? null };
}

/** A source definition as the connector cache keeps it (the view adds `specCached`). */
export interface CachedSourceDefinition {
  id: string;
  name: string;
  dockerRepository: string | null;
  supportLevel: string | null;
}

export function sourceDefinitionOf(d: ApiSourceDefinition): CachedSourceDefinition {
  return { id: d.sourceDefinitionId.toLowerCase(), name: d.name, dockerRepository: d.dockerRepository ?? null, supportLevel: d.supportLevel ?? null };
}

export function destinationDefinitionOf(d: ApiDestinationDefinition): DestinationDefinition {
  return { id: d.id.toLowerCase(), name: d.name };
}
