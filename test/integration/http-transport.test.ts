import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/ipc/app-error';
import { HttpClient } from '../../main/services/http/http-client';
import { loadCaFile } from '../../main/services/http/ca-file';
import { tempDir } from '../support/temp-dir';

const listen = (server: net.Server) =>
  new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

/** A forward proxy on loopback that tunnels CONNECT and forwards absolute-form requests, counting both. */
function startProxy() {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(upstream);
  });
  server.on('connect', (req, socket, head) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
  });
  return { server, seen };
}

describe('HTTP transport settings', () => {
  const api = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"ok":true}'));
  let apiUrl = '';
  const proxy = startProxy();
  let proxyUrl = '';

  beforeAll(async () => {
    apiUrl = `http://127.0.0.1:${await listen(api)}/thing`;
    proxyUrl = `http://127.0.0.1:${await listen(proxy.server)}`;
  });
  afterAll(() => {
    api.close();
    proxy.server.close();
  });

  it('sends requests through the profile’s proxy', async () => {
    const client = new HttpClient({ proxy: proxyUrl });
    proxy.seen.length = 0;
    expect((await client.send({ method: 'GET', url: apiUrl, idempotent: true, what: 'testing' })).body).toEqual({ ok: true });
    expect(proxy.seen.length).toBeGreaterThan(0);
    expect(proxy.seen.join()).toContain(new URL(apiUrl).host);
    await client.close();
  });

  it('falls back to HTTPS_PROXY from the environment', async () => {
    const before = process.env.HTTPS_PROXY;
    process.env.HTTPS_PROXY = proxyUrl;
    try {
      const client = new HttpClient();
      proxy.seen.length = 0;
      await client.send({ method: 'GET', url: apiUrl, idempotent: true, what: 'testing' });
      expect(proxy.seen.length).toBeGreaterThan(0);
      await client.close();
    } finally {
      if (before === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = before;
    }
  });

  it('goes direct without a proxy', async () => {
    const client = new HttpClient();
    proxy.seen.length = 0;
    await client.send({ method: 'GET', url: apiUrl, idempotent: true, what: 'testing' });
    expect(proxy.seen).toEqual([]);
    await client.close();
  });
});

describe('extra CA certificate', () => {
  const dir = tempDir();
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"secure":true}'));
  let url = '';
  beforeAll(async () => {
    url = `https://127.0.0.1:${await listen(server)}/`;
  });
  afterAll(() => server.close());

  it('refuses an unknown certificate authority with a network error', async () => {
    const client = new HttpClient({}, { rateLimitRetries: 0, transientRetries: 0, maxRetryAfterMs: 0, backoffMs: () => 0 });
    const error = await client.send({ method: 'GET', url, idempotent: true, what: 'testing TLS' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('network');
    expect((error as AppError).message).toMatch(/certificate/i);
    await client.close();
  });

  it('trusts the profile’s extra CA file', async () => {
    const client = new HttpClient({ caPem: await loadCaFile(cert) });
    expect((await client.send({ method: 'GET', url, idempotent: true, what: 'testing TLS' })).body).toEqual({ secure: true });
    await client.close();
  });
});
