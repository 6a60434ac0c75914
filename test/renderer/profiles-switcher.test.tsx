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

async function renderWith(state: 'connected' | 'unreachable' | 'no_credentials' | 'rejected' | 'keychain_unavailable' | 'failed', message = 'The words of main.') {
  answer('profiles:testConnection', () => ok({ ok: state === 'connected', state, message, workspacesSeen: state === 'connected' ? 3 : null, workspaceCount: state === 'connected' ? 3 : null }));
  render(
    <>
      <ProfileSwitcher />
      <Toasts />
    </>,
  );
  await waitFor(() => expect(screen.getByLabelText('Connection').textContent).not.toContain('Checking'));
}

/** The profile actions in their order, and which of them are marked as fixing the state (described by it). */
function actions() {
  const buttons = within(screen.getByRole('group', { name: 'Profile actions' })).getAllByRole('button');
  return { order: buttons.map((b) => b.textContent?.trim()), fixes: buttons.filter((b) => b.getAttribute('aria-describedby')).map((b) => b.textContent?.trim()) };
}
const ORDER = ['Test connection', 'Set credentials…', 'Edit profile…', 'Delete profile…', 'New profile…'];

describe('profile switcher: connection states', () => {
  it('calls rejected credentials by their name and marks the actions that fix it, not "Not reachable"', async () => {
    await renderWith('rejected', 'The API rejected this profile’s client id or secret.');
    const state = screen.getByLabelText('Connection');
    expect(state.textContent).toContain('Credentials rejected');
    expect(state.textContent).toContain('The API rejected this profile’s client id or secret.');
    expect(state.textContent).not.toContain('Not reachable');
    expect(actions()).toEqual({ order: ORDER, fixes: ['Set credentials…', 'Edit profile…'] });
    // Offered once, and described by the state it fixes.
    expect(screen.getAllByRole('button', { name: 'Set credentials…' })).toHaveLength(1);
    expect(screen.getByRole('button', { name: 'Set credentials…' }).getAttribute('aria-describedby')).toBe(state.id);
  });

  it.each([
    ['unreachable', 'Not reachable', ['Test connection', 'Edit profile…']],
    ['no_credentials', 'No credentials', ['Set credentials…']],
    ['keychain_unavailable', 'Keychain unavailable', ['Test connection', 'Set credentials…']],
    ['connected', 'Connected', []],
  ] as const)('%s reads "%s"; the buttons keep one order, the fixes are marked', async (state, title, fixes) => {
    await renderWith(state);
    expect(screen.getByLabelText('Connection').querySelector('strong')?.textContent).toBe(title);
    expect(actions()).toEqual({ order: ORDER, fixes });
  });

  it('keeps a long message to a few lines, with the whole text in its title', async () => {
    const long = 'The API answered something very long. '.repeat(20).trim();
    await renderWith('unreachable', long);
    const detail = screen.getByLabelText('Connection').querySelector('.connection-detail');
    expect(detail?.classList.contains('clamped')).toBe(true);
    expect(detail?.getAttribute('title')).toBe(long);
  });

  it('says why credentials are gone once, with "Set credentials…" marked as the fix', async () => {
    profiles = [sandbox, { ...acme, credentials: { ...creds(false), notice: 'The API base URL changed, so the saved client secret was removed. Enter the client id and secret again for the new settings.' } }];
    await renderWith('no_credentials', 'The API base URL changed, so the saved client secret was removed. Enter the client id and secret again for the new settings.');
    expect(screen.getByRole('status', { name: 'Secret removed' }).textContent).toMatch(/^The API base URL changed/);
    expect(document.body.textContent?.match(/base URL changed/g)).toHaveLength(1);
    expect(actions().fixes).toEqual(['Set credentials…']);
  });

  it('announces a successful test in the toast region, with a count it knows to be true', async () => {
    await renderWith('connected');
    expect(screen.getByLabelText('Connection').textContent).toBe('Connected');
    answer('profiles:testConnection', () => ok({ ok: true, state: 'connected', message: 'Connected.', workspacesSeen: 20, workspaceCount: 5041 }));
    fireEvent.click(screen.getByRole('button', { name: 'Test connection' }));
    const region = screen.getByRole('status', { name: 'Notifications' });
    await waitFor(() => expect(region.textContent).toContain('“Acme” is connected; the organization has 5,041 workspaces.'));
    expect(region.textContent).not.toContain('20');
    expect(region.getAttribute('aria-live')).toBe('polite');
  });
});

