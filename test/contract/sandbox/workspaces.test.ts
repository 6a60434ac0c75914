import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, EU, type SandboxHarness } from '../../support/sandbox-client';

let h: SandboxHarness;
let op: string;
beforeAll(async () => {
  h = await startHarness();
  op = await h.operatorToken();
});
afterAll(() => h.close());

type Page = { data: Array<{ id: string; name: string; status: string; created_at: string }>; next: string | null };
const list = async (query = '') => h.call('GET', `/api/v1/workspaces${query}`, { token: op });

describe('workspace list (§3.1)', () => {
  it('pages 20 at a time with a full next URL, ordered by created_at, until null', async () => {
    const first = (await list()).json as Page;
    expect(first.data).toHaveLength(20);
    expect(first.next).toMatch(new RegExp(`^${h.url}/api/v1/workspaces\\?limit=20&cursor=`));
    const seen = [...first.data];
    let next = first.next;
    while (next) {
      const page = (await h.call('GET', next, { token: op })).json as Page;
      seen.push(...page.data);
      next = page.next;
    }
    const stats = (await h.call('GET', '/api/v1/workspaces/stats', { token: op })).json as { total_count: number };
    expect(seen).toHaveLength(stats.total_count);
    expect(new Set(seen.map((w) => w.id)).size).toBe(seen.length);
    const times = seen.map((w) => w.created_at);
    expect([...times].sort()).toEqual(times);
  });

  it('keeps filters in next and matches names case-insensitively', async () => {
    const page = (await list('?name_contains=US-DEMO&limit=5&status=active')).json as Page;
    expect(page.data).toHaveLength(5);
    expect(page.data.every((w) => w.name.includes('us-demo') && w.status === 'active')).toBe(true);
    const next = new URL(page.next ?? '');
    expect(next.searchParams.get('name_contains')).toBe('US-DEMO');
    expect(next.searchParams.get('status')).toBe('active');
  });

  it('filters inactive workspaces', async () => {
    const page = (await list('?status=inactive&limit=100')).json as Page;
    const stats = (await h.call('GET', '/api/v1/workspaces/stats', { token: op })).json as { inactive_count: number };
    expect(page.data.length).toBe(stats.inactive_count);
    expect(page.data.length).toBeGreaterThan(0);
  });

  it.each(['?limit=0', '?limit=101', '?limit=abc', '?status=deleted'])('rejects %s with 422', async (query) => {
    const res = await list(query);
    expect(res.status).toBe(422);
    expect((res.json as { detail: Array<{ loc: string[] }> }).detail[0]?.loc[0]).toBe('query');
  });

  it('rejects a bad cursor with 400', async () => {
    for (const cursor of ['nope', Buffer.from('{"offset":-1}').toString('base64'), Buffer.from('[]').toString('base64')]) {
      const res = await list(`?cursor=${encodeURIComponent(cursor)}`);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ detail: 'Invalid cursor' });
    }
  });

  it('drops region from the vendor shape but marks it as a sandbox extension', async () => {
    const page = (await list('?limit=1')).json as { data: Array<Record<string, unknown>> };
    expect(Object.keys(page.data[0] ?? {})).toEqual(
      expect.arrayContaining(['id', 'name', 'organization_id', 'status', 'created_at', 'updated_at', 'x_sandbox_region_id']),
    );
    expect(page.data[0]).not.toHaveProperty('region_id');
  });
});

describe('workspace get, update, delete (§3.2)', () => {
  const idOf = async (name: string) => ((await list(`?name_contains=${name}`)).json as Page).data.find((w) => w.name === name)?.id ?? '';

  it('gets one workspace; unknown is 404, a bad UUID 422', async () => {
    const id = await idOf('wayne-eu-demo');
    expect((await h.call('GET', `/api/v1/workspaces/${id}`, { token: op })).json).toMatchObject({ id, name: 'wayne-eu-demo', x_sandbox_region_id: EU });
    const missing = await h.call('GET', '/api/v1/workspaces/00000000-0000-4000-8000-000000000000', { token: op });
    expect(missing.status).toBe(404);
    expect(missing.json).toEqual({ detail: 'Workspace not found' });
    const bad = await h.call('GET', '/api/v1/workspaces/not-a-uuid', { token: op });
    expect(bad.status).toBe(422);
    expect(bad.json).toMatchObject({ detail: [{ loc: ['path', 'workspace_id'] }] });
  });

  it('renames, refuses a live name with 409, and deactivates', async () => {
    const id = await idOf('wonka-us-demo');
    const taken = await h.call('PUT', `/api/v1/workspaces/${id}`, { token: op, body: { name: 'acme-us-demo' } });
    expect(taken.status).toBe(409);
    expect(taken.json).toEqual({ detail: 'Workspace name already in use' });
    const renamed = await h.call('PUT', `/api/v1/workspaces/${id}`, { token: op, body: { name: 'wonka-us-poc', status: 'inactive' } });
    expect(renamed.json).toMatchObject({ id, name: 'wonka-us-poc', status: 'inactive' });
    expect(h.sandbox.store.liveWorkspace(id)?.connections_enabled).toBe(false);
    const bad = await h.call('PUT', `/api/v1/workspaces/${id}`, { token: op, body: { status: 'paused' } });
    expect(bad.status).toBe(422);
  });

  it('after a rename, minting with the old name creates a new, empty workspace (why the client mints by id)', async () => {
    const id = await idOf('tyrell-us-demo');
    await h.call('PUT', `/api/v1/workspaces/${id}`, { token: op, body: { name: 'tyrell-us-renamed' } });
    const token = await h.scopedToken('tyrell-us-demo');
    const info = (await h.call('GET', '/api/v1/embedded/scoped-token/info', { token })).json as { workspace_id: string };
    expect(info.workspace_id).not.toBe(id);
  });

  it('soft-deletes: gone from get, list, stats and token minting by name reuses nothing', async () => {
    const before = (await h.call('GET', '/api/v1/workspaces/stats', { token: op })).json as { total_count: number };
    const id = await idOf('oscorp-eu-demo');
    const res = await h.call('DELETE', `/api/v1/workspaces/${id}`, { token: op });
    expect(res.json).toMatchObject({ id, deleted_at: expect.stringMatching(/Z$/) });
    expect((await h.call('GET', `/api/v1/workspaces/${id}`, { token: op })).status).toBe(404);
    expect((await h.call('DELETE', `/api/v1/workspaces/${id}`, { token: op })).status).toBe(404);
    const after = (await h.call('GET', '/api/v1/workspaces/stats', { token: op })).json as { total_count: number };
    expect(after.total_count).toBe(before.total_count - 1);
    expect(await idOf('oscorp-eu-demo')).toBe('');
  });

  it('invalidates scoped tokens of a deleted workspace', async () => {
    const token = await h.scopedToken('soylent-us-demo');
    const id = await idOf('soylent-us-demo');
    await h.call('DELETE', `/api/v1/workspaces/${id}`, { token: op });
    expect((await h.call('GET', '/api/v1/embedded/sources', { token })).status).toBe(401);
  });
});

describe('large seed', () => {
  it('has at least 5,000 workspaces', async () => {
    const big = await startHarness({ seed: 'large' });
    try {
      const stats = (await big.call('GET', '/api/v1/workspaces/stats', { token: await big.operatorToken() })).json as { total_count: number };
      expect(stats.total_count).toBeGreaterThanOrEqual(5000);
    } finally {
      await big.close();
    }
  });
});
