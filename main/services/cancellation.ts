import { AppError } from '../ipc/app-error';

/**
 * Long calls carry a request id chosen by the renderer; `requests:cancel` aborts the matching call.
 * Ids are only handles: they grant nothing, and an unknown id is a no-op.
 */
export class CancellationRegistry {
  private readonly running = new Map<string, AbortController>();

  /** Runs `work` with a signal that `cancel(requestId)` aborts. */
  async run<T>(requestId: string | undefined, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
    if (!requestId) return work(undefined);
    if (this.running.has(requestId)) throw new AppError('invalid_input', `Request id ${requestId} is already in use.`);
    const controller = new AbortController();
    this.running.set(requestId, controller);
    try {
      return await work(controller.signal);
    } finally {
      this.running.delete(requestId);
    }
  }

  cancel(requestId: string): boolean {
    const controller = this.running.get(requestId);
    controller?.abort(new AppError('cancelled', 'Cancelled.'));
    return controller !== undefined;
  }
}
