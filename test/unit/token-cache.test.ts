import { describe, expect, it } from 'vitest';
import { TokenCache } from '../../main/services/tokens/token-cache';

describe('token cache', () => {
  it('reuses a token until 60 s before it expires, then mints again', async () => {
    let now = 1_000_000;
    let minted = 0;
    const cache = new TokenCache(() => now);
    const mint = async () => ({ token: `t${++minted}`, expiresAtMs: now + 900_000 });
    expect(await cache.get('op', mint)).toBe('t1');
    now += 839_000; // 61 s left
    expect(await cache.get('op', mint)).toBe('t1');
    now += 2_000; // 59 s left
    expect(await cache.get('op', mint)).toBe('t2');
  });

  it('re-mints after a 401 only if the rejected token is still the cached one', async () => {
    let minted = 0;
    const cache = new TokenCache(() => 0);
    const mint = async () => ({ token: `t${++minted}`, expiresAtMs: 10_000_000 });
    await cache.get('op', mint);
    expect(await cache.get('op', mint, { force: true, rejected: 't1' })).toBe('t2');
    // A caller that saw t1 rejected later must not throw away the fresh t2.
    expect(await cache.get('op', mint, { force: true, rejected: 't1' })).toBe('t2');
    expect(minted).toBe(2);
  });

  it('shares one mint between concurrent callers and lets a failed mint be retried', async () => {
    let minted = 0;
    let fail = true;
    const cache = new TokenCache(() => 0);
    const mint = async () => {
      minted++;
      await new Promise((r) => setTimeout(r, 10));
      if (fail) throw new Error('down');
      return { token: 'ok', expiresAtMs: 10_000_000 };
    };
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => cache.get('op', mint)));
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(minted).toBe(1);
    fail = false;
    expect(await cache.get('op', mint)).toBe('ok');
    expect(minted).toBe(2);
  });
});
