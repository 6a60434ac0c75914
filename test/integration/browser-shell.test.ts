import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import type { Router } from '../../main/ipc/router';
import { browserSenderPolicy, startBrowserServer, type BrowserSender, type BrowserServer } from '../../main/shell/browser-server';
import { rawExchange } from '../support/browser-shell-process';
import { memoryKeytar } from '../support/fake-keytar';

/** Raw HTTP so that Host and Origin can be forged the way an attacker's page or tool would. */
function request(port: number, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path, headers: options.headers, setHost: !options.headers?.Host },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('browser shell server', () => {
  let server: BrowserServer;
  let core: ReturnType<typeof createCore>;
  let good: Record<string, string>;

  beforeAll(async () => {
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
    core = createCore({ shell: 'browser', keytarLoader: memoryKeytar(), userDataDir: mkdtempSync(path.join(os.tmpdir(), 'userdata-')) });
    server = await startBrowserServer({ router: core.createRouter(browserSenderPolicy), rendererDir, maxBodyBytes: 1024 });
    good = {
      Host: `127.0.0.1:${server.port}`,
      Origin: server.origin,
      'X-Console-Secret': server.secret,
      'Content-Type': 'application/json',
    };
  });
  afterAll(() => Promise.all([server.close(), core.close()]));

  const call = (headers: Record<string, string>, body = '{}', channel = 'app:report') =>
    request(server.port, { method: 'POST', path: `/ipc/${channel}`, headers, body });

  it('binds to loopback and puts the secret in the URL fragment only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.launchUrl).toBe(`${server.origin}/#secret=${server.secret}`);
    expect(server.secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a correct call with the Result envelope', async () => {
    const res = await call(good);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ ok: true, value: { shell: 'browser' } });
  });

  it('accepts localhost as well as 127.0.0.1 (same port)', async () => {
    const res = await call({ ...good, Host: `localhost:${server.port}`, Origin: `http://localhost:${server.port}` });
    expect(res.status).toBe(200);
  });

  it('refuses a call without the secret', async () => {
    const { 'X-Console-Secret': _omit, ...headers } = good;
    const res = await call(headers);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
  });

  it('refuses a wrong secret', async () => {
    expect((await call({ ...good, 'X-Console-Secret': '0'.repeat(64) })).status).toBe(401);
  });

  it('refuses a foreign Origin even with the secret', async () => {
    const res = await call({ ...good, Origin: 'https://evil.example' });
    expect(res.status).toBe(403);
    expect(res.body).toContain('does not come from this console');
  });

  it('refuses a missing Origin', async () => {
    const { Origin: _omit, ...headers } = good;
    expect((await call(headers)).status).toBe(403);
  });

  it('refuses a rebinding Host on the API and on static files', async () => {
    expect((await call({ ...good, Host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await call({ ...good, Host: '127.0.0.1:1' })).status).toBe(403);
    const page = await request(server.port, { path: '/', headers: { Host: 'evil.example' } });
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('console</title>');
  });

  it('rejects non-JSON, oversize bodies and bad input with clear errors', async () => {
    const notJson = await call(good, '{nope');
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'The request body is not JSON.' } });
    expect((await call(good, JSON.stringify({ input: 'x'.repeat(4096) }))).status).toBe(413);
    const bad = JSON.parse((await call(good, JSON.stringify({ input: { unexpected: true } }))).body);
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers unknown channels and wrong methods without crashing', async () => {
    expect(JSON.parse((await call(good, '{}', 'app:nope')).body)).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect((await request(server.port, { method: 'GET', path: '/ipc/app:report', headers: good })).status).toBe(405);
  });

  it('serves the renderer with the CSP and refuses traversal', async () => {
    const page = await request(server.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await request(server.port, { path: '/..%2f..%2fetc%2fpasswd' })).status).toBe(404);
    expect((await request(server.port, { method: 'DELETE', path: '/' })).status).toBe(405);
  });
});

/**
 * The one guard around every request, with a router that misbehaves on purpose: whatever happens
 * inside, the caller gets a status (or, when it already left, nothing) and the server keeps serving.
 */
