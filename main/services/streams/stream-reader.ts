import { setMaxListeners } from 'node:events';
import type { StreamConfig, StreamState } from '../../../preload/contract';
import { AppError } from '../../ipc/app-error';
import type { AirbyteClient, WorkspaceRef } from '../airbyte/airbyte-client';
import type { SourceLimiter, SourceLimiters } from './source-limiter';
import { explainStreamError, outcomeUnknown } from './stream-errors';

/** Which source, through which client: what a read or a run needs to talk to the API. */
export interface SourceTarget {
  profileId: string;
  client: AirbyteClient;
  workspace: WorkspaceRef;
  sourceId: string;
}

/** Streams remembered per profile+source; the oldest sources are forgotten past this many. */
const MAX_CACHED_SOURCES = 64;
/** An empty PATCH is a read, so unlike a real PATCH it is safe to repeat after a 5xx or a dropped connection. */
const READ_RETRIES = 2;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads stream configurations the only way the API allows (§5.3: an empty PATCH each; 404 "is not
 * configured" means not configured), at most STREAM_CONCURRENCY in flight per profile+source, and
 * keeps what it read (and what applies answered) with the time read.
 */
export class StreamReader {
  private readonly cache = new Map<string, Map<string, StreamState>>();

  constructor(
    private readonly limiters: SourceLimiters,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private sourceCache(profileId: string, sourceId: string): Map<string, StreamState> {
    const key = `${profileId}\u0000${sourceId}`;
    let found = this.cache.get(key);
    if (found) {
      // Most recently used last, so the first key is the one to forget.
      this.cache.delete(key);
    } else {
      found = new Map();
      if (this.cache.size >= MAX_CACHED_SOURCES) this.cache.delete(this.cache.keys().next().value as string);
    }
    this.cache.set(key, found);
    return found;
  }

  async read(target: SourceTarget, names: string[], fresh: boolean, signal?: AbortSignal): Promise<Record<string, StreamState>> {
    const cache = this.sourceCache(target.profileId, target.sourceId);
    const limiter = this.limiters.get(target.profileId, target.sourceId);
    const states: Record<string, StreamState> = Object.create(null) as Record<string, StreamState>;
    const wanted = [...new Set(names)];
    // Every name of the batch waits on the limiter with this one signal (and each request listens to it
    // too): up to 1,000 listeners by design, not a leak, so Node's warning after 10 is turned off for it.
    if (signal) setMaxListeners(0, signal);
    await Promise.all(
      wanted.map(async (name) => {
        const cached = fresh ? undefined : cache.get(name);
        if (cached && cached.state !== 'error') {
          states[name] = cached;
          return;
        }
        states[name] = await limiter.run(() => this.readNow(target, name, signal), signal);
      }),
    );
    // A plain object with the names in the order asked (a name like "__proto__" stays data).
    const ordered: Record<string, StreamState> = {};
    for (const name of wanted) Object.defineProperty(ordered, name, { value: states[name], enumerable: true, writable: true, configurable: true });
    return ordered;
  }

  /** Reads one stream now, inside a slot the caller already holds (the runner's read-backs). */
  async readNow(target: SourceTarget, name: string, signal?: AbortSignal): Promise<StreamState> {
    let state: StreamState;
    for (let attempt = 0; ; attempt++) {
      try {
        const config = await target.client.patchStream(target.workspace, target.sourceId, name, [], signal ? { signal } : {});
        state = { state: 'configured', config: toConfig(config), readAt: this.now().toISOString() };
        break;
      } catch (error) {
        if (error instanceof AppError && error.code === 'cancelled') throw error;
        if (error instanceof AppError && error.status === 404 && /is not configured/i.test(error.message)) {
          state = { state: 'not_configured', readAt: this.now().toISOString() };
          break;
        }
        if (attempt < READ_RETRIES && outcomeUnknown(error)) {
          await sleep(100 * 2 ** attempt);
          continue;
        }
        // Errors are answered, not cached: the next read tries again.
        return { state: 'error', message: explainStreamError(error, name), readAt: this.now().toISOString() };
      }
    }
    this.remember(target.profileId, target.sourceId, name, state);
    return state;
  }

  /** What an apply answered is the latest known state: later reads need not ask again. */
  remember(profileId: string, sourceId: string, name: string, state: StreamState): void {
    this.sourceCache(profileId, sourceId).set(name, state);
  }

  limiter(profileId: string, sourceId: string): SourceLimiter {
    return this.limiters.get(profileId, sourceId);
  }
}

/** Only the five members, in their order: the client's schema may let other members through one day. */
export function toConfig(config: StreamConfig): StreamConfig {
  return {
    stream_name: config.stream_name,
    sync_mode: config.sync_mode,
    destination_sync_mode: config.destination_sync_mode,
    cursor_field: config.cursor_field,
    primary_key: config.primary_key,
  };
}
