import { createApi, type Api, type Result } from '../../preload/contract';

type Handler = (input: unknown) => Result<unknown> | Promise<Result<unknown>>;

/** An Api whose channels answer from the given handlers; any other channel fails loudly. */
export function fakeApi(handlers: Record<string, Handler>): { api: Api; calls: Array<{ channel: string; input: unknown }> } {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const api = createApi(async (channel, input) => {
    calls.push({ channel, input });
    const handler = handlers[channel];
    if (!handler) throw new Error(`fake api: no handler for ${channel}`);
    return handler(input);
  });
  return { api, calls };
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: 'network' | 'cancelled' | 'server', message: string): Result<never> => ({ ok: false, error: { code, message, retryable: code !== 'cancelled' } });
