import { describe, expect, it } from 'vitest';
import { probeKeychain } from '../../main/services/vault/keychain-health';
import { loadKeytar } from '../../main/services/vault/keytar-module';

// This file runs in its own process (vitest pool: forks), so clearing the variables here happens
// before libsecret ever connects: the real "no D-Bus session" case, not a simulated one.
delete process.env.DBUS_SESSION_BUS_ADDRESS;
delete process.env.DISPLAY;
delete process.env.WAYLAND_DISPLAY;
process.env.XDG_RUNTIME_DIR = '/nonexistent-runtime-dir';

describe('keychain without a D-Bus session', () => {
  it('says which problem it is and what to do, without crashing', async () => {
    const health = await probeKeychain(loadKeytar, 10_000);
    expect(health).toMatchObject({ status: 'unavailable', reason: 'no_dbus_session' });
    if (health.status === 'unavailable') {
      expect(health.message).toMatch(/D-Bus/);
      expect(health.remedy).toMatch(/session only/);
    }
  });
});
