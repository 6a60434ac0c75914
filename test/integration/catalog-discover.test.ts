import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import { AirbyteClient } from '../../main/services/airbyte/airbyte-client';
import { CatalogCache, safeFileName } from '../../main/services/catalog/catalog-cache';
import { catalogTextProblem } from '../../main/services/catalog/catalog-text';
import { DiscoverProgressTable } from '../../main/services/catalog/discover-progress';
import { HttpClient } from '../../main/services/http/http-client';
import { memoryKeytar } from '../support/fake-keytar';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

// Catalog discover, progress, cancel and the on-disk cache, over the router against a real sandbox
// (with test controls, for faults) that the Sandbox profile points at.

type Discovered = { text: string; discoveredAt: string; bytes: number; previousDiscoveredAt: string | null; cacheNotice: string | null };
type Progress = { bytesReceived: number; elapsedMs: number; state: string };

let h: SandboxHarness;
const cores: Array<ReturnType<typeof createCore>> = [];
const DISCOVER_ROUTE = 'GET /api/v1/integrations/sources/*/discover';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()));
  await h.close();
});

/** Cached versions come back as the file's bytes (sent on undecoded); compared here as text. */
function asText(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !((value as { text?: unknown }).text instanceof Uint8Array)) return value;
  return { ...value, text: Buffer.from((value as { text: Uint8Array }).text).toString('utf8') };
}

function setup(userDataDir = tempDir('ec-catalog-')) {
  const core = createCore({ shell: 'browser', userDataDir, keytarLoader: memoryKeytar(), sandboxHost: { url: async () => h.url, regionOf: () => null, stop: async () => undefined } });
  cores.push(core);
  const router = core.createRouter(() => null);
  const call = (channel: string, input?: unknown) => router.dispatch(channel, input, {});
  const value = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await call(channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return asText(result.value) as T;
  };
  return { core, userDataDir, call, value };
}

async function sourceOf(value: ReturnType<typeof setup>['value'], workspaceName: string, sourcePrefix: string) {
  const workspace = (await value<{ items: Array<{ id: string; name: string }> }>('workspaces:list', { nameContains: workspaceName })).items.find((w) => w.name === workspaceName);
  if (!workspace) throw new Error(`no workspace ${workspaceName}`);
  const source = (await value<Array<{ id: string; name: string }>>('workspaces:sources', { id: workspace.id })).find((s) => s.name.startsWith(sourcePrefix));
  if (!source) throw new Error(`no source ${sourcePrefix}`);
  return { workspaceId: workspace.id, sourceId: source.id };
}

const fault = async (rule: Record<string, unknown>) => {
  const res = await h.call('POST', '/__sandbox/faults', { body: rule });
  expect(res.status).toBeLessThan(300);
};

let requestCounter = 0;
const rid = (label: string) => `${label}-${++requestCounter}`;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(folder, name))
    .filter((file) => statSync(file).isFile());
}

