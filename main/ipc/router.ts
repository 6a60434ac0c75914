import type { z } from 'zod';
import {
  listChannels,
  type ChannelEntry,
  type ChannelSpec,
  type Contract,
  type Result,
} from '../../preload/contract';
import { AppError } from './app-error';
import { describeInvalidInput } from './input-messages';

/** Per-call facts a handler may use; never anything the renderer chose beyond the parsed input. */
export interface CallContext {
  readonly channel: string;
}

type HandlerFor<S> =
  S extends ChannelSpec<infer I, infer O> ? (input: z.output<I>, ctx: CallContext) => Promise<z.input<O>> : never;

/** One handler per contract entry; the compiler refuses a missing or misspelled one. */
export type Handlers = { [N in keyof Contract]: { [M in keyof Contract[N]]: HandlerFor<Contract[N][M]> } };

/** Says why a sender is refused, or null when it is ours. Each shell supplies its own. */
export type SenderPolicy<S> = (sender: S) => string | null;

export interface Router<S> {
  readonly channels: readonly string[];
  dispatch(channel: string, input: unknown, sender: S): Promise<Result<unknown>>;
}

export interface RouterOptions {
  /** Where unexpected handler failures are reported (never shown to the renderer). */
  onInternalError?: (channel: string, error: unknown) => void;
  /** The channel table; the contract's unless a test supplies its own. */
  channels?: readonly ChannelEntry[];
}

type AnyHandler = (input: unknown, ctx: CallContext) => Promise<unknown>;

function fail(error: AppError): Result<never> {
  return { ok: false, error: error.toShape() };
}

/**
 * The single entry point for every IPC call in both shells:
 * sender check → input schema parse → handler → output schema parse → Result envelope.
 */
export function createRouter<S>(handlers: Handlers, senderPolicy: SenderPolicy<S>, options: RouterOptions = {}): Router<S> {
  const table = new Map<string, { spec: ChannelSpec; handler: AnyHandler }>();
  const byNamespace = handlers as unknown as Record<string, Record<string, unknown>>;

  for (const { name, namespace, method, spec } of options.channels ?? listChannels()) {
    const handler = byNamespace[namespace]?.[method];
    if (typeof handler !== 'function') throw new Error(`No handler bound for contract channel ${name}`);
    table.set(name, { spec, handler: handler as AnyHandler });
  }
  for (const [namespace, methods] of Object.entries(byNamespace)) {
    for (const method of Object.keys(methods)) {
      if (!table.has(`${namespace}:${method}`)) throw new Error(`Handler ${namespace}:${method} is not in the contract`);
    }
  }

  const dispatchChecked = async (channel: string, input: unknown, sender: S): Promise<Result<unknown>> => {
    const refusal = senderPolicy(sender);
    if (refusal !== null) return fail(new AppError('forbidden_sender', `Call refused: ${refusal}.`));

    const entry = table.get(channel);
    if (!entry) return fail(new AppError('unknown_channel', `Unknown channel "${String(channel).slice(0, 80)}".`));

    const parsed = entry.spec.input.safeParse(input);
    if (!parsed.success) {
      // Words for the person at the form: no channel name, one sentence per field.
      const { message, issues } = describeInvalidInput(parsed.error);
      return fail(new AppError('invalid_input', message, { issues }));
    }

    try {
      const value = await entry.handler(parsed.data, { channel });
      const checked = entry.spec.output.safeParse(value);
      if (!checked.success) {
        options.onInternalError?.(channel, checked.error);
        return fail(new AppError('internal', 'The app produced an answer it could not check, so it was not shown; details are in the app log.'));
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (error instanceof AppError) return fail(error);
      options.onInternalError?.(channel, error);
      return fail(new AppError('internal', 'Something went wrong in the app; details are in the app log.'));
    }
  };

  return {
    channels: [...table.keys()],
    async dispatch(channel, input, sender) {
      // One guard around everything, parsing included: a schema refinement that throws must
      // become an envelope like any handler failure, never an exception across the boundary.
      try {
        return await dispatchChecked(channel, input, sender);
      } catch (error) {
        options.onInternalError?.(String(channel).slice(0, 80), error);
        return fail(new AppError('internal', 'Unexpected failure while handling the call; details are in the app log.'));
      }
    },
  };
}
