import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProfileService } from '../../main/services/profiles/profile-service';
import { ProfileStore } from '../../main/services/profiles/profile-store';
import { RegionRegistry } from '../../main/services/profiles/region-registry';
import { WorkspaceService } from '../../main/services/workspaces/workspace-service';
import { AppError } from '../../main/ipc/app-error';
import { startHarness, EU, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

let h: SandboxHarness;
let profiles: ProfileService;
beforeAll(async () => {
  h = await startHarness();
  const dir = tempDir();
  const store = ProfileStore.inFolder(dir);
  await store.load();
  profiles = new ProfileService({ store, sandboxUrl: async () => h.url, keychain: async () => ({ store: null, health: { status: 'available', backend: 'test' } }) });
});
afterAll(async () => {
  await profiles.close();
  await h.close();
});

async function service() {
  const regions = RegionRegistry.inFolder(tempDir());
  await regions.load();
  return { workspaces: new WorkspaceService({ profiles, regions }), regions };
}

describe('workspace creation in a region', () => {
  it('creates by minting with region_id and records the region locally', async () => {
    const { workspaces } = await service();
    const result = await workspaces.create('regions-eu-demo', 'EU');
    expect(result).toMatchObject({ name: 'regions-eu-demo', region: 'EU', status: 'active' });
    // The sandbox (extension field) agrees: it really was created in the EU region.
    const op = await h.operatorToken();
    expect((await h.call('GET', `/api/v1/workspaces/${result.id}`, { token: op })).json).toMatchObject({ x_sandbox_region_id: EU });
    expect((await workspaces.get(result.id)).region).toBe('EU');
  });

  it('refuses to "create" an existing name', async () => {
    const { workspaces } = await service();
    const error = await workspaces.create('acme-us-demo', 'EU').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('conflict');
  });

  it('lets the user set a region by hand, for this profile only', async () => {
    const { workspaces } = await service();
    const page = await workspaces.list({ nameContains: 'wayne-us-demo', status: 'all', limit: 10 });
    const id = page.items[0]?.id ?? '';
    // Sandbox-profile regions come from the in-process sandbox; here no such source is wired.
    expect(page.items[0]?.region).toBe('unknown');
    expect((await workspaces.setRegion(id, 'US')).region).toBe('US');
    expect((await workspaces.get(id)).region).toBe('US');
    expect((await workspaces.setRegion(id, 'unknown')).region).toBe('unknown');
  });

  it('deletes only with the exact typed name', async () => {
    const { workspaces } = await service();
    const created = await workspaces.create('to-be-deleted', 'US');
    const wrong = await workspaces.remove(created.id, 'to-be-deleted ').catch((e: unknown) => e);
    expect((wrong as AppError).code).toBe('validation');
    expect(await workspaces.remove(created.id, 'to-be-deleted')).toMatchObject({ id: created.id });
  });
});
