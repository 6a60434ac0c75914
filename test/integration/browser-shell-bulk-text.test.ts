import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Router } from '../../main/ipc/router';
import { startBrowserServer, type BrowserSender, type BrowserServer } from '../../main/shell/browser-server';
import { BULK_HEAD_HEADER, bulkTextChannels, type Result } from '../../preload/contract';

// Bulk text (a catalog) over the browser shell: main's string goes out as its raw bytes after the
// envelope, over real loopback HTTP. The page side (a Blob slice of those bytes) is tested in
// test/renderer/browser-transport-bulk-text.test.ts; the e2e tests run both together.

/** Catalog text with everything that breaks naive byte/char slicing: non-BMP, quotes, escapes, `/`, `~`. */
const CATALOG = JSON.stringify({ catalog: { streams: [{ name: 'ü/~0"quoted"\\😀𝄞', supported_sync_modes: ['full_refresh'] }, { name: 'plain', supported_sync_modes: ['incremental'] }] } });

describe('browser shell: bulk text members travel raw', () => {
  let server: BrowserServer;
  const answers = new Map<string, Result<unknown>>();
  beforeAll(async () => {
    const rendererDir = mkdtempSync(path.join(os.tmpdir(), 'renderer-'));
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>console</title>');
    const router: Router<BrowserSender> = {
      channels: [],
      dispatch: async (channel: string) => answers.get(channel) ?? { ok: false, error: { code: 'invalid_input', message: `unknown ${channel}`, retryable: false } },
    } as unknown as Router<BrowserSender>;
    server = await startBrowserServer({ router, rendererDir });
  });
  afterAll(() => server.close());

  const call = (channel: string, input: unknown) =>
    fetch(`${server.origin}/ipc/${channel}`, { method: 'POST', headers: { 'x-console-secret': server.secret, Origin: server.origin }, body: JSON.stringify({ input }) });

  it('the contract marks exactly the catalog texts as bulk', () => {
    expect(Object.fromEntries(bulkTextChannels())).toEqual({ 'catalog:discover': 'text', 'catalog:cached': 'text', 'catalog:previous': 'text' });
  });

  it('a catalog goes out as the exact UTF-8 bytes after the envelope, not JSON-escaped', async () => {
    answers.set('catalog:cached', { ok: true, value: { text: CATALOG, discoveredAt: '2026-11-22T00:00:00.000Z', bytes: Buffer.byteLength(CATALOG) } });
    const raw = await call('catalog:cached', { sourceId: 's' });
    const head = Number(raw.headers.get(BULK_HEAD_HEADER));
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect(Number(raw.headers.get('content-length'))).toBe(bytes.length);
    expect(bytes.subarray(head).toString('utf8')).toBe(CATALOG);
    expect(JSON.parse(bytes.subarray(0, head).toString('utf8'))).toEqual({ ok: true, value: { text: '', discoveredAt: '2026-11-22T00:00:00.000Z', bytes: Buffer.byteLength(CATALOG) } });
  });

  it('null answers and refusals on a bulk channel, and every other channel, stay plain JSON envelopes', async () => {
    answers.set('catalog:previous', { ok: true, value: null });
    answers.set('catalog:discover', { ok: false, error: { code: 'not_found', message: 'The source s was not found.', retryable: false } });
    answers.set('catalog:query', { ok: true, value: { resultText: CATALOG, ms: 3 } });
    for (const channel of ['catalog:previous', 'catalog:discover', 'catalog:query']) {
      const res = await call(channel, {});
      expect(res.headers.get(BULK_HEAD_HEADER)).toBeNull();
      expect(await res.json()).toEqual(answers.get(channel));
    }
  });
});
