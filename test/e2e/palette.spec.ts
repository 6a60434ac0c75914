import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shoot } from './screenshots';

test.describe.configure({ mode: 'serial' });


const palette = (page: Page) => page.getByRole('dialog', { name: 'Command palette' });
const field = (page: Page) => palette(page).getByRole('combobox', { name: 'Command or name' });
const areas = (page: Page) => page.getByRole('navigation', { name: 'Areas' });
const workspaces = (page: Page) => page.getByRole('listbox', { name: 'Workspaces' });

async function openConsole(page: Page, launchUrl: string) {
  await page.goto(launchUrl);
  await expect(workspaces(page).getByRole('option').first()).toBeVisible();
}

async function openPalette(page: Page) {
  await page.keyboard.press('Control+K');
  await expect(palette(page)).toBeVisible();
  await expect(field(page)).toBeFocused();
}

/** The option aria-activedescendant points at: what Enter runs. */
async function activeOption(page: Page) {
  const id = await field(page).getAttribute('aria-activedescendant');
  expect(id).toBeTruthy();
  return page.locator(`[id="${id}"]`);
}

test('Ctrl+K opens the palette; "temp" + Enter goes to Templates', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await openPalette(page);
  const listbox = palette(page).getByRole('listbox', { name: 'Commands' });
  await expect(field(page)).toHaveAttribute('aria-controls', (await listbox.getAttribute('id')) ?? 'missing');
  await expect(listbox.getByRole('group', { name: 'Areas' }).getByRole('option')).toHaveCount(6);
  await expect(listbox.getByRole('option', { name: 'Open request inspector' })).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+R Meta+Shift+R');
  // The loaded workspaces are offered by name.
  await expect(listbox.getByRole('group', { name: 'Workspaces' }).getByRole('option').first()).toBeVisible();
  await shoot(page, testInfo, '01-open');

  await field(page).fill('temp');
  await expect(await activeOption(page)).toContainText('Templates');
  await shoot(page, testInfo, '02-temp');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toHaveCount(0);
  await expect(areas(page).getByRole('button', { name: 'Templates' })).toHaveAttribute('aria-current', 'page');
});

