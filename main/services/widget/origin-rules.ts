import type { OriginCheck } from '../../../preload/contract';

/**
 * §10.3: `allowed_origin` must be exactly the origin of the page hosting the widget (the widget
 * posts there and browsers drop messages anywhere else). The client applies the sandbox's check
 * first, so a bad value is refused here, with the rule it broke and how to fix it, instead of as a
 * 422 after a round trip. Pure string work: nothing here can throw.
 */

export type OriginRule =
  | 'required'
  | 'too-long'
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

/** "https://" + a 253-character host name + ":65535". */
const MAX_ORIGIN_LENGTH = 8 + 253 + 6;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const HOST = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*)$/;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** "localhost:3000", "yourapp.com:8443/x": a host and port typed without a scheme (the part before ":" is not one). */
const HOST_AND_PORT = /^[A-Za-z0-9.-]+:\d+(?:[/?#].*)?$/;

/**
 * Strict: every row of §10.3 as the server applies it. Returns the accepted origin (unchanged) with
 * warnings, or the first rule it breaks. Each refusal's `message` is the one sentence the user reads
 * (what is wrong and what to write instead); `fix` is the action alone; `rule` is for tests only.
 */
export function checkOriginStrict(value: string): OriginCheck {
  const example = 'https://yourapp.com';
  if (value.length === 0) return refuse('required', `Type the origin of the page that will host the widget, such as ${example}.`, `Type an origin such as ${example}.`);
  // A scheme, a host name (at most 253 characters) and a port: anything longer cannot be an origin,
  // and the sentences below would echo it back at full length.
  if (value.length > MAX_ORIGIN_LENGTH) return refuse('too-long', `An origin is a scheme, a host name and a port, at most ${MAX_ORIGIN_LENGTH} characters; this is ${value.length.toLocaleString('en-US')}: paste just the origin, such as ${example}.`, `Paste just the origin, such as ${example}.`);
  if (value !== value.trim() || /\s/.test(value)) return refuse('whitespace', `An origin has no spaces or line breaks: remove them, as in ${example}.`, 'Remove the spaces and line breaks.');
  if (value.toLowerCase() === 'null') return refuse('null-origin', '“null” is the origin of sandboxed pages and local files, which the widget cannot post to: use the http or https origin of the hosting page.', 'Use the http or https origin of the hosting page.');
  if (value.includes('*')) return refuse('no-wildcards', 'Wildcards are not allowed: name the exact origin, such as https://app.yourapp.com, and mint one token per origin.', 'Name the exact origin, such as https://app.yourapp.com.');
  const scheme = SCHEME.exec(value)?.[1];
  const schemeless = !scheme || HOST_AND_PORT.test(value);
  if (schemeless) {
    const bare = value.replace(/^\/+/, '');
    return refuse('scheme-required', `The origin needs its scheme: write https://${bare}, or http://${bare} for local development.`, `Write https://${bare}.`);
  }
  if (!['http', 'https'].includes(scheme.toLowerCase())) {
    return refuse(
      'scheme-http-https',
      `The widget can only be hosted on an http or https page, not on a “${scheme}:” address: use the https origin of the hosting page, such as ${example}.`,
      `Use the https origin of the hosting page, such as ${example}.`,
    );
  }
  if (!value.slice(scheme.length + 1).startsWith('//')) {
    const corrected = `${scheme.toLowerCase()}://${value.slice(scheme.length + 1).replace(/^\/+/, '')}`;
    return refuse('authority-required', `Write two slashes after “${scheme}:”: ${corrected}.`, `Write ${corrected}.`);
  }
  const rest = value.slice(scheme.length + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const base = `${scheme}://${authority}`;
  if (authority.includes('@')) {
    const without = `${scheme}://${authority.slice(authority.lastIndexOf('@') + 1)}`;
    return refuse('no-credentials', `An origin carries no user name or password: use ${without}.`, `Use ${without}.`);
  }
  if (tail === '/') return refuse('no-trailing-slash', `Browsers write origins without a trailing slash, so the widget’s messages would never match: use ${base}.`, `Use ${base}.`);
  if (tail.startsWith('/')) return refuse('no-path', `An origin is only the scheme, host and port, without a path: use ${base}.`, `Use ${base}.`);
  if (tail.startsWith('?')) return refuse('no-query', `An origin is only the scheme, host and port, without a query: use ${base}.`, `Use ${base}.`);
  if (tail.startsWith('#')) return refuse('no-fragment', `An origin is only the scheme, host and port, without a “#” part: use ${base}.`, `Use ${base}.`);
  const portMatch = /^(.*?)(?::(\d*))?$/.exec(authority);
  const host = portMatch?.[1] ?? '';
  const port = portMatch?.[2];
  if (!HOST.test(host)) return refuse('host', `“${host}” is not a host name or IP address: write one such as yourapp.com, localhost or 127.0.0.1.`, 'Write a host such as yourapp.com, localhost or 127.0.0.1.');
  if (port !== undefined && (port === '' || Number(port) < 1 || Number(port) > 65535 || port.length > 5)) {
    const said = port === '' ? `The origin ends with “:” but no port` : `“${port}” is not a port`;
    return refuse('port', `${said}: use a number from 1 to 65535, or none, as in ${scheme}://${host}.`, `Use a port from 1 to 65535, or none: ${scheme}://${host}.`);
  }
  if (value !== value.toLowerCase()) return refuse('lowercase', `Origins are written in lower case: use ${value.toLowerCase()}.`, `Use ${value.toLowerCase()}.`);
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
