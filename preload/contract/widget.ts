import { z } from 'zod';
import { channel } from './define';
import { regionSchema } from './profiles';
import { regionOrUnknownSchema } from './workspaces';

/**
 * Widget preview (contract §2.5, §10). Main mints, decodes and holds every token; these channels
 * carry only the decoded, non-secret facts (workspace, origins, widget URL, times) and the preview
 * page's URL. "Copy token" is done by main itself (desktop clipboard), so no answer ever holds a token.
 */

export const tagsModeSchema = z.enum(['any', 'all']);
export type TagsMode = z.infer<typeof tagsModeSchema>;

const tagName = z.string().min(1).max(255);
const previewIdSchema = z.string().regex(/^[a-f0-9]{32}$/, 'a preview id is 32 lowercase hex digits');
const previewInput = z.object({ previewId: previewIdSchema });

export const widgetTargetSchema = z.discriminatedUnion('kind', [
  /** A workspace of the active profile, by id (its name is read first; the mint is by name). */
  z.object({ kind: z.literal('existing'), workspaceId: z.string().min(1).max(64) }),
  /** A new demo workspace: the widget-token mint creates it (§2.5) and the region is recorded. */
  z.object({ kind: z.literal('new'), name: z.string().trim().min(1, 'a name is required').max(255, 'at most 255 characters'), region: regionSchema }),
]);

export const widgetFiltersSchema = z.object({
  sourceTemplateTags: z.array(tagName).max(100).default([]),
  sourceTemplateTagsMode: tagsModeSchema.default('any'),
  connectionTemplateTags: z.array(tagName).max(100).default([]),
  connectionTemplateTagsMode: tagsModeSchema.default('any'),
});

/** What §10.3 says about an allowed origin: accepted (maybe normalized, with notices) or refused by one rule. */
export const originCheckSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), origin: z.string(), notices: z.array(z.string()), warnings: z.array(z.string()) }),
  z.object({ ok: z.literal(false), rule: z.string(), message: z.string(), fix: z.string() }),
]);
export type OriginCheck = z.infer<typeof originCheckSchema>;

export const widgetPreviewSchema = z.object({
  previewId: z.string(),
  /** The host page to embed in an iframe (or open in a browser). Its fragment carries the page's own key, never a token. */
  previewUrl: z.string(),
  previewOrigin: z.string(),
  profileId: z.string(),
  sandbox: z.boolean(),
  workspace: z.object({ id: z.string(), name: z.string(), region: regionOrUnknownSchema, created: z.boolean() }),
  allowedOrigin: z.string(),
  originNotices: z.array(z.string()),
  originWarnings: z.array(z.string()),
  /** False when a typed origin differs from the preview page's: the widget's messages cannot reach the page. */
  originMatchesPreviewHost: z.boolean(),
  widgetUrl: z.string(),
  widgetOrigin: z.string(),
  filters: z.object({
    sourceTemplateTags: z.array(z.string()),
    sourceTemplateTagsMode: tagsModeSchema,
    connectionTemplateTags: z.array(z.string()),
    connectionTemplateTagsMode: tagsModeSchema,
  }),
  /** Decoded from the inner scoped token (§2.6) without verifying it: for display and scheduling only. */
  token: z.object({
    mintedAt: z.string(),
    issuedAt: z.string().nullable(),
    expiresAt: z.string().nullable(),
    lifetimeSeconds: z.number().nullable(),
    workspaceId: z.string().nullable(),
    issuer: z.string().nullable(),
    type: z.string().nullable(),
    roles: z.array(z.string()),
  }),
  refresh: z.object({
    state: z.enum(['scheduled', 'refreshing', 'failed', 'none']),
    nextAt: z.string().nullable(),
    count: z.number().int(),
    lastAt: z.string().nullable(),
    lastError: z.string().nullable(),
  }),
  /** `expired`: "Expire now" moved the sandbox clock past `exp`; the next mint makes it live again. */
  state: z.enum(['live', 'expired', 'closed']),
  reachability: z.object({ state: z.enum(['checking', 'reachable', 'unreachable']), message: z.string().nullable() }),
  /** Main's clock when this answer was made, so a UI countdown can correct for its own clock. */
  now: z.string(),
});
export type WidgetPreview = z.infer<typeof widgetPreviewSchema>;