describe('catalog:discover', () => {
  it('discovers a small catalog: the body text as received, its bytes, progress done, cached', async () => {
    const { value, call } = setup();
    const ids = await sourceOf(value, 'acme-us-demo', 'Postgres');
    const requestId = rid('small');
    const found = await value<Discovered>('catalog:discover', { ...ids, requestId });
    expect(found.bytes).toBe(Buffer.byteLength(found.text));
    expect((JSON.parse(found.text) as { catalog: { streams: unknown[] } }).catalog.streams.length).toBeGreaterThan(0);
    expect(found.previousDiscoveredAt).toBeNull();
    expect(found.cacheNotice).toBeNull();
    // The text is the body exactly as the API sent it.
    const direct = await h.call('GET', `/api/v1/integrations/sources/${ids.sourceId}/discover`, { token: await h.scopedToken('acme-us-demo') });
    expect(found.text).toBe(direct.text);
    expect(await value<Progress>('catalog:progress', { requestId })).toMatchObject({ state: 'done', bytesReceived: found.bytes });
    expect(await value('catalog:cached', { sourceId: ids.sourceId })).toEqual({ text: found.text, discoveredAt: found.discoveredAt, bytes: found.bytes });
    // The cached version is the file's bytes, never decoded in main.
    const raw = await call('catalog:cached', { sourceId: ids.sourceId });
    expect(raw.ok && (raw.value as { text: unknown }).text).toBeInstanceOf(Uint8Array);
    expect(await value('catalog:cachedList')).toEqual([{ sourceId: ids.sourceId, workspaceId: ids.workspaceId, discoveredAt: found.discoveredAt, bytes: found.bytes, previousDiscoveredAt: null }]);
    expect(await value('catalog:progress', { requestId: 'never-started' })).toEqual({ bytesReceived: 0, elapsedMs: 0, state: 'unknown' });
  });

  it('discovers the 36 MB catalog with progress rising while it arrives; prints its time against a bare fetch', async () => {
    const { value } = setup();
    const ids = await sourceOf(value, 'bigdata-us-demo', 'Warehouse');
    // Warm-up: the sandbox builds its large catalog lazily on the first request.
    await value<Discovered>('catalog:discover', { ...ids, requestId: rid('warm') });

    const url = new URL(`/api/v1/integrations/sources/${ids.sourceId}/discover`, h.url);
    const token = await h.scopedToken('bigdata-us-demo');
    const bareStart = performance.now();
    const bareText = await (await fetch(url, { headers: { authorization: `Bearer ${token}` } })).text();
    const bareMs = performance.now() - bareStart;

    const requestId = rid('big');
    const samples: number[] = [];
    let finished = false;
    const started = performance.now();
    const pending = value<Discovered>('catalog:discover', { ...ids, requestId }).finally(() => (finished = true));
    while (!finished) {
      const p = await value<Progress>('catalog:progress', { requestId });
      if (p.state === 'running') samples.push(p.bytesReceived);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const found = await pending;
    const ms = performance.now() - started;
    console.log(`catalog discover of ${(found.bytes / 1e6).toFixed(1)} MB through catalog:discover: ${ms.toFixed(0)} ms vs bare fetch + text(): ${bareMs.toFixed(0)} ms (ratio ${(ms / bareMs).toFixed(2)}×)`);

    expect(found.text.length).toBe(bareText.length);
    expect(found.text === bareText).toBe(true);
    expect(found.bytes).toBeGreaterThan(30_000_000);
    expect(found.bytes).toBe(Buffer.byteLength(bareText));
    const midFlight = samples.filter((b) => b > 0 && b < found.bytes);
    expect(midFlight.length, 'progress polled while the body arrived').toBeGreaterThan(0);
    expect(new Set(samples.filter((b) => b > 0)).size, 'bytes received increases').toBeGreaterThan(1);
    for (let i = 1; i < samples.length; i++) expect(samples[i]).toBeGreaterThanOrEqual(samples[i - 1] ?? 0);
    const last = await value<Progress>('catalog:progress', { requestId });
    expect(last).toMatchObject({ state: 'done', bytesReceived: found.bytes });
    expect(last.elapsedMs).toBeGreaterThan(0);
    expect((await value<Discovered>('catalog:cached', { sourceId: ids.sourceId })).text === found.text).toBe(true);
  }, 120_000);

  it('cancels a big discover mid-flight in under 1.5 s and keeps the cache as it was', async () => {
    const { value, call } = setup();
    const ids = await sourceOf(value, 'bigdata-us-demo', 'Warehouse');
    const requestId = rid('cancel');
    const pending = call('catalog:discover', { ...ids, requestId });
    let progress: Progress = { bytesReceived: 0, elapsedMs: 0, state: 'unknown' };
    while (progress.bytesReceived === 0 && progress.state !== 'done') {
      await new Promise((resolve) => setImmediate(resolve));
      progress = await value<Progress>('catalog:progress', { requestId });
    }
    expect(progress.state).toBe('running');
    const cancelledAt = performance.now();
    expect(await value('requests:cancel', { requestId })).toEqual({ cancelled: true });
    const result = await pending;
    const took = performance.now() - cancelledAt;
    expect(result).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(took).toBeLessThan(1500);
    expect(await value<Progress>('catalog:progress', { requestId })).toMatchObject({ state: 'failed' });
    expect(await value('catalog:cached', { sourceId: ids.sourceId })).toBeNull();
  }, 60_000);

  it('keeps the cache across a restart of the core on the same user-data folder', async () => {
    const first = setup();
    const ids = await sourceOf(first.value, 'acme-us-demo', 'Salesforce');
    const found = await first.value<Discovered>('catalog:discover', { ...ids, requestId: rid('restart') });
    await first.core.close();
    const again = setup(first.userDataDir);
    expect(await again.value('catalog:cached', { sourceId: ids.sourceId })).toEqual({ text: found.text, discoveredAt: found.discoveredAt, bytes: found.bytes });
    expect(await again.value('catalog:cachedList')).toMatchObject([{ sourceId: ids.sourceId, workspaceId: ids.workspaceId }]);
  });

  it('keeps exactly one previous version after each rediscover; forget removes both', async () => {
    const { value, userDataDir } = setup();
    const ids = await sourceOf(value, 'acme-us-demo', 'Postgres');
    const one = await value<Discovered>('catalog:discover', { ...ids, requestId: rid('v1') });
    expect(await value('catalog:previous', { sourceId: ids.sourceId })).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const two = await value<Discovered>('catalog:discover', { ...ids, requestId: rid('v2') });
    expect(two.previousDiscoveredAt).toBe(one.discoveredAt);
    expect(await value('catalog:previous', { sourceId: ids.sourceId })).toEqual({ text: one.text, discoveredAt: one.discoveredAt });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const three = await value<Discovered>('catalog:discover', { ...ids, requestId: rid('v3') });
    expect(three.previousDiscoveredAt).toBe(two.discoveredAt);
    expect(await value('catalog:previous', { sourceId: ids.sourceId })).toMatchObject({ discoveredAt: two.discoveredAt });
    const files = filesUnder(path.join(userDataDir, 'catalogs')).map((f) => path.basename(f)).sort();
    expect(files).toEqual(['index.json', `${ids.sourceId}.json`, `${ids.sourceId}.previous.json`].sort());
    expect(await value('catalog:forget', { sourceId: ids.sourceId })).toEqual({ forgotten: true });
    expect(await value('catalog:cached', { sourceId: ids.sourceId })).toBeNull();
    expect(await value('catalog:previous', { sourceId: ids.sourceId })).toBeNull();
    expect(await value('catalog:cachedList')).toEqual([]);
    expect(await value('catalog:forget', { sourceId: ids.sourceId })).toEqual({ forgotten: false });
  });

  it('a truncated body is a clear error and leaves the cached and previous versions untouched', async () => {
    const { value, call } = setup();
    const ids = await sourceOf(value, 'acme-us-demo', 'Postgres');
    await value<Discovered>('catalog:discover', { ...ids, requestId: rid('t1') });
    const kept = await value<Discovered>('catalog:discover', { ...ids, requestId: rid('t2') });
    const previous = await value('catalog:previous', { sourceId: ids.sourceId });
    // Every attempt (the first and both §9.2 retries of a GET) is cut in half.
    await fault({ route: DISCOVER_ROUTE, kind: 'truncate', times: 3 });
    const result = await call('catalog:discover', { ...ids, requestId: rid('t3') });
    expect(result).toMatchObject({ ok: false, error: { code: 'network', retryable: true } });
    if (!result.ok) expect(result.error.message).toMatch(/^The answer to discovering the catalog broke off after \d+ of \d+ bytes \(the connection was dropped\)\.$/);
    expect(await value('catalog:cached', { sourceId: ids.sourceId })).toEqual({ text: kept.text, discoveredAt: kept.discoveredAt, bytes: kept.bytes });
    expect(await value('catalog:previous', { sourceId: ids.sourceId })).toEqual(previous);
  }, 30_000);

  it('a body that is not a catalog is refused in words, and the cache is kept', async () => {
    const { value, call } = setup();
    const ids = await sourceOf(value, 'acme-us-demo', 'Salesforce');
    const kept = await value<Discovered>('catalog:discover', { ...ids, requestId: rid('nc0') });
    const cases: Array<[unknown, string]> = [
      [{ items: [], catalog_id: 'x' }, 'a JSON object without a “catalog” member'],
      [[{ catalog: {} }], 'a JSON array'],
      ['<html>Service unavailable</html>', 'a JSON string'],
      [{ catalog: 'soon' }, 'a JSON object whose “catalog” member is not an object'],
      [{ data: { catalog: { streams: [] } } }, 'a JSON object without a “catalog” member'],
    ];
    for (const [body, words] of cases) {
      await fault({ route: DISCOVER_ROUTE, kind: 'status', status: 200, body });
      const result = await call('catalog:discover', { ...ids, requestId: rid('nc') });
      expect(result).toMatchObject({ ok: false, error: { code: 'server' } });
      if (!result.ok) expect(result.error.message).toContain(`The API answered the discover with something that is not a catalog (${words}, `);
    }
    expect(await value('catalog:cached', { sourceId: ids.sourceId })).toEqual({ text: kept.text, discoveredAt: kept.discoveredAt, bytes: kept.bytes });
    expect(await value('catalog:previous', { sourceId: ids.sourceId })).toBeNull();
  });

  it('says in words: unknown source, unknown workspace, a foreign source, no credentials, an API error', async () => {
    const { value, call } = setup();
    const acme = await sourceOf(value, 'acme-us-demo', 'Postgres');
    const globex = await sourceOf(value, 'globex-eu-demo', '');
    const missingSource = await call('catalog:discover', { workspaceId: acme.workspaceId, sourceId: '00000000-0000-4000-8000-000000000000', requestId: rid('e1') });
    expect(missingSource).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('was not found in workspace “acme-us-demo”') } });
    const missingWorkspace = await call('catalog:discover', { workspaceId: '00000000-0000-4000-8000-000000000000', sourceId: acme.sourceId, requestId: rid('e2') });
    expect(missingWorkspace).toMatchObject({ ok: false, error: { code: 'not_found', message: expect.stringContaining('The workspace 00000000-0000-4000-8000-000000000000 was not found') } });
    const foreign = await call('catalog:discover', { workspaceId: acme.workspaceId, sourceId: globex.sourceId, requestId: rid('e3') });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('does not belong to workspace “acme-us-demo”') } });
    await fault({ route: DISCOVER_ROUTE, kind: 'status', status: 400, body: { detail: 'Source check failed: bad password' } });
    const apiError = await call('catalog:discover', { ...acme, requestId: rid('e4') });
    expect(apiError).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('Source check failed: bad password') } });

    const { id } = await value<{ id: string }>('profiles:create', { name: 'No secret', baseUrl: h.url });
    await value('profiles:select', { id });
    const noCredentials = await call('catalog:discover', { ...acme, requestId: rid('e5') });
    expect(noCredentials).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringContaining('no client credentials yet') } });
    expect(await value('catalog:cachedList')).toEqual([]);
  });

  it('a discover that does not answer in time times out in words', async () => {
    const http = new HttpClient();
    const client = new AirbyteClient({ baseUrl: h.url, http, credentials: async () => ({ client_id: 'sandbox', client_secret: 'sandbox' }) });
    const ids = await (async () => {
      const { value } = setup();
      return sourceOf(value, 'acme-us-demo', 'Postgres');
    })();
    await fault({ route: DISCOVER_ROUTE, kind: 'latency', ms: 3000 });
    const started = performance.now();
    await expect(client.discoverText({ id: ids.workspaceId, name: 'acme-us-demo' }, ids.sourceId, { timeoutMs: 300 })).rejects.toMatchObject({
      code: 'timeout',
      message: 'The API did not answer discovering the catalog in time.',
    });
    expect(performance.now() - started).toBeLessThan(2500);
    await http.close();
  });
});

