import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

async function shoot(page: Page, testInfo: TestInfo, name: string) {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: testInfo.outputPath(`${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

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
  await expect(listbox.getByRole('option', { name: 'Requests' })).toHaveAttribute('aria-keyshortcuts', 'Control+Shift+R Meta+Shift+R');
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
  const sources = palette(page).getByRole('group', { name: 'Sources' });
  await expect(sources.getByRole('option', { name: /Stripe - globex/ })).toBeVisible();
  await shoot(page, testInfo, '03-sources');
  await sources.getByRole('option', { name: /Stripe - globex/ }).click();
  await expect(areas(page).getByRole('button', { name: 'Catalog & JMESPath' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Catalog & JMESPath' })).toBeVisible();
  await expect(page.locator('main')).toContainText('Stripe - globex');
});

test('"Requests" opens the inspector; nothing matching says so; Escape closes with focus returned', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await openPalette(page);
  await field(page).fill('Requests');
  await expect(await activeOption(page)).toContainText('Requests');
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
