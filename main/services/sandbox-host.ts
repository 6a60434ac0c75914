import { startSandbox, type RunningSandbox } from '../sandbox/server';

/**
 * Runs the sandbox inside the main process while the Sandbox profile is active: started once, on
 * first need, on a free loopback port, without test controls (those are for tests and demos only).
 */
export function createSandboxHost(start: () => Promise<RunningSandbox> = () => startSandbox({ port: 0, controls: false })) {
  let running: Promise<RunningSandbox> | null = null;
  return {
    url: async (): Promise<string> => {
      running ??= start().catch((error: unknown) => {
        running = null;
        throw error;
      });
      return (await running).url;
    },
    stop: async (): Promise<void> => {
      const current = running;
      running = null;
      if (current) await (await current).close();
    },
  };
}

export type SandboxHost = ReturnType<typeof createSandboxHost>;
