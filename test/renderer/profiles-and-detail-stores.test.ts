import { describe, expect, it } from 'vitest';
import { createProfilesStore } from '../../renderer/features/profiles/profiles-store';
import { createDetailStore } from '../../renderer/features/workspaces/detail-store';
import { fail, fakeApi, ok } from './fake-api';

const list = { activeProfileId: 'sandbox', notice: null, profiles: [] };

describe('profiles store', () => {
  it('selects a profile and then tests its connection', async () => {
    const { api, calls } = fakeApi({
      'profiles:select': () => ok({ ...list, activeProfileId: 'p1' }),
      'profiles:testConnection': () => ok({ ok: false, state: 'rejected', message: 'The API rejected this profile’s client id or secret.', workspacesSeen: null }),
    });
    const store = createProfilesStore(api);
    expect(await store.getState().select('p1')).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.map((c) => c.channel)).toEqual(['profiles:select', 'profiles:testConnection']);
    expect(store.getState().connection.p1).toMatchObject({ phase: 'done', result: { ok: false, state: 'rejected' } });
  });

  it('calls a test that got no answer "failed", never "connected"', async () => {
    const { api } = fakeApi({ 'profiles:testConnection': () => fail('network', 'The app did not answer.') });
    const store = createProfilesStore(api);
    expect(await store.getState().test('p1')).toMatchObject({ ok: false, state: 'failed', message: 'The app did not answer.' });
  });

  it('keeps the newest test’s answer when an older one arrives late', async () => {
    const releases: Array<() => void> = [];
    let n = 0;
    const { api } = fakeApi({
      'profiles:testConnection': async () => {
        const mine = ++n;
        await new Promise<void>((r) => releases.push(r));
        return ok({ ok: mine === 2, state: mine === 2 ? 'connected' : 'unreachable', message: `answer ${mine}`, workspacesSeen: null });
      },
    });
    const store = createProfilesStore(api);
    const first = store.getState().test('p1');
    const second = store.getState().test('p1');
    await new Promise((r) => setTimeout(r, 0));
    releases[1]?.();
    await second;
    releases[0]?.();
    await first;
    expect(store.getState().connection.p1).toMatchObject({ phase: 'done', result: { state: 'connected', message: 'answer 2' } });
  });

  it('creates a profile and makes it the active one', async () => {
    const created = { id: 'p2', name: 'Globex', baseUrl: 'https://api.airbyte.ai', defaultRegion: 'US', builtIn: false, credentials: { present: false, secretTail: null, storage: 'keychain', notice: null } };
    const { api, calls } = fakeApi({
      'profiles:create': () => ok(created),
      'profiles:select': () => ok({ ...list, activeProfileId: 'p2', profiles: [created] }),
      'profiles:testConnection': () => ok({ ok: false, state: 'no_credentials', message: 'No credentials.', workspacesSeen: null }),
    });
    const store = createProfilesStore(api);
    expect(await store.getState().create({ name: 'Globex', baseUrl: 'api.airbyte.ai', defaultRegion: 'US' })).toMatchObject({ ok: true, profile: { id: 'p2' } });
    expect(calls.map((c) => c.channel).slice(0, 2)).toEqual(['profiles:create', 'profiles:select']);
    expect(store.getState()).toMatchObject({ list: { value: { activeProfileId: 'p2' } }, revision: 1 });
  });

  it('returns a refused creation without selecting anything', async () => {
    const { api, calls } = fakeApi({ 'profiles:create': () => ({ ok: false, error: { code: 'conflict', message: 'A profile named “Acme” already exists. Choose another name.', retryable: false } }) });
    const store = createProfilesStore(api);
    expect(await store.getState().create({ name: 'acme', baseUrl: 'https://x.test', defaultRegion: 'US' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(calls.map((c) => c.channel)).toEqual(['profiles:create']);
  });

  it('deleting the active profile bumps the revision (views reload for the Sandbox) and forgets its test', async () => {
    let remaining = [{ id: 'p1' }];
    const { api } = fakeApi({
      'profiles:list': () => ok({ ...list, activeProfileId: remaining.length ? 'p1' : 'sandbox' }),
      'profiles:remove': () => {
        remaining = [];
        return ok({ removed: true });
      },
      'profiles:testConnection': () => ok({ ok: true, state: 'connected', message: 'Connected', workspacesSeen: 1 }),
    });
    const store = createProfilesStore(api);
    await store.getState().load();
    await store.getState().test('p1');
    expect(await store.getState().remove('p1')).toBeNull();
    expect(store.getState().revision).toBe(1);
    expect(store.getState().connection.p1).toBeUndefined();
    expect(store.getState().list).toMatchObject({ value: { activeProfileId: 'sandbox' } });
  });

  it('reports a failed selection without changing the list', async () => {
    const { api } = fakeApi({ 'profiles:select': () => fail('server', 'That profile no longer exists.') });
    const store = createProfilesStore(api);
    expect(await store.getState().select('gone')).toBe(false);
    expect(store.getState()).toMatchObject({ list: { status: 'idle' }, actionError: { message: 'That profile no longer exists.' } });
  });

  it('bumps the revision when credentials change, so views reload', async () => {
    const { api } = fakeApi({
      'credentials:set': () => ok({ present: true, secretTail: '••••', storage: 'session', notice: null }),
      'profiles:list': () => ok(list),
      'profiles:testConnection': () => ok({ ok: true, state: 'connected', message: 'Connected', workspacesSeen: 1 }),
    });
    const store = createProfilesStore(api);
    expect(store.getState().revision).toBe(0);
    // Saved, then tested: the answer carries what the API said of them (the dialog's toast says both).
    expect(await store.getState().setCredentials('p1', 'id', 'secret', true)).toMatchObject({ ok: true, test: { ok: true, state: 'connected' } });
    expect(store.getState().revision).toBe(1);
  });

  it('returns the keychain refusal to the credentials form', async () => {
    const { api } = fakeApi({ 'credentials:set': () => ({ ok: false, error: { code: 'keychain_unavailable', message: 'The OS keychain cannot store credentials right now.', retryable: false } }) });
    const store = createProfilesStore(api);
    expect(await store.getState().setCredentials('p1', 'id', 'secret', false)).toMatchObject({ ok: false, error: { code: 'keychain_unavailable' } });
  });
});

describe('workspace detail store', () => {
  it('loads sources and templates, keeping templates across workspaces', async () => {
    const { api, calls } = fakeApi({
      'workspaces:sources': (input) => ok([{ id: 's', name: `source of ${(input as { id: string }).id}`, templateName: null, createdAt: null }]),
      'workspaces:templates': () => ok({ sourceTemplates: [], connectionTemplates: [] }),
    });
    const store = createDetailStore(api);
    await store.getState().load('w1');
    await store.getState().load('w2');
    expect(store.getState().sources).toMatchObject({ status: 'ready', value: [{ name: 'source of w2' }] });
    expect(calls.filter((c) => c.channel === 'workspaces:templates')).toHaveLength(1);
  });

  it('shows a failure of the sources in words', async () => {
    const { api } = fakeApi({
      'workspaces:sources': () => fail('network', 'Network error while listing sources: the connection was dropped.'),
      'workspaces:templates': () => ok({ sourceTemplates: [], connectionTemplates: [] }),
    });
    const store = createDetailStore(api);
    await store.getState().load('w1');
    expect(store.getState().sources).toMatchObject({ status: 'error', error: { message: expect.stringContaining('connection was dropped') } });
  });

  it('ignores the answer for a workspace that is no longer open', async () => {
    let release: (() => void) | null = null;
    const { api } = fakeApi({
      'workspaces:sources': async (input) => {
        if ((input as { id: string }).id === 'slow') await new Promise<void>((r) => (release = r));
        return ok([{ id: 'x', name: (input as { id: string }).id, templateName: null, createdAt: null }]);
      },
      'workspaces:templates': () => ok({ sourceTemplates: [], connectionTemplates: [] }),
    });
    const store = createDetailStore(api);
    const slow = store.getState().load('slow');
    await store.getState().load('fast');
    (release as unknown as () => void)();
    await slow;
    expect(store.getState().sources).toMatchObject({ status: 'ready', value: [{ name: 'fast' }] });
  });
});
