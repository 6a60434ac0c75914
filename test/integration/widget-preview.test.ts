import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { chromium, type Browser, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCore } from '../../main/core';
import type { Router } from '../../main/ipc/router';
import { startSandbox } from '../../main/sandbox/server';
import { createSandboxHost } from '../../main/services/sandbox-host';
import { templateMatchesTags, type Result, type WidgetEvent, type WidgetPreview } from '../../preload/contract';
import { memoryKeytar } from '../support/fake-keytar';
import { tempDir } from '../support/temp-dir';

// The widget preview end to end on the real sandbox over loopback: mint through the IPC router,
// the preview host page in Debian's Chromium embedding the sandbox's stand-in widget, hostile
// messages ignored, refresh without reload, the expiry path, and hostile HTTP against the host.

let core: ReturnType<typeof createCore>;
let router: Router<object>;
let browser: Browser;
let sandboxUrl = '';
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\./;

async function call<T>(channel: string, input?: unknown): Promise<T> {
  const result = (await router.dispatch(channel, input, {})) as Result<T>;
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  expect(JSON.stringify(result.value)).not.toMatch(JWT);
  return result.value;
}

async function events(previewId: string): Promise<WidgetEvent[]> {
  return (await call<{ events: WidgetEvent[] }>('widget:events', { previewId, limit: 1000 })).events;
}

async function waitForEvent(previewId: string, match: (e: WidgetEvent) => boolean, what: string, timeoutMs = 10_000): Promise<WidgetEvent> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = (await events(previewId)).find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no ${what} in the event log: ${JSON.stringify(await events(previewId)).slice(0, 2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function widgetFrame(page: Page, origin: string): Frame {
  const frame = page.frames().find((f) => f.url().startsWith(`${origin}/quick-start/widget`));
  if (!frame) throw new Error('the widget frame is not there');
  return frame;
}

beforeAll(async () => {
  const sandboxHost = createSandboxHost(() => startSandbox({ port: 0, controls: true, widgetFrameAncestors: () => core.widget.consoleOrigins() }));
  core = createCore({ shell: 'browser', userDataDir: tempDir('ec-widget-'), keytarLoader: memoryKeytar(), sandboxHost });
  router = core.createRouter(() => null);
  sandboxUrl = await sandboxHost.url();
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await core?.close();
});

describe('widget:mint against the sandbox', () => {
  it('creates a demo workspace, records its region, and answers decoded facts (never a token)', async () => {
    const preview = await call<WidgetPreview>('widget:mint', { target: { kind: 'new', name: 'widget-eu-demo', region: 'EU' } });
    expect(preview.workspace).toMatchObject({ name: 'widget-eu-demo', region: 'EU', created: true });
    expect(preview.allowedOrigin).toBe(preview.previewOrigin);
    expect(preview.previewOrigin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(preview.previewOrigin).not.toBe(new URL(sandboxUrl).origin);
    expect(preview.originMatchesPreviewHost).toBe(true);
    // The app opens its own preview host with exactly this host: no localhost/127.0.0.1 warning on screen.
    expect(preview.originWarnings).toEqual([]);
    expect(preview.widgetOrigin).toBe(new URL(sandboxUrl).origin);
    expect(preview.token.workspaceId).toBe(preview.workspace.id);
    expect(preview.token.lifetimeSeconds).toBe(1200);
    expect(preview.refresh.state).toBe('scheduled');
    const refreshIn = Date.parse(preview.refresh.nextAt ?? '') - Date.parse(preview.now);
    expect(refreshIn).toBeGreaterThan(950_000);
    expect(refreshIn).toBeLessThanOrEqual(960_000);
    // Recorded like workspaces:create does.
    expect((await call<{ region: string }>('workspaces:get', { id: preview.workspace.id })).region).toBe('EU');
    // Minting the same new name again is refused, as a create would be.
    const again = await router.dispatch('widget:mint', { target: { kind: 'new', name: 'widget-eu-demo', region: 'US' } }, {});
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await call('widget:close', { previewId: preview.previewId });
  });

  it('a typed loopback origin keeps its warning (the page must be opened with exactly that host)', async () => {
    const preview = await call<WidgetPreview>('widget:mint', { target: { kind: 'new', name: 'widget-typed-origin', region: 'US' }, allowedOrigin: 'http://localhost:5173' });
    expect(preview.allowedOrigin).toBe('http://localhost:5173');
    expect(preview.originWarnings.join(' ')).toContain('different origin from http://127.0.0.1:5173');
  });

  it('refuses a bad allowed origin before minting, naming the rule and the fix', async () => {
    const result = await router.dispatch('widget:mint', { target: { kind: 'existing', workspaceId: '00000000-0000-4000-8000-000000000000' }, allowedOrigin: '*.yourapp.com' }, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/Wildcards are not allowed.*exact origin/) } });
    expect(await call('widget:checkOrigin', { value: 'https://yourapp.com/' })).toMatchObject({ ok: true, origin: 'https://yourapp.com' });
  });

  it('refuses Copy token in the browser shell with a reason', async () => {
    const preview = await call<WidgetPreview>('widget:mint', { target: { kind: 'new', name: 'widget-copy-demo', region: 'US' } });
    const copy = await router.dispatch('widget:copyToken', { previewId: preview.previewId }, {});
    expect(copy).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('desktop app') } });
    await call('widget:close', { previewId: preview.previewId });
  });
});

