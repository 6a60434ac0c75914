import { z } from 'zod';
import { channel } from './define';

export const QUERY_MAX_BYTES = 100 * 1024;
export const QUERY_NAME_MAX = 120;
export const QUERY_NOTE_MAX = 2000;
export const QUERY_HISTORY_MAX = 100;

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** A JMESPath query: at most 100 KB of UTF-8 (the character cap first, so a huge string is refused cheaply). */
export const queryTextSchema = z
  .string()
  .min(1, 'a query is required')
  .max(QUERY_MAX_BYTES, 'at most 100 KB')
  .refine((text) => utf8Length(text) <= QUERY_MAX_BYTES, 'at most 100 KB');

export const savedQuerySchema = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string(),
  note: z.string(),
  updatedAt: z.string(),
});
export type SavedQuery = z.infer<typeof savedQuerySchema>;

export const queryLibrarySchema = z.object({
  saved: z.array(savedQuerySchema),
  /** Most recent first, without duplicates, at most 100. */
  history: z.array(z.string()),
});
export type QueryLibrary = z.infer<typeof queryLibrarySchema>;

const queryId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'query ids are 1–64 letters, digits, _ or -');

export const queryChannels = {
  list: channel({ summary: 'Saved queries and recent history of the active profile.', input: z.undefined(), output: queryLibrarySchema }),
  save: channel({
    summary: 'Save a new query, or update the one with this id.',
    input: z.object({
      id: queryId.optional(),
      name: z.string().trim().min(1, 'a name is required').max(QUERY_NAME_MAX, `at most ${QUERY_NAME_MAX} characters`),
      query: queryTextSchema,
      note: z.string().max(QUERY_NOTE_MAX, `at most ${QUERY_NOTE_MAX} characters`).default(''),
    }),
    output: savedQuerySchema,
  }),
  remove: channel({ summary: 'Delete a saved query.', input: z.object({ id: queryId }), output: z.object({ removed: z.boolean() }) }),
  remember: channel({ summary: 'Put a query at the top of the history (de-duplicated, at most 100).', input: z.object({ query: queryTextSchema }), output: z.object({ history: z.array(z.string()) }) }),
};
