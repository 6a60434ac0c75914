import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shoot } from './screenshots';

test.describe.configure({ mode: 'serial' });


const requests = (page: Page) => page.getByRole('table', { name: 'Recent API requests' });
const detail = (page: Page) => page.getByRole('region', { name: 'Request details' });

async function openConsole(page: Page, launchUrl: string) {
  await page.goto(launchUrl);
  await expect(page.getByRole('listbox', { name: 'Workspaces' }).getByRole('option').first()).toBeVisible();
}

/** Nothing secret anywhere in the page: no JWT, no client secret, whatever is open. */
async function expectNothingSecret(page: Page) {
  const everything = await page.content();
  expect(everything).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);
  expect(everything).not.toMatch(/"client_secret":\s*"sandbox"/);
  expect(everything).not.toContain('sk_test_');
}

test('opens a call’s detail: time, status, headers and bodies, redacted; Escape closes it', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await page.getByRole('listbox', { name: 'Workspaces' }).getByRole('option', { name: /^globex-eu-demo\b/ }).click();
  await expect(page.getByRole('list', { name: 'Sources' })).toContainText('Stripe - globex');
  // Where the view's controls are before the inspector takes the bottom of the window.
  const newWorkspace = page.getByRole('button', { name: 'New workspace' });
  const before = await newWorkspace.boundingBox();
  await page.getByRole('button', { name: 'Requests' }).click();

  // The operator token call: its request body carries the client secret, its answer the token.
  const tokenRow = requests(page).getByRole('row', { name: /^POST \/api\/v1\/account\/applications\/token 200/ }).first();
  await tokenRow.focus();
  await page.keyboard.press('Enter');
  await expect(detail(page)).toBeVisible();
  await expect(detail(page).getByRole('heading', { level: 3 })).toHaveText('POST /api/v1/account/applications/token');
  await expect(detail(page)).toContainText('Duration');
  await expect(detail(page).getByRole('table', { name: 'Request headers' })).toContainText(/content-type/i);
  await expect(detail(page).getByRole('table', { name: 'Response headers' })).toContainText(/content-type/i);
  const requestBody = await detail(page).getByLabel('Request body', { exact: true }).textContent();
  expect(requestBody).toContain('"client_secret"');
  expect(requestBody).not.toMatch(/"client_secret":\s*"sandbox"/);
  const responseBody = await detail(page).getByLabel('Response body', { exact: true }).textContent();
  expect(responseBody).toContain('"access_token"');
  // Pretty-printed: one member per line.
  expect(responseBody).toMatch(/^\{\n {2}"/);
  await expectNothingSecret(page);
  // The layout with a detail open: the detail takes at most ~45% of the width, the list keeps the ends
  // of its paths readable (the whole URL on hover), and the page above keeps its width (no shift).
  const inspector = page.getByRole('region', { name: 'Request inspector' });
  const [whole, side] = [await inspector.boundingBox(), await detail(page).boundingBox()];
  expect(side && whole && side.width / whole.width).toBeLessThan(0.47);
  expect((whole?.height ?? 0) / (page.viewportSize()?.height ?? 1)).toBeLessThan(0.47);
  // The view above got shorter and scrolls now, but did not move sideways.
  expect((await newWorkspace.boundingBox())?.x).toBe(before?.x);
  const pathCell = requests(page).getByRole('row', { name: /^GET \/api\/v1\/embedded\/sources/ }).first().locator('td.path');
  await expect(pathCell).toHaveAttribute('title', /^http.*\/api\/v1\/embedded\/sources/);
  // Cut at its start: the path's end is what stays visible.
  const cellEnd = await pathCell.evaluate((td) => {
    const span = td.firstElementChild;
    const padding = parseFloat((globalThis as unknown as { getComputedStyle(e: unknown): { paddingRight: string } }).getComputedStyle(td).paddingRight);
    // The path's end is inside the cell (a path cut at its end would run past the cell's right edge).
    return span !== null && span.getBoundingClientRect().right <= td.getBoundingClientRect().right - padding + 1;
  });
  expect(cellEnd).toBe(true);
  await shoot(page, testInfo, 'inspector-detail-token');

  // A workspace call: its Authorization header is there, without the token.
  await requests(page).getByRole('row', { name: /^GET \/api\/v1\/embedded\/sources/ }).first().click();
  await expect(detail(page).getByRole('heading', { level: 3 })).toContainText('GET /api/v1/embedded/sources');
  await expect(detail(page).getByRole('table', { name: 'Request headers' })).toContainText(/authorization/i);
  await expect(detail(page).getByLabel('Response body', { exact: true })).toContainText('Stripe - globex');
  await expectNothingSecret(page);
  await shoot(page, testInfo, 'inspector-detail-sources');

  // Copy response puts the (pretty, redacted) response on the clipboard.
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell.origin });
  await detail(page).getByRole('button', { name: 'Copy response' }).click();
  await expect(detail(page).getByRole('button', { name: 'Copied' })).toBeVisible();
  const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  expect(JSON.parse(copied)).toBeTruthy();
  expect(copied).toContain('Stripe - globex');
  expect(copied).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/);

  // Escape closes the detail and gives the keyboard back to the row.
  await detail(page).getByRole('button', { name: 'Copy response' }).focus();
  await page.keyboard.press('Escape');
  await expect(detail(page)).toHaveCount(0);
  await expect(requests(page).getByRole('row', { name: /^GET \/api\/v1\/embedded\/sources/ }).first()).toBeFocused();
  // "Copy as curl" stays.
  await expect(requests(page).getByRole('button', { name: /^Copy GET \/api\/v1\/embedded\/sources as curl$/ }).first()).toBeVisible();
  // A second Escape closes the inspector itself.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Request inspector' })).toHaveCount(0);
});

