import type { KeychainHealth } from '../../../preload/contract';
import type { KeytarLoader } from './keytar-module';

export const HEALTH_SERVICE = 'embedded-console.health-probe';
const HEALTH_ACCOUNT = 'probe';

type Unavailable = Extract<KeychainHealth, { status: 'unavailable' }>;

/**
 * Maps libsecret / keytar failures to something a user can act on. The raw texts come from GLib and
 * D-Bus and never contain a secret (the probe stores only a random marker).
 */
export function classifyKeychainError(error: unknown): Unavailable {
  const raw = error instanceof Error ? error.message : String(error);
  const text = raw.toLowerCase();
  if (text.includes('cannot find module') || text.includes('keytar.node') || text.includes('libsecret-1.so')) {
    return {
      status: 'unavailable',
      reason: 'module_missing',
      message: `The keychain module could not be loaded (${raw}).`,
      remedy: 'Reinstall the app; on Linux install libsecret-1-0. From a source checkout on Debian/Ubuntu: sudo apt-get install libsecret-1-dev, then npm install again.',
    };
  }
  if (
    text.includes('autolaunch d-bus') ||
    text.includes('dbus_session_bus_address') ||
    text.includes('could not connect') ||
    text.includes('failed to connect to socket') ||
    text.includes('cannot spawn a message bus')
  ) {
    return {
      status: 'unavailable',
      reason: 'no_dbus_session',
      message: 'No D-Bus session bus is running, so the Secret Service cannot be reached.',
      remedy:
        'Start the app from a desktop session, or run it under dbus-run-session with gnome-keyring-daemon unlocked. Until then, credentials can be kept for this session only.',
    };
  }
  if (text.includes('org.freedesktop.secrets') || text.includes('not provided by any .service files') || text.includes('serviceunknown')) {
    return {
      status: 'unavailable',
      reason: 'no_secret_service',
      message: 'No Secret Service provider (such as gnome-keyring or KeePassXC) is running on the session bus.',
      remedy: 'Install and start gnome-keyring (or enable KeePassXC’s Secret Service integration), then check again.',
    };
  }
  if (text.includes('locked') || text.includes('prompt') || text.includes('dismissed') || text.includes('unlock')) {
    return {
      status: 'unavailable',
      reason: 'locked',
      message: 'The keychain is locked and could not be unlocked.',
      remedy: 'Unlock your login keyring (log out and in, or open Passwords and Keys), then check again.',
    };
  }
  return {
    status: 'unavailable',
    reason: 'unknown',
    message: `The keychain refused the request (${raw}).`,
    remedy: 'Check that your OS keychain works, then check again. Credentials can be kept for this session only meanwhile.',
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new KeychainTimeout()), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

class KeychainTimeout extends Error {}

/**
 * Writes, reads back and deletes a throw-away marker: a read-only probe would pass on a keyring
 * that cannot store anything. Bounded in time because a locked keyring may wait on a prompt forever.
 */
export async function probeKeychain(load: KeytarLoader, timeoutMs = 5000): Promise<KeychainHealth> {
  try {
    const keytar = await load();
    const marker = `probe-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await withTimeout(
      (async () => {
        await keytar.setPassword(HEALTH_SERVICE, HEALTH_ACCOUNT, marker);
        const readBack = await keytar.getPassword(HEALTH_SERVICE, HEALTH_ACCOUNT);
        await keytar.deletePassword(HEALTH_SERVICE, HEALTH_ACCOUNT);
        if (readBack !== marker) throw new Error('The keychain did not return what was stored.');
      })(),
      timeoutMs,
    );
    return { status: 'available', backend: backendName(process.platform) };
  } catch (error) {
    if (error instanceof KeychainTimeout) {
      return {
        status: 'unavailable',
        reason: 'timeout',
        message: `The keychain did not answer within ${Math.round(timeoutMs / 1000)} s; it may be waiting for an unlock prompt.`,
        remedy: 'Unlock your keychain, then check again.',
      };
    }
    return classifyKeychainError(error);
  }
}

function backendName(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain';
  if (platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (libsecret)';
}
