import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { HttpClient } from '../../main/services/http/http-client';
import { describeTlsFailure } from '../../main/services/http/tls-errors';
import { tempDir } from '../support/temp-dir';

const err = (code: string, message: string) => Object.assign(new Error(message), { code });
const OPENSSL_WRONG_VERSION = '801C05B9A37F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:../deps/openssl/openssl/ssl/record/ssl3_record.c:350:';

describe('TLS failures in one plain sentence', () => {
  it('tells a loopback server speaking plain http to use http://, in words, with no OpenSSL text', () => {
    const text = describeTlsFailure(err('ERR_SSL_WRONG_VERSION_NUMBER', OPENSSL_WRONG_VERSION), 'https://127.0.0.1:8123/api/v1/account/applications/token');
    expect(text).toBe('The server at 127.0.0.1:8123 does not speak HTTPS; try http://127.0.0.1:8123 in Edit profile.');
    // Electron's BoringSSL words it in capitals, without Node's code.
    expect(describeTlsFailure(new Error('error:100000f7:SSL routines:OPENSSL_internal:WRONG_VERSION_NUMBER'), 'https://localhost:9/x')).toMatch(/^The server at localhost:9 does not speak HTTPS; try http:\/\/localhost:9/);
    // Another machine cannot be offered plain http (the secret would cross the network).
    expect(describeTlsFailure(err('ERR_SSL_WRONG_VERSION_NUMBER', OPENSSL_WRONG_VERSION), 'https://api.example.com:80/')).toBe('The server at api.example.com:80 does not speak HTTPS; check the address and port in Edit profile.');
  });

  it.each([
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate', /self-signed certificate that is not trusted; set its CA file in Edit profile\.$/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'unable to get local issuer certificate', /is not trusted; set a CA file in Edit profile\.$/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames", /issued for another host name; check the address in Edit profile\.$/],
    ['CERT_HAS_EXPIRED', 'certificate has expired', /has expired; its owner must renew it/],
  ])('%s → one sentence with its fix', (code, message, expected) => {
    const text = describeTlsFailure(err(code, message), 'https://api.example.com/')!;
    expect(text).toMatch(expected);
    // One sentence: no sentence break inside it.
    expect(text.split(/[.;]\s+[A-Z]/)).toHaveLength(1);
    expect(text).not.toMatch(/routines|openssl|ERR_|CERT_/i);
  });

  it('leaves errors that are not about TLS alone', () => {
    expect(describeTlsFailure(err('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9'), 'https://127.0.0.1:9/')).toBeNull();
    expect(describeTlsFailure(err('UND_ERR_SOCKET', 'other side closed'), 'https://127.0.0.1:9/')).toBeNull();
  });

  it('against a real server with a self-signed certificate: the sentence to the caller, the library text to the log, no retries', async () => {
    const dir = tempDir();
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const http = new HttpClient();
    try {
      const failure = await http.send({ method: 'GET', url: `https://localhost:${port}/x`, idempotent: true, what: 'listing workspaces' }).catch((e: Error) => e);
      expect((failure as Error).message).toBe(`The server at localhost:${port} uses a self-signed certificate that is not trusted; set its CA file in Edit profile.`);
      const log = http.log.list();
      expect(log).toHaveLength(1);
      expect(log[0]?.error).toMatch(/self-signed/);
    } finally {
      await http.close();
      server.close();
    }
  });
});
