/** The contract's §9.2 retry rules, with the waits injectable so tests need not sleep for seconds. */
export interface RetryPolicy {
  /** 429: retries of any method, waiting Retry-After (capped) or exponential backoff with jitter. */
  rateLimitRetries: number;
  /** 5xx, dropped connections, unparsable 2xx bodies: retries of idempotent calls only. */
  transientRetries: number;
  maxRetryAfterMs: number;
  backoffMs(attempt: number): number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  rateLimitRetries: 3,
  transientRetries: 2,
  maxRetryAfterMs: 60_000,
  // 1, 2, 4 s with ±25 % jitter, so many clients do not retry in lockstep.
  backoffMs: (attempt) => 1000 * 2 ** (attempt - 1) * (0.75 + Math.random() * 0.5),
};

/** Retry-After as seconds or an HTTP date, capped; null when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, nowMs: number, capMs: number): number | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.min(Number(value) * 1000, capMs);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return null;
  return Math.min(Math.max(0, date - nowMs), capMs);
}
