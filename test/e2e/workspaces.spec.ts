import { readFileSync, writeFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, startBuiltSandbox, startShell, test } from './fixtures';
import { shoot } from './screenshots';

// Each test gets its own browser shell (fresh user data, fresh in-process sandbox): they change data.
test.describe.configure({ mode: 'serial' });

// The connection state's wording (#13 item 6 renamed "Reachable" to "Connected").
const CONNECTED = /^(Reachable|Connected)$/;
/** The profile panel's one-line credentials state (not the credentials dialog's form of the same name). */
const credentialsLine = (page: Page) => page.getByRole('region', { name: 'Profile' }).locator('p[aria-label="Credentials"]');
const list = (page: Page) => page.getByRole('listbox', { name: 'Workspaces' });
const option = (page: Page, name: string) => list(page).getByRole('option', { name: new RegExp(`^${name}\\b`) });

async function openConsole(page: Page, launchUrl: string) {
  await page.goto(launchUrl);
  await expect(page.getByRole('heading', { name: 'Workspaces' })).toBeVisible();
  await expect(list(page).getByRole('option').first()).toBeVisible();
}

test('filters to EU, searches the loaded list, opens a workspace and shows its sources', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await expect(page.getByLabel('Workspace counts')).toHaveText('41 workspaces · 35 active · 6 inactive');
  await expect(page.getByLabel('Connection')).toHaveText(CONNECTED);
  await page.getByRole('radiogroup', { name: 'Region' }).getByRole('radio', { name: 'EU' }).check();
  await expect(list(page).getByRole('option').first()).toContainText('acme-eu-demo');
  await expect(list(page).getByRole('option').filter({ hasText: '-us-demo' })).toHaveCount(0);

  await page.getByRole('searchbox', { name: 'Search workspaces by name' }).fill('globex');
  await expect(list(page).getByRole('option')).toHaveCount(1);
  await expect(list(page).getByRole('option')).toContainText('globex-eu-demo');
  await option(page, 'globex-eu-demo').click();

  const detail = page.getByRole('region', { name: 'Workspace globex-eu-demo' });
  await expect(detail.getByRole('list', { name: 'Sources' })).toContainText('HubSpot - globex');
  await expect(detail.getByRole('list', { name: 'Sources' })).toContainText('Stripe - globex');
  await expect(detail.getByRole('combobox', { name: 'Region' })).toHaveValue('EU');
  await expect(detail.getByRole('list', { name: 'Source templates' })).toContainText('HubSpot CRM');
  await expect(detail.getByRole('list', { name: 'Connection templates' })).toContainText('standard-sync');
  await page.screenshot({ path: testInfo.outputPath('workspace-detail.png') });
});

