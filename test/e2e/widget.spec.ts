import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shoot } from './screenshots';

test.describe.configure({ mode: 'serial' });


/** JWT-shaped: three base64url parts joined by dots (a header starting `eyJ`, or any three long parts). */
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*|[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/;

/**
 * Every frame Playwright can reach (the console, the preview host page, the widget): its text, its
 * markup (attributes included) and the values of its fields. Answers what looked like a JWT, per frame.
 */
async function scanForJwts(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const frame of page.frames()) {
    // A string expression: the e2e project compiles without the DOM library.
    const dump = await frame
      .evaluate<string>(
        `[document.body ? document.body.innerText : '', document.documentElement.outerHTML, ...[...document.querySelectorAll('input, textarea, select')].map((el) => el.value)].join('\\n')`,
      )
      .catch(() => '');
    const match = JWT.exec(dump);
    if (match) found.push(`${frame.url()}: ${match[0].slice(0, 40)}…`);
  }
  return found;
}

const previewFrame = (page: Page) => page.frameLocator('iframe[title="Widget preview"]');
const widget = (page: Page) => previewFrame(page).frameLocator('iframe[title="Airbyte Embedded widget"]');
const widgetFrame = (page: Page): Frame => {
  const frame = page.frames().find((f) => f.url().includes('/quick-start/widget?'));
  if (!frame) throw new Error('the widget frame is not there');
  return frame;
};

