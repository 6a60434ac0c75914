import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import { memoryKeytar } from '../support/fake-keytar';
import { tempDir } from '../support/temp-dir';

const core = createCore({ shell: 'browser', userDataDir: tempDir(), keytarLoader: memoryKeytar() });
const router = core.createRouter((s: { ok: boolean }) => (s.ok ? null : 'no'));
const value = async <T>(channel: string, input?: unknown): Promise<T> => {
  const result = await router.dispatch(channel, input, { ok: true });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
  return result.value as T;
};
afterAll(() => core.close());

type Page = { items: Array<{ id: string; name: string; region: string; status: string }>; nextCursor: string | null };

describe('workspaces over IPC on the Sandbox profile', () => {
  it('pages with an opaque cursor and shows each seeded workspace’s region', async () => {
    const first = await value<Page>('workspaces:list', { limit: 10 });
    expect(first.items).toHaveLength(10);
    expect(first.items.find((w) => w.name === 'acme-us-demo')?.region).toBe('US');
    expect(first.items.find((w) => w.name === 'acme-eu-demo')?.region).toBe('EU');
    const second = await value<Page>('workspaces:list', { limit: 10, cursor: first.nextCursor });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
    const stats = await value<{ total: number }>('workspaces:stats');
    expect(stats.total).toBeGreaterThanOrEqual(41);
  });

  it('searches by name on the server and filters by status', async () => {
    const found = await value<Page>('workspaces:list', { nameContains: 'GLOBEX', status: 'active' });
    expect(found.items.map((w) => w.name).sort()).toEqual(['globex-eu-demo', 'globex-us-demo']);
    const inactive = await value<Page>('workspaces:list', { status: 'inactive', limit: 100 });
    expect(inactive.items.every((w) => w.status === 'inactive')).toBe(true);
  });

  it('opens a workspace with its sources and the templates with their tags', async () => {
    const acme = (await value<Page>('workspaces:list', { nameContains: 'acme-us-demo' })).items[0];
    const sources = await value<Array<{ name: string; templateName: string }>>('workspaces:sources', { id: acme?.id });
    expect(sources.map((s) => s.name).sort()).toEqual(['Postgres - acme', 'Salesforce - acme']);
    const templates = await value<{ sourceTemplates: Array<{ name: string; tags: string[] }>; connectionTemplates: unknown[] }>('workspaces:templates');
    expect(templates.sourceTemplates.find((t) => t.name === 'HubSpot CRM')?.tags).toEqual(['crm', 'free-tier']);
    expect(templates.connectionTemplates.length).toBeGreaterThan(0);
  });

  it('creates in the EU, renames, deactivates and deletes with the typed name', async () => {
    const created = await value<{ id: string; region: string }>('workspaces:create', { name: 'ipc-eu-demo', region: 'EU' });
    expect(created.region).toBe('EU');
    expect(await value('workspaces:rename', { id: created.id, name: 'ipc-eu-poc' })).toMatchObject({ name: 'ipc-eu-poc', region: 'EU' });
    expect(await value('workspaces:setStatus', { id: created.id, status: 'inactive' })).toMatchObject({ status: 'inactive' });
    await expect(value('workspaces:remove', { id: created.id, confirmName: 'ipc-eu-demo' })).rejects.toMatchObject({ code: 'validation' });
    expect(await value('workspaces:remove', { id: created.id, confirmName: 'ipc-eu-poc' })).toMatchObject({ id: created.id });
    await expect(value('workspaces:create', { name: 'acme-us-demo', region: 'EU' })).rejects.toMatchObject({ code: 'conflict' });
  });
});
