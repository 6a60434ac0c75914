import { describe, expect, it } from 'vitest';
import type { AppErrorShape } from '../../preload/contract';
import { connectedSentence, connectionStateOfError, summarizeConnection } from '../../renderer/features/profiles/connection-state';
import { addedScheme, createInput, credentialsRemovedNote, EMPTY_FORM, localProblems, MAX_LENGTH, placeProblems, schemeNote, updateInput } from '../../renderer/features/profiles/profile-form-model';
import type { ProfileView } from '../../preload/contract';
import { profileFieldsSchema } from '../../preload/contract';

const refused = (message: string, issues?: Array<{ path: string; message: string }>, code: AppErrorShape['code'] = 'invalid_input'): AppErrorShape => ({
  code,
  message,
  retryable: false,
  ...(issues ? { details: { issues } } : {}),
});

describe('placing a refusal next to its field', () => {
  it('puts a taken name under the name field, with nothing left over', () => {
    const placed = placeProblems(refused('A profile named “Acme” already exists. Choose another name.', undefined, 'conflict'));
    expect(placed).toEqual({ fields: { name: 'A profile named “Acme” already exists. Choose another name.' }, rest: null });
  });

  it('uses the whole message for a single refused field, even when the issue is a fragment', () => {
    const placed = placeProblems(refused('The extra CA file must be an absolute path.', [{ path: 'caFile', message: 'must be an absolute path' }], 'validation'));
    expect(placed.fields).toEqual({ caFile: 'The extra CA file must be an absolute path.' });
    expect(placed.rest).toBeNull();
  });

  it('maps nested paths of an update (changes.baseUrl) and keeps several fields apart', () => {
    const placed = placeProblems(
      refused('Base URL must be an https:// URL. (1 more problem below.)', [
        { path: 'changes.baseUrl', message: 'Base URL must be an https:// URL.' },
        { path: 'changes.organizationId', message: 'Organization ID is not in the expected form (uuid).' },
      ]),
    );
    expect(placed.fields).toEqual({ baseUrl: 'Base URL must be an https:// URL.', organizationId: 'Organization ID is not in the expected form (uuid).' });
    expect(placed.rest).toBeNull();
  });

  it('leaves an error about no field (the keychain, the disk) to the panel under the form', () => {
    const error = refused('The profiles file could not be written: the disk is full.', undefined, 'storage' as AppErrorShape['code']);
    expect(placeProblems(error)).toEqual({ fields: {}, rest: error });
  });
});