test('mints with a tag filter, runs the widget, logs its events, survives an expired token, shows no JWT', async ({ page, shell }, testInfo) => {
  test.setTimeout(120_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const cspErrors: string[] = [];
  page.on('console', (msg) => {
    if (/Refused to|Content Security Policy/i.test(msg.text())) cspErrors.push(msg.text());
  });

  await page.goto(shell.launchUrl);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Widget preview' }).click();
  await expect(page.getByRole('heading', { name: 'Widget preview' })).toBeVisible();

  // Choose a workspace by search, as the catalog's picker does.
  await page.getByRole('searchbox', { name: 'Find workspace' }).fill('acme-us');
  const workspace = page.getByRole('combobox', { name: 'Workspace' });
  await expect(workspace.getByRole('option', { name: 'acme-us-demo' })).toHaveCount(1);
  await workspace.selectOption({ label: 'acme-us-demo' });

  // Tag filter with its live preview (§8.3, computed locally).
  // The same control and words as the Templates area: tag checkboxes and "any tag" / "all tags".
  const sourceTags = page.getByRole('group', { name: 'Source templates: tags' });
  await sourceTags.getByRole('checkbox', { name: 'finance' }).check();
  const selected = page.getByRole('list', { name: 'Source templates selected' });
  await expect(selected.getByRole('listitem')).toHaveCount(2);
  await expect(selected).toContainText('Stripe Billing');
  await expect(selected).toContainText('Shopify Store');
  await sourceTags.getByRole('checkbox', { name: 'analytics' }).check();
  const sourceMode = page.getByRole('radiogroup', { name: 'Source templates: mode' });
  await sourceMode.getByRole('radio', { name: 'all tags' }).check();
  await expect(selected.getByRole('listitem')).toHaveCount(1);
  await sourceMode.getByRole('radio', { name: 'any tag' }).check();
  await sourceTags.getByRole('checkbox', { name: 'analytics' }).uncheck();
  await expect(selected.getByRole('listitem')).toHaveCount(2);

  // Allowed origin: a typed value is checked live; a refusal is one plain sentence saying what to
  // write instead, next to the field, with no rule id and no "Fix:" on screen.
  const origin = page.getByRole('textbox', { name: 'Allowed origin' });
  const refused = page.getByRole('alert', { name: 'Origin refused' });
  await origin.fill('*.yourapp.com');
  await expect(refused).toHaveText('Wildcards are not allowed: name the exact origin, such as https://app.yourapp.com, and mint one token per origin.');
  await expect(origin).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('button', { name: 'Mint widget token' })).toBeDisabled();
  await shoot(page, testInfo, '01-setup-origin-refused');
  // A scheme that is there but is not a web one: not called "missing".
  await origin.fill('javascript:alert(1)');
  await expect(refused).toHaveText('The widget can only be hosted on an http or https page, not on a “javascript:” address: use the https origin of the hosting page, such as https://yourapp.com.');
  await expect(refused).not.toContainText(/scheme-|missing|Fix:|check failed/);
  await shoot(page, testInfo, '01b-origin-javascript');
  // The field stops at the contract's limit: a pasted 3,000 characters are cut to 2,048, then refused
  // in one sentence that does not echo them back (no origin is that long), never in the contract's words.
  await expect(origin).toHaveAttribute('maxlength', '2048');
  await origin.fill('');
  await origin.focus();
  await page.keyboard.insertText(`https://${'a'.repeat(3000)}.com`);
  expect((await origin.inputValue()).length).toBe(2048);
  await expect(page.locator('#origin-verdict')).toContainText('An origin is a scheme, a host name and a port, at most 267 characters; this is 2,048: paste just the origin');
  await expect(page.locator('#origin-verdict')).not.toContainText(/check failed|Try again|too long/i);
  await expect(page.getByRole('searchbox', { name: 'Find workspace' })).toHaveAttribute('maxlength', '255');
  await origin.fill('https://yourapp.com/');
  await expect(page.getByLabel('Origin accepted')).toContainText('Accepted as https://yourapp.com');
  await origin.fill('');
  await expect(page.getByText('Default: the preview host’s exact origin')).toBeVisible();

  // Mint: the facts, never the token.
  await page.getByRole('button', { name: 'Mint widget token' }).click();
  const facts = page.getByRole('region', { name: 'Minted widget token' });
  await expect(facts).toContainText('acme-us-demo');
  await expect(facts).toContainText(/\/quick-start\/widget\?workspaceId=/);
  await expect(facts.getByLabel('Expires in')).toHaveText(/^\(in \d+:\d\d\)$/);
  const firstCountdown = await facts.getByLabel('Expires in').textContent();
  await expect(facts.getByLabel('Expires in')).not.toHaveText(firstCountdown ?? '');

  // The stand-in widget inside the preview host lists only the matching templates.
  const templates = widget(page).getByRole('list', { name: 'Source templates' });
  await expect(templates.getByRole('button')).toHaveCount(2);
  await expect(templates).toContainText('Stripe Billing');
  await expect(templates).toContainText('Shopify Store');

  const log = page.getByRole('table', { name: 'Widget events' });
  await expect(log).toContainText('auth_token_request');
  await expect(log).toContainText('in ←');
  await expect(log).toContainText('out →');
  await shoot(page, testInfo, '02-minted', page.getByRole('heading', { name: 'Widget preview' }));
  await shoot(page, testInfo, '03-preview-frame', page.locator('iframe[title="Widget preview"]'));

  // "Copy token" in the browser shell: disabled, and its title says why (main would refuse: the token stays there).
  const copy = facts.getByRole('button', { name: 'Copy token' });
  await expect(copy).toBeDisabled();
  await expect(copy).toHaveAttribute('title', /copy it from the desktop app/);

  // Create a source in the widget: source_created in the log, the secret redacted.
  await templates.getByRole('button', { name: /Stripe Billing/ }).click();
  const form = widget(page).getByRole('form', { name: 'Configure Stripe Billing' });
  await form.getByLabel('Account ID *').fill('acct_123');
  await form.getByLabel('Secret key *').fill('sk_live_very_secret');
  await form.getByRole('button', { name: 'Create source' }).click();
  await expect(log).toContainText('source_created');
  await expect(log).toContainText('acct_123');
  await expect(log).not.toContainText('sk_live_very_secret');
  await expect(log).toContainText(/"organization_id": "[0-9a-f-]{36}"/);
  await page.getByRole('searchbox', { name: 'Filter events' }).fill('source_created');
  await expect(log.getByRole('row')).toHaveCount(2);
  await shoot(page, testInfo, '04-source-created', page.getByRole('heading', { name: 'Events' }));
  await page.getByRole('searchbox', { name: 'Filter events' }).fill('');

  // Export the (redacted) log as JSON.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export events as JSON' }).click()]);
  const exported = JSON.parse(await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString())) as { events: Array<{ type: string }> };
  expect(exported.events.map((e) => e.type)).toContain('source_created');
  expect(JSON.stringify(exported)).not.toContain('sk_live_very_secret');
  expect(JSON.stringify(exported)).not.toMatch(JWT);

  // Expire now: the sandbox clock passes exp; the widget's next call gets a 401, asks again, gets a
  // fresh token — no reload of the preview host page or of the widget.
  await widgetFrame(page).evaluate(`window.marker = 'still here'`);
  const tokenRequestsBefore = await log.getByRole('row').filter({ hasText: 'auth_token_request' }).count();
  await facts.getByRole('button', { name: 'Expire now' }).click();
  await expect(page.getByRole('status', { name: 'Widget notice' })).toContainText('sandbox clock moved');
  await expect(facts.getByLabel('Expires in')).toHaveText('(expired)');
  await shoot(page, testInfo, '05-expired', page.getByRole('heading', { name: 'Widget preview' }));
  await form.getByRole('button', { name: 'Back' }).click();
  await expect(templates.getByRole('button')).toHaveCount(2);
  await expect.poll(() => log.getByRole('row').filter({ hasText: 'auth_token_request' }).count()).toBeGreaterThan(tokenRequestsBefore);
  await expect(facts.getByLabel('Token refresh')).toContainText(/[1-9]\d* refresh/);
  await expect(facts.getByLabel('Expires in')).toHaveText(/^\(in \d+:\d\d\)$/);
  expect(await widgetFrame(page).evaluate<string>('window.marker')).toBe('still here');
  // …and keeps working: another source with the new token.
  await templates.getByRole('button', { name: /Shopify Store/ }).click();
  const shopify = widget(page).getByRole('form', { name: 'Configure Shopify Store' });
  for (const input of await shopify.locator('input[aria-required="true"]').all()) {
    if ((await input.inputValue()) === '') await input.fill((await input.getAttribute('type')) === 'number' ? '1' : 'x-value');
  }
  await shopify.getByRole('button', { name: 'Create source' }).click();
  await expect(log.getByRole('row').filter({ hasText: 'source_created' })).toHaveCount(2);
  await shoot(page, testInfo, '06-refreshed', page.getByRole('heading', { name: 'Widget preview' }));

  // No JWT anywhere in the DOM (console, preview host, widget), outside presenter mode…
  expect(await scanForJwts(page)).toEqual([]);
  // …and with it: the shortcut works at the window level, the banner shows, the scan stays clean.
  // (Keys typed inside the cross-origin widget never reach the console's window: focus the console.)
  await page.getByRole('heading', { name: 'Widget preview' }).click();
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('status', { name: 'Presenter mode' })).toContainText('Presenter mode is on');
  // The log's payloads keep their shape, but organization ids (and any token/secret field) are hidden.
  await expect(log).toContainText('"organization_id": "•••• hidden (presenter mode)"');
  await expect(log).not.toContainText(/"organization_id": "[0-9a-f-]{36}"/);
  await expect(page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('button', { name: 'Presenter mode' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('contentinfo', { name: 'Status bar' }).getByRole('button', { name: 'Requests' }).click();
  await expect(page.getByRole('table', { name: 'Recent API requests' })).toBeVisible();
  expect(await scanForJwts(page)).toEqual([]);
  await shoot(page, testInfo, '07-presenter', page.getByRole('heading', { name: 'Widget preview' }));
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'About & diagnostics' }).click();
  await expect(page.getByRole('region', { name: 'Diagnostics report (JSON)' }).locator('.view-lines')).toContainText('"shell"');
  expect(await scanForJwts(page)).toEqual([]);
  await page.getByRole('status', { name: 'Presenter mode' }).getByRole('button', { name: 'turn it off' }).click();
  await expect(page.getByRole('status', { name: 'Presenter mode' })).toHaveCount(0);

  // Back in the area, the preview (held by main) is still there; the log clears.
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Widget preview' }).click();
  await expect(log).toContainText('source_created');
  await page.getByRole('button', { name: 'Clear events' }).click();
  await expect(page.getByRole('table', { name: 'Widget events' })).toHaveCount(0);

  // The sources created in the widget are the workspace's sources, read back through the API.
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Workspaces' }).click();
  await page.getByRole('searchbox', { name: 'Search workspaces by name' }).fill('acme-us');
  await page.getByRole('listbox', { name: 'Workspaces' }).getByRole('option', { name: /^acme-us-demo\b/ }).click();
  const detail = page.getByRole('region', { name: 'Workspace acme-us-demo' });
  await expect(detail).toContainText('Stripe Billing source');
  await expect(detail).toContainText('Shopify Store source');

  expect(cspErrors).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('a create the sandbox refuses shows in the widget and lands in the log as source_create_error with its message', async ({ page, shell }, testInfo) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(shell.launchUrl);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Widget preview' }).click();
  await page.getByRole('searchbox', { name: 'Find workspace' }).fill('acme-us');
  const workspace = page.getByRole('combobox', { name: 'Workspace' });
  await expect(workspace.getByRole('option', { name: 'acme-us-demo' })).toHaveCount(1);
  await workspace.selectOption({ label: 'acme-us-demo' });
  await page.getByRole('group', { name: 'Source templates: tags' }).getByRole('checkbox', { name: 'finance' }).check();
  await page.getByRole('button', { name: 'Mint widget token' }).click();

  // The user fills the account but forgets the secret key: the sandbox answers 422 (field required).
  const templates = widget(page).getByRole('list', { name: 'Source templates' });
  await templates.getByRole('button', { name: /Stripe Billing/ }).click();
  const form = widget(page).getByRole('form', { name: 'Configure Stripe Billing' });
  await form.getByLabel('Account ID *').fill('acct_forgot_secret');
  await form.getByRole('button', { name: 'Create source' }).click();
  await expect(widget(page).getByRole('alert')).toContainText('source_config.client_secret: field required');

  const log = page.getByRole('table', { name: 'Widget events' });
  const row = log.getByRole('row').filter({ hasText: 'source_create_error' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('in ←');
  await expect(row).toContainText('source_config.client_secret: field required');
  await expect(log).not.toContainText('source_created');
  await page.getByRole('searchbox', { name: 'Filter events' }).fill('source_create_error');
  await expect(log.getByRole('row')).toHaveCount(2);
  await shoot(page, testInfo, '09-source-create-error', page.getByRole('heading', { name: 'Events' }));
  expect(pageErrors).toEqual([]);
});

test('mints for a new demo workspace and the Monaco editor keeps Ctrl+Shift+P for presenter mode only', async ({ page, shell }, testInfo) => {
  await page.goto(shell.launchUrl);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Widget preview' }).click();
  await page.getByRole('radio', { name: /New demo workspace/ }).check();
  await page.getByRole('textbox', { name: 'New workspace name' }).fill('widget-e2e-demo');
  await page.getByRole('combobox', { name: 'Region' }).selectOption('EU');
  await page.getByRole('group', { name: 'Connection templates: tags' }).getByRole('checkbox', { name: 'hipaa-compliant' }).check();
  await expect(page.getByRole('list', { name: 'Connection templates selected' }).getByRole('listitem')).toHaveCount(1);
  await page.getByRole('button', { name: 'Mint widget token' }).click();
  const facts = page.getByRole('region', { name: 'Minted widget token' });
  await expect(facts).toContainText('widget-e2e-demo');
  await expect(facts).toContainText('EU, created by this mint');
  await expect(widget(page).getByRole('list', { name: 'Source templates' }).getByRole('button')).not.toHaveCount(0);
  await shoot(page, testInfo, '08-new-workspace', page.getByRole('heading', { name: 'Widget preview' }));

  // Inside a Monaco editor the shortcut still toggles presenter mode (handled at the window, first).
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'About & diagnostics' }).click();
  const viewer = page.getByRole('region', { name: 'Diagnostics report (JSON)' });
  await viewer.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('status', { name: 'Presenter mode' })).toBeVisible();
  await expect(page.locator('.quick-input-widget:visible')).toHaveCount(0);
  await page.keyboard.press('Control+Shift+P');
  await expect(page.getByRole('status', { name: 'Presenter mode' })).toHaveCount(0);
});

