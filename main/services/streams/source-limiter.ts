import diagnosticsChannel from 'node:diagnostics_channel';
import { STREAM_CONCURRENCY } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import { retryAfterMs } from '../http/retry-policy';

const MAX_RETRY_AFTER_MS = 60_000;

/**
 * At most `max` stream requests in flight per profile+source, reads and runs together (the API is
 * one server per source: thousands of parallel requests would only earn 429s), plus a gate: after a
 * 429 nobody starts a new request before its Retry-After has passed.
 */
export class SourceLimiter {
  private inFlight = 0;
  private readonly waiters: Array<() => void> = [];
  private gateUntilMs = 0;
  private gateTimer: NodeJS.Timeout | null = null;
  /** The most requests in flight at once so far (tests and benchmarks read it). */
  peak = 0;

  constructor(
    readonly sourceId: string,
    private readonly max = STREAM_CONCURRENCY,
  ) {}

  /** When the source will take requests again after a 429, or null when it does now. */
  get waitingUntil(): Date | null {
    return this.gateUntilMs > Date.now() ? new Date(this.gateUntilMs) : null;
  }

  /** Holds new requests until `untilMs` (a later gate wins). */
  gate(untilMs: number): void {
    if (untilMs <= this.gateUntilMs) return;
    this.gateUntilMs = untilMs;
    if (this.gateTimer) clearTimeout(this.gateTimer);
    this.gateTimer = setTimeout(() => {
      this.gateTimer = null;
      this.pump();
    }, Math.max(0, untilMs - Date.now()));
    this.gateTimer.unref?.();
  }

  /** Runs `work` in a slot; the slot is released however `work` ends. */
  async run<R>(work: () => Promise<R>, signal?: AbortSignal): Promise<R> {
    await this.acquire(signal);
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(new AppError('cancelled', 'Cancelled before the request was sent.'));
    return new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const index = this.waiters.indexOf(grant);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new AppError('cancelled', 'Cancelled before the request was sent.'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(grant);
      this.pump();
    });
  }

  private release(): void {
    this.inFlight--;
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.max && this.waiters.length > 0 && this.gateUntilMs <= Date.now()) {
      const next = this.waiters.shift() as () => void;
      this.inFlight++;
      this.peak = Math.max(this.peak, this.inFlight);
      next();
    }
  }
}

/** One limiter per profile+source, shared by the reader and the runner. */
export class SourceLimiters {
  private readonly limiters = new Map<string, SourceLimiter>();
  private readonly unsubscribe: () => void;

  constructor(private readonly max = STREAM_CONCURRENCY) {
    // The HTTP client waits out a 429's Retry-After by itself, inside one call; the other workers
    // would keep sending meanwhile and earn more 429s. undici reports every response's headers on
    // this diagnostics channel, so a 429 on a source's stream routes gates that source here,
    // without the client having to know about runs.
    const onHeaders = (message: unknown) => this.observe(message);
    diagnosticsChannel.subscribe('undici:request:headers', onHeaders);
    this.unsubscribe = () => diagnosticsChannel.unsubscribe('undici:request:headers', onHeaders);
  }

  get(profileId: string, sourceId: string): SourceLimiter {
    const key = `${profileId}\u0000${sourceId}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new SourceLimiter(sourceId, this.max);
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  close(): void {
    this.unsubscribe();
  }

  private observe(message: unknown): void {
    try {
      const { request, response } = message as { request?: { path?: string }; response?: { statusCode?: number; headers?: Array<Buffer | string> } };
      if (response?.statusCode !== 429 || typeof request?.path !== 'string') return;
      const match = /^\/api\/v1\/integrations\/sources\/([^/?]+)\/streams(?:[/?]|$)/.exec(request.path);
      if (!match) return;
      const sourceId = decodeURIComponent(match[1] ?? '');
      let header: string | undefined;
      const headers = response.headers ?? [];
      for (let i = 0; i + 1 < headers.length; i += 2) {
        if (String(headers[i]).toLowerCase() === 'retry-after') header = String(headers[i + 1]);
      }
      // No Retry-After: the client backs off 1 s first; gate as long so the others wait with it.
      const wait = retryAfterMs(header, Date.now(), MAX_RETRY_AFTER_MS) ?? 1000;
      for (const limiter of this.limiters.values()) if (limiter.sourceId === sourceId) limiter.gate(Date.now() + wait);
    } catch {
      // An observer must never break the request it observes.
    }
  }
}
