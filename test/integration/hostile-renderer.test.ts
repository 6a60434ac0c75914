import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import { memoryKeytar } from '../support/fake-keytar';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

// The renderer is untrusted: these calls are what a compromised renderer (customer JSON, a
// third-party widget next door) could send. Main must hold on its own, whatever the UI does.

const SECRET = 'sandbox';
let h: SandboxHarness;
let thief: http.Server;
let thiefUrl = '';
const stolen: string[] = [];
const cores: Array<ReturnType<typeof createCore>> = [];

beforeAll(async () => {
  h = await startHarness();
  // A listener that records every body it receives, and every proxy tunnel asked of it: a stand-in
  // for the attacker's server.
  thief = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      stolen.push(Buffer.concat(chunks).toString('utf8'));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"access_token":"x","expires_in":900}');
    });
  });
  thief.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    stolen.push(`CONNECT ${req.url}`);
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve) => thief.listen(0, '127.0.0.1', resolve));
  thiefUrl = `http://127.0.0.1:${(thief.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()));
  thief.close();
  await h.close();
});

function setup(userDataDir = tempDir(), keytar = memoryKeytar()) {
  const core = createCore({ shell: 'browser', userDataDir, keytarLoader: keytar });
  cores.push(core);
  const router = core.createRouter(() => null);
  const call = (channel: string, input?: unknown) => router.dispatch(channel, input, {});
  const value = async <T = Record<string, unknown>>(channel: string, input?: unknown): Promise<T> => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return { call, value, userDataDir };
}

describe('a stored secret goes only where it was entered for', () => {
  for (const sessionOnly of [false, true]) {
    it(`moving the token URL to another listener clears the ${sessionOnly ? 'session-only' : 'keychain'} secret and never sends it`, async () => {
      const { value } = setup();
      const { id } = await value<{ id: string }>('profiles:create', { name: 'Victim', baseUrl: h.url });
      await value('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET, sessionOnly });
      expect(await value('profiles:testConnection', { id })).toMatchObject({ ok: true });
      stolen.length = 0;

      const updated = await value<{ credentials: { present: boolean; notice: string } }>('profiles:update', { id, changes: { tokenUrl: `${thiefUrl}/steal` } });
      expect(updated.credentials.present).toBe(false);
      expect(updated.credentials.notice).toMatch(/token URL changed, so the saved client secret was removed/);
      expect(await value('profiles:testConnection', { id })).toMatchObject({ ok: false, message: expect.stringContaining('no client credentials yet') });
      // Moving it back does not bring the secret back either.
      await value('profiles:update', { id, changes: { tokenUrl: `${h.url}/api/v1/account/applications/token` } });
      expect(await value('profiles:testConnection', { id })).toMatchObject({ ok: false });
      expect(stolen).toEqual([]);
    });
  }

  it('changing the base URL, proxy or CA file clears the secret too', async () => {
    const { value } = setup();
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Victim', baseUrl: h.url });
    const ca = path.join(tempDir(), 'ca.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(path.dirname(ca), 'key.pem'), '-out', ca, '-days', '1', '-subj', '/CN=thief'], { stdio: 'ignore' });
    stolen.length = 0;
    for (const changes of [{ baseUrl: thiefUrl }, { proxy: thiefUrl }, { caFile: ca }]) {
      await value('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET });
      const updated = await value<{ credentials: { present: boolean } }>('profiles:update', { id, changes });
      expect(updated.credentials.present).toBe(false);
      expect(await value('profiles:testConnection', { id })).toMatchObject({ ok: false });
    }
    expect(stolen).toEqual([]);
  });

  it('a profiles file edited behind the app’s back does not carry the secret to the new address', async () => {
    const { value, userDataDir } = setup();
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Victim', baseUrl: h.url });
    const keytar = memoryKeytar();
    const first = setup(userDataDir, keytar);
    await first.value('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET });
    // Another program rewrites profiles.json with the thief's token URL; the keychain entry stays.
    const file = path.join(userDataDir, 'profiles.json');
    const data = JSON.parse(execFileSync('cat', [file], { encoding: 'utf8' })) as { profiles: Array<Record<string, unknown>> };
    data.profiles[0]!.tokenUrl = `${thiefUrl}/steal`;
    writeFileSync(file, JSON.stringify(data));
    const restarted = setup(userDataDir, keytar);
    const result = await restarted.value<{ ok: boolean; message: string }>('profiles:testConnection', { id });
    expect(result.ok).toBe(false);
    expect(stolen).toEqual([]);
    const status = await restarted.value<{ present: boolean; notice: string }>('credentials:status', { id });
    expect(status).toMatchObject({ present: false, notice: expect.stringContaining('entered for other connection settings') });
  });

  it('accepts plain http:// only for this machine', async () => {
    const { call } = setup();
    for (const [i, baseUrl] of ['http://127.0.0.1:8000', 'http://localhost:8000', 'http://[::1]:8000', 'http://127.5.6.7', 'https://api.airbyte.ai'].entries()) {
      expect(await call('profiles:create', { name: `ok ${i}`, baseUrl }), baseUrl).toMatchObject({ ok: true });
    }
    for (const [field, url] of [['baseUrl', 'http://api.airbyte.ai'], ['tokenUrl', 'http://evil.example/steal'], ['baseUrl', 'http://10.0.0.1'], ['baseUrl', 'https://user:pass@api.airbyte.ai'], ['baseUrl', 'ftp://x']] as const) {
      const refused = await call('profiles:create', { name: 'bad', baseUrl: 'https://api.airbyte.ai', [field]: url });
      expect(refused, url).toMatchObject({ ok: false, error: { code: 'invalid_input', details: { issues: [{ path: field }] } } });
    }
  });
});

describe('profiles saved under older rules', () => {
  it('keeps a plain-http profile of another machine from an earlier version, and sends nothing over it', async () => {
    const userDataDir = tempDir();
    writeFileSync(
      path.join(userDataDir, 'profiles.json'),
      JSON.stringify({ version: 1, activeProfileId: 'sandbox', profiles: [
        { id: 'old-http', name: 'Old LAN', baseUrl: thiefUrl.replace('127.0.0.1', '10.0.0.5'), defaultRegion: 'US', builtIn: false },
        { id: 'good', name: 'Good', baseUrl: 'https://api.airbyte.ai', defaultRegion: 'EU', builtIn: false },
      ] }),
    );
    const { value } = setup(userDataDir);
    const list = await value<{ notice: string | null; profiles: Array<{ id: string }> }>('profiles:list');
    expect(list.notice).toBeNull();
    expect(list.profiles.map((p) => p.id)).toEqual(['sandbox', 'old-http', 'good']);
    await value('credentials:set', { id: 'old-http', clientId: 'sandbox', clientSecret: SECRET, sessionOnly: true });
    expect(await value('profiles:testConnection', { id: 'old-http' })).toMatchObject({ ok: false, message: expect.stringMatching(/API base URL must use https:\/\/.*nothing was sent/) });
  });

  it('binds a keychain entry saved without a binding to the profile’s settings and keeps using it', async () => {
    const keytar = memoryKeytar();
    const { value, userDataDir } = setup(tempDir(), keytar);
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Upgraded', baseUrl: h.url });
    await (await keytar()).setPassword('embedded-console.credentials', id, JSON.stringify({ client_id: 'sandbox', client_secret: SECRET }));
    const restarted = setup(userDataDir, keytar);
    expect(await restarted.value('profiles:testConnection', { id })).toMatchObject({ ok: true });
    const stored = JSON.parse((await (await keytar()).getPassword('embedded-console.credentials', id)) ?? '{}') as { boundTo?: { baseUrl: string } };
    expect(stored.boundTo?.baseUrl).toBe(h.url);
  });
});

describe('a renderer-chosen CA file cannot freeze main', () => {
  it('refuses a FIFO, a folder, a missing file, a non-PEM file and a huge file at save time, at once', async () => {
    const { call, value } = setup();
    const dir = tempDir();
    const fifo = path.join(dir, 'ca.fifo');
    execFileSync('mkfifo', [fifo]);
    const notPem = path.join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    const badPem = path.join(dir, 'bad.pem');
    writeFileSync(badPem, '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n');
    const huge = path.join(dir, 'huge.pem');
    writeFileSync(huge, Buffer.alloc(1024 * 1024 + 1, 'A'));
    const cases: Array<[string, RegExp]> = [
      [fifo, /not a regular file/],
      [dir, /is a folder/],
      [path.join(dir, 'missing.pem'), /no such file/],
      [notPem, /not a PEM certificate/],
      [badPem, /not a PEM certificate \(block 1 does not parse\)/],
      [huge, /more than the 1\.0 MB/],
      ['relative/ca.pem', /absolute path/],
    ];
    const started = performance.now();
    for (const [caFile, message] of cases) {
      const refused = await call('profiles:create', { name: 'ca', baseUrl: 'https://api.airbyte.ai', caFile });
      expect(refused, caFile).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(message), details: { issues: [{ path: 'caFile' }] } } });
    }
    const { id } = await value<{ id: string }>('profiles:create', { name: 'ca', baseUrl: 'https://api.airbyte.ai' });
    expect(await call('profiles:update', { id, changes: { caFile: fifo } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    // The old code read the FIFO synchronously: 8 s hangs. Now every refusal is immediate.
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('a CA file swapped for a FIFO after saving fails the connection test in words, and main stays responsive', async () => {
    const { value, userDataDir } = setup();
    const { id } = await value<{ id: string }>('profiles:create', { name: 'ca', baseUrl: h.url });
    const file = path.join(userDataDir, 'profiles.json');
    const fifo = path.join(tempDir(), 'later.fifo');
    execFileSync('mkfifo', [fifo]);
    const data = JSON.parse(execFileSync('cat', [file], { encoding: 'utf8' })) as { profiles: Array<Record<string, unknown>> };
    data.profiles[0]!.caFile = fifo;
    writeFileSync(file, JSON.stringify(data));
    const restarted = setup(userDataDir);
    const started = performance.now();
    const [test, report] = await Promise.all([restarted.value('profiles:testConnection', { id }), restarted.value('app:report')]);
    expect(test).toMatchObject({ ok: false, message: expect.stringMatching(/extra CA file is not a regular file/) });
    expect(report).toHaveProperty('name', 'Embedded Console');
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('ill-formed Unicode', () => {
  it('is invalid_input on every channel that takes an id (it was internal)', async () => {
    const { call } = setup();
    const lone = '\ud800';
    const inputs: Record<string, unknown> = {
      'workspaces:get': { id: lone },
      'workspaces:sources': { id: lone },
      'workspaces:rename': { id: lone, name: 'x' },
      'workspaces:setStatus': { id: lone, status: 'active' },
      'workspaces:remove': { id: lone, confirmName: 'x' },
      'workspaces:setRegion': { id: lone, region: 'EU' },
      'profiles:create': { name: `a${lone}b` },
      'credentials:set': { id: 'x', clientId: 'a', clientSecret: `\udc00secret` },
    };
    for (const [channel, input] of Object.entries(inputs)) {
      const result = await call(channel, input);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('ill-formed Unicode') } });
    }
    // A well-formed astral character (a surrogate pair) is fine.
    expect(await call('profiles:create', { name: 'emoji 😀' })).toMatchObject({ ok: true });
  });
});
