import { z } from 'zod';
import { channel } from './define';
import { requestIdSchema } from './requests';
import { tagsModeSchema } from './widget';

/**
 * Source and connection templates, connector definitions and the tag registry, online (contract
 * §6–8). Main calls the API; answers are camelCase views. Fields the server sends that the app does
 * not know are carried whole in `serverFields`, so nothing new on the server is dropped or flagged.
 */

const id = z.string().min(1).max(64);
/** The longest tag name the API takes (inputs use it as their maxLength). */
export const TAG_NAME_MAX_LENGTH = 255;
const tagName = z.string().min(1, 'a tag needs a name').max(TAG_NAME_MAX_LENGTH, `a tag name has at most ${TAG_NAME_MAX_LENGTH} characters`);
/** The longest template name the API takes. */
export const TEMPLATE_NAME_MAX_LENGTH = 255;
const templateName = z.string().trim().min(1, 'a name is required').max(TEMPLATE_NAME_MAX_LENGTH, `at most ${TEMPLATE_NAME_MAX_LENGTH} characters`);
const cancellable = { requestId: requestIdSchema.optional() };
/** A JSON object of any shape (connector configs); the depth and size limits of the router apply. */
const jsonObject = z.record(z.string(), z.unknown());

export const sourceTemplateModeSchema = z.enum(['DIRECT', 'REPLICATION', 'MULTI']);
export const streamSelectionModeSchema = z.enum(['suggested', 'all', 'whitelist']);
export const customizationSchema = z
  .object({
    stream_selection_mode: streamSelectionModeSchema,
    stream_whitelist: z.array(z.string().min(1).max(512)).max(10_000).optional(),
  })
  /** `stream_customizations`, `stream_mappers` and anything newer pass through untouched (§6.3). */
  .catchall(z.unknown());
export type Customization = z.infer<typeof customizationSchema>;

export const sourceTemplateItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  connectorName: z.string().nullable(),
  definitionId: z.string(),
  /** Null for a global (Airbyte-provided) template. */
  organizationId: z.string().nullable(),
  tags: z.array(z.string()),
  customization: customizationSchema.nullable(),
  mode: z.string(),
  updatedAt: z.string().nullable(),
});
export type SourceTemplateItem = z.infer<typeof sourceTemplateItemSchema>;

export const sourceTemplateSchema = sourceTemplateItemSchema.extend({
  /** The defaults, with the values of secret fields left out (see `keptSecrets`): a screen never shows them. */
  partialDefaultConfig: jsonObject,
  /**
   * JSON Pointers of secret fields (`airbyte_secret`) whose value the server holds. Their values never
   * leave main; an update that leaves such a field out keeps the server's value.
   */
  keptSecrets: z.array(z.string()),
  /** The connector's `connectionSpecification` (a JSON Schema), when the server sent one. */
  spec: jsonObject.nullable(),
  createdAt: z.string().nullable(),
  serverFields: jsonObject,
});
export type SourceTemplate = z.infer<typeof sourceTemplateSchema>;

export const connectionTemplateSchema = z.object({
  id: z.string(),
  organizationId: z.string().nullable(),
  dataHostingType: z.enum(['user_hosted', 'airbyte_hosted']),
  /** Null on `airbyte_hosted` (Airbyte supplies the destination). */
  destinationName: z.string().nullable(),
  destinationDefinitionId: z.string().nullable(),
  destinationConfig: jsonObject.nullable(),
  cronExpression: z.string().nullable(),
  nonBreakingChangesPreference: z.string().nullable(),
  syncOnCreate: z.boolean().nullable(),
  tags: z.array(z.string()),
  createdAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  serverFields: jsonObject,
});
export type ConnectionTemplate = z.infer<typeof connectionTemplateSchema>;

export const nonBreakingPreferenceSchema = z.enum(['ignore', 'disable', 'propagate_columns', 'propagate_fully']);
const cronInput = z.string().trim().min(1, 'a schedule is required').max(200, 'at most 200 characters');