describe('catalog cache file names', () => {
  it('never lets an id escape the catalogs folder, and distinct ids never share a file', async () => {
    const userDataDir = tempDir('ec-catalog-names-');
    const cache = new CatalogCache(userDataDir);
    await cache.load();
    const hostile = ['../../escape', '../x', 'a/b', '/etc/passwd', '..', '.', 'CON', 'nul', '__proto__', 'A', 'a', 'h-abc', 'x\\y', 'ok-id', `${'z'.repeat(200)}`, 'é/ü'];
    const profiles = ['sandbox', '../profile', 'p/q'];
    for (const profileId of profiles) {
      for (const [i, sourceId] of hostile.entries()) {
        await cache.store(profileId, sourceId, 'w', `{"catalog":{"n":${i}}}`, `2026-01-01T00:00:${String(i).padStart(2, '0')}Z`, 10);
      }
    }
    const files = filesUnder(userDataDir);
    for (const file of files) expect(path.relative(path.join(userDataDir, 'catalogs'), file).startsWith('..')).toBe(false);
    expect(readdirSync(userDataDir)).toEqual(['catalogs']);
    expect(files).toHaveLength(1 + profiles.length * hostile.length);
    for (const profileId of profiles) {
      for (const [i, sourceId] of hostile.entries()) {
        expect((await cache.read(profileId, sourceId))?.text.toString()).toBe(`{"catalog":{"n":${i}}}`);
      }
      expect(cache.list(profileId).map((e) => e.sourceId)).toEqual(hostile);
    }
    for (const id of hostile) expect(safeFileName(id)).toMatch(/^[a-z0-9][a-z0-9-]*$/);
    expect(safeFileName('3f1c2a9e-8a0b-4c3d-9e8f-0123456789ab')).toBe('3f1c2a9e-8a0b-4c3d-9e8f-0123456789ab');
    expect(safeFileName('A')).not.toBe(safeFileName('a'));
    await cache.flush();
    // A restart reads the same index back, ids such as __proto__ included.
    const again = new CatalogCache(userDataDir);
    await again.load();
    expect(again.list('sandbox').map((e) => e.sourceId)).toEqual(hostile);
    expect(again.notice).toBeNull();
  });

  it('through IPC, path-like ids are only keys: nothing is read or removed outside the cache', async () => {
    const { value } = setup();
    for (const sourceId of ['../../profiles.json', '../index', '/etc/passwd', 'index']) {
      expect(await value('catalog:cached', { sourceId })).toBeNull();
      expect(await value('catalog:previous', { sourceId })).toBeNull();
      expect(await value('catalog:forget', { sourceId })).toEqual({ forgotten: false });
    }
    expect(await value<{ profiles: unknown[] }>('profiles:list')).toMatchObject({ activeProfileId: 'sandbox' });
  });
});

