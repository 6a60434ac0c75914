import { z } from 'zod';
import { channel } from './define';
import { requestIdSchema } from './requests';

export const regionSchema = z.enum(['US', 'EU']);
export type Region = z.infer<typeof regionSchema>;

const httpUrl = z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

/** What a user edits; secrets are not part of a profile (they live in the keychain). */
export const profileFieldsSchema = z.object({
  name: z.string().trim().min(1, 'name is required').max(80),
  baseUrl: httpUrl.default('https://api.airbyte.ai'),
  tokenUrl: httpUrl.optional(),
  organizationId: z.string().uuid().optional(),
  defaultRegion: regionSchema.default('US'),
  proxy: httpUrl.optional(),
  caFile: z.string().min(1).optional(),
});

export const profileSchema = profileFieldsSchema.extend({
  id: z.string().min(1),
  builtIn: z.boolean(),
});
export type Profile = z.infer<typeof profileSchema>;

export const credentialStatusSchema = z.object({
  present: z.boolean(),
  /** e.g. "••••3f2a": never more than the last four characters of the secret. */
  secretTail: z.string().nullable(),
  storage: z.enum(['keychain', 'session', 'built-in']),
});

export const profileViewSchema = profileSchema.extend({ credentials: credentialStatusSchema });
export type ProfileView = z.infer<typeof profileViewSchema>;

export const profileListSchema = z.object({
  activeProfileId: z.string(),
  profiles: z.array(profileViewSchema),
  /** Set when the profiles file was unusable and was moved aside at start. */
  notice: z.string().nullable(),
});

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  /** What happened, in words a user can act on. */
  message: z.string(),
  workspacesSeen: z.number().int().nullable(),
});

const profileId = z.object({ id: z.string().min(1) });

export const profileChannels = {
  list: channel({ summary: 'All profiles (Sandbox first) with their credential status.', input: z.undefined(), output: profileListSchema }),
  create: channel({ summary: 'Create a profile.', input: profileFieldsSchema, output: profileViewSchema }),
  update: channel({ summary: 'Change a profile’s settings.', input: profileId.extend({ changes: profileFieldsSchema.partial() }), output: profileViewSchema }),
  remove: channel({ summary: 'Delete a profile and its keychain entry.', input: profileId, output: z.object({ removed: z.boolean() }) }),
  select: channel({ summary: 'Make a profile the active one.', input: profileId, output: profileListSchema }),
  testConnection: channel({
    summary: 'Get an operator token and list one page of workspaces.',
    input: profileId.extend({ requestId: requestIdSchema.optional() }),
    output: connectionTestSchema,
  }),
};

export const credentialChannels = {
  set: channel({
    summary: 'Store a profile’s client credentials in the keychain (or for this session only).',
    input: profileId.extend({ clientId: z.string().trim().min(1, 'client id is required'), clientSecret: z.string().min(1, 'client secret is required'), sessionOnly: z.boolean().default(false) }),
    output: credentialStatusSchema,
  }),
  clear: channel({ summary: 'Remove a profile’s stored credentials.', input: profileId, output: credentialStatusSchema }),
  status: channel({ summary: 'Whether a profile has credentials, and a masked tail.', input: profileId, output: credentialStatusSchema }),
};
