import { z } from 'zod';
import { channel } from './define';
import { regionSchema } from './profiles';
import { requestIdSchema } from './requests';

export const regionOrUnknownSchema = z.union([regionSchema, z.literal('unknown')]);
export type RegionOrUnknown = z.infer<typeof regionOrUnknownSchema>;

export const workspaceItemSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'inactive']),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** From the app's own records: the API never says where a workspace lives. */
  region: regionOrUnknownSchema,
});
export type WorkspaceItem = z.infer<typeof workspaceItemSchema>;

export const workspacePageSchema = z.object({
  items: z.array(workspaceItemSchema),
  /** Opaque; pass back to get the next page. Null on the last page. */
  nextCursor: z.string().nullable(),
});

export const regionSuggestionSchema = z.object({ id: z.string(), name: z.string(), recorded: regionOrUnknownSchema, suggested: regionSchema });
export type RegionSuggestion = z.infer<typeof regionSuggestionSchema>;

/** The file `workspaces:exportRegions` writes and `workspaces:importRegions` reads. */
export const regionExportSchema = z.object({
  format: z.literal('embedded-console/workspace-regions'),
  version: z.literal(1),
  /** The API the records belong to (workspace ids are per organization). */
  baseUrl: z.string(),
  records: z.array(z.object({ workspaceId: z.string().min(1).max(64), name: z.string().max(255).nullable(), region: regionSchema })).max(100_000),
});

export const workspaceStatsSchema = z.object({ active: z.number().int(), inactive: z.number().int(), total: z.number().int() });

export const workspaceSourceSchema = z.object({ id: z.string(), name: z.string(), templateName: z.string().nullable(), createdAt: z.string().nullable() });

export const templateSummarySchema = z.object({ id: z.string(), name: z.string(), tags: z.array(z.string()), detail: z.string().nullable() });

const workspaceName = z.string().trim().min(1, 'a name is required').max(255, 'at most 255 characters');
const idInput = z.object({ id: z.string().min(1) });
const cancellable = { requestId: requestIdSchema.optional() };

export const workspaceChannels = {
  list: channel({
    summary: 'One page of workspaces with server-side name search and status filter.',
    input: z.object({
      nameContains: z.string().max(255).optional(),
      status: z.enum(['all', 'active', 'inactive']).default('all'),
      limit: z.number().int().min(1).max(100).default(50),
      cursor: z.string().optional(),
      ...cancellable,
    }),
    output: workspacePageSchema,
  }),
  stats: channel({ summary: 'Active, inactive and total counts.', input: z.object({ ...cancellable }).optional(), output: workspaceStatsSchema }),
  get: channel({ summary: 'One workspace with its region.', input: idInput.extend(cancellable), output: workspaceItemSchema }),
  sources: channel({ summary: 'The workspace’s sources (through a workspace token).', input: idInput.extend(cancellable), output: z.array(workspaceSourceSchema) }),
  templates: channel({
    summary: 'Source and connection templates available to workspaces, with tags.',
    input: z.object({ ...cancellable }).optional(),
    output: z.object({ sourceTemplates: z.array(templateSummarySchema), connectionTemplates: z.array(templateSummarySchema) }),
  }),
  create: channel({ summary: 'Create a workspace in a region (a first token mint) and record the region.', input: z.object({ name: workspaceName, region: regionSchema }), output: workspaceItemSchema }),
  rename: channel({ summary: 'Rename a workspace.', input: idInput.extend({ name: workspaceName }), output: workspaceItemSchema }),
  setStatus: channel({ summary: 'Activate or deactivate (deactivating disables its connections).', input: idInput.extend({ status: z.enum(['active', 'inactive']) }), output: workspaceItemSchema }),
  remove: channel({
    summary: 'Delete a workspace; the typed name must match.',
    input: idInput.extend({ confirmName: z.string() }),
    output: z.object({ id: z.string(), deletedAt: z.string() }),
  }),
  setRegion: channel({ summary: 'Record a workspace’s region by hand (or change a recorded one).', input: idInput.extend({ region: regionOrUnknownSchema }), output: workspaceItemSchema }),
  suggestRegions: channel({
    summary: 'Regions read from workspace names that follow <prospect>-<region>-demo (contract §12), where they differ from what is recorded, for review.',
    input: z.object({ ...cancellable }).optional(),
    output: z.array(regionSuggestionSchema),
  }),
  setRegions: channel({
    summary: 'Record the regions of many workspaces in one write (a reviewed suggestion, a bulk assignment).',
    input: z.object({ items: z.array(z.object({ id: z.string().min(1).max(64), region: regionOrUnknownSchema })).min(1).max(20_000) }),
    output: z.object({ recorded: z.number().int() }),
  }),
  exportRegions: channel({
    summary: 'The region records of the active profile as a JSON file’s text, to share with teammates.',
    input: z.object({}).optional(),
    output: z.object({ text: z.string(), count: z.number().int() }),
  }),
  importRegions: channel({
    summary: 'Read region records exported by a teammate; records that differ from this app’s replace them only with `overwrite`.',
    input: z.object({ text: z.string().max(16 * 1024 * 1024), overwrite: z.boolean().default(false) }),
    output: z.object({ added: z.number().int(), replaced: z.number().int(), kept: z.number().int(), same: z.number().int() }),
  }),
};
