/**
 * The renderer's Content-Security-Policy, sent as a response header by both shells (a header, not a
 * meta tag, so that it also covers workers and cannot be removed by injected markup).
 * Monaco injects inline styles, hence `style-src 'unsafe-inline'`; nothing else is relaxed.
 */
export function contentSecurityPolicy(options: { frameSources?: readonly string[] } = {}): string {
  const frames = options.frameSources?.length ? options.frameSources.join(' ') : "'none'";
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    `frame-src ${frames}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Headers every renderer response carries, in both shells. `frameSources` is the widget preview
 * host's origin once it runs (the renderer frames only that page; the widget is framed by the
 * preview page, whose own CSP names the widget's origin): everything else stays `frame-src 'none'`.
 */
export function rendererSecurityHeaders(options: { frameSources?: readonly string[] } = {}): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(options),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