export const widgetEventSchema = z.object({
  /** Increasing per preview; pass the last one seen as `after`. */
  seq: z.number().int(),
  at: z.string(),
  /** in: iframe → host; out: host → iframe; host: the page's own doings; ignored: a message refused by the origin/source check. */
  direction: z.enum(['in', 'out', 'host', 'ignored']),
  type: z.string(),
  /** JSON with secrets redacted (airbyte_secret fields, token/secret/password keys, JWT-looking strings). */
  payload: z.unknown(),
  note: z.string().nullable(),
});
export type WidgetEvent = z.infer<typeof widgetEventSchema>;

export const widgetChannels = {
  checkOrigin: channel({
    summary: 'Check an allowed origin by the §10.3 rules (normalizing one trailing slash and case, with notices).',
    input: z.object({ value: z.string().max(2048) }),
    output: originCheckSchema,
  }),
  mint: channel({
    summary: 'Mint a widget token and open (or, with previewId, re-point) a preview; answers decoded facts, never a token.',
    input: z.object({
      target: widgetTargetSchema,
      /** Defaults to the preview host's exact origin. */
      allowedOrigin: z.string().max(2048).optional(),
      filters: widgetFiltersSchema.default({ sourceTemplateTags: [], sourceTemplateTagsMode: 'any', connectionTemplateTags: [], connectionTemplateTagsMode: 'any' }),
      previewId: previewIdSchema.optional(),
    }),
    output: widgetPreviewSchema,
  }),
  status: channel({ summary: 'The facts of one preview (for the countdown and refresh state).', input: previewInput, output: widgetPreviewSchema }),
  list: channel({ summary: 'Open previews.', input: z.undefined(), output: z.array(widgetPreviewSchema) }),
  events: channel({
    summary: 'The preview’s event log after a cursor, payloads redacted.',
    input: previewInput.extend({ after: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).default(500) }),
    output: z.object({ events: z.array(widgetEventSchema), cursor: z.number().int(), dropped: z.number().int() }),
  }),
  clearEvents: channel({ summary: 'Empty a preview’s event log.', input: previewInput, output: z.object({ cleared: z.number().int() }) }),
  refresh: channel({ summary: 'Mint again now and hand the page the new token (reloading the widget only if its URL changed).', input: previewInput, output: widgetPreviewSchema }),
  expireNow: channel({
    summary: 'Sandbox profile only: move the sandbox clock past the token’s expiry so the widget’s 401 → re-request path shows.',
    input: previewInput,
    output: widgetPreviewSchema,
  }),
  copyToken: channel({
    summary: 'Desktop only: main puts the widget token (or its inner scoped token) on the clipboard; the renderer never holds it.',
    input: previewInput.extend({ kind: z.enum(['widget', 'scoped']).default('widget') }),
    output: z.object({ copied: z.literal(true), kind: z.enum(['widget', 'scoped']) }),
  }),
  close: channel({ summary: 'Close a preview: stop its refreshes, tell its page, forget its tokens and log.', input: previewInput, output: z.object({ closed: z.boolean() }) }),
};

/**
 * §8.3 matching, for the UI's live "which templates does this filter select" preview. Pure, so the
 * renderer computes it locally from the template lists. Empty list = no filter; names compare exactly.
 */
export function templateMatchesTags(templateTags: readonly string[], filter: readonly string[], mode: TagsMode): boolean {
  if (filter.length === 0) return true;
  return mode === 'all' ? filter.every((tag) => templateTags.includes(tag)) : filter.some((tag) => templateTags.includes(tag));
}
