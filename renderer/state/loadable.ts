import type { AppErrorShape, Result } from '../../preload/contract';

/** The four states every remote-backed piece of UI goes through. */
export type Loadable<T> =
  | { status: 'idle' }
  | { status: 'loading'; previous?: T }
  | { status: 'ready'; value: T }
  | { status: 'error'; error: AppErrorShape };

export const idle = { status: 'idle' } as const;

export function fromResult<T>(result: Result<T>): Loadable<T> {
  return result.ok ? { status: 'ready', value: result.value } : { status: 'error', error: result.error };
}