describe('error panels anywhere offer the fix of the connection state', () => {
  it('"Set credentials…" in a main-panel error opens the credentials dialog of the active profile', async () => {
    const { ErrorPanel } = await import('../../renderer/ui/ErrorPanel');
    await renderWith('no_credentials');
    const retry = vi.fn();
    render(<ErrorPanel error={{ code: 'unauthorized', message: 'This profile has no client credentials yet; set a client id and secret.', retryable: false }} onRetry={retry} />);
    const panel = screen.getAllByRole('alert').at(-1)!;
    expect(within(panel).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Set credentials…', 'Try again']);
    fireEvent.click(within(panel).getByRole('button', { name: 'Set credentials…' }));
    expect(await screen.findByRole('dialog', { name: 'Credentials for Acme' })).toBeTruthy();
  });

  it('offers "Edit profile…" and "Try again" when the API is unreachable, and "Edit profile…" opens the form', async () => {
    const { ErrorPanel } = await import('../../renderer/ui/ErrorPanel');
    await renderWith('unreachable');
    render(<ErrorPanel error={{ code: 'network', message: 'The server at 127.0.0.1:8123 does not speak HTTPS; try http://127.0.0.1:8123 in Edit profile.', retryable: false }} onRetry={() => {}} />);
    const panel = screen.getAllByRole('alert').at(-1)!;
    expect(within(panel).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Edit profile…', 'Try again']);
    fireEvent.click(within(panel).getByRole('button', { name: 'Edit profile…' }));
    expect(await screen.findByRole('form', { name: 'Edit profile Acme' })).toBeTruthy();
  });

  it('offers the Sandbox profile only a retry (nothing of it can be edited)', async () => {
    const { ErrorPanel } = await import('../../renderer/ui/ErrorPanel');
    activeProfileId = 'sandbox';
    await renderWith('unreachable');
    render(<ErrorPanel error={{ code: 'network', message: 'Nothing is listening.', retryable: true }} onRetry={() => {}} />);
    const panel = screen.getAllByRole('alert').at(-1)!;
    expect(within(panel).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Try again']);
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

  it('says with the save that an address change removed the credentials', async () => {
    profiles = [sandbox, { ...acme, baseUrl: 'https://127.0.0.1:8123', credentials: creds(true) }];
    await renderWith('unreachable');
    answer('profiles:update', (input: { changes: { baseUrl: string } }) => ok({ ...acme, baseUrl: input.changes.baseUrl, credentials: { ...creds(false), notice: 'The API base URL changed, so the saved client secret was removed.' } }));
    fireEvent.click(screen.getByRole('button', { name: 'Edit profile…' }));
    const form = screen.getByRole('form', { name: 'Edit profile Acme' });
    fireEvent.change(within(form).getByLabelText('API base URL'), { target: { value: 'http://127.0.0.1:8123' } });
    fireEvent.submit(form);
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Edit profile Acme' })).toBeNull());
    expect(screen.getByRole('status', { name: 'Notifications' }).textContent).toContain('Profile “Acme” saved; its credentials were removed because the API base URL changed, so set them again.');
  });

  it('shows a taken name and a relative CA path together on the first click', async () => {
    await renderWith('connected');
    // Main reports only the CA file here (say it checked that first): the form adds the name it can see is taken.
    answer('profiles:create', () => ({ ok: false, error: { code: 'validation', message: 'The extra CA file must be an absolute path.', retryable: false, details: { issues: [{ path: 'caFile', message: 'must be an absolute path' }] } } }));
    fireEvent.click(screen.getByRole('button', { name: 'New profile…' }));
    const form = screen.getByRole('form', { name: 'New profile' });
    fireEvent.change(within(form).getByLabelText('Name'), { target: { value: 'ACME' } });
    fireEvent.change(within(form).getByLabelText('Extra CA file'), { target: { value: 'certs/ca.pem' } });
    fireEvent.submit(form);
    await waitFor(() => expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByLabelText('Extra CA file').getAttribute('aria-invalid')).toBe('true');
    expect(form.textContent).toContain('A profile named “Acme” already exists. Choose another name.');
    expect(form.textContent).toContain('The extra CA file must be an absolute path.');
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
    // Inside the credentials dialog, the panel does not offer the dialog itself again.
    expect(within(alert).queryByRole('button', { name: 'Set credentials…' })).toBeNull();
  });

  it.each([
    ['rejected', 'Credentials saved for “Acme” for this session only, but the API rejected them: check the client id and secret.'],
    ['connected', 'Credentials saved for “Acme” for this session only, and the connection works.'],
  ] as const)('after saving, one toast says what the test then found (%s)', async (state, sentence) => {
    const { useToastStore } = await import('../../renderer/ui/toast-store');
    useToastStore.setState({ toasts: [] });
    await renderWith('no_credentials');
    answer('credentials:set', () => ok({ present: true, secretTail: '••••', storage: 'session', notice: null }));
    answer('profiles:testConnection', () => ok({ ok: state === 'connected', state, message: 'x', workspacesSeen: null, workspaceCount: null }));
    fireEvent.click(screen.getByRole('button', { name: 'Set credentials…' }));
    const dialog = screen.getByRole('dialog', { name: 'Credentials for Acme' });
    fireEvent.change(within(dialog).getByLabelText('Client ID'), { target: { value: 'id' } });
    fireEvent.change(within(dialog).getByLabelText('Client secret'), { target: { value: 'secret' } });
    fireEvent.click(within(dialog).getByRole('checkbox', { name: /this session only/ }));
    fireEvent.submit(within(dialog).getByRole('form', { name: 'Credentials' }));
    const region = screen.getByRole('status', { name: 'Notifications' });
    await waitFor(() => expect(region.textContent).toContain(sentence));
    expect(region.textContent?.match(/Credentials saved/g)).toHaveLength(1);
    // Rejected credentials were saved, but the toast does not pass for a success.
    expect(useToastStore.getState().toasts.at(-1)?.tone).toBe(state === 'connected' ? 'success' : 'warning');
    expect(region.textContent?.startsWith('Warning: ')).toBe(state !== 'connected');
  });
});
