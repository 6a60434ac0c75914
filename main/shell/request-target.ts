/**
 * The request target is the first thing any local process or web page controls (an `<img src>`
 * pointing at 127.0.0.1 is enough), so it is read by these small total functions: they return a
 * value or null and never throw. `new URL(target, base)` is not used on purpose: WHATWG parsing
 * reads `//[`, `//@` or `/\` as an authority and throws, and `//evil/x` would silently lose its
 * first segment to a host name.
 */

/**
 * An absolute path as RFC 3986 spells it: `/` and pchars (unreserved, sub-delims, `:`, `@`, and `%`
 * for escapes, which the consumer decodes). Anything else (`\`, `[`, `<`, spaces, raw non-ASCII,
 * which Node hands over as Latin-1) is not a path a conforming client sends.
 */
const ABSOLUTE_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

/** The query is never read, so it only has to be visible ASCII (browsers leave more of it raw than RFC 3986 allows). */
const QUERY = /^[\x21-\x7e]*$/;

/**
 * The path of an origin-form target (`/a/b?q=1` → `/a/b`), still percent-encoded, or null when the
 * target is malformed or of another form: empty, absolute-form (`http://host/x`: we are not a
 * proxy, and its authority would stand beside the Host header we check), asterisk-form (`*`),
 * authority-form, or carrying a fragment (browsers never send one).
 */
export function parseRequestTarget(target: string | undefined): string | null {
  if (typeof target !== 'string' || target.includes('#')) return null;
  const queryAt = target.indexOf('?');
  const path = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = queryAt === -1 ? '' : target.slice(queryAt + 1);
  if (!ABSOLUTE_PATH.test(path) || !QUERY.test(query)) return null;
  return path;
}

/**
 * One percent-decoded IPC channel name, or null when its escapes are malformed (`%`, `%ZZ`) or do
 * not decode to UTF-8 (`%E0`). decodeURIComponent reports both by throwing; this turns that into
 * a value the caller must handle.
 */
export function decodeChannel(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}
