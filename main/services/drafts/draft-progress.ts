/** How far a running pull, plan or publish is, per request id (bounded; finished entries are forgotten after a while). */
export class DraftProgress {
  private readonly entries = new Map<string, { done: number; total: number; phase: string; finishedAt: number | null }>();

  start(requestId: string | undefined, phase: string, total: number) {
    if (requestId === undefined) return { step: () => undefined, phase: () => undefined, finish: () => undefined };
    this.prune();
    const entry = { done: 0, total, phase, finishedAt: null as number | null };
    this.entries.set(requestId, entry);
    return {
      step: (n = 1) => void (entry.done += n),
      phase: (next: string, nextTotal?: number) => {
        entry.phase = next;
        if (nextTotal !== undefined) {
          entry.total = nextTotal;
          entry.done = 0;
        }
      },
      finish: () => {
        entry.phase = 'finished';
        entry.finishedAt = Date.now();
      },
    };
  }

  get(requestId: string): { done: number; total: number; phase: string } | null {
    const entry = this.entries.get(requestId);
    return entry ? { done: entry.done, total: entry.total, phase: entry.phase } : null;
  }

  private prune(): void {
    const now = Date.now();
    for (const [id, entry] of this.entries) if (entry.finishedAt !== null && now - entry.finishedAt > 60_000) this.entries.delete(id);
    // A hostile renderer could start many; the oldest go first.
    while (this.entries.size > 200) this.entries.delete(this.entries.keys().next().value as string);
  }
}
