// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppReport, ProfileView, Result } from '../../preload/contract';
import { fakeApi, ok } from './fake-api';

// The switcher reads the app's store module; here its stores are bound to a fake Api whose answers
// each test sets.
const holder = vi.hoisted(() => ({ handlers: {} as Record<string, (input: unknown) => unknown> }));
vi.mock('../../renderer/ipc/client', () => ({ api: {} }));
vi.mock('../../renderer/state/store', async () => {
  const { fakeApi: make } = await import('./fake-api');
  const { api } = make(new Proxy({}, { get: (_t, channel: string) => (input: unknown) => (holder.handlers[channel] ?? (() => ({ ok: false, error: { code: 'internal', message: `no ${channel}`, retryable: false } })))(input) }) as never);
  const { createProfilesStore } = await import('../../renderer/features/profiles/profiles-store');
  const { createAppStore } = await import('../../renderer/state/app-store');
  const { createDetailStore } = await import('../../renderer/features/workspaces/detail-store');
  const { createWorkspacesStore } = await import('../../renderer/features/workspaces/workspaces-store');
  const { createInspectorStore } = await import('../../renderer/features/inspector/inspector-store');
  return {
    useProfilesStore: createProfilesStore(api),
    useAppStore: createAppStore(api),
    useDetailStore: createDetailStore(api),
    useWorkspacesStore: createWorkspacesStore(api),
    useInspectorStore: createInspectorStore(api),
  };
});

const { ProfileSwitcher } = await import('../../renderer/features/profiles/ProfileSwitcher');
const { Toasts } = await import('../../renderer/ui/Toasts');
const stores = await import('../../renderer/state/store');
void fakeApi;

// jsdom has no modal dialogs: opening one just sets `open`.
HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
  this.setAttribute('open', '');
};
HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
  this.removeAttribute('open');
};

const creds = (present: boolean) => ({ present, secretTail: present ? '••••3f2a' : null, storage: present ? ('keychain' as const) : ('keychain' as const), notice: null });
const sandbox: ProfileView = { id: 'sandbox', name: 'Sandbox', baseUrl: 'http://127.0.0.1:1', defaultRegion: 'US', builtIn: true, credentials: { present: true, secretTail: null, storage: 'built-in', notice: null } };
const acme: ProfileView = { id: 'p1', name: 'Acme', baseUrl: 'https://api.acme.test', defaultRegion: 'US', builtIn: false, credentials: creds(false) };

let profiles: ProfileView[];
let activeProfileId: string;
const listAnswer = () => ok({ activeProfileId, profiles, notice: null });
const report = (keychain: AppReport['keychain']): AppReport => ({
  name: 'c',
  version: '1',
  commit: 'abc1234',
  shell: 'browser',
  platform: { os: 'linux', arch: 'x64', release: '6' },
  runtime: { node: '20', electron: null, chrome: null },
  keychain,
  activeProfile: { id: activeProfileId, name: 'x', baseUrl: 'http://x' },
  channels: [],
});

function answer(channel: string, fn: (input: never) => Result<unknown> | Promise<Result<unknown>>) {
  holder.handlers[channel] = fn as (input: unknown) => unknown;
}

beforeEach(() => {
  profiles = [sandbox, acme];
  activeProfileId = 'p1';
  holder.handlers = {};
  answer('profiles:list', listAnswer);
  answer('profiles:select', (input: { id: string }) => {
    activeProfileId = input.id;
    return listAnswer();
  });
  answer('app:report', () => ok(report({ status: 'available', backend: 'libsecret' })));
  answer('requests:log', () => ok([]));
  stores.useProfilesStore.setState({ list: { status: 'idle' }, connection: {}, actionError: null });
  stores.useAppStore.setState({ report: { status: 'idle' } });
});
afterEach(cleanup);

async function renderWith(state: 'connected' | 'unreachable' | 'no_credentials' | 'rejected' | 'keychain_unavailable', message = 'The words of main.') {
  answer('profiles:testConnection', () => ok({ ok: state === 'connected', state, message, workspacesSeen: state === 'connected' ? 3 : null }));
  render(
    <>
      <ProfileSwitcher />
      <Toasts />
    </>,
  );
  await waitFor(() => expect(screen.getByLabelText('Connection').textContent).not.toContain('Checking'));
}