describe('the preview host page in Chromium', () => {
  let preview: WidgetPreview;
  let page: Page;
  // A real loopback server of another origin (a page fulfilled by Playwright counts as public, and
  // Chromium's local-network checks would then refuse the loopback frame).
  let otherOrigin = '';
  let otherServer: http.Server;

  beforeAll(async () => {
    const workspaces = await call<{ items: Array<{ id: string; name: string }> }>('workspaces:list', { nameContains: 'acme-us-demo' });
    const workspace = workspaces.items.find((w) => w.name === 'acme-us-demo');
    if (!workspace) throw new Error('seed workspace missing');
    preview = await call<WidgetPreview>('widget:mint', {
      target: { kind: 'existing', workspaceId: workspace.id },
      filters: { sourceTemplateTags: ['crm'], sourceTemplateTagsMode: 'any' },
    });
    // A page of another origin that frames the preview, to post at it from outside.
    otherServer = http.createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<!doctype html><iframe id="p" style="width:900px;height:700px" src="${preview.previewUrl}"></iframe>`);
    });
    await new Promise<void>((resolve) => otherServer.listen(0, '127.0.0.1', resolve));
    otherOrigin = `http://127.0.0.1:${(otherServer.address() as AddressInfo).port}`;
    await core.widget.allowEmbedder(otherOrigin);
    page = await browser.newPage();
    // A window of the widget's own origin that is not the widget iframe.
    await page.route(`${preview.widgetOrigin}/not-the-widget`, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: `<!doctype html><script>parent.postMessage('auth_token_request', '*'); parent.postMessage({type:'end_user_action_result',message:'source_created',data:{}}, '*');</script>` }),
    );
  }, 30_000);
  afterAll(() => new Promise<void>((resolve) => otherServer.close(() => resolve())));

  it('embeds the stand-in widget, which lists only the templates the tag filter selects', async () => {
    await page.goto(`${otherOrigin}/host`);
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(preview.previewOrigin)), { timeout: 10_000 }).toBe(true);
    const host = page.frames().find((f) => f.url().startsWith(preview.previewOrigin));
    expect(host).toBeDefined();
    await expect.poll(() => page.frames().some((f) => f.url().startsWith(`${preview.widgetOrigin}/quick-start/widget`)), { timeout: 10_000 }).toBe(true);
    const widget = widgetFrame(page, preview.widgetOrigin);
    await widget.waitForSelector('ul[aria-label="Source templates"]', { timeout: 10_000 });
    const shown = (await widget.locator('ul[aria-label="Source templates"] li button span:first-child').allTextContents()).sort();
    const templates = await call<{ sourceTemplates: Array<{ name: string; tags: string[] }> }>('workspaces:templates');
    const expected = templates.sourceTemplates.filter((t) => templateMatchesTags(t.tags, ['crm'], 'any')).map((t) => t.name).sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(templates.sourceTemplates.length);
    expect(shown).toEqual(expected);
    // The iframe is sandboxed to what the widget needs, with nothing delegated.
    // (Page code is passed as text: the test project has no DOM types.)
    const attrs = (await host!.evaluate(`(() => { const f = document.querySelector('iframe'); return { sandbox: f.getAttribute('sandbox'), allow: f.getAttribute('allow') }; })()`)) as { sandbox: string; allow: string };
    expect(attrs.sandbox).toBe('allow-scripts allow-same-origin allow-forms');
    expect(attrs.allow).toContain("camera 'none'");
    // The protocol ran: the widget asked, the page answered with the token (redacted in the log).
    await waitForEvent(preview.previewId, (e) => e.direction === 'in' && e.type === 'auth_token_request', 'auth_token_request');
    const out = await waitForEvent(preview.previewId, (e) => e.direction === 'out', 'token post');
    expect(out.payload).toEqual({ scopedAuthToken: '[redacted]' });
    // No token in the host page's DOM.
    expect(await host!.content()).not.toMatch(JWT);
  });

  it('ignores a message from another origin, and one from the widget’s origin but another window', async () => {
    const before = (await events(preview.previewId)).filter((e) => e.direction === 'out').length;
    // From the top page (another origin) at the preview page.
    await page.evaluate(`(() => {
      const frame = document.getElementById('p');
      frame.contentWindow.postMessage('auth_token_request', '*');
      frame.contentWindow.postMessage({ type: 'end_user_action_result', message: 'source_created', data: {} }, '*');
    })()`);
    // From a second frame of the widget's origin inside the preview page.
    const host = page.frames().find((f) => f.url().startsWith(preview.previewOrigin))!;
    await host.evaluate(`(() => { const f = document.createElement('iframe'); f.src = ${JSON.stringify(`${preview.widgetOrigin}/not-the-widget`)}; document.body.appendChild(f); })()`);
    const ignored = async () => (await events(preview.previewId)).filter((e) => e.direction === 'ignored');
    await expect.poll(async () => (await ignored()).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
    const notes = (await ignored()).map((e) => e.note ?? '');
    expect(notes.some((n) => n.includes('neither from the widget frame nor from its origin') && n.includes(otherOrigin))).toBe(true);
    expect(notes.some((n) => n.includes('from the widget’s origin but not from the widget frame'))).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    const all = await events(preview.previewId);
    expect(all.filter((e) => e.direction === 'out').length).toBe(before);
    expect(all.filter((e) => e.direction === 'in' && e.type === 'source_created')).toHaveLength(0);
  });

  it('refresh posts a new token without reloading the widget', async () => {
    const widget = widgetFrame(page, preview.widgetOrigin);
    await widget.evaluate(`window.marker = 'still the same document'`);
    const loadsBefore = (await events(preview.previewId)).filter((e) => e.type === 'widget_loaded').length;
    const after = await call<WidgetPreview>('widget:refresh', { previewId: preview.previewId });
    expect(after.refresh.count).toBe(1);
    expect(after.widgetUrl).toBe(preview.widgetUrl);
    await waitForEvent(preview.previewId, (e) => e.direction === 'out' && e.note === 'refresh', 'unprompted token post');
    expect(await widget.evaluate('window.marker')).toBe('still the same document');
    expect((await events(preview.previewId)).filter((e) => e.type === 'widget_loaded').length).toBe(loadsBefore);
  });

  it('expire now → the widget’s 401 → it asks again → a fresh token, still without a reload', async () => {
    const widget = widgetFrame(page, preview.widgetOrigin);
    const expired = await call<WidgetPreview>('widget:expireNow', { previewId: preview.previewId });
    expect(expired.state).toBe('expired');
    // Reopen the list: the widget calls the API with its now-expired token.
    await widget.locator('ul[aria-label="Source templates"] li button').first().click();
    await widget.getByRole('button', { name: 'Back' }).click();
    await waitForEvent(preview.previewId, (e) => e.direction === 'in' && e.type === 'auth_token_request' && (e.note ?? '').includes('asked again'), 're-request');
    await waitForEvent(preview.previewId, (e) => e.direction === 'out' && e.note === 're-requested', 'token for the re-request');
    await widget.waitForSelector('ul[aria-label="Source templates"]', { timeout: 10_000 });
    expect(await widget.evaluate('window.marker')).toBe('still the same document');
    expect((await call<WidgetPreview>('widget:status', { previewId: preview.previewId })).state).toBe('live');
  });

  it('a debug source_create_error lands in the log with its message', async () => {
    const widget = widgetFrame(page, preview.widgetOrigin);
    await widget.locator('summary').click();
    await widget.getByRole('button', { name: 'Emit source_create_error' }).click();
    const event = await waitForEvent(preview.previewId, (e) => e.direction === 'in' && e.type === 'source_create_error', 'source_create_error');
    expect(event.note).toContain('Debug source_create_error');
    expect(JSON.stringify(await events(preview.previewId))).not.toMatch(JWT);
  });

  it('clearEvents empties the log; close tells the page', async () => {
    expect((await call<{ cleared: number }>('widget:clearEvents', { previewId: preview.previewId })).cleared).toBeGreaterThan(0);
    await call('widget:close', { previewId: preview.previewId });
    const host = page.frames().find((f) => f.url().startsWith(preview.previewOrigin))!;
    await host.waitForSelector('text=This preview was closed in the console.', { timeout: 10_000 });
    expect(page.frames().some((f) => f.url().startsWith(`${preview.widgetOrigin}/quick-start/widget`))).toBe(false);
  });
});

