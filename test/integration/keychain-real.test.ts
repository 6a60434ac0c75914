import { describe, expect, it } from 'vitest';
import { HEALTH_SERVICE, probeKeychain } from '../../main/services/vault/keychain-health';
import { loadKeytar } from '../../main/services/vault/keytar-module';

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
});