test('filters the calls by status class', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  // A call that answers 404: a workspace that does not exist.
  const secret = /secret=([0-9a-f]+)/.exec(shell.launchUrl)?.[1] ?? '';
  await page.evaluate(async (s) => {
    await fetch('/ipc/workspaces:get', { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-console-secret': s }, body: JSON.stringify({ input: { id: '00000000-0000-4000-8000-000000000000' } }) });
  }, secret);
  await page.getByRole('button', { name: 'Requests' }).click();
  const filter = page.getByRole('radiogroup', { name: 'Filter by status' });
  await expect(requests(page).getByRole('row', { name: / 404$/ }).first()).toBeVisible();
  const all = await requests(page).getByRole('row').count();

  await filter.getByRole('radio', { name: '4xx' }).check();
  await expect(requests(page).getByRole('row', { name: / 404$/ }).first()).toBeVisible();
  await expect(requests(page).getByRole('row', { name: / 200$/ })).toHaveCount(0);
  await expect(page.getByLabel('Requests shown')).toHaveText(/^\d+ shown of the last \d+ calls$/);
  await shoot(page, testInfo, 'inspector-filter-4xx');

  await filter.getByRole('radio', { name: '2xx' }).check();
  await expect(requests(page).getByRole('row', { name: / 404$/ })).toHaveCount(0);
  await expect(requests(page).getByRole('row', { name: / 200$/ }).first()).toBeVisible();

  await filter.getByRole('radio', { name: '5xx' }).check();
  await expect(page.getByText('No call matches this status.')).toBeVisible();
  await filter.getByRole('radio', { name: 'All' }).check();
  expect(await requests(page).getByRole('row').count()).toBeGreaterThanOrEqual(all);
});

test('a large body shows a preview with its size, and all of it on "Show all"', async ({ page, shell }, testInfo) => {
  test.setTimeout(180_000);
  await page.goto(shell.launchUrl);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Catalog & JMESPath' }).click();
  await page.getByRole('searchbox', { name: 'Find workspace' }).fill('bigdata');
  const workspace = page.getByRole('combobox', { name: 'Workspace' });
  await expect(workspace.getByRole('option', { name: 'bigdata-us-demo' })).toHaveCount(1);
  await workspace.selectOption({ label: 'bigdata-us-demo' });
  const source = page.getByRole('combobox', { name: 'Source' });
  await expect(source).toBeEnabled();
  const label = await source.getByRole('option').filter({ hasText: /warehouse/i }).first().textContent();
  await source.selectOption({ label: label ?? '' });
  await page.getByRole('button', { name: 'Discover', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Stream summary' })).toContainText('5,200', { timeout: 120_000 });

  await page.getByRole('button', { name: 'Requests' }).click();
  await requests(page).getByRole('row', { name: /^GET \/api\/v1\/integrations\/sources\/[^/]+\/discover 200/ }).first().click();
  const cut = detail(page).getByLabel('Response body is cut');
  await expect(cut).toContainText(/Showing the first 66 KB of \d+(\.\d)? (KB|MB)\./);
  const before = (await detail(page).getByLabel('Response body', { exact: true }).textContent()) ?? '';
  // The preview is indented although it does not parse (it is cut mid-way).
  expect(before.split('\n').length).toBeGreaterThan(100);
  await shoot(page, testInfo, 'inspector-large-preview');

  await detail(page).getByRole('button', { name: 'Show all of the response body' }).click();
  // All the log keeps of a body this large (1 MB): more than the preview, and no second "Show all".
  await expect(detail(page).getByRole('button', { name: 'Show all of the response body' })).toHaveCount(0);
  const after = (await detail(page).getByLabel('Response body', { exact: true }).textContent()) ?? '';
  expect(after.length).toBeGreaterThan(before.length * 4);
  await expectNothingSecret(page);
  await shoot(page, testInfo, 'inspector-large-all');
});

test('a failure is still found by its filter after hundreds of later calls', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  const secret = /secret=([0-9a-f]+)/.exec(shell.launchUrl)?.[1] ?? '';
  await page.evaluate(async (s) => {
    const call = (channel: string, input?: unknown) => fetch(`/ipc/${channel}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'x-console-secret': s }, body: JSON.stringify({ input }) });
    // A 404, then more calls than the log's ring holds (whole-organization paging does as much).
    await call('workspaces:get', { id: '00000000-0000-4000-8000-000000000000' });
    for (let i = 0; i < 520; i++) await call('workspaces:stats');
  }, secret);
  await page.getByRole('button', { name: 'Requests' }).click();
  await page.getByRole('radiogroup', { name: 'Filter by status' }).getByRole('radio', { name: '4xx' }).check();
  await expect(requests(page).getByRole('row', { name: / 404$/ }).first()).toBeVisible();
  await expect(page.getByLabel('Requests shown')).toHaveText(/^\d+ shown of the last 500 calls \+ \d+ earlier failures?$/);
  await shoot(page, testInfo, 'inspector-kept-failure');
});
