import type { OriginCheck } from '../../../preload/contract';

/**
 * §10.3: `allowed_origin` must be exactly the origin of the page hosting the widget (the widget
 * posts there and browsers drop messages anywhere else). The client applies the sandbox's check
 * first, so a bad value is refused here, with the rule it broke and how to fix it, instead of as a
 * 422 after a round trip. Pure string work: nothing here can throw.
 */

export type OriginRule =
  | 'required'
  | 'whitespace'
  | 'null-origin'
  | 'no-wildcards'
  | 'scheme-required'
  | 'scheme-http-https'
  | 'authority-required'
  | 'no-credentials'
  | 'no-trailing-slash'
  | 'no-path'
  | 'no-query'
  | 'no-fragment'
  | 'host'
  | 'port'
  | 'lowercase';

type Refusal = Extract<OriginCheck, { ok: false }>;
type Accepted = Extract<OriginCheck, { ok: true }>;

function refuse(rule: OriginRule, message: string, fix: string): Refusal {
  return { ok: false, rule, message, fix };
}

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Strict: every row of §10.3 as the server applies it. Returns the accepted origin (unchanged) with
 * warnings, or the first rule it breaks.
 */
export function checkOriginStrict(value: string): OriginCheck {
  if (value.length === 0) return refuse('required', 'An allowed origin is required.', 'Type the origin of the page that will host the widget, e.g. https://yourapp.com.');
  if (value !== value.trim() || /\s/.test(value)) return refuse('whitespace', 'The origin contains spaces or line breaks.', 'Remove them: an origin is one word such as https://yourapp.com.');
  if (value.toLowerCase() === 'null') return refuse('null-origin', '“null” is the origin of sandboxed and file pages; the widget cannot post to it.', 'Serve the hosting page over http(s) and use its origin.');
  if (value.includes('*')) return refuse('no-wildcards', 'Wildcards are not allowed: one token serves exactly one origin.', 'Name the exact origin, e.g. https://app.yourapp.com, and mint one token per origin.');
  const scheme = SCHEME.exec(value)?.[1];
  // "localhost:3000" parses as scheme "localhost"; without "//" it is a host typed without a scheme.
  if (!scheme || !value.slice(scheme.length + 1).startsWith('//')) {
    if (!scheme || !['http', 'https'].includes(scheme.toLowerCase())) {
      return refuse('scheme-required', 'The scheme is missing.', `Write it with its scheme: https://${value.replace(/^\/+/, '')} (or http:// for local development).`);
    }
    return refuse('authority-required', `The origin must be written ${scheme}://host.`, `Write ${scheme.toLowerCase()}://${value.slice(scheme.length + 1).replace(/^\/+/, '')}.`);
  }
  if (!['http', 'https'].includes(scheme.toLowerCase())) {
    return refuse('scheme-http-https', `“${scheme}:” is not allowed: the widget can only be hosted on an http or https page (not file://, app:// or other schemes).`, 'Serve the hosting page over https (or http on localhost) and use that origin.');
  }
  const rest = value.slice(scheme.length + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const base = `${scheme}://${authority}`;
  if (authority.includes('@')) return refuse('no-credentials', 'An origin carries no user name or password.', `Remove the part before “@”: ${scheme}://${authority.slice(authority.lastIndexOf('@') + 1)}.`);
  if (tail === '/') return refuse('no-trailing-slash', 'The origin ends with a slash; browsers write origins without one, so the widget’s messages would never match.', `Remove the trailing slash: ${base}.`);
  if (tail.startsWith('/')) return refuse('no-path', 'An origin has no path.', `Keep only scheme, host and port: ${base}.`);
  if (tail.startsWith('?')) return refuse('no-query', 'An origin has no query string.', `Keep only scheme, host and port: ${base}.`);
  if (tail.startsWith('#')) return refuse('no-fragment', 'An origin has no fragment.', `Keep only scheme, host and port: ${base}.`);
  const portMatch = /^(.*?)(?::(\d*))?$/.exec(authority);
  const host = portMatch?.[1] ?? '';
  const port = portMatch?.[2];
  if (!HOST.test(host)) return refuse('host', `“${host}” is not a host name or IP address.`, 'Write a host such as yourapp.com, localhost or 127.0.0.1.');
  if (port !== undefined && (port === '' || Number(port) < 1 || Number(port) > 65535 || port.length > 5)) {
    return refuse('port', `“${port}” is not a port (1–65535).`, `Write a port between 1 and 65535, or none: ${scheme}://${host}.`);
  }
  if (value !== value.toLowerCase()) return refuse('lowercase', 'Origins are written in lower case; the server refuses an upper-case scheme.', `Write ${value.toLowerCase()}.`);
  return { ok: true, origin: value, notices: [], warnings: warningsFor(scheme.toLowerCase(), host.toLowerCase(), port) };
}

function warningsFor(scheme: string, host: string, port: string | undefined): string[] {
  const warnings: string[] = [];
  if (scheme === 'http' && !LOOPBACK_HOSTS.has(host)) {
    warnings.push(`Plain http off localhost: ${scheme}://${host} is fine for a test, but the widget should be hosted on https in production.`);
  }
  if (host === 'localhost' || host === '127.0.0.1') {
    const other = host === 'localhost' ? '127.0.0.1' : 'localhost';
    warnings.push(`${scheme}://${host}${port ? `:${port}` : ''} is a different origin from ${scheme}://${other}${port ? `:${port}` : ''}: open the hosting page with exactly this host.`);
  }
  if ((scheme === 'https' && port === '443') || (scheme === 'http' && port === '80')) {
    warnings.push(`Port ${port} is the default for ${scheme}; browsers write this origin as ${scheme}://${host}, which the widget treats as the same origin.`);
  }
  return warnings;
}

/**
 * What the app applies before minting: the strict rules after the two repairs §10.3 allows (one
 * trailing "/" removed, lower case), each repair reported as a notice so the user sees what is sent.
 */
export function checkAllowedOrigin(value: string): OriginCheck {
  const notices: string[] = [];
  let candidate = value;
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]+\/$/.test(candidate)) {
    candidate = candidate.slice(0, -1);
    notices.push(`Removed the trailing slash: the origin is ${candidate.toLowerCase()}.`);
  }
  if (candidate !== candidate.toLowerCase() && SCHEME.test(candidate)) {
    candidate = candidate.toLowerCase();
    notices.push(`Wrote the origin in lower case: ${candidate}.`);
  }
  const strict = checkOriginStrict(candidate);
  if (!strict.ok) return strict;
  return { ...strict, notices: [...notices, ...strict.notices] } satisfies Accepted;
}
