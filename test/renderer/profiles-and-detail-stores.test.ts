import { describe, expect, it } from 'vitest';
import { createProfilesStore } from '../../renderer/features/profiles/profiles-store';
import { createDetailStore } from '../../renderer/features/workspaces/detail-store';
import { fail, fakeApi, ok } from './fake-api';

const list = { activeProfileId: 'sandbox', notice: null, profiles: [] };

describe('profiles store', () => {
  it('selects a profile and then tests its connection', async () => {
    const { api, calls } = fakeApi({
      'profiles:select': () => ok({ ...list, activeProfileId: 'p1' }),
      'profiles:testConnection': () => ok({ ok: false, message: 'The API rejected this profile’s client id or secret.', workspacesSeen: null }),
    });
    const store = createProfilesStore(api);
    expect(await store.getState().select('p1')).toBe(true);
    await new Promise((r) => setTimeout(r, 0));
    expect(calls.map((c) => c.channel)).toEqual(['profiles:select', 'profiles:testConnection']);
    expect(store.getState().connection.p1).toMatchObject({ phase: 'done', result: { ok: false } });
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
      'profiles:testConnection': () => ok({ ok: true, message: 'Connected', workspacesSeen: 1 }),
    });
    const store = createProfilesStore(api);
    expect(store.getState().revision).toBe(0);
    expect(await store.getState().setCredentials('p1', 'id', 'secret', true)).toBeNull();
    expect(store.getState().revision).toBe(1);
  });

  it('returns the keychain refusal to the credentials form', async () => {
    const { api } = fakeApi({ 'credentials:set': () => ({ ok: false, error: { code: 'keychain_unavailable', message: 'The OS keychain cannot store credentials right now.', retryable: false } }) });
    const store = createProfilesStore(api);
    expect(await store.getState().setCredentials('p1', 'id', 'secret', false)).toMatchObject({ code: 'keychain_unavailable' });
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
