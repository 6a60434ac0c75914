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

describe('regions for a whole organization (issue #13, item 8)', () => {
  it('suggests regions from <prospect>-<region>-demo names, for review, and records the accepted ones in one write', async () => {
    const { workspaces, regions } = await service();
    const suggestions = await workspaces.suggestRegions();
    const byName = new Map(suggestions.map((s) => [s.name, s]));
    expect(byName.get('acme-us-demo')).toMatchObject({ recorded: 'unknown', suggested: 'US' });
    expect(byName.get('globex-eu-demo')).toMatchObject({ recorded: 'unknown', suggested: 'EU' });
    // Every suggestion is read from its name; names without exactly one region token suggest nothing.
    for (const s of suggestions) expect(s.name.toLowerCase().split(/[-_.\s]+/)).toContain(s.suggested.toLowerCase());

    const accepted = suggestions.filter((s) => s.suggested === 'US');
    expect(await workspaces.setRegions(accepted.map((s) => ({ id: s.id, region: s.suggested })))).toEqual({ recorded: accepted.length });
    const again = await workspaces.suggestRegions();
    expect(again.some((s) => s.suggested === 'US')).toBe(false);
    expect(again.length).toBe(suggestions.length - accepted.length);
    // A recorded region can be changed, in bulk too.
    const first = accepted[0];
    if (!first) throw new Error('the demo seed has US demo workspaces');
    await workspaces.setRegions([{ id: first.id, region: 'EU' }]);
    expect((await workspaces.get(first.id)).region).toBe('EU');
    expect(regions.recordsOf('sandbox').length).toBe(accepted.length);
  });

  it('exports the records to share and imports a teammate’s: new ones added, differing ones kept unless overwriting', async () => {
    const mine = await service();
    const suggestions = await mine.workspaces.suggestRegions();
    await mine.workspaces.setRegions(suggestions.map((s) => ({ id: s.id, region: s.suggested })));
    const exported = await mine.workspaces.exportRegions();
    expect(exported.count).toBe(suggestions.length);
    const file = JSON.parse(exported.text) as { records: Array<{ workspaceId: string; name: string | null; region: string }> };
    expect(file.records.find((r) => r.name === 'acme-us-demo')).toMatchObject({ region: 'US' });

    const teammate = await service();
    const one = suggestions[0];
    if (!one) throw new Error('no suggestions');
    await teammate.workspaces.setRegions([{ id: one.id, region: one.suggested === 'US' ? 'EU' : 'US' }]);
    expect(await teammate.workspaces.importRegions(exported.text, false)).toEqual({ added: suggestions.length - 1, replaced: 0, kept: 1, same: 0 });
    expect(await teammate.workspaces.importRegions(exported.text, true)).toEqual({ added: 0, replaced: 1, kept: 0, same: suggestions.length - 1 });
    expect((await teammate.workspaces.get(one.id)).region).toBe(one.suggested);

    await expect(teammate.workspaces.importRegions('not json', false)).rejects.toMatchObject({ code: 'validation' });
    await expect(teammate.workspaces.importRegions(exported.text.replace(h.url, 'https://api.airbyte.ai'), false)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('nothing was imported') });
  });
});
