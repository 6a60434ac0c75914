/**
 * A server template (the API's snake_case object) as a draft: the fields the app edits in their
 * draft places, secret values dropped (never written to a file), and everything else the server
 * sent kept whole in `server_fields`, so a new server field is neither lost nor flagged as a change
 * (octavia-cli choked on them).
 */
import { jsonCopy, withoutPointers } from './json-pointers';

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Server fields that are the draft's own fields, or not worth keeping (the spec is big and comes from the connector). */
const SOURCE_MAPPED = new Set(['name', 'actor_definition_id', 'source_definition_id', 'connector_name', 'mode', 'partial_default_config', 'customization', 'tags', 'user_config_spec']);
const CONNECTION_MAPPED = new Set([
  'data_hosting_type',
  'destination_name',
  'destination_definition_id',
  'destination_config',
  'cron_expression',
  'non_breaking_changes_preference',
  'sync_on_create',
  'tags',
]);

/**
 * Server fields a draft file never keeps: they change without a real change (times), identify one
 * server's copy (ids; the state file links the draft to its template), or say nothing (a null icon).
 * Kept, they would make `git diff` of a drafts folder noisy and differ between two people's pulls.
 */
const VOLATILE = new Set(['id', 'organization_id', 'created_at', 'updated_at']);
const isNoise = (key: string, value: unknown) => value === undefined || VOLATILE.has(key) || (key === 'icon' && value === null);

function rest(server: JsonObject, mapped: Set<string>): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(server).filter((k) => !mapped.has(k) && !isNoise(k, server[k]))) {
    Object.defineProperty(out, key, { value: jsonCopy(server[key]), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

export function sourceDraftFromServer(server: JsonObject, secretPaths: readonly string[]): JsonObject {
  const config = isObject(server.partial_default_config) ? server.partial_default_config : {};
  return {
    kind: 'source_template',
    name: server.name,
    actor_definition_id: server.actor_definition_id ?? server.source_definition_id,
    connector_name: typeof server.connector_name === 'string' ? server.connector_name : null,
    mode: server.mode ?? 'REPLICATION',
    partial_default_config: withoutPointers(config, secretPaths),
    customization: isObject(server.customization) ? jsonCopy(server.customization) : { stream_selection_mode: 'suggested' },
    tags: Array.isArray(server.tags) ? [...(server.tags as unknown[])] : [],
    server_fields: rest(server, SOURCE_MAPPED),
  };
}

/** `label` names an Airbyte-hosted draft (the server has no name for it): the existing draft's, when there is one. */
export function connectionDraftFromServer(server: JsonObject, label?: string): JsonObject {
  const tags = Array.isArray(server.tags) ? [...(server.tags as unknown[])] : [];
  if (server.data_hosting_type === 'airbyte_hosted') {
    return {
      kind: 'connection_template',
      data_hosting_type: 'airbyte_hosted',
      label: label ?? 'Airbyte-hosted',
      cron_expression: server.cron_expression ?? null,
      tags,
      server_fields: rest(server, CONNECTION_MAPPED),
    };
  }
  return {
    kind: 'connection_template',
    data_hosting_type: 'user_hosted',
    destination_name: server.destination_name,
    destination_definition_id: server.destination_definition_id,
    destination_config: isObject(server.destination_config) ? jsonCopy(server.destination_config) : {},
    cron_expression: server.cron_expression ?? null,
    non_breaking_changes_preference: server.non_breaking_changes_preference ?? 'ignore',
    sync_on_create: typeof server.sync_on_create === 'boolean' ? server.sync_on_create : true,
    tags,
    server_fields: rest(server, CONNECTION_MAPPED),
  };
}
