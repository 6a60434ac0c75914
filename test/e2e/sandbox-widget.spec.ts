import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';
import { startBuiltSandbox } from './fixtures';

type RunningSandbox = { url: string; stop: () => void };

/**
 * A minimal host page implementing the host side of §10.4 itself: answers auth_token_request with
 * {scopedAuthToken}, accepts messages only from the iframe at the widget origin, records events.
 */
const hostPage = (widgetUrl: string, scopedToken: string) => `<!doctype html><html><body>
<h1>Host</h1><ol id="events" aria-label="Events"></ol>
<iframe id="widget" title="Airbyte widget" src="${widgetUrl}" width="800" height="600"></iframe>
<script>
  const widgetOrigin = new URL(${JSON.stringify(widgetUrl)}).origin;
  const iframe = document.getElementById('widget');
  const log = (text) => { const li = document.createElement('li'); li.textContent = text; document.getElementById('events').appendChild(li); };
  window.addEventListener('message', (event) => {
    if (event.source !== iframe.contentWindow || event.origin !== widgetOrigin) return;
    const data = event.data;
    if (data === 'auth_token_request') { log('auth_token_request'); iframe.contentWindow.postMessage({ scopedAuthToken: ${JSON.stringify(scopedToken)} }, widgetOrigin); return; }
    if (data === 'CLOSE_DIALOG') { log('CLOSE_DIALOG'); return; }
    if (data && data.type === 'end_user_action_result') {
      log(data.message + ' ' + JSON.stringify(data.data ?? null) + ' ' + (data.error ? String(data.error.message ?? data.error) : ''));
    }
  });
</script></body></html>`;

