import { z } from 'zod';

/**
 * Every answer that crosses the IPC boundary is one of these envelopes. Handlers never throw across
 * the boundary: Electron keeps only `message` of a thrown error, so codes and details would be lost.
 */
export const errorCodeSchema = z.enum([
  // raised by the router itself
  'invalid_input',
  'forbidden_sender',
  'unknown_channel',
  'internal',
  // raised by services
  'unauthorized',
  'forbidden',
  'not_found',
  'conflict',
  'validation',
  'rate_limited',
  'server',
  'network',
  'timeout',
  'cancelled',
  'keychain_unavailable',
  /** a user-data file could not be written (disk full, permissions) or was left unusable */
  'storage',
]);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const fieldIssueSchema = z.object({
  /** Dotted path of the offending field, `(input)` for the whole input. */
  path: z.string(),
  message: z.string(),
});
export type FieldIssue = z.infer<typeof fieldIssueSchema>;

export const appErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  retryable: z.boolean(),
  details: z
    .object({
      issues: z.array(fieldIssueSchema).optional(),
      status: z.number().int().optional(),
    })
    .optional(),
});
export type AppErrorShape = z.infer<typeof appErrorSchema>;

export type Ok<T> = { ok: true; value: T };
export type Err = { ok: false; error: AppErrorShape };
export type Result<T> = Ok<T> | Err;

export function resultSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: appErrorSchema }),
  ]);
}
