import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import type { KeytarLoader } from '../../main/services/vault/keytar-module';
import { KEYCHAIN_SERVICE } from '../../main/services/vault/secret-store';
import { memoryKeytar } from '../support/fake-keytar';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

const ours = { verified: true };
let h: SandboxHarness;
const cores: Array<ReturnType<typeof createCore>> = [];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()));
  await h.close();
});

function setup(options: { userDataDir?: string; keytar?: KeytarLoader } = {}) {
  const userDataDir = options.userDataDir ?? tempDir();
  const core = createCore({ shell: 'browser', userDataDir, keytarLoader: options.keytar ?? memoryKeytar() });
  cores.push(core);
  const router = core.createRouter((s: { verified: boolean }) => (s.verified ? null : 'no'));
  const call = async (channel: string, input?: unknown) => {
    const result = await router.dispatch(channel, input, ours);
    answers.push(JSON.stringify(result));
    return result;
  };
  const value = async <T = Record<string, unknown>>(channel: string, input?: unknown): Promise<T> => {
    const result = await call(channel, input);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return { userDataDir, call, value };
}
const answers: string[] = [];
const SECRET = 'sandbox';

describe('profiles and credentials over IPC', () => {
  it('keeps the rejected call in the request log after the credentials are set again (the client is rebuilt, its log is not)', async () => {
    const { value } = setup();
    const created = await value<{ id: string }>('profiles:create', { name: 'Log keeper', baseUrl: h.url });
    await value('profiles:select', { id: created.id });
    await value('credentials:set', { id: created.id, clientId: 'sandbox', clientSecret: 'wrong-secret-value' });
    expect(await value('profiles:testConnection', { id: created.id })).toMatchObject({ state: 'rejected' });
    await value('credentials:set', { id: created.id, clientId: 'sandbox', clientSecret: SECRET });
    expect(await value('profiles:testConnection', { id: created.id })).toMatchObject({ state: 'connected' });
    const log = await value<Array<{ status: number | null }>>('requests:log');
    expect(log.filter((e) => e.status === 401).length).toBeGreaterThan(0);
    expect(log.filter((e) => e.status === 200).length).toBeGreaterThan(0);
  });

  it('starts with the built-in Sandbox profile active, needing no credentials', async () => {
    const { value } = setup();
    const list = await value<{ activeProfileId: string; profiles: Array<{ id: string; builtIn: boolean; baseUrl: string; credentials: { storage: string; present: boolean } }> }>('profiles:list');
    expect(list.activeProfileId).toBe('sandbox');
    expect(list.profiles[0]).toMatchObject({ id: 'sandbox', builtIn: true, credentials: { present: true, storage: 'built-in' } });
    expect(list.profiles[0]?.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await value('profiles:testConnection', { id: 'sandbox' })).toMatchObject({ ok: true, workspacesSeen: 20 });
  });

  it('creates a profile, tests it before and after credentials, and keeps it across restarts', async () => {
    const { value, userDataDir } = setup();
    const created = await value<{ id: string; credentials: { present: boolean } }>('profiles:create', { name: 'Staging', baseUrl: h.url, defaultRegion: 'EU' });
    expect(created.credentials.present).toBe(false);
    expect(await value('profiles:testConnection', { id: created.id })).toMatchObject({ ok: false, state: 'no_credentials', message: 'This profile has no client credentials yet; set a client id and secret.' });

    await value('credentials:set', { id: created.id, clientId: 'sandbox', clientSecret: 'wrong-secret-value' });
    expect(await value('profiles:testConnection', { id: created.id })).toMatchObject({ ok: false, state: 'rejected', message: expect.stringContaining('rejected this profile’s client id or secret') });
    const status = await value('credentials:set', { id: created.id, clientId: 'sandbox', clientSecret: SECRET });
    expect(status).toEqual({ present: true, secretTail: '••••', storage: 'keychain', notice: null });
    // A full first page says nothing of the total: the count is the organization's, from one stats call.
    const connected = await value<{ message: string; workspaceCount: number | null }>('profiles:testConnection', { id: created.id });
    expect(connected).toMatchObject({ ok: true, state: 'connected', workspacesSeen: 20 });
    expect(connected.workspaceCount).toBeGreaterThan(20);
    expect(connected.message).toBe(`Connected: got an operator token, and the organization has ${connected.workspaceCount?.toLocaleString('en-US')} workspaces.`);

    // The same credentials, nobody listening: unreachable, not "rejected".
    const closed = await value<{ id: string }>('profiles:create', { name: 'Closed port', baseUrl: 'http://127.0.0.1:9' });
    await value('credentials:set', { id: closed.id, clientId: 'sandbox', clientSecret: SECRET });
    expect(await value('profiles:testConnection', { id: closed.id })).toMatchObject({ ok: false, state: 'unreachable' });

    await value('profiles:select', { id: created.id });
    const again = setup({ userDataDir });
    const list = await again.value<{ activeProfileId: string; profiles: Array<{ name: string }> }>('profiles:list');
    expect(list.activeProfileId).toBe(created.id);
    expect(list.profiles.map((p) => p.name)).toEqual(['Sandbox', 'Staging', 'Closed port']);
    expect(await again.value('app:report')).toMatchObject({ activeProfile: { id: created.id, name: 'Staging', baseUrl: h.url } });
  });

  it('stores credentials as one keychain entry per profile and shows only a masked tail', async () => {
    const keytar = memoryKeytar();
    const { value } = setup({ keytar });
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Prod', baseUrl: 'https://api.airbyte.ai' });
    const status = await value('credentials:set', { id, clientId: 'client-abc', clientSecret: 'super-secret-3f2a' });
    expect(status).toEqual({ present: true, secretTail: '••••3f2a', storage: 'keychain', notice: null });
    const stored = await (await keytar()).getPassword(KEYCHAIN_SERVICE, id);
    expect(JSON.parse(stored ?? '{}')).toEqual({ client_id: 'client-abc', client_secret: 'super-secret-3f2a', boundTo: { baseUrl: 'https://api.airbyte.ai', tokenUrl: null, proxy: null, caFile: null } });
    expect(await value('credentials:clear', { id })).toEqual({ present: false, secretTail: null, storage: 'keychain', notice: null });
    expect(await (await keytar()).getPassword(KEYCHAIN_SERVICE, id)).toBeNull();
    expect(answers.join('\n')).not.toContain('super-secret-3f2a');
  });

  it('without a keychain says why and offers session-only storage, never a file', async () => {
    const noDbus: KeytarLoader = async () => {
      throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
    };
    const { call, value, userDataDir } = setup({ keytar: noDbus });
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Offline laptop', baseUrl: h.url });
    // Nothing was ever saved for it: "no credentials", with the session as the way to keep them — not
    // "saved credentials cannot be read".
    expect(await value('profiles:testConnection', { id })).toMatchObject({ ok: false, state: 'no_credentials', message: 'This profile has no client credentials yet; without the OS keychain they can be kept for this session only.' });
    const refused = await call('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET });
    expect(refused).toMatchObject({ ok: false, error: { code: 'keychain_unavailable', message: expect.stringContaining('No D-Bus session bus is running') } });
    if (!refused.ok) expect(refused.error.message).toContain('this session only');
    expect(await value('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET, sessionOnly: true })).toMatchObject({ present: true, storage: 'session' });
    expect(await value('profiles:testConnection', { id })).toMatchObject({ ok: true });
    expect(readdirSync(userDataDir)).toEqual(['profiles.json']);
  });

  it('calls the keychain unavailable only for a profile whose saved credentials it cannot read', async () => {
    const { value, userDataDir } = setup();
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Saved in keychain', baseUrl: h.url });
    await value('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET });
    const { id: fresh } = await value<{ id: string }>('profiles:create', { name: 'Never saved', baseUrl: h.url });
    // The next start has no D-Bus: the first profile's entry exists but cannot be read; the second never had one.
    const again = setup({ userDataDir, keytar: async () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')) });
    expect(await again.value('profiles:testConnection', { id })).toMatchObject({ ok: false, state: 'keychain_unavailable', message: expect.stringMatching(/saved credentials cannot be read; set them for this session only/) });
    expect(await again.value('profiles:testConnection', { id: fresh })).toMatchObject({ ok: false, state: 'no_credentials' });
    // Cleared credentials are no longer "saved": the state goes back to "no credentials".
    await value('credentials:clear', { id });
    const third = setup({ userDataDir, keytar: async () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')) });
    expect(await third.value('profiles:testConnection', { id })).toMatchObject({ ok: false, state: 'no_credentials' });
  });

  it('reports a taken name and an unusable CA file together, each at its field', async () => {
    const { call, value } = setup();
    await value('profiles:create', { name: 'Taken', baseUrl: h.url });
    const refused = await call('profiles:create', { name: ' taken ', baseUrl: h.url, caFile: 'relative/ca.pem' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation' } });
    if (!refused.ok) {
      expect(refused.error.details?.issues).toEqual([
        { path: 'name', message: 'A profile named “Taken” already exists. Choose another name.' },
        { path: 'caFile', message: 'The extra CA file must be an absolute path.' },
      ]);
    }
    // Alone, a taken name is the conflict it always was.
    expect(await call('profiles:create', { name: 'Taken', baseUrl: h.url })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('says in one sentence that a local server does not speak HTTPS, keeping the library text for the log only', async () => {
    const { value } = setup();
    const port = new URL(h.url).port;
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Wrong scheme', baseUrl: `https://127.0.0.1:${port}` });
    await value('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET, sessionOnly: true });
    const started = Date.now();
    const result = await value<{ state: string; message: string }>('profiles:testConnection', { id });
    expect(result).toMatchObject({ ok: false, state: 'unreachable', message: `The server at 127.0.0.1:${port} does not speak HTTPS; try http://127.0.0.1:${port} in Edit profile.` });
    expect(result.message).not.toMatch(/ssl|openssl|routines|0A00/i);
    // A handshake that failed once fails again: no retries with back-off before saying so.
    expect(Date.now() - started).toBeLessThan(900);
    await value('profiles:select', { id });
    const log = await value<Array<{ error: string | null }>>('requests:log');
    expect(log).toHaveLength(1);
    expect(log[0]?.error).toMatch(/does not speak HTTPS.*wrong version number/i);
  });

  it('updates a profile’s settings and uses them on the next call; a new address needs the secret again', async () => {
    const { value } = setup();
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Moving', baseUrl: 'http://127.0.0.1:9' });
    await value('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET, sessionOnly: true });
    expect(await value('profiles:testConnection', { id })).toMatchObject({ ok: false, message: expect.stringContaining('nothing is listening at 127.0.0.1:9') });
    expect(await value('profiles:update', { id, changes: { name: 'Moved', defaultRegion: 'EU' } })).toMatchObject({ name: 'Moved', credentials: { present: true } });
    const moved = await value<{ credentials: { present: boolean; notice: string } }>('profiles:update', { id, changes: { baseUrl: h.url } });
    expect(moved).toMatchObject({ baseUrl: h.url, defaultRegion: 'EU', name: 'Moved', credentials: { present: false } });
    expect(moved.credentials.notice).toMatch(/API base URL changed, so the saved client secret was removed/);
    // The state says why there are none, and it is the "no credentials" state (its fix: set them).
    expect(await value('profiles:testConnection', { id })).toMatchObject({ ok: false, state: 'no_credentials', message: 'This profile has no client credentials yet; the saved ones were removed because its connection settings changed.' });
    await value('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET, sessionOnly: true });
    expect(await value('profiles:testConnection', { id })).toMatchObject({ ok: true });
  });

  it('refuses to edit or delete the Sandbox profile, and names bad fields', async () => {
    const { call } = setup();
    expect(await call('profiles:update', { id: 'sandbox', changes: { name: 'x' } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await call('profiles:remove', { id: 'sandbox' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const bad = await call('profiles:create', { name: ' ', baseUrl: 'ftp://x' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    if (!bad.ok) expect(bad.error.details?.issues?.map((i) => i.path).sort()).toEqual(['baseUrl', 'name']);
    expect(await call('profiles:select', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('completes a base URL typed without a scheme to https://, and never to plain http', async () => {
    const { value, call } = setup();
    expect(await value('profiles:create', { name: 'Bare host', baseUrl: 'api.airbyte.ai', defaultRegion: 'US' })).toMatchObject({ baseUrl: 'https://api.airbyte.ai' });
    expect(await value('profiles:create', { name: 'Bare host with port', baseUrl: ' eu.example.com:8443/base ', defaultRegion: 'EU' })).toMatchObject({ baseUrl: 'https://eu.example.com:8443/base' });
    expect(await call('profiles:create', { name: 'Not a host', baseUrl: 'not a url', defaultRegion: 'US' })).toMatchObject({ ok: false, error: { message: 'Base URL is not a valid URL.' } });
  });

  it('removes an optional setting given as null (and the secret bound to it), keeps one left out', async () => {
    const { value } = setup();
    const created = await value<{ id: string }>('profiles:create', { name: 'With token URL', baseUrl: h.url, tokenUrl: `${h.url}/api/v1/account/applications/token`, organizationId: '3f0c2c8e-6f0e-4b8e-9a57-2d0c0c2f4d11' });
    await value('credentials:set', { id: created.id, clientId: 'sandbox', clientSecret: SECRET });
    const kept = await value<Record<string, unknown>>('profiles:update', { id: created.id, changes: { name: 'Renamed' } });
    expect(kept).toMatchObject({ tokenUrl: `${h.url}/api/v1/account/applications/token`, organizationId: '3f0c2c8e-6f0e-4b8e-9a57-2d0c0c2f4d11', credentials: { present: true } });
    const removed = await value<Record<string, unknown>>('profiles:update', { id: created.id, changes: { tokenUrl: null, organizationId: null } });
    expect(removed).not.toHaveProperty('tokenUrl');
    expect(removed).not.toHaveProperty('organizationId');
    // Where the secret goes changed (the token URL), so it was removed and the profile says why.
    expect(removed).toMatchObject({ credentials: { present: false, notice: expect.stringContaining('changed') } });
  });

  it('refuses a second profile with the same name (case and spaces ignored), also when two creates race', async () => {
    const { call, value } = setup();
    const fields = { baseUrl: 'https://api.airbyte.ai', defaultRegion: 'US' };
    expect(await call('profiles:create', { ...fields, name: 'sandbox ' })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'A profile named “Sandbox” already exists. Choose another name.' } });
    const raced = await Promise.all([call('profiles:create', { ...fields, name: 'Acme prod' }), call('profiles:create', { ...fields, name: 'ACME PROD' })]);
    expect(raced.filter((r) => r.ok)).toHaveLength(1);
    expect(raced.filter((r) => !r.ok)[0]).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const other = await value<{ id: string }>('profiles:create', { ...fields, name: 'Globex' });
    expect(await call('profiles:update', { id: other.id, changes: { name: 'acme prod' } })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Renaming a profile to its own name in another case is fine.
    expect(await call('profiles:update', { id: other.id, changes: { name: 'GLOBEX' } })).toMatchObject({ ok: true });
  });

  it('deletes a profile with its keychain entry and falls back to the Sandbox profile', async () => {
    const keytar = memoryKeytar();
    const { value } = setup({ keytar });
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Temp', baseUrl: h.url });
    await value('credentials:set', { id, clientId: 'a', clientSecret: 'b-secret-value' });
    await value('profiles:select', { id });
    expect(await value('profiles:remove', { id })).toEqual({ removed: true });
    expect(await (await keytar()).getPassword(KEYCHAIN_SERVICE, id)).toBeNull();
    expect(await value('profiles:list')).toMatchObject({ activeProfileId: 'sandbox' });
  });

  it('moves a corrupt profiles file aside with a notice instead of dropping it', async () => {
    const userDataDir = tempDir();
    writeFileSync(path.join(userDataDir, 'profiles.json'), '{"version":1,"profiles":[{"name":');
    const { value } = setup({ userDataDir });
    const list = await value<{ notice: string; activeProfileId: string }>('profiles:list');
    expect(list.activeProfileId).toBe('sandbox');
    expect(list.notice).toMatch(/^Your profiles file is not valid JSON\. It was moved to .*profiles\.json\.unreadable-.*; the app started with the Sandbox profile only\.$/);
    // Moved, not copied: the next start does not meet it (or copy it) again.
    expect(readdirSync(userDataDir).filter((f) => f.startsWith('profiles.json'))).toEqual([expect.stringMatching(/^profiles\.json\.unreadable-/)]);
  });

  it('shows the active profile’s calls in the request log, redacted, with copy-as-curl', async () => {
    const { value } = setup();
    await value('profiles:testConnection', { id: 'sandbox' });
    const log = await value<Array<{ method: string; url: string; status: number; curl: string }>>('requests:log');
    expect(log.map((e) => `${e.method} ${new URL(e.url).pathname} ${e.status}`)).toEqual([
      'POST /api/v1/account/applications/token 200',
      'GET /api/v1/workspaces 200',
      'GET /api/v1/workspaces/stats 200',
    ]);
    // The snippet mints its own token from the environment; it runs in test/integration/curl-snippet.test.ts.
    expect(log[1]?.curl.split('\n').at(-1)).toMatch(/^curl (-sS )?-X GET 'http:\/\/127\.0\.0\.1:\d+\/api\/v1\/workspaces\?limit=20' -H "Authorization: Bearer \$TOKEN"$/);
    expect(log[0]?.curl).toContain('\\"client_secret\\":\\"$CLIENT_SECRET\\"');
    expect(log.map((e) => e.curl).join('\n')).not.toContain(SECRET);
    expect(await value('requests:clear')).toEqual({ cleared: true });
    expect(await value('requests:log')).toEqual([]);
  });

  it('cancels a running call by its request id', async () => {
    const { value, call } = setup();
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Slow', baseUrl: h.url });
    await value('credentials:set', { id, clientId: 'sandbox', clientSecret: SECRET, sessionOnly: true });
    await h.call('POST', '/__sandbox/faults', { body: { route: 'GET /api/v1/workspaces', kind: 'latency', ms: 5000 } });
    const started = performance.now();
    const running = value('profiles:testConnection', { id, requestId: 'test-conn-1' });
    await new Promise((r) => setTimeout(r, 150));
    expect(await value('requests:cancel', { requestId: 'test-conn-1' })).toEqual({ cancelled: true });
    expect(await running).toMatchObject({ ok: false, message: expect.stringMatching(/^Cancelled/) });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await value('requests:cancel', { requestId: 'test-conn-1' })).toEqual({ cancelled: false });
    expect(await call('requests:cancel', { requestId: 'no spaces allowed' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await h.call('DELETE', '/__sandbox/faults');
  });

  it('never puts a secret or token in an IPC answer', () => {
    const all = answers.join('\n');
    expect(all).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
    expect(all).not.toContain('wrong-secret-value');
    expect(all).not.toContain('b-secret-value');
  });
});
