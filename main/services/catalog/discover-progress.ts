import type { DiscoverProgress } from '../../../preload/contract';

interface Entry {
  startedAt: number;
  endedAt: number | null;
  bytesReceived: number;
  state: 'running' | 'done' | 'failed';
}

/** What a running discover reports through; it writes only its own entry, even if its id is reused. */
export interface ProgressHandle {
  update(bytesReceived: number): void;
  finish(ok: boolean): void;
}

/**
 * Progress of running discovers by request id, for `catalog:progress` polls. Bounded: finished
 * entries are forgotten after `keepMs` (a minute), and at most `maxEntries` are kept (the oldest
 * finished ones go first).
 */
export class DiscoverProgressTable {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly options: { now?: () => number; keepMs?: number; maxEntries?: number } = {},
  ) {}

  private now(): number {
    return (this.options.now ?? performance.now.bind(performance))();
  }

  get size(): number {
    return this.entries.size;
  }

  private prune(): void {
    const now = this.now();
    const keepMs = this.options.keepMs ?? 60_000;
    for (const [id, entry] of this.entries) {
      if (entry.endedAt !== null && now - entry.endedAt > keepMs) this.entries.delete(id);
    }
    const max = this.options.maxEntries ?? 256;
    if (this.entries.size <= max) return;
    // Map order is insertion order: drop the oldest finished, then (never in practice) the oldest.
    for (const [id, entry] of this.entries) {
      if (this.entries.size <= max) return;
      if (entry.state !== 'running') this.entries.delete(id);
    }
    for (const id of this.entries.keys()) {
      if (this.entries.size <= max) return;
      this.entries.delete(id);
    }
  }

  start(requestId: string): ProgressHandle {
    const entry: Entry = { startedAt: this.now(), endedAt: null, bytesReceived: 0, state: 'running' };
    this.entries.delete(requestId);
    this.entries.set(requestId, entry);
    this.prune();
    return {
      update: (bytes) => {
        if (entry.state === 'running') entry.bytesReceived = bytes;
      },
      finish: (ok) => {
        if (entry.state !== 'running') return;
        entry.state = ok ? 'done' : 'failed';
        entry.endedAt = this.now();
      },
    };
  }

  get(requestId: string): DiscoverProgress {
    this.prune();
    const entry = this.entries.get(requestId);
    if (!entry) return { bytesReceived: 0, elapsedMs: 0, state: 'unknown' };
    const elapsedMs = Math.max(0, Math.round((entry.endedAt ?? this.now()) - entry.startedAt));
    return { bytesReceived: entry.bytesReceived, elapsedMs, state: entry.state };
  }
}
