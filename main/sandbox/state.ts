/** The sandbox's in-memory organization. Shapes follow the contract; `deleted_at` marks soft deletes. */

export type WorkspaceStatus = 'active' | 'inactive';
export type SyncMode = 'full_refresh' | 'incremental';
export type DestinationSyncMode = 'append' | 'overwrite' | 'append_dedup';
export type TagsMode = 'any' | 'all';

export interface Workspace {
  id: string;
  name: string;
  organization_id: string;
  status: WorkspaceStatus;
  cache_enabled: boolean | null;
  region_id: string;
  /** Inactivating a workspace disables its connections (contract §3.2). */
  connections_enabled: boolean;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface Customization {
  stream_selection_mode: 'suggested' | 'all' | 'whitelist';
  stream_whitelist?: string[];
  [passThrough: string]: unknown;
}

export interface SourceTemplate {
  id: string;
  organization_id: string | null;
  name: string;
  icon: string | null;
  actor_definition_id: string;
  partial_default_config: Record<string, unknown>;
  customization: Customization;
  tags: string[];
  mode: 'DIRECT' | 'REPLICATION' | 'MULTI';
  is_experimental: boolean;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ConnectionTemplate {
  id: string;
  organization_id: string;
  data_hosting_type: 'user_hosted' | 'airbyte_hosted';
  destination_name: string | null;
  destination_definition_id: string | null;
  destination_config: Record<string, unknown> | null;
  cron_expression: string | null;
  non_breaking_changes_preference: 'ignore' | 'disable' | 'propagate_columns' | 'propagate_fully' | null;
  sync_on_create: boolean | null;
  tags: string[];
  icon: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface Tag {
  id: string;
  name: string;
  organization_id: string;
  created_at: string;
  updated_at: string;
}

export interface StreamConfig {
  stream_name: string;
  sync_mode: SyncMode;
  destination_sync_mode: DestinationSyncMode;
  cursor_field: string[];
  primary_key: string[][];
}

export interface Source {
  id: string;
  workspace_id: string;
  name: string;
  source_template_id: string;
  source_definition_id: string;
  config: Record<string, unknown>;
  /** `connector`: the connector's own catalog; `large`: the 5,000-stream performance catalog. */
  catalog_kind: 'connector' | 'large';
  streams: Record<string, StreamConfig>;
  selected_connection_template_tags: string[];
  selected_connection_template_tags_mode: TagsMode;
  created_at: string;
  updated_at: string;
}

export interface Application {
  id: string;
  client_id: string;
  client_secret: string;
}

export interface SandboxState {
  version: 1;
  seed: 'demo' | 'large';
  organization_id: string;
  application: Application;
  workspaces: Workspace[];
  source_templates: SourceTemplate[];
  connection_templates: ConnectionTemplate[];
  tags: Tag[];
  sources: Source[];
}

export const live = <T extends { deleted_at: string | null }>(items: T[]): T[] => items.filter((item) => item.deleted_at === null);
