import { AppError } from '../../ipc/app-error';

/** Whether the server may have applied a request whose answer we did not get (5xx, dropped, garbled, timed out). */
export function outcomeUnknown(error: unknown): boolean {
  if (!(error instanceof AppError)) return true;
  return error.code === 'network' || error.code === 'timeout' || error.code === 'server' || error.code === 'internal';
}

/** The text the API gave (the part after "HTTP nnn): "), for matching the documented messages. */
function serverText(error: AppError): string {
  const match = /HTTP \d{3}\): ([\s\S]*)$/.exec(error.message);
  return match?.[1] ?? error.message;
}

/**
 * A failed stream request in words, with what to do about it: the §5.3–5.6 texts are recognised and
 * explained; anything else keeps the client's own message (already redacted and readable).
 */
export function explainStreamError(error: unknown, streamName: string): string {
  if (!(error instanceof AppError)) return `The request for stream “${streamName}” failed unexpectedly; it was not confirmed as applied. Retry it.`;
  const text = serverText(error);
  const said = ` (the API said: ${error.message})`;
  const status = error.status;
  if (status === 404 && /is not configured/i.test(text)) {
    return `The stream “${streamName}” is not configured on this source, so there is nothing to patch: add it instead (or read it again and re-plan)${said}.`;
  }
  if (status === 404 && /not found in source catalog/i.test(text)) {
    return `The stream “${streamName}” is not in the source’s catalog any more: rediscover the catalog and plan again${said}.`;
  }
  if (status === 404 && /source not found/i.test(text)) return `The source was not found (it may have been deleted): pick the source again${said}.`;
  if (status === 422 && /Sync mode '.*' not supported/i.test(text)) {
    return `The stream “${streamName}” does not support that sync mode: pick one of its supported sync modes${said}.`;
  }
  if (status === 422 && /Cursor field required/i.test(text)) {
    return `Incremental sync of “${streamName}” needs a cursor: pick a cursor field or use full_refresh${said}.`;
  }
  if (status === 422 && /Primary key required/i.test(text)) {
    return `append_dedup on “${streamName}” needs a primary key: set a primary key or use append or overwrite${said}.`;
  }
  if (status === 422 && error.issues && error.issues.length > 0) {
    const fields = error.issues.map((i) => `${i.path} (${i.message})`).join(', ');
    return `The API refused the value of ${fields} for “${streamName}”: fix those members (sync_mode and destination_sync_mode take their listed names, cursor_field a list of strings, primary_key a list of lists of strings)${said}.`;
  }
  if (status === 400 && /Invalid JSON Patch/i.test(text)) {
    return `The patch for “${streamName}” is not one the API takes: only add, replace and remove, on paths under /sync_mode, /destination_sync_mode, /cursor_field or /primary_key, each add/replace with a value${said}.`;
  }
  if (status === 403) return `The source is not in this workspace’s scope, so its streams cannot be changed with this workspace: pick the source’s own workspace${said}.`;
  if (status === 401) return `The API did not accept the credentials: check the profile’s client id and secret${said}.`;
  if (error.code === 'rate_limited') return `The API kept rate limiting the request for “${streamName}” after waiting its Retry-After; it was not applied: retry the failed streams later${said}.`;
  if (error.code === 'server') return `The API had a server error for “${streamName}”; read back, the stream was not changed: retry the failed streams${said}.`;
  if (error.code === 'network' || error.code === 'timeout') {
    return `The request for “${streamName}” did not get a complete answer, and read back the stream was not changed: retry the failed streams${said}.`;
  }
  return `${error.message}`;
}
