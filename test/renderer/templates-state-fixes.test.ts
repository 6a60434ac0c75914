import { describe, expect, it } from 'vitest';
import type { SourceTemplate, SourceTemplateItem } from '../../preload/contract';
import { markerProblems } from '../../renderer/editors/monaco/marker-problems';
import { onlineSecretState, typedSecrets } from '../../renderer/features/templates/forms/online-secrets';
import { partialConfigSchema } from '../../renderer/features/templates/forms/partial-schema';
import { createTemplatesStore } from '../../renderer/features/templates/templates-store';
import { fakeApi, ok } from './fake-api';

const DEF = '11111111-2222-3333-4444-555555555555';
const template = (overrides: Partial<SourceTemplate> = {}): SourceTemplate => ({
  id: 'st-1',
  name: 'Postgres defaults',
  connectorName: 'Postgres',
  definitionId: DEF,
  organizationId: 'org-1',
  tags: [],
  customization: { stream_selection_mode: 'suggested' },
  mode: 'REPLICATION',
  updatedAt: null,
  partialDefaultConfig: {},
  keptSecrets: [],
  spec: null,
  createdAt: null,
  serverFields: {},
  ...overrides,
});
const item = (t: SourceTemplate): SourceTemplateItem => ({ id: t.id, name: t.name, connectorName: t.connectorName, definitionId: t.definitionId, organizationId: t.organizationId, tags: t.tags, customization: t.customization, mode: t.mode, updatedAt: t.updatedAt });
const definitions = { sources: [{ id: DEF, name: 'Postgres', dockerRepository: null, supportLevel: null, specCached: true }], destinations: [], from: 'server' as const, cachedAt: null, offlineReason: null };
const tick = () => new Promise((r) => setTimeout(r, 0));

function storeWith(handlers: Parameters<typeof fakeApi>[0] = {}) {
  const { api, calls } = fakeApi({
    'templates:sourceGet': () => ok(template()),
    'templates:catalogStreams': () => ok(null),
    'templates:spec': () => ok({ definitionId: DEF, spec: null, from: 'none', secretPaths: [] }),
    'templates:sourceList': () => ok([item(template())]),
    'templates:connectionList': () => ok([]),
    'templates:tags': () => ok([]),
    'templates:definitions': () => ok(definitions),
    ...handlers,
  });
  return { store: createTemplatesStore(api), calls };
}

