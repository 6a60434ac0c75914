import { z } from 'zod';
import { channel } from './define';

/** A client-chosen handle for a long call, so the UI can cancel it. */
export const requestIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'request ids are 1–64 letters, digits, _ or -');

export const requestLogEntrySchema = z.object({
  id: z.number().int(),
  method: z.string(),
  url: z.string(),
  status: z.number().int().nullable(),
  durationMs: z.number(),
  sizeBytes: z.number(),
  startedAt: z.string(),
  attempt: z.number().int(),
  error: z.string().nullable(),
  /** Ready to paste: `$TOKEN` stands where the bearer token would be. */
  curl: z.string(),
});
export type RequestLogEntry = z.infer<typeof requestLogEntrySchema>;

export const requestBodySchema = z.object({
  /** Redacted; JSON bodies as compact JSON. */
  text: z.string(),
  totalBytes: z.number().int(),
  /** True when `text` is only the first part (a preview, or all that was kept of a large body). */
  truncated: z.boolean(),
});
export type RequestBody = z.infer<typeof requestBodySchema>;

export const requestDetailSchema = z.object({
  entry: requestLogEntrySchema,
  requestHeaders: z.array(z.tuple([z.string(), z.string()])),
  responseHeaders: z.array(z.tuple([z.string(), z.string()])),
  requestBody: requestBodySchema.nullable(),
  responseBody: requestBodySchema.nullable(),
  /** False when the call is too old for its headers and bodies to be kept (the log keeps them for the latest calls only). */
  kept: z.boolean(),
});
export type RequestDetail = z.infer<typeof requestDetailSchema>;

export const requestChannels = {
  detail: channel({
    summary: 'One logged call with its headers and bodies (redacted); bodies cut to a preview unless `full`.',
    input: z.object({ id: z.number().int().nonnegative(), full: z.boolean().default(false) }),
    output: requestDetailSchema.nullable(),
  }),
  log: channel({ summary: 'Recent API calls of the active profile, redacted.', input: z.undefined(), output: z.array(requestLogEntrySchema) }),
  clear: channel({ summary: 'Empty the request log of the active profile.', input: z.undefined(), output: z.object({ cleared: z.boolean() }) }),
  cancel: channel({ summary: 'Cancel a running call by its request id.', input: z.object({ requestId: requestIdSchema }), output: z.object({ cancelled: z.boolean() }) }),
};
