/** Renew this long before expiry (contract §2.1). */
export const RENEW_BEFORE_MS = 60_000;

interface Entry {
  token: string;
  expiresAtMs: number;
}

/**
 * Cached tokens by key with single-flight minting: fifty concurrent callers needing a fresh token
 * share one mint. Tokens live only in this process's memory.
 */
export class TokenCache {
  private readonly tokens = new Map<string, Entry>();
  private readonly inflight = new Map<string, Promise<string>>();

  constructor(private readonly now: () => number = Date.now) {}

  async get(key: string, mint: () => Promise<Entry>, options: { force?: boolean; rejected?: string } = {}): Promise<string> {
    const cached = this.tokens.get(key);
    // `rejected` is the token a 401 came back for: only re-mint if nobody replaced it meanwhile.
    const stale = options.force && (options.rejected === undefined || cached?.token === options.rejected);
    if (cached && !stale && cached.expiresAtMs - RENEW_BEFORE_MS > this.now()) return cached.token;
    const running = this.inflight.get(key);
    if (running) return running;
    const minting = mint()
      .then((entry) => {
        this.tokens.set(key, entry);
        return entry.token;
      })
      .finally(() => this.inflight.delete(key));
    this.inflight.set(key, minting);
    return minting;
  }

  forget(key?: string): void {
    if (key === undefined) this.tokens.clear();
    else this.tokens.delete(key);
  }
}
