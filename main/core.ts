import type { KeychainHealth, ShellKind } from '../preload/contract';
import { createRouter, type Handlers, type Router, type SenderPolicy } from './ipc/router';
import { buildAppReport } from './services/app-report';
import { createSandboxHost, type SandboxHost } from './services/sandbox-host';
import { probeKeychain } from './services/vault/keychain-health';
import { loadKeytar, type KeytarLoader } from './services/vault/keytar-module';

export interface CoreOptions {
  shell: ShellKind;
  keytarLoader?: KeytarLoader;
  sandboxHost?: SandboxHost;
  log?: (message: string) => void;
}

/** The built-in profile that needs no credentials: the first thing a new user sees working. */
export const SANDBOX_PROFILE = { id: 'sandbox', name: 'Sandbox' } as const;

/**
 * The main-process core shared by both shells: services plus the handlers bound to the contract.
 * Each shell wraps it in a router with its own sender policy.
 */
export function createCore(options: CoreOptions) {
  const loader = options.keytarLoader ?? loadKeytar;
  const sandbox = options.sandboxHost ?? createSandboxHost();
  let keychain: Promise<KeychainHealth> | null = null;
  const keychainHealth = (refresh = false) => {
    if (refresh || !keychain) keychain = probeKeychain(loader);
    return keychain;
  };

  const handlers: Handlers = {
    app: {
      report: async () =>
        buildAppReport({
          shell: options.shell,
          keychain: await keychainHealth(),
          activeProfile: { ...SANDBOX_PROFILE, baseUrl: await sandbox.url() },
        }),
      checkKeychain: () => keychainHealth(true),
    },
  };

  return {
    handlers,
    /** Stops what the core started (the in-process sandbox). */
    close: () => sandbox.stop(),
    createRouter<S>(policy: SenderPolicy<S>): Router<S> {
      return createRouter(handlers, policy, {
        onInternalError: (channel, error) =>
          (options.log ?? console.error)(`[ipc] ${channel} failed: ${error instanceof Error ? error.stack : String(error)}`),
      });
    },
  };
}
