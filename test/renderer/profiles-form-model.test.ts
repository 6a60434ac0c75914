import { describe, expect, it } from 'vitest';
import type { AppErrorShape } from '../../preload/contract';
import { summarizeConnection } from '../../renderer/features/profiles/connection-state';
import { createInput, EMPTY_FORM, MAX_LENGTH, placeProblems, schemeWasAdded, updateInput } from '../../renderer/features/profiles/profile-form-model';
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

  it('says "https:// was added" only when that is the whole difference', () => {
    expect(schemeWasAdded('api.airbyte.ai', 'https://api.airbyte.ai')).toBe(true);
    expect(schemeWasAdded(' api.airbyte.ai ', 'https://api.airbyte.ai')).toBe(true);
    expect(schemeWasAdded('https://api.airbyte.ai', 'https://api.airbyte.ai')).toBe(false);
    expect(schemeWasAdded('api.airbyte.ai', 'https://api.airbyte.ai/v1')).toBe(false);
  });
});

describe('connection states', () => {
  it('names each problem apart, with the action that fixes it', () => {
    expect(summarizeConnection('connected', false)).toEqual({ title: 'Connected', tone: 'ok', fixes: [] });
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
