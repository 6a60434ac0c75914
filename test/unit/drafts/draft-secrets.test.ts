import { describe, expect, it } from 'vitest';
import { DRAFT_SECRETS_SERVICE, DraftSecrets } from '../../../main/services/drafts/draft-secrets';
import { memoryKeytar } from '../../support/fake-keytar';

// Kept secret values follow the credentials rule: bound to the API address they were entered for.
describe('kept draft secrets', () => {
  it('are per profile, never listed with their values, and unusable once the profile points elsewhere', async () => {
    const keytar = await memoryKeytar()();
    const addresses = new Map([
      ['p1', 'https://api.airbyte.ai'],
      ['p2', 'http://127.0.0.1:9'],
    ]);
    const secrets = new DraftSecrets(async () => keytar, async (id) => addresses.get(id) ?? null);

    expect(await secrets.set('p1', 'pg-password', 's3cret')).toEqual(['pg-password']);
    expect(await secrets.names('p2')).toEqual([]);
    expect(await secrets.get('p2', 'pg-password')).toBeNull();
    expect(await secrets.get('p1', 'pg-password')).toBe('s3cret');

    // The profile's base URL changes (to an address someone else controls): the value stays put, unsent.
    addresses.set('p1', 'https://attacker.example');
    expect(await secrets.get('p1', 'pg-password')).toBeNull();
    expect(await secrets.names('p1')).toEqual([]);

    // A value not written by the app (no binding) is not trusted either.
    await keytar.setPassword(DRAFT_SECRETS_SERVICE, 'p2/raw', 'plain');
    expect(await secrets.get('p2', 'raw')).toBeNull();
  });

  it('say plainly when the keychain is unavailable', async () => {
    const secrets = new DraftSecrets(async () => null, async () => 'https://api.airbyte.ai');
    await expect(secrets.set('p1', 'x', 'y')).rejects.toMatchObject({ code: 'keychain_unavailable', message: expect.stringMatching(/^The system keychain is not available/) });
  });
});