test('Up and Down move the active option; a workspace name selects it; its sources open in the Catalog', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  // Start elsewhere: choosing a workspace must bring the Workspaces area back.
  await areas(page).getByRole('button', { name: 'About & diagnostics' }).click();
  await openPalette(page);
  const first = await (await activeOption(page)).getAttribute('id');
  await page.keyboard.press('ArrowDown');
  expect(await (await activeOption(page)).getAttribute('id')).not.toBe(first);
  await page.keyboard.press('ArrowUp');
  expect(await (await activeOption(page)).getAttribute('id')).toBe(first);

  await field(page).fill('globex-eu');
  await expect(await activeOption(page)).toContainText('globex-eu-demo');
  await page.keyboard.press('Enter');
  await expect(areas(page).getByRole('button', { name: 'Workspaces' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('region', { name: 'Workspace globex-eu-demo' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Sources' })).toContainText('Stripe - globex');

  // The open workspace's sources are offered; choosing one opens its catalog.
  await openPalette(page);
  await field(page).fill('stripe');
  // Only the open workspace's sources are known, and the heading says whose they are.
  const sources = palette(page).getByRole('group', { name: 'Sources in globex-eu-demo' });
  await expect(sources.getByRole('option', { name: /Stripe - globex/ })).toBeVisible();
  await shoot(page, testInfo, '03-sources');
  await sources.getByRole('option', { name: /Stripe - globex/ }).click();
  await expect(areas(page).getByRole('button', { name: 'Catalog & JMESPath' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Catalog & JMESPath' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Stripe - globex');
});

test('"inspector" opens the request inspector; nothing matching says so; Escape closes with focus returned', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await openPalette(page);
  await field(page).fill('inspector');
  await expect(await activeOption(page)).toContainText('Open request inspector');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Request inspector' })).toBeVisible();

  const search = page.getByRole('searchbox', { name: 'Search workspaces by name' });
  await search.focus();
  await openPalette(page);
  await field(page).fill('qqqqzz');
  await expect(palette(page).getByRole('option')).toHaveCount(0);
  await expect(palette(page)).toContainText('Nothing matches “qqqqzz”.');
  await shoot(page, testInfo, '04-nothing');
  await page.keyboard.press('Escape');
  await expect(palette(page)).toHaveCount(0);
  await expect(search).toBeFocused();
});

test('actions run the same code as their shortcuts: New workspace and Keyboard shortcuts', async ({ page, shell }) => {
  await openConsole(page, shell.launchUrl);
  await areas(page).getByRole('button', { name: 'Templates' }).click();
  await openPalette(page);
  await field(page).fill('new work');
  await page.keyboard.press('Enter');
  await expect(areas(page).getByRole('button', { name: 'Workspaces' })).toHaveAttribute('aria-current', 'page');
  const create = page.getByRole('dialog', { name: /workspace/i });
  await expect(create).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(create).toHaveCount(0);

  await openPalette(page);
  await field(page).fill('keyboard');
  await page.keyboard.press('Enter');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  // The palette's own shortcut is in the list.
  await expect(help).toContainText('Ctrl/Cmd+K');
});

test('Ctrl/Cmd+Shift+R toggles the request inspector, and focus comes back to where it was', async ({ page, shell }) => {
  await openConsole(page, shell.launchUrl);
  const search = page.getByRole('searchbox', { name: 'Search workspaces by name' });
  await search.focus();
  await page.keyboard.press('Control+Shift+R');
  const inspector = page.getByRole('region', { name: 'Request inspector' });
  await expect(inspector).toBeVisible();
  // From inside the inspector (focus in it), the same chord closes it; focus returns to the search.
  await inspector.getByRole('button', { name: 'Clear' }).focus();
  await page.keyboard.press('Control+Shift+R');
  await expect(inspector).toHaveCount(0);
  await expect(search).toBeFocused();
  await page.keyboard.press('Control+Shift+R');
  await expect(inspector).toBeVisible();
});

// The palette asks; the Workspaces area (shown first) takes the request and opens its own dialog.
test('"suggest" opens the Workspaces area’s own Suggest regions dialog', async ({ page, shell }) => {
  await openConsole(page, shell.launchUrl);
  await areas(page).getByRole('button', { name: 'About & diagnostics' }).click();
  await openPalette(page);
  await field(page).fill('suggest');
  await expect(await activeOption(page)).toContainText('Suggest regions…');
  await page.keyboard.press('Enter');
  await expect(areas(page).getByRole('button', { name: 'Workspaces' })).toHaveAttribute('aria-current', 'page');
  const suggest = page.getByRole('dialog', { name: /region/i });
  await expect(suggest).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(suggest).toHaveCount(0);
});

test('the palette finds and runs the actions an SE uses: regions, profiles, mint, copy id', async ({ page, shell }, testInfo) => {
  test.setTimeout(60_000);
  await openConsole(page, shell.launchUrl);
  await areas(page).getByRole('button', { name: 'About & diagnostics' }).click();

  await openPalette(page);
  await field(page).fill('suggest');
  await expect(await activeOption(page)).toContainText('Suggest regions…');
  await shoot(page, testInfo, '05-suggest');
  // "profile" and "region" list their actions.
  await field(page).fill('profile');
  await expect(palette(page).getByRole('option', { name: /New profile…/ })).toBeVisible();
  await field(page).fill('region');
  for (const name of ['Suggest regions…', 'Export regions…', 'Import regions…']) await expect(palette(page).getByRole('option', { name })).toBeVisible();
  await shoot(page, testInfo, '06-region');
  // "postgres": the sources whose names hold the word, not letter-by-letter workspace matches.
  await field(page).fill('postgres');
  const options = palette(page).getByRole('option');
  const names = await options.allTextContents();
  expect(names.every((n) => /postgres/i.test(n))).toBe(true);
  await page.keyboard.press('Escape');

  // With a workspace open: copy its id, and mint a widget token for it.
  await areas(page).getByRole('button', { name: 'Workspaces' }).click();
  await page.getByRole('searchbox', { name: 'Search workspaces by name' }).fill('acme-us');
  await workspaces(page).getByRole('option', { name: /^acme-us-demo\b/ }).click();
  await expect(page.getByRole('region', { name: 'Workspace acme-us-demo' })).toBeVisible();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shell.origin });
  await openPalette(page);
  await field(page).fill('copy workspace');
  await expect(await activeOption(page)).toContainText('Copy workspace ID');
  await page.keyboard.press('Enter');
  await expect(page.getByText('Copied the ID of acme-us-demo.')).toBeVisible();
  const copied = await page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
  expect(copied).toMatch(/^[0-9a-f-]{36}$/);

  await openPalette(page);
  await field(page).fill('mint');
  await expect(await activeOption(page)).toContainText('Mint widget token…');
  await expect(await activeOption(page)).toContainText('Widget preview for acme-us-demo');
  await page.keyboard.press('Enter');
  await expect(areas(page).getByRole('button', { name: 'Widget preview' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('combobox', { name: 'Workspace' })).toHaveValue(/[0-9a-f-]{36}/);
  await expect(page.getByRole('button', { name: 'Mint widget token' })).toBeFocused();
});

test('the keyboard help lists the global, list and editor keys in three sections', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await page.getByRole('heading', { name: 'Workspaces' }).click();
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('heading', { level: 3 })).toHaveText(['Global', 'Lists', 'Editors']);
  const section = (name: string) => help.getByRole('region', { name });
  await expect(section('Global')).toContainText('/');
  await expect(section('Global')).toContainText('Open or close the request inspector');
  await expect(section('Lists')).toContainText('Space');
  await expect(section('Lists')).toContainText('Shift+click');
  await expect(section('Lists')).toContainText('Enter');
  await expect(section('Editors')).toContainText('Ctrl/Cmd+Enter');
  await expect(section('Editors')).toContainText('Ctrl/Cmd+S');
  await shoot(page, testInfo, '07-keyboard-help');
});
