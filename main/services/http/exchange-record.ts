import type { RequestBody } from '../../../preload/contract';
import { redactJson, redactText } from './redaction';

/**
 * What the request inspector may show of one call. Kept raw and bounded (a 39 MB catalog keeps its
 * first part and its size), and redacted only when someone opens the call: redacting every answer
 * as it arrives cost every call a parse and a walk (the client bench went from 1.15× to 1.5× plain
 * undici) for a view that is rarely opened. The raw parts stay in main; only redacted views leave.
 */
export interface ExchangeRecord {
  requestHeaders: Record<string, string | string[] | undefined>;
  responseHeaders: Record<string, string | string[] | undefined>;
  /** The JSON body sent, as the caller gave it. */
  requestBody: unknown;
  /** The answer's text as received, cut at KEPT_BODY_BYTES; undefined when there was none. */
  responseText: string | undefined;
  responseBytes: number;
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

/** The first KEPT_BODY_BYTES of a text, cut on a character boundary. */
export function keptText(text: string): string {
  if (text.length <= KEPT_BODY_BYTES / 4 || Buffer.byteLength(text) <= KEPT_BODY_BYTES) return text;
  // A partial UTF-8 sequence at the cut is dropped by the decoder (it becomes U+FFFD, removed here).
  return Buffer.from(text.slice(0, KEPT_BODY_BYTES)).subarray(0, KEPT_BODY_BYTES).toString('utf8').replace(/\uFFFD$/, '');
}

/** A body as shown: JSON redacted member by member, any other text scrubbed of tokens. */
export function redactedBody(body: { json: unknown } | { text: string; totalBytes: number }): RequestBody {
  if ('json' in body) {
    const text = JSON.stringify(redactJson(body.json)) ?? '';
    return { text, totalBytes: Buffer.byteLength(text), truncated: false };
  }
  let parsed: unknown;
  let isJson = false;
  try {
    parsed = JSON.parse(body.text);
    isJson = true;
  } catch {
    // Not JSON, or JSON cut at KEPT_BODY_BYTES: shown as scrubbed text.
  }
  const text = isJson ? (JSON.stringify(redactJson(parsed)) ?? '') : redactText(body.text);
  return { text, totalBytes: body.totalBytes, truncated: body.totalBytes > Buffer.byteLength(body.text) };
}
