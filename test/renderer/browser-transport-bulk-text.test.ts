import { describe, expect, it } from 'vitest';
import { BULK_HEAD_HEADER } from '../../preload/contract';
import { createBrowserInvoke } from '../../renderer/ipc/browser-transport';

// The page side of bulk text (see sendWithBulkText in main/shell/browser-server.ts, whose bytes are
// checked in test/integration/browser-shell-bulk-text.test.ts): the envelope is parsed, the catalog
// becomes a Blob slice of the raw bytes — never decoded on the UI thread.

const CATALOG = JSON.stringify({ catalog: { streams: [{ name: 'ü/~0"quoted"\\😀𝄞', supported_sync_modes: ['full_refresh'] }] } });

/** A body framed as the browser shell frames it. */
function framed(envelope: unknown, text: string): Response {
  const head = new TextEncoder().encode(JSON.stringify(envelope));
  const body = new Uint8Array([...head, ...new TextEncoder().encode(text)]);
  return new Response(body, { headers: { [BULK_HEAD_HEADER]: String(head.length) } });
}

describe('browser transport: bulk text', () => {
  it('answers the catalog as a Blob of the exact bytes, the rest of the envelope as sent', async () => {
    const bytes = new TextEncoder().encode(CATALOG).length;
    const invoke = createBrowserInvoke('s', async () => framed({ ok: true, value: { text: '', discoveredAt: 'then', bytes } }, CATALOG));
    const result = (await invoke('catalog:cached', { sourceId: 's' })) as { ok: true; value: { text: Blob; discoveredAt: string; bytes: number } };
    expect(result.ok).toBe(true);
    expect(result.value.discoveredAt).toBe('then');
    expect(result.value.text).toBeInstanceOf(Blob);
    expect(result.value.text.size).toBe(bytes);
    expect(await result.value.text.text()).toBe(CATALOG);
  });

  it('a plain JSON answer is read as before', async () => {
    const invoke = createBrowserInvoke('s', async () => new Response(JSON.stringify({ ok: true, value: null })));
    expect(await invoke('catalog:previous', { sourceId: 's' })).toEqual({ ok: true, value: null });
  });

  it('a broken frame is an error in words, never a throw', async () => {
    const frame = (headValue: string, body: string) => async () => new Response(body, { headers: { [BULK_HEAD_HEADER]: headValue } });
    const cases: Array<[string, string, string]> = [
      ['catalog:cached', '999', '{"ok":true}'], // head longer than the body
      ['catalog:cached', 'x1', '{"ok":true}'],
      ['catalog:cached', '3', '{"o'], // head not JSON
      ['catalog:cached', '4', 'null{}'], // no envelope
      ['catalog:cached', '11', '{"ok":true}'], // no value
      ['app:report', '2', '{}'], // a channel without bulk text
    ];
    for (const [channel, headValue, body] of cases) {
      const result = await createBrowserInvoke('s', frame(headValue, body))(channel, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/broken answer/) } });
    }
  });
});
