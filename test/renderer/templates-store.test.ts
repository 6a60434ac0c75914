import { describe, expect, it } from 'vitest';
import type { ConnectionTemplate, Result, SourceTemplate, SourceTemplateItem } from '../../preload/contract';
import { sourceTemplateToDraft } from '../../renderer/features/templates/forms/draft-shape';
import { createTemplatesStore, filterPreview, tagCounts, templatesCarrying, type TagUsage } from '../../renderer/features/templates/templates-store';
import { fail, fakeApi, ok } from './fake-api';

const DEF = '11111111-2222-3333-4444-555555555555';
const SPEC = { type: 'object', required: ['host'], properties: { host: { type: 'string' }, password: { type: 'string', airbyte_secret: true } } };

const template = (overrides: Partial<SourceTemplate> = {}): SourceTemplate => ({
  id: 'st-1',
  name: 'Postgres defaults',
  connectorName: 'Postgres',
  definitionId: DEF,
  organizationId: 'org-1',
  tags: ['finance'],
  customization: { stream_selection_mode: 'suggested' },
  mode: 'REPLICATION',
  updatedAt: null,
  partialDefaultConfig: { host: 'db' },
  spec: SPEC,
  keptSecrets: [],
  createdAt: null,
  serverFields: {},
  ...overrides,
});
const item = (t: SourceTemplate): SourceTemplateItem => ({ id: t.id, name: t.name, connectorName: t.connectorName, definitionId: t.definitionId, organizationId: t.organizationId, tags: t.tags, customization: t.customization, mode: t.mode, updatedAt: t.updatedAt });
const connection = (id: string, tags: string[], overrides: Partial<ConnectionTemplate> = {}): ConnectionTemplate => ({
  id,
  organizationId: 'org-1',
  dataHostingType: 'user_hosted',
  destinationName: `Dest ${id}`,
  destinationDefinitionId: DEF,
  destinationConfig: {},
  cronExpression: null,
  nonBreakingChangesPreference: 'ignore',
  syncOnCreate: true,
  tags,
  createdAt: null,
  updatedAt: null,
  serverFields: {},
  ...overrides,
});