describe('profile switcher: connection states', () => {
  it('calls rejected credentials by their name and offers to set them, not "Not reachable"', async () => {
    await renderWith('rejected', 'The API rejected this profile’s client id or secret.');
    const state = screen.getByLabelText('Connection');
    expect(state.textContent).toContain('Credentials rejected');
    expect(state.textContent).toContain('The API rejected this profile’s client id or secret.');
    expect(state.textContent).not.toContain('Not reachable');
    const fixes = screen.getByRole('group', { name: 'What fixes it' });
    expect(within(fixes).getAllByRole('button').map((b) => b.textContent)).toEqual(['Set credentials…', 'Edit profile…']);
    // Offered once: not again among the general actions.
    expect(screen.getAllByRole('button', { name: 'Set credentials…' })).toHaveLength(1);
  });

  it.each([
    ['unreachable', 'Not reachable', ['Edit profile…', 'Try again']],
    ['no_credentials', 'No credentials', ['Set credentials…']],
    ['keychain_unavailable', 'Keychain unavailable', ['Set credentials…', 'Try again']],
  ] as const)('%s reads "%s" with its fixes', async (state, title, fixes) => {
    await renderWith(state);
    expect(screen.getByLabelText('Connection').querySelector('strong')?.textContent).toBe(title);
    expect(within(screen.getByRole('group', { name: 'What fixes it' })).getAllByRole('button').map((b) => b.textContent)).toEqual(fixes);
  });

  it('announces a successful test in the toast region', async () => {
    await renderWith('connected');
    expect(screen.getByLabelText('Connection').textContent).toBe('Connected');
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const region = screen.getByRole('status', { name: 'Notifications' });
    await waitFor(() => expect(region.textContent).toContain('“Acme” is connected (3 workspaces listed).'));
    expect(region.getAttribute('aria-live')).toBe('polite');
  });
});

describe('profile switcher: create, edit, delete', () => {
  it('creates a profile, says https:// was added, switches to it and asks for its credentials', async () => {
    await renderWith('connected');
    answer('profiles:create', (input: { name: string; baseUrl: string }) => {
      const created: ProfileView = { ...acme, id: 'p2', name: input.name, baseUrl: `https://${input.baseUrl}` };
      profiles = [...profiles, created];
      return ok(created);
    });
    const opener = screen.getByRole('button', { name: 'New profile…' });
    opener.focus();
    fireEvent.click(opener);
    const form = screen.getByRole('form', { name: 'New profile' });
    expect(within(form).getByLabelText('Name').getAttribute('maxlength')).toBe('80');
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'Globex' } });
    fireEvent.change(within(form).getByLabelText('API base URL'), { target: { value: 'api.airbyte.ai' } });
    fireEvent.submit(form);
    const credentials = await screen.findByRole('dialog', { name: 'Credentials for Globex' });
    expect(within(credentials).getByRole('status', { name: 'Profile created' }).textContent).toContain('https:// was added to the base URL: https://api.airbyte.ai.');
    expect(stores.useProfilesStore.getState().list).toMatchObject({ value: { activeProfileId: 'p2' } });
    expect(screen.getByRole('status', { name: 'Notifications' }).textContent).toContain('Profile “Globex” created');
    fireEvent.click(within(credentials).getByRole('button', { name: 'Cancel' }));
    // Focus goes back to what opened the first dialog.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'New profile…' }));
  });

  it('puts a taken name under the name field, keeping what was typed', async () => {
    await renderWith('connected');
    answer('profiles:create', () => ({ ok: false, error: { code: 'conflict', message: 'A profile named “Acme” already exists. Choose another name.', retryable: false } }));
    fireEvent.click(screen.getByRole('button', { name: 'New profile…' }));
    const form = screen.getByRole('form', { name: 'New profile' });
    const name = within(form).getByLabelText('Name');
    fireEvent.change(name, { target: { value: 'acme ' } });
    fireEvent.submit(form);
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    const described = document.getElementById(name.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toBe('A profile named “Acme” already exists. Choose another name.');
    expect((name as HTMLInputElement).value).toBe('acme ');
    expect(within(form).queryByRole('alert')).toBeNull();
  });

  it('edits a profile sending only the change', async () => {
    await renderWith('connected');
    let sent: unknown = null;
    answer('profiles:update', (input: { changes: object }) => {
      sent = input;
      return ok({ ...acme, ...input.changes });
    });
    fireEvent.click(screen.getByRole('button', { name: 'Edit profile…' }));
    const form = screen.getByRole('form', { name: 'Edit profile Acme' });
    fireEvent.change(within(form).getByLabelText('Proxy'), { target: { value: 'http://proxy.local:3128' } });
    fireEvent.submit(form);
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit profile Acme' })).toBeNull());
    expect(sent).toEqual({ id: 'p1', changes: { proxy: 'http://proxy.local:3128' } });
    expect(screen.getByRole('status', { name: 'Notifications' }).textContent).toContain('Profile “Acme” saved.');
  });

  it('asks before deleting, naming the profile and its keychain entry', async () => {
    await renderWith('connected');
    answer('profiles:remove', () => {
      profiles = [sandbox];
      activeProfileId = 'sandbox';
      return ok({ removed: true });
    });
    fireEvent.click(screen.getByRole('button', { name: 'Delete profile…' }));
    const confirm = screen.getByRole('dialog', { name: 'Delete profile Acme?' });
    expect(confirm.textContent).toContain('The profile “Acme” and its keychain entry');
    await act(async () => {
      fireEvent.click(within(confirm).getByRole('button', { name: 'Delete profile' }));
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.getByRole('status', { name: 'Notifications' }).textContent).toContain('Profile “Acme” deleted.');
    // The button that opened it is gone with the profile: focus lands on the profile picker.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Active profile' })));
  });
});