export const sourceDefinitionSchema = z.object({
  id: z.string(),
  name: z.string(),
  dockerRepository: z.string().nullable(),
  supportLevel: z.string().nullable(),
  /** True when the connector's spec is in the local cache (the editor can validate and complete). */
  specCached: z.boolean(),
});
export type SourceDefinition = z.infer<typeof sourceDefinitionSchema>;
export const destinationDefinitionSchema = z.object({ id: z.string(), name: z.string() });
export type DestinationDefinition = z.infer<typeof destinationDefinitionSchema>;

export const definitionsSchema = z.object({
  sources: z.array(sourceDefinitionSchema),
  destinations: z.array(destinationDefinitionSchema),
  /** Where the list came from: the server just now, or the cache filled the last time the app was online. */
  from: z.enum(['server', 'cache', 'none']),
  /** When the cache was filled (ISO); null when never. */
  cachedAt: z.string().nullable(),
  /** Why the server was not used (offline, refused), in plain words; null when it was. */
  offlineReason: z.string().nullable(),
});
export type Definitions = z.infer<typeof definitionsSchema>;

export const connectorSpecSchema = z.object({
  definitionId: z.string(),
  /** The `connectionSpecification`; null when no spec of this connector has been seen yet. */
  spec: jsonObject.nullable(),
  from: z.enum(['server', 'cache', 'none']),
  /** JSON Pointers (RFC 6901) of the fields the spec marks `airbyte_secret`. */
  secretPaths: z.array(z.string()),
});
export type ConnectorSpec = z.infer<typeof connectorSpecSchema>;

export const catalogStreamNamesSchema = z
  .object({
    streamNames: z.array(z.string()),
    sourceName: z.string(),
    discoveredAt: z.string(),
  })
  .nullable();

export const tagSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string().nullable(), updatedAt: z.string().nullable() });
export type Tag = z.infer<typeof tagSchema>;

export const cronCheckSchema = z.object({ isValid: z.boolean(), description: z.string() });

const sourceTemplateChanges = z
  .object({
    name: templateName.optional(),
    partialDefaultConfig: jsonObject.optional(),
    customization: customizationSchema.optional(),
    mode: sourceTemplateModeSchema.optional(),
  })
  .strict();

const connectionTemplateChanges = z
  .object({
    destinationName: z.string().trim().min(1).max(255).optional(),
    destinationConfig: jsonObject.optional(),
    /** Null clears the schedule. */
    cronExpression: cronInput.nullable().optional(),
    nonBreakingChangesPreference: nonBreakingPreferenceSchema.optional(),
    syncOnCreate: z.boolean().optional(),
  })
  .strict();

export const connectionTemplateCreateSchema = z.discriminatedUnion('dataHostingType', [
  z.object({
    dataHostingType: z.literal('user_hosted'),
    destinationName: z.string().trim().min(1, 'a destination name is required').max(255),
    destinationDefinitionId: id,
    destinationConfig: jsonObject,
    cronExpression: cronInput.optional(),
    nonBreakingChangesPreference: nonBreakingPreferenceSchema.default('ignore'),
    syncOnCreate: z.boolean().default(true),
    tags: z.array(tagName).max(100).default([]),
  }),
  z.object({ dataHostingType: z.literal('airbyte_hosted'), cronExpression: cronInput.optional(), tags: z.array(tagName).max(100).default([]) }),
]);

const tagFilter = { tags: z.array(tagName).max(100).default([]), mode: tagsModeSchema.default('all') };

