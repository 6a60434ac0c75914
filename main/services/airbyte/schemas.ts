import { z } from 'zod';

// Answers are validated but tolerant: unknown fields are dropped (the sandbox's x_sandbox_* included),
// only what the app relies on is required (contract §1, "Unknown fields ignored"). Templates, tags and
// definitions are the exception: they keep unknown fields (`looseObject`), because the templates
// service hands them on whole as `serverFields` so that nothing a newer server sends is lost.

export const operatorTokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.number().positive(),
  organization_id: z.string().nullable().optional(),
});

export const tokenSchema = z.object({ token: z.string().min(1) });

export const scopedTokenInfoSchema = z.object({
  organization_id: z.string(),
  workspace_id: z.string(),
  workspace_name: z.string(),
});

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  organization_id: z.string(),
  status: z.enum(['active', 'inactive']),
  cache_enabled: z.boolean().nullable().optional(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ApiWorkspace = z.infer<typeof workspaceSchema>;

export const workspacePageSchema = z.object({ data: z.array(workspaceSchema), next: z.string().nullable().optional() });
export const workspaceStatsSchema = z.object({ active_count: z.number(), inactive_count: z.number(), total_count: z.number() });
export const deletedSchema = z.object({ id: z.string(), deleted_at: z.string() });

export const sourceListSchema = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      created_at: z.string().optional(),
      updated_at: z.string().optional(),
      summarized_source_template: z
        .object({ id: z.string(), name: z.string(), icon: z.string().nullable().optional(), source_definition_id: z.string().optional() })
        .nullable()
        .optional(),
    }),
  ),
});

export const airbyteStreamSchema = z.looseObject({ name: z.string(), supported_sync_modes: z.array(z.string()) });
export const catalogSchema = z.object({ catalog: z.object({ streams: z.array(airbyteStreamSchema) }) });

export const streamConfigSchema = z.object({
  stream_name: z.string(),
  sync_mode: z.enum(['full_refresh', 'incremental']),
  destination_sync_mode: z.enum(['append', 'overwrite', 'append_dedup']),
  cursor_field: z.array(z.string()),
  primary_key: z.array(z.array(z.string())),
});
export type StreamConfig = z.infer<typeof streamConfigSchema>;

export const sourceTemplateItemSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  icon: z.string().nullable().optional(),
  connector_name: z.string().nullable().optional(),
  organization_id: z.string().nullable().optional(),
  actor_definition_id: z.string().optional(),
  source_definition_id: z.string().optional(),
  tags: z.array(z.string()).default([]),
  customization: z.looseObject({}).nullable().optional(),
  mode: z.string().optional(),
  created_at: z.string().nullable().optional(),
  updated_at: z.string().nullable().optional(),
});
export const sourceTemplateListSchema = z.object({ data: z.array(sourceTemplateItemSchema) });

export const connectionTemplateSchema = z.looseObject({
  id: z.string(),
  organization_id: z.string().nullable().optional(),
  data_hosting_type: z.string().optional(),
  destination_name: z.string().nullable().optional(),
  cron_expression: z.string().nullable().optional(),
  tags: z.array(z.string()).default([]),
  created_at: z.string().nullable().optional(),
  updated_at: z.string().nullable().optional(),
  destination_definition_id: z.string().nullable().optional(),
  destination_config: z.record(z.string(), z.unknown()).nullable().optional(),
  non_breaking_changes_preference: z.string().nullable().optional(),
  sync_on_create: z.boolean().nullable().optional(),
});
export const connectionTemplateListSchema = z.object({ data: z.array(connectionTemplateSchema) });

export const sourceTemplateSchema = sourceTemplateItemSchema.extend({
  user_config_spec: z.looseObject({ connectionSpecification: z.looseObject({}).nullable().optional() }).optional(),
  partial_default_config: z.record(z.string(), z.unknown()).optional(),
  auth_tooltip: z.string().nullable().optional(),
});

export const createdSourceSchema = z.object({
  id: z.string(),
  name: z.string(),
  source_template: sourceTemplateSchema.nullable().optional(),
  replication_config: z.record(z.string(), z.unknown()).optional(),
  created_at: z.string().optional(),
});

/** One connection template read alone; list items are the same object (§7). */
export const fullConnectionTemplateSchema = connectionTemplateSchema;

export const tagSchema = z.looseObject({ id: z.string(), name: z.string(), created_at: z.string().nullable().optional(), updated_at: z.string().nullable().optional() });
export const tagListSchema = z.object({ data: z.array(tagSchema) });
export const cronDescriptionSchema = z.object({ description: z.string(), is_valid: z.boolean() });
export const sourceDefinitionsSchema = z.object({
  definitions: z.array(
    z.looseObject({
      sourceDefinitionId: z.string(),
      name: z.string(),
      dockerRepository: z.string().nullable().optional(),
      iconUrl: z.string().nullable().optional(),
      supportLevel: z.string().nullable().optional(),
    }),
  ),
});
export const destinationDefinitionsSchema = z.object({ destinations: z.array(z.looseObject({ id: z.string(), name: z.string(), icon: z.string().nullable().optional() })) });
