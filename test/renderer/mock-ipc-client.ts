import type { Result } from '../../preload/contract';
import { createApi } from '../../preload/contract';

/**
 * Stands in for `renderer/ipc/client` in component tests: the `api` every component imports, answered
 * by `ipc.handlers[channel]`, with each call recorded in `ipc.calls`. Use it as
 * `vi.mock('../../renderer/ipc/client', () => import('./mock-ipc-client'))`, then set the handlers.
 */
export const ipc = {
  handlers: {} as Record<string, (input: unknown) => Result<unknown> | Promise<Result<unknown>>>,
  calls: [] as Array<{ channel: string; input: unknown }>,
};

export const api = createApi(async (channel, input) => {
  ipc.calls.push({ channel, input });
  const handler = ipc.handlers[channel];
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(input) as never;
});