async function serveHost(html: () => string): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function mintWidget(sandbox: RunningSandbox, allowedOrigin: string, extra: Record<string, unknown> = {}) {
  const post = async (path: string, body: unknown, token?: string) => {
    const res = await fetch(`${sandbox.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return (await res.json()) as Record<string, string>;
  };
  const { access_token } = await post('/api/v1/account/applications/token', { client_id: 'sandbox', client_secret: 'sandbox' });
  const { token } = await post('/api/v1/embedded/widget-token', { workspace_name: 'acme-us-demo', allowed_origin: allowedOrigin, ...extra }, access_token);
  return JSON.parse(Buffer.from(token ?? '', 'base64').toString()) as { token: string; widgetUrl: string };
}

/** Serves a host page framing a freshly minted widget and opens it; `close` stops the host server. */
async function openWidget(page: Page, sandbox: RunningSandbox, options: { mintFor?: (hostOrigin: string) => string; extra?: Record<string, unknown> } = {}) {
  let html = '';
  const host = await serveHost(() => html);
  const widget = await mintWidget(sandbox, options.mintFor ? options.mintFor(host.origin) : host.origin, options.extra);
  html = hostPage(widget.widgetUrl, widget.token);
  await page.goto(host.origin);
  return {
    frame: page.frameLocator('iframe[title="Airbyte widget"]'),
    events: page.getByRole('list', { name: 'Events' }),
    close: () => host.server.close(),
  };
}

test.describe('sandbox stand-in widget', () => {
  let sandbox: RunningSandbox;
  test.beforeAll(async () => {
    sandbox = await startBuiltSandbox();
  });
  test.afterAll(() => sandbox.stop());

  test('lists filtered templates, creates a source and reports it to the host', async ({ page }, testInfo) => {
    const { frame, events, close } = await openWidget(page, sandbox, { extra: { selected_source_template_tags: ['finance'], selected_source_template_tags_mode: 'any' } });
    try {
      const templates = frame.getByRole('list', { name: 'Source templates' });
      await expect(templates.getByRole('button')).toHaveCount(2);
      await expect(templates).toContainText('Stripe Billing');
      await expect(templates).toContainText('Shopify Store');
      await expect(events).toContainText('auth_token_request');

      await templates.getByRole('button', { name: /Stripe Billing/ }).click();
      const form = frame.getByRole('form', { name: 'Configure Stripe Billing' });
      await form.getByLabel('Account ID *').fill('acct_123');
      await expect(form.getByLabel('Secret key *')).toHaveAttribute('type', 'password');
      await form.getByLabel('Secret key *').fill('sk_live_very_secret');
      await form.getByRole('button', { name: 'Create source' }).click();

      await expect(events).toContainText('source_created');
      await expect(events).toContainText('"account_id":"acct_123"');
      await expect(events).toContainText('"client_secret":"**********"');
      await expect(events).not.toContainText('sk_live_very_secret');
      await page.screenshot({ path: testInfo.outputPath('widget-source-created.png') });

      await frame.getByRole('button', { name: 'Close' }).click();
      await expect(events).toContainText('CLOSE_DIALOG');
    } finally {
      close();
    }
  });

  test('reports a failed create as source_create_error with the API message', async ({ page }) => {
    const { frame, events, close } = await openWidget(page, sandbox);
    try {
      await frame.getByRole('button', { name: /PostgreSQL Analytics/ }).click();
      await frame.getByRole('button', { name: 'Create source' }).click();
      await expect(events).toContainText('source_create_error');
      await expect(events).toContainText('source_config.host: field required');
      await expect(frame.getByRole('alert')).toContainText('source_config.host: field required');
    } finally {
      close();
    }
  });

  test('posts nothing to a host whose origin differs from allowedOrigin', async ({ page }) => {
    // Minted for localhost, hosted on 127.0.0.1: a different origin. The page's frame-ancestors
    // refuses the foreign host outright, and even a framed widget would post only to localhost.
    const { frame, events, close } = await openWidget(page, sandbox, { mintFor: (origin) => origin.replace('127.0.0.1', 'localhost') });
    try {
      await page.waitForTimeout(1000);
      await expect(frame.getByRole('heading', { name: 'Connect a data source' })).toHaveCount(0);
      await expect(events.getByRole('listitem')).toHaveCount(0);
    } finally {
      close();
    }
  });

  test('shows an error and posts nothing without allowedOrigin', async ({ page }) => {
    await page.goto(`${sandbox.url}/quick-start/widget?workspaceId=00000000-0000-4000-8000-000000000000`);
    await expect(page.getByRole('alert')).toContainText('missing allowedOrigin');
  });

  test('offers the labelled debug strip', async ({ page }) => {
    const { frame, events, close } = await openWidget(page, sandbox);
    try {
      await frame.getByText('Sandbox debug events').click();
      const strip = frame.getByRole('group', { name: 'Sandbox debug events' });
      await strip.getByRole('button', { name: 'Emit source_update_error' }).click();
      await strip.getByRole('button', { name: 'Emit source_updated' }).click();
      await expect(events).toContainText('source_update_error');
      await expect(events).toContainText('Debug source_update_error from the sandbox widget');
      await expect(events).toContainText('source_updated');
    } finally {
      close();
    }
  });

  test('on 401 asks the host for a token once more, then says the token expired', async ({ page }) => {
    const controlled = await startBuiltSandbox(['--controls']);
    const { frame, events, close } = await openWidget(page, controlled);
    try {
      await frame.getByRole('button', { name: /Stripe Billing/ }).click();
      // Scoped tokens live 1200 s: move the sandbox clock past that; the host only has the old token.
      await fetch(`${controlled.url}/__sandbox/clock`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"advance_s":1300}' });
      const form = frame.getByRole('form', { name: 'Configure Stripe Billing' });
      await form.getByLabel('Account ID *').fill('acct_1');
      await form.getByLabel('Secret key *').fill('sk_1');
      await form.getByRole('button', { name: 'Create source' }).click();
      await expect(events).toContainText('source_create_error');
      await expect(events.getByRole('listitem').filter({ hasText: 'auth_token_request' })).toHaveCount(2);
      await expect(frame.getByRole('alert')).toHaveText('token expired');
    } finally {
      close();
      controlled.stop();
    }
  });
});
