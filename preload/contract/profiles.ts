import { z } from 'zod';
import { channel } from './define';
import { requestIdSchema } from './requests';

export const regionSchema = z.enum(['US', 'EU']);
export type Region = z.infer<typeof regionSchema>;

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * Where a client secret or a token is sent: `https://`, or plain `http://` to this machine only
 * (the sandbox, a local tunnel). Anything else on plain http would put the secret on the wire.
 */
export const apiUrlSchema = z.preprocess(
  completeScheme,
  z
    .string()
    .max(2048)
    .url()
    .superRefine((value, ctx) => {
      // zod runs this even when `.url()` already failed: never let `new URL` throw out of a parse.
      if (!URL.canParse(value)) return;
      const url = new URL(value);
      if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain a user name or password' });
      if (url.protocol === 'https:') return;
      if (url.protocol === 'http:' && LOOPBACK_HOST.test(url.hostname)) return;
      ctx.addIssue({ code: 'custom', message: url.protocol === 'http:' ? 'must use https:// (plain http:// is allowed only for this machine: localhost, 127.0.0.1, [::1])' : 'must be an https:// URL' });
    }),
);

/**
 * `api.airbyte.ai` typed without a scheme means `https://api.airbyte.ai`: completed, not refused (the
 * form says which scheme was added). A host on this machine (`localhost`, `127.x.x.x`, `[::1]`) gets
 * `http://` instead: what runs there (the sandbox, a tunnel) speaks plain http, and https to it only
 * fails the TLS handshake. Only a bare host name (with an optional port and path) is completed;
 * anything else is left for the URL check to refuse in words.
 */
export function completeScheme(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  const bare = /^(localhost|[a-z0-9-]+(\.[a-z0-9-]+)+|\[::1\])(:\d{1,5})?(\/\S*)?$/i.exec(trimmed);
  if (!bare) return value;
  return `${LOOPBACK_HOST.test(bare[1] ?? '') ? 'http' : 'https'}://${trimmed}`;
}

/** A proxy is reached over http or https (CONNECT keeps the API traffic encrypted either way). */
const proxyUrl = z.string().max(2048).url().refine((u) => /^https?:\/\//i.test(u), 'must be an http:// or https:// URL');

/** What a user edits; secrets are not part of a profile (they live in the keychain). */
const profileFields = {
  name: z.string().trim().min(1, 'name is required').max(80),
  baseUrl: apiUrlSchema,
  tokenUrl: apiUrlSchema.optional(),
  organizationId: z.string().uuid('must look like 123e4567-e89b-12d3-a456-426614174000').optional(),
  defaultRegion: regionSchema,
  proxy: proxyUrl.optional(),
  /** An absolute path to a PEM file; main checks it (regular file, ≤ 1 MB, certificates) when saved. */
  caFile: z.string().min(1).max(4096).optional(),
};

export const profileFieldsSchema = z.object({
  ...profileFields,
  baseUrl: profileFields.baseUrl.default('https://api.airbyte.ai'),
  defaultRegion: profileFields.defaultRegion.default('US'),
});

/**
 * A change names only what changes: no defaults here, or renaming would reset the base URL. An
 * optional setting given as null is removed from the profile (an absent one stays as it is).
 */
export const profileChangesSchema = z
  .object({
    ...profileFields,
    tokenUrl: profileFields.tokenUrl.nullable(),
    organizationId: profileFields.organizationId.nullable(),
    proxy: profileFields.proxy.nullable(),
    caFile: profileFields.caFile.nullable(),
  })
  .partial();

/**
 * A profile as stored and shown. Its URLs are checked only as URLs here: a profile saved under
 * older rules must still load and show (main refuses to send anything over settings that fail
 * today's rules for a change, and says why).
 */
export const profileSchema = z.object({
  ...profileFields,
  baseUrl: z.string().url(),
  tokenUrl: z.string().url().optional(),
  proxy: z.string().url().optional(),
  id: z.string().min(1),
  builtIn: z.boolean(),
});
export type Profile = z.infer<typeof profileSchema>;

export const credentialStatusSchema = z.object({
  present: z.boolean(),
  /** e.g. "••••3f2a": never more than the last four characters of the secret. */
  secretTail: z.string().nullable(),
  storage: z.enum(['keychain', 'session', 'built-in']),
  /** Why saved credentials were removed (the connection settings changed), until new ones are entered. */
  notice: z.string().nullable(),
});

export const profileViewSchema = profileSchema.extend({ credentials: credentialStatusSchema });
export type ProfileView = z.infer<typeof profileViewSchema>;

export const profileListSchema = z.object({
  activeProfileId: z.string(),
  profiles: z.array(profileViewSchema),
  /** Set when the profiles file was unusable and was moved aside at start. */
  notice: z.string().nullable(),
});

/**
 * Why a profile does or does not connect: each state has its own fix (the UI offers it), so a
 * rejected secret is never called "not reachable".
 */
export const connectionStateSchema = z.enum(['connected', 'unreachable', 'no_credentials', 'rejected', 'keychain_unavailable', 'failed']);
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  state: connectionStateSchema,
  /** What happened, in words a user can act on. */
  message: z.string(),
  workspacesSeen: z.number().int().nullable(),
  /** How many workspaces the organization has, when the test learnt it without paging the whole org. */
  workspaceCount: z.number().int().nullable().optional(),
});

const profileId = z.object({ id: z.string().min(1) });

export const profileChannels = {
  list: channel({ summary: 'All profiles (Sandbox first) with their credential status.', input: z.undefined(), output: profileListSchema }),
  create: channel({ summary: 'Create a profile.', input: profileFieldsSchema, output: profileViewSchema }),
  update: channel({ summary: 'Change a profile’s settings.', input: profileId.extend({ changes: profileChangesSchema }), output: profileViewSchema }),
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
