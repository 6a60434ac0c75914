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

export const requestChannels = {
  log: channel({ summary: 'Recent API calls of the active profile, redacted.', input: z.undefined(), output: z.array(requestLogEntrySchema) }),
  clear: channel({ summary: 'Empty the request log of the active profile.', input: z.undefined(), output: z.object({ cleared: z.boolean() }) }),
  cancel: channel({ summary: 'Cancel a running call by its request id.', input: z.object({ requestId: requestIdSchema }), output: z.object({ cancelled: z.boolean() }) }),
};
