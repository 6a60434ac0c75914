import { describe, expect, it } from 'vitest';
import { classifyKeychainError, probeKeychain } from '../../main/services/vault/keychain-health';

describe('keychain failure classification', () => {
  it.each([
    ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'no_dbus_session'],
    ['Could not connect: No such file or directory', 'no_dbus_session'],
    ['The name org.freedesktop.secrets was not provided by any .service files', 'no_secret_service'],
    ['Cannot create an item in a locked collection', 'locked'],
    ['Prompt dismissed', 'locked'],
    ["Cannot find module 'keytar'", 'module_missing'],
    ['Something odd happened', 'unknown'],
  ])('%s → %s', (message, reason) => {
    expect(classifyKeychainError(new Error(message)).reason).toBe(reason);
  });

  it('gives up on a keychain that never answers (a locked one waiting on a prompt)', async () => {
    const hanging = async () => ({
      setPassword: () => new Promise<void>(() => undefined),
      getPassword: async () => null,
      deletePassword: async () => true,
      findCredentials: async () => [],
    });
    const health = await probeKeychain(hanging, 50);
    expect(health).toMatchObject({ status: 'unavailable', reason: 'timeout' });
  });

  it('refuses a keychain that does not return what was stored', async () => {
    const forgetful = async () => ({
      setPassword: async () => undefined,
      getPassword: async () => 'something else',
      deletePassword: async () => true,
      findCredentials: async () => [],
    });
    expect(await probeKeychain(forgetful)).toMatchObject({ status: 'unavailable', reason: 'unknown' });
  });
});