/** The page, the content area and the setup form never scroll sideways; every field ends inside its form. */
async function layoutProblems(page: Page): Promise<string[]> {
  // A string expression: the e2e project compiles without the DOM library.
  return page.evaluate<string[]>(`(() => {
    const problems = [];
    const wide = (el, name) => { if (el && el.scrollWidth > el.clientWidth + 1) problems.push(name + ' scrolls sideways (' + el.scrollWidth + ' > ' + el.clientWidth + ')'); };
    wide(document.scrollingElement, 'the page');
    wide(document.querySelector('.area'), 'the content area');
    const form = document.querySelector('form[aria-label="Widget token"]');
    const right = form.getBoundingClientRect().right;
    for (const el of form.querySelectorAll('input, select, button')) {
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > right + 1) problems.push((el.getAttribute('aria-label') || el.textContent) + ' ends ' + Math.round(box.right - right) + ' px past the form');
    }
    const facts = document.querySelector('.widget-facts');
    if (facts && facts.getBoundingClientRect().left < right - 1) problems.push('the facts overlap the form');
    return problems;
  })()`);
}

test('a 223-character workspace name keeps the two columns inside the window, light and dark', async ({ page, shell }, testInfo) => {
  await page.goto(shell.launchUrl);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Widget preview' }).click();
  await expect(page.getByRole('group', { name: 'Source templates: tags' })).toBeVisible();
  // Before a mint the right column says what will appear there; the disabled Mint button says why.
  await expect(page.getByRole('region', { name: 'Widget token facts' })).toContainText('No widget token yet');
  await expect(page.getByRole('button', { name: 'Mint widget token' })).toHaveAccessibleDescription('Choose a workspace first.');
  await shoot(page, testInfo, '10-empty');

  const long = `acme-${'very-long-prospect-name-'.repeat(9)}us-demo`.slice(0, 223);
  expect(long).toHaveLength(223);
  await page.getByRole('radio', { name: /New demo workspace/ }).check();
  await page.getByRole('textbox', { name: 'New workspace name' }).fill(long);
  await page.getByRole('button', { name: 'Mint widget token' }).click();
  const facts = page.getByRole('region', { name: 'Minted widget token' });
  await expect(facts).toContainText(long);

  // Minting created it: it is now the chosen existing workspace, listed by a clamped name.
  await page.getByRole('searchbox', { name: 'Find workspace' }).fill('very-long-prospect');
  const workspace = page.getByRole('combobox', { name: 'Workspace' });
  const option = workspace.locator('option', { hasText: 'very-long-prospect' });
  await expect(option).toHaveCount(1);
  await expect(option).toHaveAttribute('title', long);
  expect((await option.textContent())?.length).toBeLessThanOrEqual(60);
  await expect(workspace).toHaveValue(/[0-9a-f-]{36}/);

  expect(await layoutProblems(page)).toEqual([]);
  // Two columns at 1280 px: the setup on the left, the token's facts on the right, side by side.
  const form = await page.getByRole('form', { name: 'Widget token' }).boundingBox();
  const factsBox = await facts.boundingBox();
  expect(form && factsBox && factsBox.x > form.x + form.width - 1 && Math.abs(factsBox.y - form.y) < 40).toBe(true);
  await shoot(page, testInfo, '11-long-name', page.getByRole('heading', { name: 'Widget preview' }));

  // An origin refused with a long value stays inside the column too.
  await page.getByRole('textbox', { name: 'Allowed origin' }).fill(`https://${'x'.repeat(400)}.com/path`);
  await expect(page.getByRole('alert', { name: 'Origin refused' })).toBeVisible();
  expect(await layoutProblems(page)).toEqual([]);
  await shoot(page, testInfo, '12-long-origin', page.getByRole('textbox', { name: 'Allowed origin' }));
});
