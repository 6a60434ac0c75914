/**
 * Presenter mode (issue #11): on a shared screen no token, client id, organization id or secret tail
 * is drawn. Main never hands the renderer a token; these helpers hide what it does hand out (a client
 * id in a curl body, an organization id in a header or payload, a masked secret tail) while the mode
 * is on, and JWT-shaped strings always.
 */

/** A JWT: three base64url parts joined by dots (a header always starts `eyJ`, i.e. `{"`). */
export const JWT_PATTERN = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
/** Any three long base64url parts with dots, for scans that must not miss an unusual header. */
export const JWT_SHAPED = /[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/;

export const HIDDEN = '•••• hidden (presenter mode)';

/** Keys whose values presenter mode hides (the rest of the structure stays readable). */
const PRESENTER_KEY = /^(client[_-]?id|organi[sz]ation[_-]?id|org[_-]?id|secret[_-]?tail|x-organization-id)$|token|secret|password|credential|authorization/i;

/** Replaces JWT-shaped substrings: no screen ever draws one. */
export function hideJwts(text: string): string {
  return text.replace(JWT_PATTERN, '[JWT hidden]');
}

/** A deep copy with presenter-sensitive values hidden (when `on`) and JWTs always hidden. */
export function presenterSafe<T>(value: T, on: boolean): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return hideJwts(v);
    if (Array.isArray(v)) return v.map(walk);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([key, inner]) => [key, on && PRESENTER_KEY.test(key) && inner !== null && typeof inner !== 'object' ? HIDDEN : walk(inner)]));
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * Free text such as a curl command or a request path, with presenter-sensitive parts hidden: the
 * organization id header and query values, client ids in bodies, bearer tokens and JWTs.
 */
export function presenterText(text: string, on: boolean): string {
  const safe = hideJwts(text);
  if (!on) return safe;
  return safe
    .replace(/(x-organization-id:\s*)[^'"\s]+/gi, `$1${HIDDEN}`)
    .replace(/([?&](?:organization_id|client_id)=)[^&#\s'"]+/gi, `$1${HIDDEN}`)
    .replace(/(\\?"(?:client_id|organization_id|clientId|organizationId)\\?"\s*:\s*\\?")[^"\\]*/gi, `$1${HIDDEN}`)
    .replace(/(\/organizations\/)[^/?#\s'"]+/gi, `$1${HIDDEN}`);
}