describe('catalog pieces', () => {
  it('checks the body cheaply: one JSON object with a top-level catalog object', () => {
    expect(catalogTextProblem('{"catalog":{"streams":[]}}')).toBeNull();
    expect(catalogTextProblem(' \n{ "a": "x\\"catalog\\":{", "b": [{"catalog": 1}], "catalog" : {"streams": []} }\n')).toBeNull();
    expect(catalogTextProblem('{"a":{"catalog":{}}}')).toBe('a JSON object without a “catalog” member');
    expect(catalogTextProblem('{"catalog":{"streams":[')).toBe('a JSON object that does not end: the body is incomplete');
    expect(catalogTextProblem('')).toBe('an empty body');
    expect(catalogTextProblem('<!doctype html><p>Bad gateway</p>')).toBe('an HTML or XML page');
    expect(catalogTextProblem('null')).toBe('a bare JSON value');
    expect(catalogTextProblem('{"catalog"')).toBe('a JSON object that does not end: the body is incomplete');
  });

  it('progress: unknown ids, finished entries forgotten after a minute, the table bounded', () => {
    let now = 0;
    const table = new DiscoverProgressTable({ now: () => now, maxEntries: 3 });
    const a = table.start('a');
    now = 100;
    a.update(500);
    expect(table.get('a')).toEqual({ bytesReceived: 500, elapsedMs: 100, state: 'running' });
    a.finish(true);
    a.update(900);
    now = 30_000;
    expect(table.get('a')).toEqual({ bytesReceived: 500, elapsedMs: 100, state: 'done' });
    now = 60_200;
    expect(table.get('a').state).toBe('unknown');
    for (const id of ['b', 'c', 'd', 'e']) table.start(id).finish(false);
    expect(table.size).toBe(3);
    expect(table.get('b').state).toBe('unknown');
    expect(table.get('e').state).toBe('failed');
  });
});
