import { rendererSecurityHeaders } from './csp';
import { readStaticFile } from './static-files';

/** The desktop renderer is served from `app://console/`, never `file://` (which would grant the whole disk one origin). */
export const APP_SCHEME = 'app';
export const APP_HOST = 'console';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** Must be registered before the app is ready. Standard + secure gives the scheme a real origin and secure-context APIs. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
} as const;

export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The `protocol.handle` callback: serves the built renderer with the CSP header, refusing traversal.
 * `frameSources` is read per response, so the CSP names the widget preview host once it is running.
 */
export function createAppSchemeHandler(rendererDir: string, options: { frameSources?: () => readonly string[] } = {}) {
  return async (request: Request): Promise<Response> => {
    if (!isAppUrl(request.url)) return new Response('Not found', { status: 404 });
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405 });
    const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      status: 200,
      headers: { 'Content-Type': file.contentType, ...rendererSecurityHeaders({ frameSources: options.frameSources?.() ?? [] }) },
    });
  };
}
