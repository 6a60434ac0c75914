/**
 * "Can the widget load here?" — checked from main once per widget URL, so the UI can say in words
 * why a preview stays blank (offline, DNS, TLS, blocked, or the widget refusing to be framed by the
 * allowed origin) instead of showing an empty frame. Only the public widget page is fetched; no
 * token travels. The real widget may still fail later; the page reports a silent widget too.
 */

export interface Reachability {
  state: 'checking' | 'reachable' | 'unreachable';
  message: string | null;
}

const TIMEOUT_MS = 5_000;

/** frame-ancestors of a CSP header, or null when it sets none. */
function frameAncestors(csp: string | null): string[] | null {
  if (!csp) return null;
  for (const directive of csp.split(/[;,]/)) {
    const [name, ...values] = directive.trim().split(/\s+/);
    if (name?.toLowerCase() === 'frame-ancestors') return values;
  }
  return null;
}

export async function probeWidget(widgetUrl: string, allowedOrigin: string, fetchImpl: typeof fetch = fetch): Promise<Reachability> {
  const origin = new URL(widgetUrl).origin;
  let res: Response;
  try {
    res = await fetchImpl(widgetUrl, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { Accept: 'text/html' } });
    await res.body?.cancel().catch(() => undefined);
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.name) : 'error';
    const why = cause === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : cause;
    return { state: 'unreachable', message: `The widget at ${origin} cannot be reached (${why}): the preview will stay blank. Check the network, proxy or firewall; offline, use the Sandbox profile.` };
  }
  if (res.status >= 400) {
    return { state: 'unreachable', message: `The widget at ${origin} answered ${res.status}: the preview will not load. Check the widget URL and that the workspace still exists.` };
  }
  const xfo = res.headers.get('x-frame-options');
  const ancestors = frameAncestors(res.headers.get('content-security-policy'));
  const framingAllowed = ancestors === null ? !xfo : ancestors.includes('*') || ancestors.includes(allowedOrigin);
  if (!framingAllowed) {
    return { state: 'unreachable', message: `The widget at ${origin} refuses to be framed by ${allowedOrigin} (its Content-Security-Policy or X-Frame-Options): the preview will stay blank.` };
  }
  return { state: 'reachable', message: `The widget page at ${origin} answered ${res.status}.` };
}
