import { afterAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import { memoryKeytar } from '../support/fake-keytar';
import { tempDir } from '../support/temp-dir';

// Saved JMESPath queries and history over the router, per profile, in queries.json.

type Saved = { id: string; name: string; query: string; note: string; updatedAt: string };
type Library = { saved: Saved[]; history: string[] };

const cores: Array<ReturnType<typeof createCore>> = [];
afterAll(async () => {
  await Promise.all(cores.map((c) => c.close()));
});

function setup(userDataDir = tempDir('ec-queries-')) {
  const core = createCore({ shell: 'browser', userDataDir, keytarLoader: memoryKeytar() });
  cores.push(core);
  const router = core.createRouter(() => null);
  const call = (channel: string, input?: unknown) => router.dispatch(channel, input, {});
  const value = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = await call(channel, input);
    if (!result.ok) throw Object.assign(new Error(result.error.message), { code: result.error.code });
    return result.value as T;
  };
  return { core, userDataDir, call, value };
}

describe('saved queries', () => {
  it('saves, updates, lists and removes; kept across a restart', async () => {
    const { value, userDataDir, core } = setup();
    expect(await value('queries:list')).toEqual({ saved: [], history: [] });
    const one = await value<Saved>('queries:save', { name: ' Incremental streams ', query: "streams[?contains(supported_sync_modes, 'incremental')].name", note: 'feasibility' });
    expect(one).toMatchObject({ name: 'Incremental streams', note: 'feasibility' });
    expect(one.id).toMatch(/^[0-9a-f-]{36}$/);
    const two = await value<Saved>('queries:save', { name: 'No primary key', query: 'streams[?!source_defined_primary_key].name' });
    expect(two.note).toBe('');
    const updated = await value<Saved>('queries:save', { id: one.id, name: 'Incremental', query: 'length(streams)', note: '' });
    expect(updated).toMatchObject({ id: one.id, name: 'Incremental', query: 'length(streams)' });
    expect((await value<Library>('queries:list')).saved.map((q) => q.name)).toEqual(['Incremental', 'No primary key']);
    expect(await value('queries:remove', { id: two.id })).toEqual({ removed: true });
    expect(await value('queries:remove', { id: two.id })).toEqual({ removed: false });
    await expect(value('queries:save', { id: two.id, name: 'x', query: 'a' })).rejects.toMatchObject({ code: 'not_found' });
    await core.close();
    const again = setup(userDataDir);
    expect((await again.value<Library>('queries:list')).saved).toEqual([updated]);
  });

  it('refuses names, notes and queries over their limits (a query up to 100 KB of UTF-8)', async () => {
    const { value, call } = setup();
    const refused = async (input: unknown, path: string) => {
      const result = await call('queries:save', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(result.error.details?.issues?.map((i) => i.path)).toContain(path);
    };
    await refused({ name: 'n'.repeat(121), query: 'a' }, 'name');
    await refused({ name: '   ', query: 'a' }, 'name');
    await refused({ name: 'n', query: 'a', note: 'x'.repeat(2001) }, 'note');
    await refused({ name: 'n', query: 'q'.repeat(100 * 1024 + 1) }, 'query');
    await refused({ name: 'n', query: 'é'.repeat(51_201) }, 'query'); // 102,402 bytes in 51,201 characters
    await refused({ name: 'n', query: '' }, 'query');
    await refused({ id: '../x', name: 'n', query: 'a' }, 'id');
    const big = await value<Saved>('queries:save', { name: 'n'.repeat(120), query: 'q'.repeat(100 * 1024), note: 'x'.repeat(2000) });
    expect(big.query).toHaveLength(100 * 1024);
    expect((await call('queries:remember', { query: 'q'.repeat(100 * 1024 + 1) })).ok).toBe(false);
  });

  it('keeps every one of 40 concurrent saves', async () => {
    const { value, userDataDir } = setup();
    const saved = await Promise.all(Array.from({ length: 40 }, (_, i) => value<Saved>('queries:save', { name: `q${i}`, query: `streams[${i}].name`, note: '' })));
    expect(new Set(saved.map((q) => q.id)).size).toBe(40);
    expect((await value<Library>('queries:list')).saved.map((q) => q.name).sort()).toEqual(saved.map((q) => q.name).sort());
    const again = setup(userDataDir);
    expect((await again.value<Library>('queries:list')).saved).toHaveLength(40);
  });
});

describe('query history', () => {
  it('most recent first, de-duplicated, at most 100', async () => {
    const { value } = setup();
    for (let i = 0; i < 105; i++) await value('queries:remember', { query: `streams[${i}]` });
    let history = (await value<Library>('queries:list')).history;
    expect(history).toHaveLength(100);
    expect(history[0]).toBe('streams[104]');
    expect(history.at(-1)).toBe('streams[5]');
    const { history: after } = await value<{ history: string[] }>('queries:remember', { query: 'streams[50]' });
    expect(after[0]).toBe('streams[50]');
    expect(after).toHaveLength(100);
    expect(after.filter((q) => q === 'streams[50]')).toHaveLength(1);
    history = (await value<Library>('queries:list')).history;
    expect(history).toEqual(after);
    // Concurrent remembers all land, none twice.
    await Promise.all(['a', 'b', 'a', 'c', 'b'].map((query) => value('queries:remember', { query })));
    history = (await value<Library>('queries:list')).history;
    expect(history.slice(0, 3).sort()).toEqual(['a', 'b', 'c']);
    expect(new Set(history).size).toBe(history.length);
  });

  it('is per profile, like the saved queries', async () => {
    const { value } = setup();
    await value('queries:save', { name: 'sandbox one', query: 'streams' });
    await value('queries:remember', { query: 'streams[0]' });
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Other', baseUrl: 'https://api.example.com' });
    await value('profiles:select', { id });
    expect(await value('queries:list')).toEqual({ saved: [], history: [] });
    await value('queries:save', { name: 'other one', query: 'streams' });
    await value('profiles:select', { id: 'sandbox' });
    const library = await value<Library>('queries:list');
    expect(library.saved.map((q) => q.name)).toEqual(['sandbox one']);
    expect(library.history).toEqual(['streams[0]']);
  });
});
