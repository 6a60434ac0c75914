import type { z } from 'zod';
import { contract, type Contract } from './contract';
import { bulkTextKey } from './browser-transport';
import type { ChannelSpec } from './define';
import type { Result } from './result';

type InputOf<S> = S extends ChannelSpec<infer I, z.ZodType> ? z.input<I> : never;
type OutputOf<S> = S extends ChannelSpec<z.ZodType, infer O> ? z.output<O> : never;

/** A method of `window.api`: optional argument when the channel takes no input. */
export type ApiMethod<S> =
  undefined extends InputOf<S>
    ? (input?: InputOf<S>) => Promise<Result<OutputOf<S>>>
    : (input: InputOf<S>) => Promise<Result<OutputOf<S>>>;

export type Api = { readonly [N in keyof Contract]: { readonly [M in keyof Contract[N]]: ApiMethod<Contract[N][M]> } };

export type ChannelInput<N extends keyof Contract, M extends keyof Contract[N]> = InputOf<Contract[N][M]>;
export type ChannelOutput<N extends keyof Contract, M extends keyof Contract[N]> = OutputOf<Contract[N][M]>;

export interface ChannelEntry {
  readonly name: string;
  readonly namespace: string;
  readonly method: string;
  readonly spec: ChannelSpec;
}

export function channelName(namespace: string, method: string): string {
  return `${namespace}:${method}`;
}

/** Every channel of the contract, flattened. The single source for routers, preloads and tests. */
export function listChannels(): ChannelEntry[] {
  const entries: ChannelEntry[] = [];
  for (const [namespace, methods] of Object.entries(contract)) {
    for (const [method, spec] of Object.entries(methods as Record<string, ChannelSpec>)) {
      entries.push({ name: channelName(namespace, method), namespace, method, spec });
    }
  }
  return entries;
}

/** Channel name → the member of its output sent as raw bulk text by the browser shell (see `bulkText`). */
export function bulkTextChannels(): ReadonlyMap<string, string> {
  const keys = new Map<string, string>();
  for (const { name, spec } of listChannels()) {
    const key = bulkTextKey(spec.output);
    if (key !== null) keys.set(name, key);
  }
  return keys;
}

export type Invoke = (channel: string, input: unknown) => Promise<unknown>;

/** Builds `window.api` over any transport (Electron IPC in the preload, HTTP in the browser shell). */
export function createApi(invoke: Invoke): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const { name, namespace, method } of listChannels()) {
    (api[namespace] ??= {})[method] = (input?: unknown) => invoke(name, input);
  }
  return api as unknown as Api;
}
