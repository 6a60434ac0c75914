import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { LAUNCH_SECRET_HEADER } from '../../preload/contract';

export type GuardVerdict = { ok: true } | { ok: false; status: 401 | 403; reason: string };

export function createLaunchSecret(): string {
  return randomBytes(32).toString('hex');
}

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

function sameSecret(given: string, expected: string): boolean {
  // Hash first so the comparison is constant-time whatever the given length.
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

type Headers = Record<string, string | string[] | undefined>;

/**
 * The header's one value, or undefined when it is absent or repeated. Callers pass Node's
 * `headersDistinct` (every header as a list) because `headers` keeps only the first Host: a
 * request with two Hosts or two Origins is refused, never resolved by picking one.
 */
function single(value: string | string[] | undefined): string | undefined {
  if (!Array.isArray(value)) return value;
  return value.length === 1 ? value[0] : undefined;
}

/**
 * Every request must name our loopback host and port: a page on evil.example that rebinds its DNS
 * name to 127.0.0.1 still sends `Host: evil.example` and is refused here.
 */
export function checkHost(headers: Headers, port: number): GuardVerdict {
  const host = single(headers.host)?.toLowerCase();
  if (!host || !allowedHosts(port).includes(host)) {
    return { ok: false, status: 403, reason: 'the Host header is not this console' };
  }
  return { ok: true };
}

/** An IPC call additionally needs our own Origin (no cross-site page) and the launch secret. */
export function checkIpcRequest(headers: Headers, port: number, secret: string): GuardVerdict {
  const host = checkHost(headers, port);
  if (!host.ok) return host;
  const origin = single(headers.origin);
  if (!origin || !allowedOrigins(port).includes(origin)) {
    return { ok: false, status: 403, reason: 'the request does not come from this console’s page' };
  }
  const given = single(headers[LAUNCH_SECRET_HEADER]);
  if (!given || !sameSecret(given, secret)) {
    return { ok: false, status: 401, reason: 'the launch secret is missing or wrong (open the URL printed at start)' };
  }
  return { ok: true };
}