export const templateChannels = {
  sourceList: channel({
    summary: 'Source templates of the organization (or the global ones instead), with a tag filter whose mode is always sent.',
    input: z.object({ ...tagFilter, global: z.boolean().default(false), ...cancellable }),
    output: z.array(sourceTemplateItemSchema),
  }),
  sourceGet: channel({ summary: 'One source template with its defaults and its connector’s spec.', input: z.object({ id, ...cancellable }), output: sourceTemplateSchema }),
  sourceCreate: channel({
    summary: 'Create a source template from a connector definition.',
    input: z.object({
      definitionId: id,
      name: templateName.optional(),
      partialDefaultConfig: jsonObject,
      customization: customizationSchema.optional(),
      mode: sourceTemplateModeSchema.default('REPLICATION'),
      tags: z.array(tagName).max(100).default([]),
    }),
    output: sourceTemplateSchema,
  }),
  sourceClone: channel({
    summary: 'Clone a (global or own) source template into the organization.',
    input: z.object({ id, name: templateName.optional(), mode: sourceTemplateModeSchema.optional() }),
    output: sourceTemplateSchema,
  }),
  sourceUpdate: channel({
    summary: 'Change a source template; `propagate` is always sent and decides whether sources already built from it take new defaults. Secret fields left out of `partialDefaultConfig` keep the server’s values.',
    input: z.object({ id, changes: sourceTemplateChanges, propagate: z.boolean() }),
    output: sourceTemplateSchema,
  }),
  sourceDelete: channel({ summary: 'Delete a source template (sources built from it stay).', input: z.object({ id }), output: z.object({ id: z.string(), deletedAt: z.string() }) }),
  sourceTag: channel({
    summary: 'Attach or detach one tag on a source template.',
    input: z.object({ id, tag: tagName, attach: z.boolean() }),
    output: sourceTemplateSchema,
  }),
  connectionList: channel({
    summary: 'Connection templates, with a tag filter whose mode is always sent.',
    input: z.object({ ...tagFilter, ...cancellable }),
    output: z.array(connectionTemplateSchema),
  }),
  connectionGet: channel({ summary: 'One connection template.', input: z.object({ id, ...cancellable }), output: connectionTemplateSchema }),
  connectionCreate: channel({ summary: 'Create a user-hosted or Airbyte-hosted connection template.', input: connectionTemplateCreateSchema, output: connectionTemplateSchema }),
  connectionUpdate: channel({ summary: 'Change a connection template.', input: z.object({ id, changes: connectionTemplateChanges }), output: connectionTemplateSchema }),
  connectionDelete: channel({ summary: 'Delete a connection template.', input: z.object({ id }), output: z.object({ id: z.string(), deletedAt: z.string() }) }),
  connectionTag: channel({
    summary: 'Attach or detach one tag on a connection template (operator only).',
    input: z.object({ id, tag: tagName, attach: z.boolean() }),
    output: connectionTemplateSchema,
  }),
  definitions: channel({
    summary: 'Source and destination connector definitions: from the server when reachable (and cached), else from the cache.',
    input: z.object({ ...cancellable }).optional(),
    output: definitionsSchema,
  }),
  spec: channel({
    summary: 'A source connector’s spec (from the server or the cache) and its secret fields.',
    input: z.object({ definitionId: id, ...cancellable }),
    output: connectorSpecSchema,
  }),
  catalogStreams: channel({
    summary: 'Stream names of the newest cached catalog discovered for a connector, to check a whitelist against; null when none is cached.',
    input: z.object({ definitionId: id }),
    output: catalogStreamNamesSchema,
  }),
  cronDescribe: channel({
    summary: 'The server’s check and description of a Quartz cron expression.',
    input: z.object({ expression: cronInput, ...cancellable }),
    output: cronCheckSchema,
  }),
  tags: channel({ summary: 'The tag registry.', input: z.object({ ...cancellable }).optional(), output: z.array(tagSchema) }),
  tagCreate: channel({ summary: 'Register a tag.', input: z.object({ name: tagName }), output: tagSchema }),
  tagRename: channel({ summary: 'Rename a tag; the rename reaches every template.', input: z.object({ name: tagName, newName: tagName }), output: tagSchema }),
  tagDelete: channel({ summary: 'Delete a tag; it is detached from every template.', input: z.object({ name: tagName }), output: z.object({ id: z.string(), deletedAt: z.string() }) }),
};