/** One raw request over a fresh socket; answers the status line (or "" when the server just closed). */
function raw(port: number, bytes: string | Buffer): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.on('close', () => resolve(data.split('\r\n')[0] ?? ''));
    socket.write(bytes);
    setTimeout(() => socket.end(), 300);
  });
}

describe('hostile HTTP against the preview host', () => {
  it('answers every request with a status and keeps serving', async () => {
    const preview = await call<WidgetPreview>('widget:mint', { target: { kind: 'new', name: 'widget-hostile-demo', region: 'US' } });
    const port = Number(new URL(preview.previewOrigin).port);
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const id = preview.previewId;
    const key = new URL(preview.previewUrl).hash.slice(3);
    const post = (path: string, headers: string, body = '{}') => `POST ${path} HTTP/1.1\r\n${host}${headers}Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
    const origin = `Origin: ${preview.previewOrigin}\r\n`;
    const json = 'Content-Type: application/json\r\n';
    const cases: Array<[string, string | Buffer, RegExp]> = [
      ['evil Host', `GET /preview.js HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n`, / 403 /],
      ['two Hosts', `GET /preview.js HTTP/1.1\r\n${host}${host}Connection: close\r\n\r\n`, / (400|403) /],
      ['absolute-form target', `GET http://127.0.0.1:${port}/preview.js HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, / 400 /],
      ['authority tricks', `GET //[::1]/x HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, / (400|404) /],
      ['backslash path', `GET /\\..\\etc HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, / 400 /],
      ['asterisk', `OPTIONS * HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, / 400 /],
      ['unknown preview', `GET /preview/${'0'.repeat(32)} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, / 404 /],
      ['state without key', post(`/preview/${id}/state`, origin + json), / 401 /],
      ['state with wrong key', post(`/preview/${id}/state`, `${origin}${json}X-Preview-Key: ${'A'.repeat(43)}\r\n`), / 401 /],
      ['state from another origin', post(`/preview/${id}/state`, `Origin: http://evil.example\r\n${json}X-Preview-Key: ${key}\r\n`), / 403 /],
      ['state as a simple form post', post(`/preview/${id}/state`, `${origin}Content-Type: text/plain\r\nX-Preview-Key: ${key}\r\n`), / 415 /],
      ['events that are not JSON', post(`/preview/${id}/events`, `${origin}${json}X-Preview-Key: ${key}\r\n`, '{nope'), / 400 /],
      ['events too big', post(`/preview/${id}/events`, `${origin}${json}X-Preview-Key: ${key}\r\n`, `{"events":["${'x'.repeat(300_000)}"]}`), / 413 /],
      ['GET on an action', `GET /preview/${id}/state HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, / 405 /],
      ['CONNECT', `CONNECT 127.0.0.1:22 HTTP/1.1\r\n${host}\r\n`, / 405 /],
      ['garbage', Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x0d, 0x0a, 0x0d, 0x0a]), / 400 /],
      ['oversize header', `GET / HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(20_000)}\r\n\r\n`, / 431 /],
      ['bad escapes', `GET /preview/%ZZ%E0 HTTP/1.1\r\n${host}Connection: close\r\n\r\n`, / 404 /],
      ['upgrade', `GET /preview.js HTTP/1.1\r\n${host}Connection: Upgrade\r\nUpgrade: websocket\r\n\r\n`, / (400|200) /],
    ];
    for (const [name, bytes, expected] of cases) expect(await raw(port, bytes), name).toMatch(expected);
    // A good event report still works, and is redacted.
    const ok = await raw(port, post(`/preview/${id}/events`, `${origin}${json}X-Preview-Key: ${key}\r\n`, JSON.stringify({ events: [{ direction: 'in', type: 'x', payload: { password: 'p', t: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' } }] })));
    expect(ok).toMatch(/ 200 /);
    expect((await events(id)).find((e) => e.type === 'x')?.payload).toEqual({ password: '[redacted]', t: '[redacted JWT]' });
    const res = await fetch(`${preview.previewOrigin}/preview/${id}`);
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain(`frame-src ${preview.widgetOrigin};`);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("script-src 'self'");
    await call('widget:close', { previewId: id });
  }, 30_000);
});
