import type { RequestBody } from '../../../preload/contract';
import { redactJson, redactText } from './redaction';

/**
 * What the request inspector may show of one call: headers and bodies, redacted before they are
 * kept (never a bearer, cookie or secret-looking member), bodies bounded (a 39 MB catalog keeps its
 * first part and its size).
 */
export interface ExchangeRecord {
  requestHeaders: Array<[string, string]>;
  responseHeaders: Array<[string, string]>;
  requestBody: RequestBody | null;
  responseBody: RequestBody | null;
}

/** Bytes of one body kept per call; the detail view shows a preview of it and "Show all" the rest. */
export const KEPT_BODY_BYTES = 1024 * 1024;

const SECRET_HEADER = /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-preview-key)$/i;

export function redactHeaders(headers: Record<string, string | string[] | undefined>): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    out.push([name.toLowerCase(), SECRET_HEADER.test(name) ? (/^authorization$/i.test(name) ? 'Bearer $TOKEN' : '(hidden)') : redactText(text)]);
  }
  return out.sort(([a], [b]) => a.localeCompare(b));
}

/** A body as kept: the JSON one redacted member by member, any other text scrubbed of tokens; cut at KEPT_BODY_BYTES. */
export function keptBody(body: { json: unknown } | { text: string; totalBytes?: number } | undefined): RequestBody | null {
  if (body === undefined) return null;
  const text = 'json' in body ? JSON.stringify(redactJson(body.json)) : redactText(body.text);
  const totalBytes = 'json' in body ? Buffer.byteLength(text) : (body.totalBytes ?? Buffer.byteLength(body.text));
  if (Buffer.byteLength(text) <= KEPT_BODY_BYTES) return { text, totalBytes, truncated: totalBytes > Buffer.byteLength(text) };
  // Cut on a character boundary: a partial UTF-8 sequence at the end is dropped by the decoder.
  const cut = Buffer.from(text).subarray(0, KEPT_BODY_BYTES).toString('utf8').replace(/\uFFFD$/, '');
  return { text: cut, totalBytes, truncated: true };
}
