/**
 * TLS handshake failures in one plain sentence each. Node hands them over as OpenSSL's own text
 * ("…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/…"), which
 * tells a user nothing and wraps to nine lines in the sidebar; the raw text stays in the request log.
 * Electron links BoringSSL, whose reasons are upper-case ("WRONG_VERSION_NUMBER"): both are matched,
 * by Node's error code first and by the reason text second.
 */

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

type TlsProblem = 'plain_http' | 'self_signed' | 'unknown_ca' | 'wrong_host' | 'expired' | 'not_yet_valid' | 'handshake';

const BY_CODE: Record<string, TlsProblem> = {
  ERR_SSL_WRONG_VERSION_NUMBER: 'plain_http',
  ERR_SSL_PACKET_LENGTH_TOO_LONG: 'plain_http',
  ERR_SSL_HTTP_REQUEST: 'plain_http',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self_signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'self_signed',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown_ca',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown_ca',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown_ca',
  CERT_UNTRUSTED: 'unknown_ca',
  ERR_TLS_CERT_ALTNAME_INVALID: 'wrong_host',
  HOSTNAME_MISMATCH: 'wrong_host',
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not_yet_valid',
};

const BY_TEXT: Array<[RegExp, TlsProblem]> = [
  [/wrong[ _]version[ _]number|packet[ _]length[ _]too[ _]long|http[ _]request/i, 'plain_http'],
  [/self[- _]signed/i, 'self_signed'],
  [/unable to (get|verify) (local )?issuer|unable to verify the first certificate|certificate_verify_failed|unknown[ _]ca/i, 'unknown_ca'],
  [/altnames|hostname\/ip does not match|hostname mismatch/i, 'wrong_host'],
  [/certificate has expired|certificate_expired|cert_has_expired/i, 'expired'],
  [/certificate is not yet valid/i, 'not_yet_valid'],
  [/ssl routines|openssl_internal|tls_|ssl_|alert handshake failure|ssl3_/i, 'handshake'],
];

function classify(error: unknown, depth = 0): TlsProblem | null {
  // A proxy tunnel or a library may wrap the socket's error: its cause says what happened.
  const cause = (error as { cause?: unknown } | null)?.cause;
  if (cause && depth < 3) {
    const inner = classify(cause, depth + 1);
    if (inner) return inner;
  }
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (BY_CODE[code]) return BY_CODE[code];
  const text = error instanceof Error ? error.message : String(error);
  for (const [pattern, problem] of BY_TEXT) if (pattern.test(text)) return problem;
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_')) return 'handshake';
  return null;
}

/**
 * The sentence for a TLS failure reaching `url`, or null when `error` is not one. Each names what
 * fixes it: the scheme (a loopback server speaking plain http), the profile's CA file, or the owner
 * of the server.
 */
export function describeTlsFailure(error: unknown, url: string): string | null {
  const problem = classify(error);
  if (!problem) return null;
  const { host, hostname } = new URL(url);
  switch (problem) {
    case 'plain_http':
      return LOOPBACK.test(hostname)
        ? `The server at ${host} does not speak HTTPS; try http://${host} in Edit profile.`
        : `The server at ${host} does not speak HTTPS; check the address and port in Edit profile.`;
    case 'self_signed':
      return `The server at ${host} uses a self-signed certificate that is not trusted; set its CA file in Edit profile.`;
    case 'unknown_ca':
      return `The certificate of the server at ${host} is not trusted; set a CA file in Edit profile.`;
    case 'wrong_host':
      return `The certificate of the server at ${host} was issued for another host name; check the address in Edit profile.`;
    case 'expired':
      return `The certificate of the server at ${host} has expired; its owner must renew it (or this computer's clock is wrong).`;
    case 'not_yet_valid':
      return `The certificate of the server at ${host} is not valid yet; check this computer's clock.`;
    case 'handshake':
      return `A secure connection to ${host} could not be set up; the request inspector has the details.`;
  }
}

/** The library's own words, kept for the request log (never shown as the message). */
export function rawTlsText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, ' ').trim();
}