describe('credentials dialog and the keychain', () => {
  it('pre-ticks "session only" and says why when the keychain is unavailable', async () => {
    answer('app:report', () => ok(report({ status: 'unavailable', reason: 'no_dbus_session', message: 'No D-Bus.', remedy: 'Start one.' })));
    await act(() => stores.useAppStore.getState().loadReport());
    await renderWith('no_credentials');
    fireEvent.click(screen.getByRole('button', { name: 'Set credentials…' }));
    const dialog = screen.getByRole('dialog', { name: 'Credentials for Acme' });
    const box = within(dialog).getByRole('checkbox', { name: /this session only/ }) as HTMLInputElement;
    expect(box.checked).toBe(true);
    expect(dialog.textContent).toContain('Ticked because the OS keychain is unavailable (no D-Bus session is running)');
  });

  it('leaves it unticked with a working keychain, and a late refusal ticks it with one sentence', async () => {
    await act(() => stores.useAppStore.getState().loadReport());
    await renderWith('no_credentials');
    const repeated = 'The OS keychain cannot store credentials right now. No D-Bus. Until then, credentials can be kept for this session only. You can keep them for this session only.';
    answer('credentials:set', () => ({ ok: false, error: { code: 'keychain_unavailable', message: repeated, retryable: false } }));
    answer('app:checkKeychain', () => ok({ status: 'available', backend: 'x' }));
    fireEvent.click(screen.getByRole('button', { name: 'Set credentials…' }));
    const dialog = screen.getByRole('dialog', { name: 'Credentials for Acme' });
    const box = within(dialog).getByRole('checkbox', { name: /this session only/ }) as HTMLInputElement;
    expect(box.checked).toBe(false);
    fireEvent.change(within(dialog).getByLabelText('Client ID'), { target: { value: 'id' } });
    fireEvent.change(within(dialog).getByLabelText('Client secret'), { target: { value: 'secret' } });
    fireEvent.submit(within(dialog).getByRole('form', { name: 'Credentials' }));
    const alert = await within(dialog).findByRole('alert');
    expect(box.checked).toBe(true);
    expect(alert.textContent?.match(/session only/g)).toHaveLength(1);
  });
});
