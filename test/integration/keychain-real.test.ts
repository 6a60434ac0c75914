import { describe, expect, it } from 'vitest';
import { HEALTH_SERVICE, probeKeychain } from '../../main/services/vault/keychain-health';
import { loadKeytar } from '../../main/services/vault/keytar-module';
import { KeychainSecretStore } from '../../main/services/vault/secret-store';

// scripts/with-keyring.sh sets EC_REAL_KEYRING inside a private D-Bus session with gnome-keyring.
// Outside it (a developer's plain `vitest`), these tests are skipped and say so; CI always runs them.
const real = process.env.EC_REAL_KEYRING === '1';

describe.skipIf(!real)('keychain against a real gnome-keyring', () => {
  it('reports the Secret Service as available', async () => {
    expect(await probeKeychain(loadKeytar)).toEqual({ status: 'available', backend: 'Secret Service (libsecret)' });
  });

  it('leaves no probe entry behind', async () => {
    await probeKeychain(loadKeytar);
    const keytar = await loadKeytar();
    expect(await keytar.findCredentials(HEALTH_SERVICE)).toEqual([]);
  });

  it('stores, reads and deletes a profile’s credentials in the Secret Service', async () => {
    const store = new KeychainSecretStore(await loadKeytar());
    const id = `test-profile-${Date.now()}`;
    expect(await store.get(id)).toBeNull();
    const boundTo = { baseUrl: 'https://api.example.test', tokenUrl: null, proxy: null, caFile: null };
    await store.set(id, { client_id: 'client', client_secret: 'in-the-keyring' }, boundTo);
    // A second instance (a restart) reads the same entry back from the keyring, with its binding.
    expect(await new KeychainSecretStore(await loadKeytar()).get(id)).toEqual({ client_id: 'client', client_secret: 'in-the-keyring', boundTo });
    expect(await store.delete(id)).toBe(true);
    expect(await store.get(id)).toBeNull();
  });
});
