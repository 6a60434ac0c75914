import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorSpec, Definitions } from '../../preload/contract';
import { CatalogCache } from '../../main/services/catalog/catalog-cache';
import { coreOn, discover, sourceIds, startCountingProxy, type CountingProxy } from './streams-harness';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

// Connector definitions and specs when the API cannot be reached: answered from connector-cache.json
// (filled the last time the app was online, kept per profile, surviving a restart), quickly, with the
// reason in plain words; other channels fail with a clear error. And catalogStreams, which finds a
// connector's cached catalog through the definition id recorded at discover time.

const POSTGRES = 'decd338e-5647-4c0b-adf4-da0e75f5a750';

let h: SandboxHarness;
const cleanups: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  await h.close();
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function app(url: string, userDataDir?: string) {
  const made = coreOn(url, userDataDir);
  cleanups.push(() => made.core.close());
  return made;
}

async function proxied(): Promise<CountingProxy> {
  const proxy = await startCountingProxy(h.url);
  cleanups.push(() => proxy.close());
  return proxy;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('offline before any online call', () => {
  it('definitions and spec answer "none" with the reason; the second try does not wait for retries again', async () => {
    const { value, call } = app(await closedPortUrl());
    const first = await timed(() => value<Definitions>('templates:definitions'));
    expect(first.value).toMatchObject({ from: 'none', sources: [], destinations: [], cachedAt: null });
    expect(first.value.offlineReason).toMatch(/^The API could not be reached: nothing is listening at 127\.0\.0\.1:\d+/);
    // One failed try with the client's retries (about 3 s), not one per request.
    expect(first.ms).toBeLessThan(8_000);

    const again = await timed(() => value<Definitions>('templates:definitions'));
    expect(again.value.from).toBe('none');
    expect(again.ms).toBeLessThan(300);
    const spec = await timed(() => value<ConnectorSpec>('templates:spec', { definitionId: POSTGRES }));
    expect(spec.value).toEqual({ definitionId: POSTGRES, spec: null, from: 'none', secretPaths: [] });
    expect(spec.ms).toBeLessThan(300);

    // Channels without a cache say the API could not be reached, in plain words.
    const list = await call('templates:sourceList', {});
    expect(list.ok).toBe(false);
    if (!list.ok) {
      expect(list.error.code).toBe('network');
      expect(list.error.message).toMatch(/^The API could not be reached: nothing is listening at .* \(getting an operator token\)\.$/);
    }
  }, 30_000);
});

describe('offline after one online call', () => {
  it('answers definitions and spec from the cache, fast, and the cache survives a restart', async () => {
    const proxy = await proxied();
    const userDataDir = tempDir('ec-templates-offline-');
    const online = app(proxy.url, userDataDir);
    const fresh = await online.value<Definitions>('templates:definitions');
    expect(fresh.from).toBe('server');
    expect(fresh.sources.find((s) => s.id === POSTGRES)?.specCached).toBe(false);
    expect((await online.value<ConnectorSpec>('templates:spec', { definitionId: POSTGRES })).from).toBe('server');
    expect((await online.value<Definitions>('templates:definitions')).sources.find((s) => s.id === POSTGRES)?.specCached).toBe(true);

    await proxy.close(); // the API is gone
    const cached = await timed(() => online.value<Definitions>('templates:definitions'));
    expect(cached.value).toMatchObject({ from: 'cache', cachedAt: expect.any(String) });
    expect(cached.value.offlineReason).toMatch(/^The API could not be reached/);
    expect(cached.value.sources.map((s) => s.id)).toEqual(fresh.sources.map((s) => s.id));
    expect(cached.value.destinations).toEqual(fresh.destinations);
    expect(cached.value.sources.find((s) => s.id === POSTGRES)).toMatchObject({ name: 'Postgres', specCached: true });
    expect(cached.ms).toBeLessThan(8_000);
    const spec = await timed(() => online.value<ConnectorSpec>('templates:spec', { definitionId: POSTGRES.toUpperCase() }));
    expect(spec.value).toMatchObject({ definitionId: POSTGRES, from: 'cache', secretPaths: ['/password'] });
    expect(spec.value.spec).toMatchObject({ properties: { password: { airbyte_secret: true } } });
    expect(spec.ms).toBeLessThan(300);

    await online.core.close();
    const file = path.join(userDataDir, 'connector-cache.json');
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toMatch(/\.tmp/);

    const restarted = app(proxy.url, userDataDir); // still nothing listening there
    const after = await restarted.value<Definitions>('templates:definitions');
    expect(after).toMatchObject({ from: 'cache', cachedAt: cached.value.cachedAt });
    expect(after.sources.find((s) => s.id === POSTGRES)?.specCached).toBe(true);
    expect((await restarted.value<ConnectorSpec>('templates:spec', { definitionId: POSTGRES })).secretPaths).toEqual(['/password']);
  }, 40_000);

  it('keeps connectors per profile: another profile has none cached, and says why (no credentials)', async () => {
    const proxy = await proxied();
    const { value } = app(proxy.url);
    expect((await value<Definitions>('templates:definitions')).from).toBe('server');
    const other = await value<{ id: string }>('profiles:create', { name: 'Customer org', baseUrl: await closedPortUrl() });
    await value('profiles:select', { id: other.id });
    const none = await value<Definitions>('templates:definitions');
    expect(none).toMatchObject({ from: 'none', sources: [] });
    expect(none.offlineReason).toMatch(/no client credentials/);
    await value('profiles:select', { id: 'sandbox' });
    expect((await value<Definitions>('templates:definitions')).from).toBe('server');
  });

  it('cancels a slow definitions call by its request id', async () => {
    const { value, call } = app(h.url);
    await value('templates:definitions'); // token minted
    await h.call('POST', '/__sandbox/faults', { body: { route: 'GET /api/v1/integrations/definitions/sources', kind: 'latency', ms: 5000 } });
    const pending = call('templates:definitions', { requestId: 'defs-cancel' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await value('requests:cancel', { requestId: 'defs-cancel' })).toEqual({ cancelled: true });
    const result = await pending;
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('cancelled');
    await h.call('DELETE', '/__sandbox/faults');
  });
});

describe('catalogStreams', () => {
  it('lists the stream names of the newest catalog discovered for a connector; null for another', async () => {
    const userDataDir = tempDir('ec-templates-streams-');
    const { value } = app(h.url, userDataDir);
    expect(await value('templates:catalogStreams', { definitionId: POSTGRES })).toBeNull();
    const ids = await sourceIds(value, 'acme-us-demo', 'Postgres');
    const found = await discover(value, ids, 'discover-pg');
    const names = await value<{ streamNames: string[]; sourceName: string; discoveredAt: string }>('templates:catalogStreams', { definitionId: POSTGRES });
    expect(names).toEqual({ streamNames: found.streams.map((s) => s.name), sourceName: 'Postgres - acme', discoveredAt: found.discoveredAt });
    expect(names.streamNames.length).toBeGreaterThan(1);
    expect(await value('templates:catalogStreams', { definitionId: '00000000-0000-4000-8000-000000000000' })).toBeNull();
    const salesforce = (await value<{ sources: Array<{ id: string; name: string }> }>('templates:definitions')).sources.find((s) => s.name === 'Salesforce');
    expect(await value('templates:catalogStreams', { definitionId: salesforce?.id })).toBeNull();
    // The connector is recorded in the cache index at discover time.
    const index = JSON.parse(readFileSync(path.join(userDataDir, 'catalogs', 'index.json'), 'utf8')) as { profiles: Array<{ sources: Array<Record<string, unknown>> }> };
    expect(index.profiles[0]?.sources[0]).toMatchObject({ sourceId: ids.sourceId, definitionId: POSTGRES, sourceName: 'Postgres - acme' });
  });

  it('an index written before connectors were recorded still loads (the source is just not attributed)', async () => {
    const userDataDir = tempDir('ec-templates-old-index-');
    const cache = new CatalogCache(userDataDir);
    await cache.load();
    await cache.store('sandbox', 'src-1', 'ws-1', '{"catalog":{"streams":[{"name":"a"}]}}', '2026-01-01T00:00:00.000Z', 38);
    await cache.flush();
    const file = path.join(userDataDir, 'catalogs', 'index.json');
    const index = JSON.parse(readFileSync(file, 'utf8')) as { profiles: Array<{ sources: Array<Record<string, unknown>> }> };
    expect(index.profiles[0]?.sources[0]).not.toHaveProperty('definitionId');
    writeFileSync(file, JSON.stringify(index));
    const reloaded = new CatalogCache(userDataDir);
    await reloaded.load();
    expect(reloaded.notice).toBeNull();
    expect(reloaded.connectors('sandbox')).toEqual([{ sourceId: 'src-1', workspaceId: 'ws-1', discoveredAt: '2026-01-01T00:00:00.000Z', definitionId: null, sourceName: null }]);
    // A later discover that learned the connector records it; one that did not keeps what was known.
    await reloaded.store('sandbox', 'src-1', 'ws-1', '{"catalog":{"streams":[]}}', '2026-01-02T00:00:00.000Z', 26, { definitionId: POSTGRES.toUpperCase(), sourceName: 'PG' });
    await reloaded.store('sandbox', 'src-1', 'ws-1', '{"catalog":{"streams":[]}}', '2026-01-03T00:00:00.000Z', 26);
    expect(reloaded.connectors('sandbox')[0]).toMatchObject({ definitionId: POSTGRES, sourceName: 'PG', discoveredAt: '2026-01-03T00:00:00.000Z' });
  });
});
