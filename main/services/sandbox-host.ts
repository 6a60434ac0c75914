import { REGION_EU } from '../sandbox/ids';
import { startSandbox, type RunningSandbox } from '../sandbox/server';

/**
 * Runs the sandbox inside the main process while the Sandbox profile is active: started once, on
 * first need, on a free loopback port, without test controls (those are for tests and demos only).
 */
/** EMBEDDED_CONSOLE_SANDBOX_SEED=large gives the built-in sandbox 5,000 more workspaces (demos, benchmarks). */
export function sandboxSeedFromEnv(env: NodeJS.ProcessEnv = process.env): 'demo' | 'large' {
  return env.EMBEDDED_CONSOLE_SANDBOX_SEED === 'large' ? 'large' : 'demo';
}

export function createSandboxHost(
  start: () => Promise<RunningSandbox> = () => startSandbox({ port: 0, controls: false, seed: sandboxSeedFromEnv() }),
) {
  let running: Promise<RunningSandbox> | null = null;
  let started: RunningSandbox | null = null;
  return {
    /** Where the running sandbox keeps a workspace (local data of the built-in profile), or null. */
    regionOf: (workspaceId: string): 'US' | 'EU' | null => {
      const workspace = started?.store.liveWorkspace(workspaceId);
      if (!workspace) return null;
      return workspace.region_id === REGION_EU ? 'EU' : 'US';
    },
    /** The running sandbox's clock in seconds, or null when it is not running (the widget preview's "Expire now"). */
    clockNowSeconds: (): number | null => started?.store.clock.nowSeconds() ?? null,
    /** Moves the running sandbox's clock forward so its tokens expire; false when it is not running. */
    advanceClock: (seconds: number): boolean => {
      if (!started) return false;
      started.store.clock.advance(seconds);
      return true;
    },
    url: async (): Promise<string> => {
      running ??= start().then(
        (sandbox) => (started = sandbox),
        (error: unknown) => {
          running = null;
          throw error;
        },
      );
      return (await running).url;
    },
    stop: async (): Promise<void> => {
      const current = running;
      running = null;
      started = null;
      if (current) await (await current).close();
    },
  };
}

type FullSandboxHost = ReturnType<typeof createSandboxHost>;
/** The clock controls are optional so hosts faked by tests (url/regionOf/stop) still fit. */
export type SandboxHost = Omit<FullSandboxHost, 'clockNowSeconds' | 'advanceClock'> & Partial<Pick<FullSandboxHost, 'clockNowSeconds' | 'advanceClock'>>;