/** A promise the test resolves when it wants: answers that arrive out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
const CATALOG = { streamNames: ['users'], sourceName: 'Prod PG', discoveredAt: '2026-11-01T10:00:00Z' };

describe('templates store: lists', () => {
  it('always sends the tag mode, and the global toggle', async () => {
    const { api, calls } = fakeApi({ 'templates:sourceList': () => ok([item(template())]) });
    const store = createTemplatesStore(api);
    await store.getState().loadSources();
    store.getState().setSourceFilter({ tags: ['finance', 'eu'], mode: 'all' });
    store.getState().setSourceGlobal(true);
    await new Promise((r) => setTimeout(r, 0));
    const inputs = calls.filter((c) => c.channel === 'templates:sourceList').map((c) => c.input);
    expect(inputs[0]).toEqual({ tags: [], mode: 'any', global: false });
    expect(inputs.at(-1)).toEqual({ tags: ['finance', 'eu'], mode: 'all', global: true });
    expect(store.getState().sources).toMatchObject({ status: 'ready' });
  });

  it('drops a list answer that comes after a newer request', async () => {
    const slow = deferred<Result<SourceTemplateItem[]>>();
    let n = 0;
    const { api } = fakeApi({ 'templates:sourceList': () => (++n === 1 ? slow.promise : ok([item(template({ id: 'new', name: 'Newer' }))])) });
    const store = createTemplatesStore(api);
    const first = store.getState().loadSources();
    await store.getState().loadSources();
    slow.resolve(ok([item(template({ id: 'old', name: 'Older' }))]));
    await first;
    const sources = store.getState().sources;
    expect(sources.status === 'ready' && sources.value.map((t) => t.name)).toEqual(['Newer']);
  });
});

describe('templates store: the source editor', () => {
  it('opens a template with its own spec (secret paths computed) and the catalog of its connector', async () => {
    const { api, calls } = fakeApi({ 'templates:sourceGet': () => ok(template()), 'templates:catalogStreams': () => ok(CATALOG) });
    const store = createTemplatesStore(api);
    await store.getState().openSource('st-1');
    const editor = store.getState().sourceEditor;
    expect(editor?.spec).toEqual({ definitionId: DEF, spec: SPEC, from: 'server', secretPaths: ['/password'] });
    expect(editor?.catalog).toEqual(CATALOG);
    expect(calls.some((c) => c.channel === 'templates:spec')).toBe(false);
  });

  it('asks the spec channel when the template came without one', async () => {
    const spec = { definitionId: DEF, spec: SPEC, from: 'cache' as const, secretPaths: ['/password'] };
    const { api } = fakeApi({ 'templates:sourceGet': () => ok(template({ spec: null })), 'templates:spec': () => ok(spec), 'templates:catalogStreams': () => ok(null) });
    const store = createTemplatesStore(api);
    await store.getState().openSource('st-1');
    expect(store.getState().sourceEditor?.spec).toEqual(spec);
    expect(store.getState().sourceEditor?.catalog).toBeNull();
  });

  it('keeps the template opened last when an earlier one answers late', async () => {
    const slow = deferred<Result<SourceTemplate>>();
    const { api } = fakeApi({
      'templates:sourceGet': (input) => ((input as { id: string }).id === 'a' ? slow.promise : ok(template({ id: 'b', name: 'B' }))),
      'templates:catalogStreams': () => ok(null),
    });
    const store = createTemplatesStore(api);
    const first = store.getState().openSource('a');
    await store.getState().openSource('b');
    slow.resolve(ok(template({ id: 'a', name: 'A' })));
    await first;
    expect(store.getState().sourceEditor?.template?.name).toBe('B');
  });

  it('saves only the changed fields with propagate, then the tag changes, and reloads the lists', async () => {
    const saved = template({ partialDefaultConfig: { host: 'db2' } });
    const { api, calls } = fakeApi({
      'templates:sourceGet': () => ok(template()),
      'templates:catalogStreams': () => ok(null),
      'templates:sourceUpdate': () => ok(saved),
      'templates:sourceTag': (input) => {
        const { tag, attach } = input as { tag: string; attach: boolean };
        return ok({ ...saved, tags: attach ? ['finance', tag] : [] });
      },
      'templates:sourceList': () => ok([]),
      'templates:connectionList': () => ok([]),
      'templates:tags': () => ok([{ id: 't1', name: 'finance', createdAt: null, updatedAt: null }, { id: 't2', name: 'eu', createdAt: null, updatedAt: null }]),
    });
    const store = createTemplatesStore(api);
    await store.getState().openSource('st-1');
    const draft = store.getState().sourceEditor!.draft!;
    store.getState().editSource({ ...draft, partial_default_config: { host: 'db2' }, tags: ['finance', 'eu'] });
    expect(await store.getState().saveSource(true)).toBe(true);
    expect(calls.find((c) => c.channel === 'templates:sourceUpdate')?.input).toEqual({ id: 'st-1', changes: { partialDefaultConfig: { host: 'db2' } }, propagate: true });
    expect(calls.filter((c) => c.channel === 'templates:sourceTag').map((c) => c.input)).toEqual([{ id: 'st-1', tag: 'eu', attach: true }]);
    expect(store.getState().sourceEditor?.base?.tags).toEqual(['finance', 'eu']);
    expect(store.getState().sourceEditor?.notice?.text).toBe('Saved.');

    // Saving again with nothing changed sends nothing.
    const before = calls.length;
    expect(await store.getState().saveSource(false)).toBe(true);
    expect(calls.slice(before).filter((c) => c.channel.startsWith('templates:source') && c.channel !== 'templates:sourceList')).toEqual([]);
    expect(store.getState().sourceEditor?.notice?.text).toMatch(/Nothing changed/);
  });

  it('keeps what was typed when a save fails, with the server’s reason', async () => {
    const { api } = fakeApi({
      'templates:sourceGet': () => ok(template()),
      'templates:catalogStreams': () => ok(null),
      'templates:sourceUpdate': () => fail('server', 'The server could not save the template.'),
    });
    const store = createTemplatesStore(api);
    await store.getState().openSource('st-1');
    const typed = { ...store.getState().sourceEditor!.draft!, name: 'Typed name' };
    store.getState().editSource(typed);
    expect(await store.getState().saveSource(false)).toBe(false);
    expect(store.getState().sourceEditor?.draft).toEqual(typed);
    expect(store.getState().sourceEditor?.saveError?.message).toBe('The server could not save the template.');
    expect(store.getState().sourceEditor?.base?.name).toBe('Postgres defaults');
  });

  it('creates a new template from a definition, then edits it as an existing one', async () => {
    const created = template({ id: 'st-9', name: 'Postgres', partialDefaultConfig: { port: 5432 } });
    const { api, calls } = fakeApi({
      'templates:spec': () => ok({ definitionId: DEF, spec: null, from: 'none', secretPaths: [] }),
      'templates:catalogStreams': () => ok(null),
      'templates:sourceCreate': () => ok(created),
      'templates:sourceList': () => ok([item(created)]),
      'templates:connectionList': () => ok([]),
    });
    const store = createTemplatesStore(api);
    await store.getState().newSource({ id: DEF, name: 'Postgres', dockerRepository: null, supportLevel: null, specCached: false });
    const draft = store.getState().sourceEditor!.draft!;
    store.getState().editSource({ ...draft, partial_default_config: { port: 5432 } });
    expect(await store.getState().saveSource(false)).toBe(true);
    expect(calls.find((c) => c.channel === 'templates:sourceCreate')?.input).toEqual({ definitionId: DEF, name: 'Postgres', partialDefaultConfig: { port: 5432 }, customization: { stream_selection_mode: 'suggested' }, mode: 'REPLICATION', tags: [] });
    expect(store.getState().sourceEditor?.id).toBe('st-9');
    expect(store.getState().sourceEditor?.base).toEqual(sourceTemplateToDraft(created));
  });

  it('refuses to save without a name, before calling the server', async () => {
    const { api, calls } = fakeApi({ 'templates:spec': () => ok({ definitionId: DEF, spec: null, from: 'none', secretPaths: [] }), 'templates:catalogStreams': () => ok(null) });
    const store = createTemplatesStore(api);
    await store.getState().newSource({ id: DEF, name: 'Postgres', dockerRepository: null, supportLevel: null, specCached: false });
    store.getState().editSource({ ...store.getState().sourceEditor!.draft!, name: '   ' });
    expect(await store.getState().saveSource(false)).toBe(false);
    expect(store.getState().sourceEditor?.saveError?.message).toMatch(/name/);
    expect(calls.some((c) => c.channel === 'templates:sourceCreate')).toBe(false);
  });

  it('deletes, closes the open editor and says which template went', async () => {
    const { api } = fakeApi({
      'templates:sourceGet': () => ok(template()),
      'templates:catalogStreams': () => ok(null),
      'templates:sourceDelete': () => ok({ id: 'st-1', deletedAt: '2026-11-22T00:00:00Z' }),
      'templates:sourceList': () => ok([]),
      'templates:connectionList': () => ok([]),
    });
    const store = createTemplatesStore(api);
    await store.getState().openSource('st-1');
    expect(await store.getState().deleteSource('st-1')).toBe(true);
    expect(store.getState().sourceEditor).toBeNull();
    expect(store.getState().notice?.text).toMatch(/Deleted “Postgres defaults”/);
  });
});

describe('templates store: connection templates', () => {
  it('sends only changed fields and a cleared schedule as null', async () => {
    const ct = connection('ct-1', ['eu'], { cronExpression: '0 0 12 * * ?' });
    const { api, calls } = fakeApi({
      'templates:connectionGet': () => ok(ct),
      'templates:connectionUpdate': () => ok({ ...ct, cronExpression: null }),
      'templates:sourceList': () => ok([]),
      'templates:connectionList': () => ok([ct]),
    });
    const store = createTemplatesStore(api);
    await store.getState().openConnection('ct-1');
    store.getState().editConnection({ ...store.getState().connectionEditor!.draft!, cron_expression: null });
    expect(await store.getState().saveConnection()).toBe(true);
    expect(calls.find((c) => c.channel === 'templates:connectionUpdate')?.input).toEqual({ id: 'ct-1', changes: { cronExpression: null } });
  });

  it('refuses a user-hosted template without a destination before calling the server', async () => {
    const { api, calls } = fakeApi({});
    const store = createTemplatesStore(api);
    store.getState().newConnection('user_hosted');
    expect(await store.getState().saveConnection()).toBe(false);
    expect(store.getState().connectionEditor?.saveError?.message).toMatch(/destination/);
    expect(calls).toEqual([]);
  });
});

describe('tags', () => {
  const usage: TagUsage = {
    sources: [item(template({ id: 's1', name: 'Stripe', tags: ['finance', 'eu'] })), item(template({ id: 's2', name: 'GitHub', tags: ['engineering'] })), item(template({ id: 's3', name: 'Plain', tags: [] }))],
    connections: [connection('c1', ['finance']), connection('c2', ['eu', 'Finance'], { dataHostingType: 'airbyte_hosted', destinationName: null })],
  };

  it('counts templates per tag and lists what a change reaches, by name and kind', () => {
    expect(Object.fromEntries(tagCounts(usage))).toEqual({ finance: { sources: 1, connections: 1 }, eu: { sources: 1, connections: 1 }, engineering: { sources: 1, connections: 0 }, Finance: { sources: 0, connections: 1 } });
    expect(templatesCarrying(usage, 'finance').map((t) => `${t.kind}:${t.name}`)).toEqual(['source:Stripe', 'connection:Dest c1']);
    expect(templatesCarrying(usage, 'eu').map((t) => `${t.kind}:${t.name}`)).toEqual(['source:Stripe', 'connection:Airbyte-hosted']);
  });

  it('previews a filter under any and all (empty = everything, exact names)', () => {
    const names = (p: ReturnType<typeof filterPreview>) => [...p.sources.map((t) => t.id), ...p.connections.map((t) => t.id)];
    expect(names(filterPreview(usage, [], 'all'))).toEqual(['s1', 's2', 's3', 'c1', 'c2']);
    expect(names(filterPreview(usage, ['finance', 'eu'], 'any'))).toEqual(['s1', 'c1', 'c2']);
    expect(names(filterPreview(usage, ['finance', 'eu'], 'all'))).toEqual(['s1']);
    expect(names(filterPreview(usage, ['Finance'], 'any'))).toEqual(['c2']);
  });

  it('renames a tag, makes the filters follow, and reloads tags, lists and counts', async () => {
    const { api, calls } = fakeApi({
      'templates:tagRename': () => ok({ id: 't1', name: 'fin', createdAt: null, updatedAt: null }),
      'templates:tags': () => ok([{ id: 't1', name: 'fin', createdAt: null, updatedAt: null }]),
      'templates:sourceList': () => ok([]),
      'templates:connectionList': () => ok([]),
    });
    const store = createTemplatesStore(api);
    store.setState({ sourceFilter: { tags: ['finance', 'eu'], mode: 'all' } });
    expect(await store.getState().renameTag('finance', 'fin')).toBe(true);
    expect(store.getState().sourceFilter).toEqual({ tags: ['fin', 'eu'], mode: 'all' });
    expect(calls.map((c) => c.channel)).toEqual(expect.arrayContaining(['templates:tagRename', 'templates:tags', 'templates:sourceList', 'templates:connectionList']));
    expect(store.getState().notice?.text).toMatch(/renamed to “fin”/);
  });

  it('says why a tag change was refused', async () => {
    const { api } = fakeApi({ 'templates:tagDelete': () => fail('network', 'The server could not be reached.') });
    const store = createTemplatesStore(api);
    expect(await store.getState().deleteTag('finance')).toBe(false);
    expect(store.getState().notice).toEqual({ kind: 'error', text: 'Tag not deleted: The server could not be reached.' });
    expect(store.getState().tagBusy).toBe(false);
  });
});

describe('templates store: global templates', () => {
  it('clones a global template into the organization and opens the copy', async () => {
    const copy = template({ id: 'st-copy', name: 'Stripe (copy)', organizationId: 'org-1' });
    const { api, calls } = fakeApi({
      'templates:sourceClone': () => ok(copy),
      'templates:sourceGet': () => ok(copy),
      'templates:catalogStreams': () => ok(null),
      'templates:sourceList': () => ok([item(copy)]),
      'templates:connectionList': () => ok([]),
    });
    const store = createTemplatesStore(api);
    store.setState({ sourceGlobal: true });
    expect(await store.getState().cloneSource('global-1')).toBe(true);
    expect(calls.find((c) => c.channel === 'templates:sourceClone')?.input).toEqual({ id: 'global-1' });
    // Back on the organization's list, where the copy is.
    expect(store.getState().sourceGlobal).toBe(false);
    expect(calls.filter((c) => c.channel === 'templates:sourceList').at(-1)?.input).toMatchObject({ global: false });
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().sourceEditor?.template?.id).toBe('st-copy');
  });
});