describe('browser shell server: the request guard', () => {
  let server: BrowserServer;
  const internalErrors: unknown[] = [];
  let dispatch: Router<BrowserSender>['dispatch'];

  beforeAll(async () => {
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
    const router: Router<BrowserSender> = { channels: [], dispatch: (...args) => dispatch(...args) };
    server = await startBrowserServer({ router, rendererDir, maxBodyBytes: 1024, onInternalError: (error) => internalErrors.push(error) });
  });
  afterAll(() => server.close());
  beforeEach(() => {
    internalErrors.length = 0;
    dispatch = async () => ({ ok: true, value: 'fine' });
  });

  const head = (target: string, extra = '') =>
    `POST ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: ${server.origin}\r\nX-Console-Secret: ${server.secret}\r\n${extra}`;
  const call = (target = '/ipc/app:report', body = '{}') =>
    rawExchange(server.port, `${head(target, `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n`)}\r\n${body}`, { body: true });
  const stillServes = async () => expect((await call()).status).toBe(200);

  it('answers a malformed percent-encoded channel with a 400 invalid_input envelope, before the router', async () => {
    dispatch = async () => {
      throw new Error('the router must not see this call');
    };
    for (const target of ['/ipc/%E0', '/ipc/%', '/ipc/%ZZ']) {
      const answer = await call(target);
      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(internalErrors).toEqual([]);
  });

  it('turns a throwing handler into a 500 internal envelope, reports it and keeps serving', async () => {
    dispatch = async () => {
      throw new Error('boom');
    };
    const answer = await call();
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(answer.body).not.toContain('boom');
    expect(internalErrors).toEqual([expect.objectContaining({ message: 'boom' })]);
    dispatch = async () => ({ ok: true, value: 'fine' });
    await stillServes();
  });

  it('turns an answer that cannot be serialised into a 500 as well', async () => {
    dispatch = async () => ({ ok: true, value: 10n });
    expect((await call()).status).toBe(500);
    expect(internalErrors).toHaveLength(1);
  });

  it('survives a client that leaves mid-body, and does not count that as an internal failure', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(`${head('/ipc/app:report', 'Content-Length: 500\r\n')}\r\n{"input":`);
    await sleep(50);
    socket.destroy();
    await sleep(50);
    await stillServes();
    expect(internalErrors).toEqual([]);
  });

  it('survives answering a client that already left', async () => {
    let answered!: () => void;
    const done = new Promise<void>((resolve) => (answered = resolve));
    dispatch = async () => {
      await sleep(100);
      answered();
      return { ok: true, value: 'too late' };
    };
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.end(`${head('/ipc/app:report', 'Content-Length: 2\r\n')}\r\n{}`);
    socket.destroy();
    await done;
    await sleep(20);
    dispatch = async () => ({ ok: true, value: 'fine' });
    await stillServes();
    expect(internalErrors).toEqual([]);
  });

  it('answers HEAD, OPTIONS and other methods with a status and an Allow header', async () => {
    const ask = (method: string, target: string) =>
      rawExchange(server.port, `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nConnection: close\r\n\r\n`);
    expect((await ask('HEAD', '/')).status).toBe(200);
    const options = await ask('OPTIONS', '/');
    expect(options.status).toBe(405);
    expect(options.head).toMatch(/^allow: GET, HEAD$/im);
    expect((await ask('PUT', '/')).status).toBe(405);
    expect((await ask('OPTIONS', '/ipc/app:report')).status).toBe(403);
    expect((await ask('BREW', '/')).status).toBe(400);
  });
});

/**
 * The widget preview wiring (as main/browser.ts does it): the renderer's CSP frames exactly the
 * preview host — not the widget, not anything else — and the preview host lets this shell's page
 * frame it (frame-ancestors), as does the sandbox's stand-in widget.
 */
describe('browser shell server: the widget preview host in the CSP', () => {
  let server: BrowserServer;
  let core: ReturnType<typeof createCore>;

  beforeAll(async () => {
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
    core = createCore({ shell: 'browser', keytarLoader: memoryKeytar(), userDataDir: mkdtempSync(path.join(os.tmpdir(), 'userdata-')) });
    server = await startBrowserServer({ router: core.createRouter(browserSenderPolicy), rendererDir, frameSources: () => core.widget.rendererFrameSources() });
  });
  afterAll(() => Promise.all([server.close(), core.close()]));

  const frameSrc = (csp: string | string[] | undefined) => /(?:^|; )frame-src ([^;]*)/.exec(String(csp))?.[1];

  it("frames nothing before the preview host runs, then exactly the preview host's origin", async () => {
    expect(frameSrc((await request(server.port, { path: '/' })).headers['content-security-policy'])).toBe("'none'");
    await core.widget.allowEmbedder(server.origin);
    const [previewHost] = core.widget.rendererFrameSources();
    expect(previewHost).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(previewHost).not.toBe(server.origin);
    const page = await request(server.port, { path: '/' });
    expect(frameSrc(page.headers['content-security-policy'])).toBe(previewHost);
    // Only frame-src is relaxed: the rest of the policy is the renderer's usual one.
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
  });

  it('keeps frame-src to the preview host while a preview (and its widget origin) is open', async () => {
    await core.widget.allowEmbedder(server.origin);
    const headers = { Host: `127.0.0.1:${server.port}`, Origin: server.origin, 'X-Console-Secret': server.secret, 'Content-Type': 'application/json' };
    const minted = await request(server.port, {
      method: 'POST',
      path: '/ipc/widget:mint',
      headers,
      body: JSON.stringify({ input: { target: { kind: 'new', name: 'csp-demo', region: 'US' } } }),
    });
    const result = JSON.parse(minted.body) as { ok: boolean; value: { previewUrl: string; previewOrigin: string; widgetOrigin: string; previewId: string } };
    expect(result.ok).toBe(true);
    const { previewUrl, previewOrigin, widgetOrigin } = result.value;
    expect(widgetOrigin).not.toBe(previewOrigin);
    const page = await request(server.port, { path: '/' });
    expect(frameSrc(page.headers['content-security-policy'])).toBe(previewOrigin);

    // The preview host page names this shell's origin among its frame-ancestors, and frames only the widget origin.
    const hostPage = await fetch(previewUrl.replace(/#.*$/, ''));
    const hostCsp = hostPage.headers.get('content-security-policy') ?? '';
    expect(hostCsp).toMatch(new RegExp(`frame-ancestors [^;]*${server.origin.replace(/[.:/]/g, '\\$&')}`));
    expect(frameSrc(hostCsp)).toBe(widgetOrigin);
    // The sandbox's stand-in widget accepts this shell's page as an ancestor too.
    const widgetPage = await fetch(`${widgetOrigin}/quick-start/widget?workspaceId=x&allowedOrigin=${encodeURIComponent(previewOrigin)}`);
    expect(widgetPage.headers.get('content-security-policy') ?? '').toContain(server.origin);
    await request(server.port, { method: 'POST', path: '/ipc/widget:close', headers, body: JSON.stringify({ input: { previewId: result.value.previewId } }) });
  });
});