describe('what the form sends', () => {
  it('leaves empty optional settings out of a new profile', () => {
    expect(createInput({ ...EMPTY_FORM, name: 'Acme', baseUrl: ' api.airbyte.ai ', proxy: '  ' })).toEqual({ name: 'Acme', baseUrl: 'api.airbyte.ai', defaultRegion: 'US' });
  });

  it('sends only what changed, and refuses to pretend an emptied setting was removed', () => {
    const before = { ...EMPTY_FORM, name: 'Acme', proxy: 'http://proxy:3128' };
    expect(updateInput(before, { ...before, name: 'Acme 2' })).toEqual({ changes: { name: 'Acme 2' } });
    expect(updateInput(before, { ...before })).toEqual({ changes: {} });
    // An emptied optional setting is removed (null), not silently kept.
    expect(updateInput(before, { ...before, proxy: '' })).toEqual({ changes: { proxy: null } });
  });

  it('caps each input where the schema would refuse it', () => {
    const at = (field: keyof typeof MAX_LENGTH, value: string) => profileFieldsSchema.safeParse({ ...createInput({ ...EMPTY_FORM, name: 'Acme' }), [field]: value }).success;
    expect(at('name', 'n'.repeat(MAX_LENGTH.name))).toBe(true);
    expect(at('name', 'n'.repeat(MAX_LENGTH.name + 1))).toBe(false);
    expect(at('caFile', `/${'c'.repeat(MAX_LENGTH.caFile - 1)}`)).toBe(true);
    expect(at('caFile', `/${'c'.repeat(MAX_LENGTH.caFile)}`)).toBe(false);
    expect(at('organizationId', '123e4567-e89b-12d3-a456-426614174000')).toBe(true);
    expect('123e4567-e89b-12d3-a456-426614174000').toHaveLength(MAX_LENGTH.organizationId);
  });

  it('says which scheme was added, only when that is the whole difference', () => {
    expect(addedScheme('api.airbyte.ai', 'https://api.airbyte.ai')).toBe('https://');
    expect(addedScheme(' api.airbyte.ai ', 'https://api.airbyte.ai')).toBe('https://');
    expect(addedScheme('127.0.0.1:8123', 'http://127.0.0.1:8123')).toBe('http://');
    expect(addedScheme('https://api.airbyte.ai', 'https://api.airbyte.ai')).toBeNull();
    expect(addedScheme('api.airbyte.ai', 'https://api.airbyte.ai/v1')).toBeNull();
    expect(schemeNote('127.0.0.1:8123', 'http://127.0.0.1:8123')).toBe('http:// was added to the base URL because the server is on this machine: http://127.0.0.1:8123.');
    expect(schemeNote('api.airbyte.ai', 'https://api.airbyte.ai')).toBe('https:// was added to the base URL: https://api.airbyte.ai.');
  });

  it('completes loopback hosts with http:// and every other host with https:// (the contract, as main applies it)', () => {
    const baseUrl = (typed: string) => profileFieldsSchema.parse({ name: 'x', baseUrl: typed }).baseUrl;
    expect(baseUrl('127.0.0.1:8123')).toBe('http://127.0.0.1:8123');
    expect(baseUrl('localhost:8123/api')).toBe('http://localhost:8123/api');
    expect(baseUrl('[::1]:8123')).toBe('http://[::1]:8123');
    expect(baseUrl('127.1.2.3')).toBe('http://127.1.2.3');
    expect(baseUrl('api.airbyte.ai')).toBe('https://api.airbyte.ai');
    expect(baseUrl('10.0.0.1:8000')).toBe('https://10.0.0.1:8000');
    expect(baseUrl('localhost.example.com')).toBe('https://localhost.example.com');
  });

  it('says why an edit removed the credentials, naming what changed', () => {
    const view = (present: boolean) => ({ id: 'p', name: 'P', baseUrl: 'https://a', defaultRegion: 'US', builtIn: false, credentials: { present, secretTail: null, storage: 'session', notice: null } }) as ProfileView;
    expect(credentialsRemovedNote(view(true), view(false), { baseUrl: 'http://a' })).toBe('its credentials were removed because the API base URL changed, so set them again');
    expect(credentialsRemovedNote(view(true), view(false), { baseUrl: 'http://a', proxy: null })).toMatch(/because the API base URL and proxy changed/);
    expect(credentialsRemovedNote(view(true), view(true), { name: 'Q' })).toBeNull();
    expect(credentialsRemovedNote(view(false), view(false), { baseUrl: 'http://a' })).toBeNull();
  });

  it('finds a taken name and a relative CA path before sending, so both show on the first click', () => {
    const values = { ...EMPTY_FORM, name: ' sandbox ', caFile: 'certs/ca.pem' };
    expect(localProblems(values, [{ id: 'sandbox', name: 'Sandbox' }], null)).toEqual({
      name: 'A profile named “Sandbox” already exists. Choose another name.',
      caFile: 'The extra CA file must be an absolute path.',
    });
    expect(localProblems({ ...values, caFile: '/etc/ca.pem' }, [{ id: 'sandbox', name: 'Sandbox' }], 'sandbox')).toEqual({});
    expect(localProblems({ ...values, caFile: 'C:\\certs\\ca.pem' }, [], null)).toEqual({});
  });

  it('words an organization id in the wrong form as an example, not a format name', () => {
    const parsed = profileFieldsSchema.safeParse({ name: 'x', organizationId: 'not-a-uuid' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe('must look like 123e4567-e89b-12d3-a456-426614174000');
  });
});

describe('connection states', () => {
  it('names each problem apart, with the action that fixes it', () => {
    expect(summarizeConnection('connected', false)).toMatchObject({ title: 'Connected', tone: 'ok', fixes: [] });
    expect(summarizeConnection('unreachable', false)).toMatchObject({ title: 'Not reachable', fixes: ['Edit profile…', 'Try again'] });
    expect(summarizeConnection('no_credentials', false)).toMatchObject({ title: 'No credentials', fixes: ['Set credentials…'] });
    expect(summarizeConnection('rejected', false)).toMatchObject({ title: 'Credentials rejected', fixes: ['Set credentials…', 'Edit profile…'] });
    expect(summarizeConnection('keychain_unavailable', false)).toMatchObject({ title: 'Keychain unavailable', fixes: expect.arrayContaining(['Set credentials…']) });
  });

  it('offers the built-in profile only a retry (it has no credentials or settings to change)', () => {
    expect(summarizeConnection('unreachable', true).fixes).toEqual(['Try again']);
    expect(summarizeConnection('rejected', true).fixes).toEqual([]);
  });
});

describe('errors of any call, as connection states (the error panel offers the sidebar’s fixes)', () => {
  const err = (code: AppErrorShape['code'], status?: number): AppErrorShape => ({ code, message: 'x', retryable: false, ...(status ? { details: { status } } : {}) });
  it('tells missing credentials from rejected ones by the HTTP status', () => {
    expect(connectionStateOfError(err('unauthorized'))).toBe('no_credentials');
    expect(connectionStateOfError(err('unauthorized', 401))).toBe('rejected');
    expect(connectionStateOfError(err('network'))).toBe('unreachable');
    expect(connectionStateOfError(err('timeout'))).toBe('unreachable');
    expect(connectionStateOfError(err('keychain_unavailable'))).toBe('keychain_unavailable');
    expect(connectionStateOfError(err('not_found', 404))).toBeNull();
  });

  it('says what the test learnt of the organization, never a page size as its count', () => {
    expect(connectedSentence('Large org', { workspaceCount: 5041 })).toBe('“Large org” is connected; the organization has 5,041 workspaces.');
    expect(connectedSentence('Large org', { workspaceCount: null })).toBe('“Large org” is connected; the organization has workspaces.');
    expect(connectedSentence('New', { workspaceCount: 0 })).toBe('“New” is connected; the organization has no workspaces yet.');
    expect(connectedSentence('One', { workspaceCount: 1 })).toBe('“One” is connected; the organization has 1 workspace.');
  });

  it('shows the keychain once in the status bar: the API entry for unreadable credentials does not repeat it', () => {
    expect(summarizeConnection('keychain_unavailable', false).short).not.toMatch(/keychain/i);
  });
});
