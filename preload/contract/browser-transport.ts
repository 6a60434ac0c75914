import { z } from 'zod';

/**
 * The browser shell's wire protocol, shared by its server (main) and its client (renderer):
 * `POST /ipc/<channel>` with `{input}` and the per-launch secret in this header.
 */
export const IPC_PATH_PREFIX = '/ipc/';
export const LAUNCH_SECRET_HEADER = 'x-console-secret';

/**
 * The response header of a framed answer: the byte length of the Result envelope (JSON) that starts
 * the body; the bytes after it are the bulk text member of its value (its place in the JSON holds "").
 */
export const BULK_HEAD_HEADER = 'x-console-bulk-head';

const BULK_TEXT = 'bulkText';

/**
 * A member that carries a big body as text (a 36 MB catalog): a string, or its UTF-8 bytes (main
 * sends a cached file's bytes undecoded). The browser shell sends it raw after the envelope and the
 * renderer gets a Blob of those bytes; Electron IPC copies a string or bytes as they are.
 */
export function bulkText() {
  return z.union([z.string(), z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'bytes'), z.instanceof(Blob)]).meta({ [BULK_TEXT]: true });
}

/** Bulk text in the form the catalog worker takes by reference: a string stays, bytes become a Blob. */
export function bulkTextBody(text: string | Uint8Array | Blob): string | Blob {
  return typeof text === 'string' || text instanceof Blob ? text : new Blob([text as Uint8Array<ArrayBuffer>]) /* bytes from IPC: never a SharedArrayBuffer */;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  while (current instanceof z.ZodNullable || current instanceof z.ZodOptional) current = current.unwrap() as z.ZodType;
  return current;
}

/** The member of an output object (possibly nullable) marked as bulk text, or null. One per output at most. */
export function bulkTextKey(output: z.ZodType): string | null {
  const object = unwrap(output);
  if (!(object instanceof z.ZodObject)) return null;
  for (const [key, member] of Object.entries(object.shape as Record<string, z.ZodType>)) {
    if (member.meta()?.[BULK_TEXT] === true) return key;
  }
  return null;
}