describe('templates store: the state a new user saw go wrong', () => {
  it('keeps the connector name after a create whose answer has none', async () => {
    const { store } = storeWith({ 'templates:sourceCreate': () => ok(template({ id: 'new-1', connectorName: null })) });
    await store.getState().newSource(definitions.sources[0]!);
    expect(await store.getState().saveSource(false)).toBe(true);
    expect(store.getState().sourceEditor?.template?.connectorName).toBe('Postgres');
    expect(store.getState().sourceEditor?.draft?.connector_name).toBe('Postgres');
  });

  it('names the connector from the definitions when an opened template has no name for it', async () => {
    const { store } = storeWith({ 'templates:sourceGet': () => ok(template({ connectorName: null, organizationId: null })) });
    await store.getState().loadDefinitions();
    await store.getState().openSource('st-1');
    expect(store.getState().sourceEditor?.draft?.connector_name).toBe('Postgres');
  });

  it('closes the open template and drops the notice when the list switches between organization and global', async () => {
    const { store } = storeWith({ 'templates:sourceDelete': () => ok({ id: 'x', deletedAt: 'now' }) });
    await store.getState().openSource('st-1');
    await store.getState().deleteSource('x');
    expect(store.getState().notice?.kind).toBe('ok');
    store.getState().setSourceGlobal(true);
    expect(store.getState().sourceEditor).toBeNull();
    expect(store.getState().notice).toBeNull();
    await tick();
  });

  it('drops a late template answer after the list switched', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { store } = storeWith({ 'templates:sourceGet': async () => (await gate, ok(template())) });
    const opening = store.getState().openSource('st-1');
    store.getState().setSourceGlobal(true);
    release();
    await opening;
    expect(store.getState().sourceEditor).toBeNull();
  });

  it('drops the list notice when another template is opened, the filter changes, or clearNotice is called (a tab change)', async () => {
    const { store } = storeWith({ 'templates:sourceClone': () => ok(template({ id: 'c1', name: 'Copy' })) });
    await store.getState().cloneSource('g1', 'Copy');
    expect(store.getState().notice?.text).toBe('Cloned into your organization as “Copy”.');
    await store.getState().openSource('st-1');
    expect(store.getState().notice).toBeNull();
    await store.getState().cloneSource('g1', 'Copy');
    store.getState().setSourceFilter({ tags: ['eu'], mode: 'any' });
    expect(store.getState().notice).toBeNull();
    await store.getState().cloneSource('g1', 'Copy');
    store.getState().clearNotice();
    expect(store.getState().notice).toBeNull();
    await tick();
  });

  it('reloads the tag registry after a save that attached a tag, so a new tag is offered at once', async () => {
    let registry = [{ id: 't1', name: 'finance', createdAt: null, updatedAt: null }];
    const { store } = storeWith({
      'templates:tags': () => ok(registry),
      'templates:sourceTag': () => {
        registry = [...registry, { id: 't2', name: 'brand-new', createdAt: null, updatedAt: null }];
        return ok(template({ tags: ['brand-new'] }));
      },
    });
    await store.getState().loadTags();
    await store.getState().openSource('st-1');
    store.getState().editSource({ ...store.getState().sourceEditor!.draft!, tags: ['brand-new'] });
    expect(await store.getState().saveSource(false)).toBe(true);
    await tick();
    const tags = store.getState().tags;
    expect(tags.status === 'ready' && tags.value.map((t) => t.name)).toEqual(['finance', 'brand-new']);
  });

  it('counts a load (open, save) so the editor shows the configuration afresh', async () => {
    const { store } = storeWith({ 'templates:sourceUpdate': () => ok(template({ name: 'Renamed' })) });
    await store.getState().openSource('st-1');
    const first = store.getState().sourceEditor!.loads;
    store.getState().editSource({ ...store.getState().sourceEditor!.draft!, name: 'Renamed' });
    await store.getState().saveSource(false);
    expect(store.getState().sourceEditor!.loads).toBe(first + 1);
  });
});

describe('online secrets', () => {
  it('tells a value typed here from one kept on the server, and a $secret reference is not a typed value', () => {
    expect(onlineSecretState({}, '/password', ['/password'])).toBe('kept');
    expect(onlineSecretState({}, '/password', [])).toBe('none');
    expect(onlineSecretState({ password: 'x' }, '/password', ['/password'])).toBe('typed');
    expect(typedSecrets({ password: 'x', tunnel: { key: { $secret: 'k' } } }, ['/password', '/tunnel/key', '/other'])).toEqual(['/password']);
  });

  it('offers no $secret reference in the online schema, but does in the draft one', () => {
    const spec = { type: 'object', required: ['password'], properties: { password: { type: 'string', airbyte_secret: true } } };
    expect(partialConfigSchema(spec, [], { references: false })).toEqual({ type: 'object', properties: { password: { type: 'string', airbyte_secret: true } } });
    expect(JSON.stringify(partialConfigSchema(spec, []))).toContain('$secret');
  });
});

describe('markerProblems', () => {
  it('names the field of each marker, in text order, once each', () => {
    const text = '{\n  "host": "db",\n  "port": "x",\n  "ssl": { "mode": 3 }\n}';
    const problems = markerProblems(text, [
      { startLineNumber: 4, startColumn: 21, message: 'Incorrect type. Expected "string".' },
      { startLineNumber: 3, startColumn: 11, message: 'Incorrect type. Expected "integer".' },
      { startLineNumber: 3, startColumn: 11, message: 'Incorrect type. Expected "integer".' },
    ]);
    expect(problems).toEqual(['port: Incorrect type. Expected "integer".', 'ssl.mode: Incorrect type. Expected "string".']);
  });

  it('falls back to the line for a problem of the document itself, and ends each with a full stop', () => {
    expect(markerProblems('{\n  "a": 1\n', [{ startLineNumber: 3, startColumn: 1, message: 'Expected comma or closing brace' }])).toEqual(['Line 3: Expected comma or closing brace.']);
  });
});
