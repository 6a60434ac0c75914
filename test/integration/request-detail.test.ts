import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import { RequestLog } from '../../main/services/http/request-log';
import { keptText, KEPT_BODY_BYTES } from '../../main/services/http/exchange-record';
import type { RequestDetail, RequestLogEntry } from '../../preload/contract';
import { memoryKeytar } from '../support/fake-keytar';
import { startHarness, type SandboxHarness } from '../support/sandbox-client';
import { tempDir } from '../support/temp-dir';

// The request inspector's detail view: headers and bodies of a real call to a real sandbox, redacted
// before they are kept, so neither the secret nor any token ever reaches the renderer.

let h: SandboxHarness;
const core = createCore({ shell: 'browser', userDataDir: tempDir('ec-detail-'), keytarLoader: memoryKeytar() });
const router = core.createRouter(() => null);
const value = async <T>(channel: string, input?: unknown): Promise<T> => {
  const result = await router.dispatch(channel, input, {});
  if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
  return result.value as T;
};
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await core.close();
  await h.close();
});

describe('request detail', () => {
  it('shows headers and bodies of each call, with the secret, the tokens and the bearer redacted', async () => {
    const { id } = await value<{ id: string }>('profiles:create', { name: 'Detail', baseUrl: h.url });
    await value('profiles:select', { id });
    await value('credentials:set', { id, clientId: 'sandbox', clientSecret: 'sandbox' });
    await value('profiles:testConnection', { id });
    const log = await value<RequestLogEntry[]>('requests:log');
    const mint = log.find((e) => e.url.endsWith('/api/v1/account/applications/token'));
    const list = log.find((e) => new URL(e.url).pathname === '/api/v1/workspaces');
    const mintDetail = await value<RequestDetail>('requests:detail', { id: mint?.id });
    const listDetail = await value<RequestDetail>('requests:detail', { id: list?.id });

    expect(mintDetail.kept).toBe(true);
    expect(JSON.parse(mintDetail.requestBody?.text ?? '')).toEqual({ client_id: 'sandbox', client_secret: '$CLIENT_SECRET' });
    expect(JSON.parse(mintDetail.responseBody?.text ?? '')).toMatchObject({ access_token: '$ACCESS_TOKEN', expires_in: 900 });
    expect(listDetail.requestHeaders).toContainEqual(['authorization', 'Bearer $TOKEN']);
    expect(listDetail.responseHeaders.find(([name]) => name === 'content-type')?.[1]).toMatch(/application\/json/);
    expect((JSON.parse(listDetail.responseBody?.text ?? '') as { data: unknown[] }).data.length).toBe(20);

    const everything = JSON.stringify([mintDetail, listDetail]);
    // No JWT (header.payload.signature); a page cursor is base64 JSON too, but one part only.
    expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\./);
    expect(everything).not.toContain('"client_secret":"sandbox"');
    expect(await value('requests:detail', { id: 999_999 })).toBeNull();
  });

  it('keeps a large body’s first part and its size, previews 64 KB, and gives the rest on “show all”', () => {
    const log = new RequestLog();
    const big = 'x'.repeat(3 * KEPT_BODY_BYTES);
    const line = { method: 'GET', url: 'http://127.0.0.1/x', status: 200, durationMs: 1, sizeBytes: big.length, startedAt: '', attempt: 1, error: null, curl: '' };
    const bodies = () => ({ requestHeaders: {}, responseHeaders: {}, requestBody: undefined, responseText: keptText(big), responseBytes: big.length });
    const entry = log.add(line, bodies());
    const preview = log.detail(entry.id, false);
    expect(preview?.responseBody).toMatchObject({ totalBytes: 3 * KEPT_BODY_BYTES, truncated: true });
    expect(preview?.responseBody?.text.length).toBe(64 * 1024);
    expect(log.detail(entry.id, true)?.responseBody?.text.length).toBe(KEPT_BODY_BYTES);
    // Older calls give their detail up first when the budget is spent; their line stays.
    for (let i = 0; i < 40; i++) log.add(line, bodies());
    expect(log.detail(entry.id, false)).toMatchObject({ kept: false, entry: { id: entry.id } });
  });
});
