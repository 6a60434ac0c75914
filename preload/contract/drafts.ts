import { z } from 'zod';
import { channel } from './define';
import { requestIdSchema } from './requests';
import { customizationSchema, nonBreakingPreferenceSchema, sourceTemplateModeSchema } from './templates';

/**
 * Template drafts as files (contract §6–8, §12): one JSON file per template in a folder the user can
 * see and put in git, a per-profile state file linking each draft to its server template, and
 * Pull → Plan → Publish. Drafts are created and edited without a network; Publish applies exactly
 * the plan that was shown.
 */

const tagName = z.string().min(1).max(255);
const jsonObject = z.record(z.string(), z.unknown());
const cancellable = { requestId: requestIdSchema.optional() };

/**
 * A draft file's name inside the drafts folder: no folders, no hidden files, `.json`. The router
 * rejects anything else before main touches the disk.
 */
export const draftFileNameSchema = z
  .string()
  .max(200, 'a draft file name has at most 200 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._ -]*\.json$/, 'a draft file name is letters, digits, spaces, dots, dashes or underscores, ending in .json');

/**
 * Where a secret value lives instead of the file: `{"$secret": "<name>"}` at the field's place; the
 * value is kept in the keychain for the active profile and sent only at publish. A secret field with
 * no value at all is left to the end user.
 */
export const SECRET_REFERENCE_KEY = '$secret';
export const secretNameSchema = z
  .string()
  .min(1, 'a secret needs a name')
  .max(100, 'a secret name has at most 100 characters')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a secret name is letters, digits, dots, dashes or underscores');

/** Server fields the app does not edit (ids, times, icons, anything new), kept from the last pull and never sent. */
const serverFields = jsonObject.default({});

export const sourceTemplateDraftSchema = z
  .object({
    kind: z.literal('source_template'),
    name: z.string().trim().min(1, 'a name is required').max(255, 'a name has at most 255 characters'),
    actor_definition_id: z.string().regex(/^[0-9a-f-]{36}$/i, 'actor_definition_id is a connector definition UUID'),
    /** Informational (shown in lists, offline); the definition id is what counts. */
    connector_name: z.string().max(255).nullable().default(null),
    mode: sourceTemplateModeSchema.default('REPLICATION'),
    partial_default_config: jsonObject.default({}),
    customization: customizationSchema.default({ stream_selection_mode: 'suggested' }),
    tags: z.array(tagName).max(100).default([]),
    server_fields: serverFields,
  })
  .strict();
export type SourceTemplateDraft = z.infer<typeof sourceTemplateDraftSchema>;

export const connectionTemplateDraftSchema = z.discriminatedUnion('data_hosting_type', [
  z
    .object({
      kind: z.literal('connection_template'),
      data_hosting_type: z.literal('user_hosted'),
      destination_name: z.string().trim().min(1, 'a destination name is required').max(255),
      destination_definition_id: z.string().regex(/^[0-9a-f-]{36}$/i, 'destination_definition_id is a destination definition UUID'),
      destination_config: jsonObject.default({}),
      cron_expression: z.string().max(200).nullable().default(null),
      non_breaking_changes_preference: nonBreakingPreferenceSchema.default('ignore'),
      sync_on_create: z.boolean().default(true),
      tags: z.array(tagName).max(100).default([]),
      server_fields: serverFields,
    })
    .strict(),
  z
    .object({
      kind: z.literal('connection_template'),
      data_hosting_type: z.literal('airbyte_hosted'),
      /** Airbyte-hosted templates have no destination name; this one names the file and the list row. */
      label: z.string().trim().min(1).max(255).default('Airbyte-hosted'),
      cron_expression: z.string().max(200).nullable().default(null),
      tags: z.array(tagName).max(100).default([]),
      server_fields: serverFields,
    })
    .strict(),
]);
export type ConnectionTemplateDraft = z.infer<typeof connectionTemplateDraftSchema>;

/**
 * A draft file's content. `kind` says which template it is (discriminated, so a bad `kind` is
 * reported at `kind`, not as a failed union of the whole draft).
 */
export const templateDraftSchema = z.discriminatedUnion('kind', [sourceTemplateDraftSchema, connectionTemplateDraftSchema]);
export type TemplateDraft = z.infer<typeof templateDraftSchema>;
export type DraftKind = TemplateDraft['kind'];

/** Where a file could not be read as a draft: a parse error with its line and column, or a schema problem with its field. */
export const draftProblemSchema = z.object({
  message: z.string(),
  line: z.number().int().nullable(),
  column: z.number().int().nullable(),
  field: z.string().nullable(),
});
export type DraftProblem = z.infer<typeof draftProblemSchema>;

export const draftSummarySchema = z.object({
  file: z.string(),
  kind: z.enum(['source_template', 'connection_template']).nullable(),
  name: z.string().nullable(),
  /** Connector (source) or destination name, for the list. */
  detail: z.string().nullable(),
  problem: draftProblemSchema.nullable(),
  /** The server template this draft is linked to for the active profile; null until published or pulled. */
  remoteId: z.string().nullable(),
  /** Against the server version it was based on: never published, edited since, or the same. */
  local: z.enum(['new', 'changed', 'unchanged']),
  modifiedAt: z.string(),
});
export type DraftSummary = z.infer<typeof draftSummarySchema>;

export const draftFolderSchema = z.object({
  path: z.string(),
  /** `env`: EMBEDDED_CONSOLE_DRAFTS_DIR (cannot be changed in the app); `chosen`: picked in the app; `default`: in the user-data folder. */
  source: z.enum(['env', 'chosen', 'default']),
});
export type DraftFolder = z.infer<typeof draftFolderSchema>;

export const draftListSchema = z.object({
  folder: draftFolderSchema,
  /** Goes up whenever a file in the folder changes (in the app or outside it). */
  revision: z.number().int(),
  drafts: z.array(draftSummarySchema),
});
export type DraftList = z.infer<typeof draftListSchema>;

export const fieldChangeSchema = z.object({
  /** Dotted path of the field: `name`, `partial_default_config.ssl_mode.mode`, `tags`. */
  field: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const planActionSchema = z.enum(['create', 'update', 'unchanged', 'conflict', 'invalid']);
export type PlanAction = z.infer<typeof planActionSchema>;

export const planEntrySchema = z.object({
  file: z.string(),
  kind: z.enum(['source_template', 'connection_template']).nullable(),
  name: z.string().nullable(),
  action: planActionSchema,
  remoteId: z.string().nullable(),
  /** For `update` (server → draft) and `create` (the fields sent). */
  changes: z.array(fieldChangeSchema),
  /** For `conflict`: the three versions, comparable fields only (secrets left out). */
  conflict: z.object({ draft: jsonObject, base: jsonObject, server: jsonObject.nullable() }).nullable(),
  /** For `invalid`: why, in plain words. */
  problems: z.array(z.string()),
  /** Anything else worth knowing (the server changed since the pull; a secret kept from the server). */
  notes: z.array(z.string()),
});
export type PlanEntry = z.infer<typeof planEntrySchema>;

export const draftPlanSchema = z.object({
  planId: z.string(),
  profileId: z.string(),
  createdAt: z.string(),
  entries: z.array(planEntrySchema),
  summary: z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int(), conflict: z.number().int(), invalid: z.number().int() }),
});
export type DraftPlan = z.infer<typeof draftPlanSchema>;

export const publishResultSchema = z.object({
  file: z.string(),
  name: z.string().nullable(),
  action: planActionSchema,
  outcome: z.enum(['done', 'failed', 'skipped']),
  /** Why it failed or was skipped (the file changed since the plan, the server moved, cancelled). */
  message: z.string().nullable(),
  remoteId: z.string().nullable(),
});
export type PublishResult = z.infer<typeof publishResultSchema>;

export const pullResultSchema = z.object({
  created: z.array(z.string()),
  updated: z.array(z.string()),
  unchanged: z.number().int(),
  /** Drafts left alone, with why (edited since the pull: Plan shows the conflict). */
  skipped: z.array(z.object({ file: z.string(), reason: z.string() })),
});
export type PullResult = z.infer<typeof pullResultSchema>;

export const draftProgressSchema = z.object({ done: z.number().int(), total: z.number().int(), phase: z.string() }).nullable();

export const draftChannels = {
  folder: channel({ summary: 'The drafts folder and where its choice came from.', input: z.object({}).optional(), output: draftFolderSchema }),
  setFolder: channel({
    summary: 'Choose the drafts folder (an absolute path; created when missing). Refused while EMBEDDED_CONSOLE_DRAFTS_DIR is set.',
    input: z.object({ path: z.string().min(1).max(1024) }),
    output: draftFolderSchema,
  }),
  list: channel({ summary: 'Every draft file in the folder, with its problem (line and column) if it cannot be read.', input: z.object({}).optional(), output: draftListSchema }),
  revision: channel({ summary: 'The folder’s change counter, cheap to poll: files edited outside the app appear without a restart.', input: z.object({}).optional(), output: z.object({ revision: z.number().int() }) }),
  read: channel({
    summary: 'One draft file: its text and, when it is a valid draft, its content.',
    input: z.object({ file: draftFileNameSchema }),
    output: z.object({ file: z.string(), text: z.string(), draft: templateDraftSchema.nullable(), problem: draftProblemSchema.nullable() }),
  }),
  save: channel({
    summary: 'Write a draft (a new file named after it when `file` is null) with a stable key order; a plain secret value is refused.',
    input: z.object({ file: draftFileNameSchema.nullable(), draft: templateDraftSchema }),
    output: z.object({ file: z.string(), summary: draftSummarySchema }),
  }),
  remove: channel({ summary: 'Delete a draft file (the server template is not touched).', input: z.object({ file: draftFileNameSchema }), output: z.object({ removed: z.boolean() }) }),
  pull: channel({
    summary: 'Write the server’s templates into draft files: new ones, or updates where the draft is unchanged since its base.',
    input: z.object({ ...cancellable }).optional(),
    output: pullResultSchema,
  }),
  plan: channel({
    summary: 'Per draft: create, update (which fields, old → new), unchanged, conflict (with draft, base and server) or invalid (why).',
    input: z.object({ files: z.array(draftFileNameSchema).max(10_000).optional(), ...cancellable }),
    output: draftPlanSchema,
  }),
  resolve: channel({
    summary: 'Settle a conflict: `server` rewrites the draft from the server version (local edits are lost); `mine` takes the server version as the new base, so the next plan updates the server to the draft.',
    input: z.object({ file: draftFileNameSchema, keep: z.enum(['server', 'mine']), ...cancellable }),
    output: z.object({ file: z.string(), summary: draftSummarySchema }),
  }),
  publish: channel({
    summary: 'Apply exactly a plan that was shown; `propagate` is sent on every source-template update.',
    input: z.object({ planId: z.string().min(1).max(64), propagate: z.boolean(), ...cancellable }),
    output: z.object({ results: z.array(publishResultSchema) }),
  }),
  progress: channel({ summary: 'How far a running pull, plan or publish is.', input: z.object({ requestId: requestIdSchema }), output: draftProgressSchema }),
  secrets: channel({ summary: 'Names of the secret values kept in the keychain for the active profile (never the values).', input: z.object({}).optional(), output: z.object({ names: z.array(z.string()) }) }),
  setSecret: channel({
    summary: 'Keep a secret value in the keychain for the active profile, to be referenced from drafts as {"$secret": name}.',
    input: z.object({ name: secretNameSchema, value: z.string().min(1).max(10_000) }),
    output: z.object({ names: z.array(z.string()) }),
  }),
  removeSecret: channel({ summary: 'Forget a kept secret value.', input: z.object({ name: secretNameSchema }), output: z.object({ names: z.array(z.string()) }) }),
};
