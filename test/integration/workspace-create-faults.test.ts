import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../main/ipc/app-error';
import { ProfileService } from '../../main/services/profiles/profile-service';
import { ProfileStore } from '../../main/services/profiles/profile-store';
import { RegionRegistry } from '../../main/services/profiles/region-registry';
import { WorkspaceService } from '../../main/services/workspaces/workspace-service';
import { startHarness, EU, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

// Creates whose answer is lost (contract §2.5 mints create): the app must report what really happened.
let h: SandboxHarness;
let profiles: ProfileService;
beforeAll(async () => {
  h = await startHarness();
  const store = ProfileStore.inFolder(tempDir());
  await store.load();
  // A 1 s request timeout stands in for the 30 s one, so a "31 s latency" costs 1.5 s here.
  profiles = new ProfileService({ store, sandboxUrl: async () => h.url, keychain: async () => ({ store: null, health: { status: 'available', backend: 'test' } }), requestTimeoutMs: 1000 });
});
afterEach(() => h.call('DELETE', '/__sandbox/faults'));
afterAll(async () => {
  await profiles.close();
  await h.close();
});

async function service() {
  const regions = RegionRegistry.inFolder(tempDir());
  await regions.load();
  return { workspaces: new WorkspaceService({ profiles, regions, lookUpDelaysMs: [0, 300, 800] }), regions };
}

const fault = (body: Record<string, unknown>) => h.call('POST', '/__sandbox/faults', { body });
const sandboxRegion = async (id: string) => ((await h.call('GET', `/api/v1/workspaces/${id}`, { token: await h.operatorToken() })).json as { x_sandbox_region_id: string }).x_sandbox_region_id;

describe('creating a workspace when the answer is lost', () => {
  it('a truncated mint answer (every retry) still reports “created” and records the region', async () => {
    const { workspaces, regions } = await service();
    await fault({ route: 'POST /api/v1/embedded/scoped-token', kind: 'truncate', times: 10 });
    const result = await workspaces.create('lost-answer-truncated', 'EU');
    expect(result).toMatchObject({ name: 'lost-answer-truncated', region: 'EU' });
    expect(regions.regionOf('sandbox', result.id)).toBe('EU');
    expect(await sandboxRegion(result.id)).toBe(EU);
  });

  it('a mint that outlives the client’s timeout (the server commits later) is found and reported “created”', async () => {
    const { workspaces, regions } = await service();
    await fault({ route: 'POST /api/v1/embedded/scoped-token', kind: 'latency', ms: 1300 });
    const result = await workspaces.create('lost-answer-slow', 'EU');
    expect(result).toMatchObject({ name: 'lost-answer-slow', region: 'EU' });
    expect(regions.regionOf('sandbox', result.id)).toBe('EU');
  });

  it('when it cannot be found yet, says so; the retry that finds it recognizes it as ours (no “already exists”)', async () => {
    const { workspaces, regions } = await service();
    // Committed 3 s after the request: later than the client's 1 s timeout plus every look-up.
    await fault({ route: 'POST /api/v1/embedded/scoped-token', kind: 'latency', ms: 3000 });
    const error = await workspaces.create('lost-answer-very-slow', 'EU').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('timeout');
    expect((error as AppError).message).toMatch(/was not found afterwards, but the API may still create it/);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    const retried = await workspaces.create('lost-answer-very-slow', 'EU');
    expect(retried).toMatchObject({ name: 'lost-answer-very-slow', region: 'EU' });
    expect(regions.regionOf('sandbox', retried.id)).toBe('EU');
  });

  it('a mint refused before any work (503 on every try) reports the error and creates nothing', async () => {
    const { workspaces } = await service();
    await fault({ route: 'POST /api/v1/embedded/scoped-token', kind: 'status', status: 503, times: 10 });
    const error = await workspaces.create('never-created', 'US').catch((e: unknown) => e);
    expect((error as AppError).code).toBe('server');
    const list = (await h.call('GET', '/api/v1/workspaces?name_contains=never-created', { token: await h.operatorToken() })).json as { data: unknown[] };
    expect(list.data).toEqual([]);
  });

  it('created but not readable back: says it was created, records the region, and the retry answers “created”', async () => {
    const { workspaces, regions } = await service();
    await fault({ route: 'GET /api/v1/workspaces/{id}', kind: 'status', status: 503, times: 20 });
    const error = await workspaces.create('created-unreadable', 'EU').catch((e: unknown) => e);
    expect((error as AppError).message).toMatch(/^The workspace “created-unreadable” was created in EU, but reading it back failed/);
    await h.call('DELETE', '/__sandbox/faults');
    const retried = await workspaces.create('created-unreadable', 'EU');
    expect(retried).toMatchObject({ name: 'created-unreadable', region: 'EU' });
    expect(regions.regionOf('sandbox', retried.id)).toBe('EU');
  });

  it('of three concurrent creates of one name, exactly one creates and the others say it exists', async () => {
    const { workspaces } = await service();
    const results = await Promise.allSettled([1, 2, 3].map(() => workspaces.create('created-once', 'EU')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refusals = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as AppError).code);
    expect(refusals).toEqual(['conflict', 'conflict']);
  });
});
