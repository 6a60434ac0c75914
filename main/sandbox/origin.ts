/**
 * §10.3: a lowercase http(s) scheme and a host with an optional port, nothing else. Returns the
 * reason it is invalid, or null when it is a valid origin.
 */
export function originProblem(value: string): string | null {
  if (!/^https?:\/\//.test(value)) return 'scheme must be http or https';
  if (value.includes('*')) return 'wildcards are not allowed';
  const match = /^https?:\/\/([^/?#@\s]+)$/.exec(value);
  if (!match) return 'must be scheme://host[:port] with no path, query, fragment or credentials';
  const hostPort = match[1] ?? '';
  const hostMatch = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(hostPort);
  if (!hostMatch) return 'invalid host';
  const port = hostMatch[2];
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return 'invalid port';
  if (hostMatch[1] === 'null') return 'null origin is not allowed';
  return null;
}