test('creates a workspace in the region its name suggests, selects it, and offers to open a taken name', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await page.getByRole('button', { name: 'New workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'New workspace' });
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute('maxlength', '255');
  await expect(dialog.getByRole('radio', { name: 'US' })).toBeChecked();
  // The name says EU: the region follows it, and the dialog says why.
  await dialog.getByRole('textbox', { name: 'Name' }).fill('newco-eu-demo');
  await expect(dialog.getByRole('radio', { name: 'EU' })).toBeChecked();
  await expect(dialog).toContainText('EU suggested by the name.');
  await shoot(page, testInfo, 'create-dialog');
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog).toBeHidden();
  await expect(option(page, 'newco-eu-demo')).toContainText('EU');
  await expect(page.getByRole('region', { name: 'Workspace newco-eu-demo' }).getByRole('combobox', { name: 'Region' })).toHaveValue('EU');
  await expect(page.getByLabel('Workspace counts')).toHaveText(/^42 workspaces/);
  // One selection: the new row is highlighted (the detail's), in view, and has the keyboard.
  await expect(list(page)).toBeFocused();
  await expect(list(page).getByRole('option', { selected: true })).toContainText('newco-eu-demo');
  await expect(option(page, 'newco-eu-demo')).toBeInViewport();
  await shoot(page, testInfo, 'created-selected');

  // Creating the same name again says so, next to the name, with a way to open that workspace.
  await option(page, 'acme-us-demo').click();
  await page.getByRole('button', { name: 'New workspace' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('newco-eu-demo');
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already exists');
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
  await shoot(page, testInfo, 'create-dialog-taken');
  await dialog.getByRole('button', { name: 'Open newco-eu-demo' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('region', { name: 'Workspace newco-eu-demo' })).toBeVisible();
  await expect(list(page).getByRole('option', { selected: true })).toContainText('newco-eu-demo');
});

test('deactivates a workspace after a confirmation that names the consequence', async ({ page, shell }) => {
  await openConsole(page, shell.launchUrl);
  await option(page, 'initech-us-demo').click();
  const detail = page.getByRole('region', { name: 'Workspace initech-us-demo' });
  await detail.getByRole('button', { name: 'Deactivate' }).click();
  const confirm = page.getByRole('dialog', { name: 'Deactivate initech-us-demo?' });
  await expect(confirm).toContainText('disables all of this workspace’s connections');
  await confirm.getByRole('button', { name: 'Deactivate' }).click();
  await expect(option(page, 'initech-us-demo')).toContainText('inactive');
  await expect(detail.getByRole('button', { name: 'Activate' })).toBeVisible();
});

test('renames, and deletes only after the name is typed', async ({ page, shell }) => {
  await openConsole(page, shell.launchUrl);
  await option(page, 'hooli-us-demo').click();
  const detail = page.getByRole('region', { name: 'Workspace hooli-us-demo' });
  await detail.getByRole('button', { name: 'Rename' }).click();
  await page.getByRole('dialog', { name: 'Rename hooli-us-demo' }).getByRole('textbox', { name: 'New name' }).fill('hooli-us-poc');
  await page.getByRole('dialog', { name: 'Rename hooli-us-demo' }).getByRole('button', { name: 'Rename' }).click();
  await expect(option(page, 'hooli-us-poc')).toBeVisible();

  await page.getByRole('region', { name: 'Workspace hooli-us-poc' }).getByRole('button', { name: 'Delete' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete hooli-us-poc?' });
  const remove = confirm.getByRole('button', { name: 'Delete workspace' });
  await expect(remove).toBeDisabled();
  await confirm.getByRole('textbox', { name: 'Workspace name' }).fill('hooli-us');
  await expect(remove).toBeDisabled();
  await confirm.getByRole('textbox', { name: 'Workspace name' }).fill('hooli-us-poc');
  const next = await list(page).getByRole('option').nth((await list(page).getByRole('option').allTextContents()).findIndex((t) => t.startsWith('hooli-us-poc')) + 1).textContent();
  await remove.click();
  await expect(option(page, 'hooli-us-poc')).toHaveCount(0);
  await expect(page.getByLabel('Workspace counts')).toHaveText(/^40 workspaces/);
  // Focus goes to the list, on the row that followed the deleted one (not to the page body).
  await expect(list(page)).toBeFocused();
  await expect(list(page).getByRole('option', { selected: true })).toHaveText(next ?? '');
});

test('the request inspector lists the calls, redacted, with copy as curl', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await option(page, 'acme-us-demo').click();
  await expect(page.getByRole('list', { name: 'Sources' })).toContainText('Postgres - acme');
  await page.getByRole('button', { name: 'Requests' }).click();
  const table = page.getByRole('table', { name: 'Recent API requests' });
  await expect(table).toContainText('/api/v1/embedded/sources');
  await expect(table).toContainText('/api/v1/workspaces/stats');
  await expect(table).toContainText('/api/v1/account/applications/token');
  const curl = await table.getByRole('button', { name: /^Copy GET \/api\/v1\/embedded\/sources as curl$/ }).first().getAttribute('data-curl');
  // A workspace call: the snippet mints the operator token, then the workspace token, then calls (it runs in test/integration/curl-snippet.test.ts).
  expect(curl).toContain('-H "Authorization: Bearer $SCOPED_TOKEN"');
  expect(curl).toContain('$CLIENT_SECRET');
  const everything = await page.content();
  expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  expect(everything).not.toContain('"client_secret":"sandbox"');
  await page.screenshot({ path: testInfo.outputPath('request-inspector.png') });
});

test('works from the keyboard: / to search, arrows to move, Enter to open, Escape to close dialogs', async ({ page, shell }) => {
  await openConsole(page, shell.launchUrl);
  await page.locator('body').click({ position: { x: 600, y: 20 } });
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Search workspaces by name' })).toBeFocused();
  await page.keyboard.type('demo');
  await page.keyboard.press('ArrowDown');
  await expect(list(page)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(list(page).getByRole('option', { selected: true })).toContainText('globex-us-demo');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Workspace globex-us-demo' })).toBeVisible();
  await page.getByRole('button', { name: 'Rename' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Rename globex-us-demo' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
});

test('shows an empty state for a search without matches', async ({ page, shell }) => {
  await openConsole(page, shell.launchUrl);
  await page.getByRole('searchbox', { name: 'Search workspaces by name' }).fill('no-such-prospect');
  await expect(page.getByRole('status').filter({ hasText: 'No workspace name contains “no-such-prospect”.' })).toBeVisible();
});

test('an empty list names the filters that hide the matches, and clears them', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await page.getByRole('searchbox', { name: 'Search workspaces by name' }).fill('acme');
  await expect(page.getByLabel('Search matches')).toHaveText('2 matches');
  await page.getByRole('combobox', { name: 'Status' }).selectOption('inactive');
  await page.getByRole('radiogroup', { name: 'Region' }).getByRole('radio', { name: 'US' }).check();
  await expect(page.getByRole('status').filter({ hasText: '2 workspaces match “acme” but are hidden by the filters Status: Inactive, Region: US.' })).toBeVisible();
  await shoot(page, testInfo, 'empty-hidden-by-filters');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(list(page).getByRole('option')).toHaveCount(2);
  await expect(page.getByRole('combobox', { name: 'Status' })).toHaveValue('all');
  await expect(page.getByRole('searchbox', { name: 'Search workspaces by name' })).toHaveValue('acme');
});

test('adds a profile for another API, sets credentials for the session, and sets an unknown region by hand', async ({ page, shell }, testInfo) => {
  const other = await startBuiltSandbox();
  try {
    await openConsole(page, shell.launchUrl);
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('button', { name: 'New profile…' }).click();
    const create = page.getByRole('dialog', { name: 'New profile' });
    await create.getByRole('textbox', { name: 'Name' }).fill('Staging API');
    await create.getByRole('textbox', { name: 'API base URL' }).fill(other.url);
    await create.getByRole('button', { name: 'Create profile' }).click();
    await expect(create).toBeHidden();

    // Creating a profile switches to it and asks for its credentials at once (#13 item 1); without a
    // keychain (as in CI's browser shell) "this session only" is already ticked (#13 item 7).
    await expect(page.getByRole('combobox', { name: 'Active profile' }).locator('option:checked')).toHaveText('Staging API');
    const creds = page.getByRole('dialog', { name: 'Credentials for Staging API' });
    await expect(creds).toBeVisible();
    await creds.getByRole('textbox', { name: 'Client ID' }).fill('sandbox');
    await creds.getByLabel('Client secret').fill('sandbox');
    const keychain = await page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Keychain').textContent();
    if (keychain?.includes('unavailable')) await expect(creds.getByRole('checkbox', { name: /this session only/ })).toBeChecked();
    await creds.getByRole('button', { name: 'Save' }).click();
    await expect(creds).toBeHidden();
    await expect(credentialsLine(page)).toHaveText(/Credentials: set \(••••, (this session only|keychain)\)/);
    await expect(page.getByLabel('Connection')).toHaveText(CONNECTED);

    // Another API: the app has no region records for its workspaces.
    await page.getByRole('radiogroup', { name: 'Region' }).getByRole('radio', { name: 'Unknown' }).check();
    await expect(option(page, 'acme-us-demo')).toContainText('?');
    await option(page, 'acme-us-demo').click();
    const detail = page.getByRole('region', { name: 'Workspace acme-us-demo' });
    await detail.getByRole('combobox', { name: 'Region' }).selectOption('US');
    await expect(detail.getByRole('combobox', { name: 'Region' })).toHaveValue('US');
    await expect(option(page, 'acme-us-demo')).toHaveCount(0);
    await page.getByRole('radiogroup', { name: 'Region' }).getByRole('radio', { name: 'US' }).check();
    await expect(option(page, 'acme-us-demo')).toContainText('US');
    await page.screenshot({ path: testInfo.outputPath('second-profile.png') });

    // A compromised renderer points the token URL elsewhere: main drops the secret, the UI says why.
    const launchSecret = /secret=([0-9a-f]+)/.exec(shell.launchUrl)?.[1] ?? '';
    const moved = await page.evaluate(async (secret) => {
      const call = async (channel: string, input?: unknown) =>
        (await (await fetch(`/ipc/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-console-secret': secret }, body: JSON.stringify({ input }) })).json()) as { ok: boolean; value: { activeProfileId: string } };
      const { value } = await call('profiles:list');
      return call('profiles:update', { id: value.activeProfileId, changes: { tokenUrl: 'http://127.0.0.1:9/steal' } });
    }, launchSecret);
    expect(moved.ok).toBe(true);
    await page.getByRole('combobox', { name: 'Active profile' }).selectOption({ label: 'Sandbox' });
    await page.getByRole('combobox', { name: 'Active profile' }).selectOption({ label: 'Staging API' });
    await expect(credentialsLine(page)).toHaveText('Credentials: not set');
    await expect(page.getByRole('status', { name: 'Secret removed' })).toHaveText(/The token URL changed, so the saved client secret was removed\. Enter the client id and secret again/);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: testInfo.outputPath(`credentials-removed-${scheme}.png`) });
    }
  } finally {
    other.stop();
  }
});


/** Calls a channel the way the renderer does (for setup only: the UI is what the tests exercise). */
async function ipc<T>(page: Page, launchUrl: string, channel: string, input?: unknown): Promise<T> {
  const secret = /secret=([0-9a-f]+)/.exec(launchUrl)?.[1] ?? '';
  const result = await page.evaluate(
    async ({ channel, input, secret }) =>
      (await (await fetch(`/ipc/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-console-secret': secret }, body: JSON.stringify({ input }) })).json()) as { ok: boolean; value: unknown; error?: { message: string } },
    { channel, input, secret },
  );
  if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
  return result.value as T;
}

test('a whole organization of 5,041: every page loads in the background, End reaches the last, searches count matches', async ({ page }, testInfo) => {
  test.setTimeout(90_000);
  const { shell, child } = await startShell([], { EMBEDDED_CONSOLE_SANDBOX_SEED: 'large' });
  try {
    // Long tasks while the organization loads in the background (recorded from the first script on).
    await page.addInitScript(() => {
      const w = globalThis as unknown as { longTasks: Array<[number, number]> };
      w.longTasks = [];
      new PerformanceObserver((entries) => entries.getEntries().forEach((e) => w.longTasks.push([Math.round(e.startTime), Math.round(e.duration)]))).observe({ type: 'longtask', buffered: true } as never);
    });
    await openConsole(page, shell.launchUrl);
    const firstPageAt = await page.evaluate(() => performance.now());
    await expect(page.getByLabel('Workspace counts')).toHaveText('5,041 workspaces · 4,581 active · 460 inactive');
    // Every page in: the last option says the list has 5,041 rows (no more "-1, unknown").
    await expect(page.getByLabel('Background loading')).toHaveCount(0, { timeout: 30_000 });
    const listbox = list(page);
    // One selection: with a workspace open, End moves the detail along with the highlight.
    await option(page, 'acme-us-demo').click();
    await listbox.focus();
    await page.keyboard.press('End');
    const last = list(page).getByRole('option', { selected: true });
    const lastName = ((await last.locator('.ws-name').textContent()) ?? '').trim();
    await expect(page.getByRole('region', { name: `Workspace ${lastName}` })).toBeVisible();
    await expect(last).toHaveAttribute('aria-posinset', '5041');
    await expect(last).toHaveAttribute('aria-setsize', '5041');
    // The scrollbar covers every row: the list scrolled to its very end.
    const atEnd = await listbox.evaluate((el) => Math.abs(el.scrollTop + el.clientHeight - el.scrollHeight) < 2);
    expect(atEnd).toBe(true);
    const longTasks = await page.evaluate(() => (globalThis as unknown as { longTasks: Array<[number, number]> }).longTasks);
    testInfo.annotations.push({ type: 'long tasks [start, duration] ms', description: JSON.stringify(longTasks) });
    await shoot(page, testInfo, 'whole-org-end');

    // A search: "N matches", and the header counts follow it.
    await page.getByRole('searchbox', { name: 'Search workspaces by name' }).fill('prospect-049');
    await expect(page.getByLabel('Search matches')).toHaveText('100 matches');
    await expect(page.getByLabel('Workspace counts')).toHaveText('100 of 5,041 · 91 active · 9 inactive');
    // Filters over the loaded organization cost no request (a status change used to re-read ~50 pages).
    const lastCallId = async () => (await ipc<Array<{ id: number }>>(page, shell.launchUrl, 'requests:log')).at(-1)?.id ?? 0;
    const before = await lastCallId();
    await page.getByRole('combobox', { name: 'Status' }).selectOption('inactive');
    await expect(page.getByLabel('Search matches')).toHaveText('9 matches');
    await expect(page.getByLabel('Workspace counts')).toHaveText('9 of 5,041 · 0 active · 9 inactive');
    await page.getByRole('radiogroup', { name: 'Region' }).getByRole('radio', { name: 'EU' }).check();
    await page.getByRole('radiogroup', { name: 'Region' }).getByRole('radio', { name: 'All' }).check();
    expect(await lastCallId()).toBe(before);
    // The header stays one line, so the toolbar below does not move.
    const header = page.locator('.workspaces .view-header');
    expect((await page.getByLabel('Workspace counts').boundingBox())?.height).toBeLessThan(30);
    expect((await header.boundingBox())?.height).toBeLessThan(60);
    await shoot(page, testInfo, 'whole-org-search');
    await page.getByRole('combobox', { name: 'Status' }).selectOption('all');
    await page.getByRole('searchbox', { name: 'Search workspaces by name' }).fill('');
    await expect(page.getByLabel('Workspace counts')).toHaveText('5,041 workspaces · 4,581 active · 460 inactive');
    // Goal: no task over 50 ms while the rest loads (Chromium reports only tasks over 50 ms). The margin
    // is for a loaded test machine; test/bench/workspaces-ui.bench.mjs measures it properly.
    expect(Math.max(0, ...longTasks.filter(([start]) => start > firstPageAt).map(([, duration]) => duration))).toBeLessThan(100);
  } finally {
    child.kill('SIGTERM');
  }
});

test('regions: suggest and review, tick rows for a bulk region, change one, export and import', async ({ page, shell }, testInfo) => {
  const other = await startBuiltSandbox();
  try {
    await openConsole(page, shell.launchUrl);
    // Another API: the app has no region records for its workspaces yet.
    const profile = await ipc<{ id: string }>(page, shell.launchUrl, 'profiles:create', { name: 'Prospect org', baseUrl: other.url });
    await ipc(page, shell.launchUrl, 'credentials:set', { id: profile.id, clientId: 'sandbox', clientSecret: 'sandbox', sessionOnly: true });
    await ipc(page, shell.launchUrl, 'profiles:select', { id: profile.id });
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Active profile' }).locator('option:checked')).toHaveText('Prospect org');
    await expect(option(page, 'acme-eu-demo')).toContainText('?');

    // Suggest: every suggestion ticked; untick one, record the rest.
    await page.getByRole('button', { name: 'Suggest regions…' }).click();
    const review = page.getByRole('dialog', { name: 'Suggested regions' });
    const table = review.getByRole('table', { name: 'Region suggestions' });
    await expect(table.getByRole('row', { name: /acme-eu-demo/ })).toContainText('unknown');
    await expect(table.getByRole('row', { name: /acme-eu-demo/ })).toContainText('EU');
    const suggested = await table.getByRole('checkbox').count();
    expect(suggested).toBeGreaterThan(20);
    await expect(review.getByLabel('Suggestions ticked')).toHaveText(`${suggested} of ${suggested} ticked`);
    await review.getByRole('checkbox', { name: 'Record initech-us-demo as US' }).uncheck();
    // The dialog fits its frame: no horizontal scrolling, the buttons whole.
    expect(await review.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(await review.locator('.region-review-list').evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    for (const name of ['Untick all', `Record ${suggested - 1} regions`]) {
      const box = await review.getByRole('button', { name }).boundingBox();
      const frame = await review.boundingBox();
      expect(box && frame && box.x >= frame.x && box.x + box.width <= frame.x + frame.width).toBe(true);
    }
    await shoot(page, testInfo, 'regions-suggest-review');
    await review.getByRole('button', { name: `Record ${suggested - 1} regions` }).click();
    await expect(review).toBeHidden();
    await expect(option(page, 'acme-eu-demo')).toContainText('EU');
    await expect(option(page, 'globex-us-demo')).toContainText('US');
    await expect(option(page, 'initech-us-demo')).toContainText('?');

    // Tick two rows (Space on the active row, Ctrl+click another) and set their region at once.
    await option(page, 'initech-us-demo').click({ modifiers: ['Control'] });
    await option(page, 'acme-us-demo').click({ modifiers: ['Control'] });
    await expect(list(page).getByRole('option', { checked: true })).toHaveCount(2);
    const ticked = page.getByRole('toolbar', { name: 'Ticked workspaces' });
    await expect(ticked.getByLabel('Ticked count')).toHaveText('2 ticked');
    await shoot(page, testInfo, 'regions-ticked');
    await ticked.getByRole('button', { name: 'Set region…' }).click();
    const bulk = page.getByRole('dialog', { name: 'Set the region of 2 workspaces' });
    // Nothing pre-selected: Enter alone sets nothing.
    await expect(bulk.getByRole('radio', { checked: true })).toHaveCount(0);
    await expect(bulk.getByRole('button', { name: 'Set region of 2 workspaces' })).toBeDisabled();
    await expect(bulk).toContainText('Choose a region first.');
    await shoot(page, testInfo, 'regions-bulk-unchosen');
    await bulk.getByRole('radio', { name: 'EU' }).check();
    await bulk.getByRole('button', { name: 'Set region of 2 workspaces' }).click();
    await expect(bulk).toBeHidden();
    await expect(option(page, 'initech-us-demo')).toContainText('EU');
    await expect(option(page, 'acme-us-demo')).toContainText('EU');
    // Focus is back on the control that opened the dialog (the rows stay ticked, so it is still there).
    await expect(ticked.getByRole('button', { name: 'Set region…' })).toBeFocused();
    await ticked.getByRole('button', { name: 'Untick all' }).click();
    await expect(list(page).getByRole('option', { checked: true })).toHaveCount(0);

    // Change a recorded region in the detail panel; Escape closes the panel.
    await option(page, 'acme-us-demo').click();
    const detail = page.getByRole('region', { name: 'Workspace acme-us-demo' });
    await expect(detail.getByRole('combobox', { name: 'Region' })).toHaveValue('EU');
    await detail.getByRole('combobox', { name: 'Region' }).selectOption('US');
    await expect(detail.getByRole('combobox', { name: 'Region' })).toHaveValue('US');
    await expect(option(page, 'acme-us-demo')).toContainText('US');
    await shoot(page, testInfo, 'regions-detail');
    await list(page).focus();
    await page.keyboard.press('Escape');
    await expect(detail).toHaveCount(0);

    // Export: a JSON file with every record.
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export regions…' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('workspace-regions.json');
    const exportedPath = testInfo.outputPath('workspace-regions.json');
    await download.saveAs(exportedPath);
    const exported = JSON.parse(readFileSync(exportedPath, 'utf8')) as { format: string; records: Array<{ name: string; region: string }> };
    expect(exported.format).toBe('embedded-console/workspace-regions');
    expect(exported.records).toHaveLength(suggested);
    expect(exported.records.find((r) => r.name === 'initech-us-demo')?.region).toBe('EU');

    // A teammate's copy says initech is in the US: kept without overwrite, replaced with it.
    const teammate = { ...exported, records: exported.records.map((r) => (r.name === 'initech-us-demo' ? { ...r, region: 'US' } : r)) };
    const teammatePath = testInfo.outputPath('teammate-regions.json');
    writeFileSync(teammatePath, JSON.stringify(teammate));
    await page.getByRole('button', { name: 'Import regions…' }).click();
    const importing = page.getByRole('dialog', { name: 'Import regions' });
    await importing.getByLabel(/Region file/).setInputFiles(teammatePath);
    await importing.getByRole('button', { name: 'Import' }).click();
    await expect(importing.getByLabel('Import result')).toHaveText(`0 added · 0 replaced · 1 kept (differ, not overwritten) · ${suggested - 1} already the same`);
    await importing.getByRole('checkbox', { name: 'Overwrite differing records' }).check();
    await importing.getByRole('button', { name: 'Import' }).click();
    await expect(importing.getByLabel('Import result')).toHaveText(`0 added · 1 replaced · 0 kept (differ, not overwritten) · ${suggested - 1} already the same`);
    await shoot(page, testInfo, 'regions-import');
    await importing.getByRole('button', { name: 'Close' }).click();
    await expect(option(page, 'initech-us-demo')).toContainText('US');
  } finally {
    other.stop();
  }
});

test('Ctrl/Cmd+Shift+N (the app’s event) opens the New workspace dialog', async ({ page, shell }) => {
  await openConsole(page, shell.launchUrl);
  await page.evaluate(() => (globalThis as unknown as EventTarget).dispatchEvent(new Event('console:new-workspace')));
  await expect(page.getByRole('dialog', { name: 'New workspace' })).toBeVisible();
});
