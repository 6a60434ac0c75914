import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shoot } from './screenshots';

// One visual system (#13 item 11): favicon served, tags unbroken, long names clamped, screenshots of every area.

// The e2e project compiles without the DOM library: the one browser function used in page code, declared.
declare function getComputedStyle(element: unknown): { lineHeight: string; fontSize: string; color: string; backgroundColor: string; opacity: string };


const areas = (page: Page) => page.getByRole('navigation', { name: 'Areas' });
const workspaceList = (page: Page) => page.getByRole('listbox', { name: 'Workspaces' });

async function openConsole(page: Page, launchUrl: string) {
  await page.goto(launchUrl);
  await expect(page.getByRole('heading', { name: 'Workspaces' })).toBeVisible();
  await expect(workspaceList(page).getByRole('option').first()).toBeVisible();
}

/** An element's computed line height in pixels (`normal` taken as 1.2 × the font size). */
async function lineHeight(locator: Locator): Promise<number> {
  return locator.evaluate((el) => {
    const style = getComputedStyle(el);
    return parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.2;
  });
}

/** How many lines an element's text takes: its height over its line height. */
async function lineCount(locator: Locator): Promise<number> {
  const height = (await locator.boundingBox())?.height ?? Number.POSITIVE_INFINITY;
  return height / (await lineHeight(locator));
}

/** Every `.tag` inside `scope` that is drawn on more than one line (a line box per fragment). */
async function brokenTags(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) =>
    [...root.querySelectorAll('.tag')]
      .filter((tag) => tag.getClientRects().length !== 1 || tag.getBoundingClientRect().height > parseFloat(getComputedStyle(tag).fontSize) * 2.2)
      .map((tag) => tag.textContent ?? ''),
  );
}

test('the favicon and every other resource load without a 404, in every area', async ({ page, shell }, testInfo) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  const favicon = page.waitForResponse((response) => new URL(response.url()).pathname === '/favicon.svg');
  await openConsole(page, shell.launchUrl);
  const icon = await favicon;
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toBe('image/svg+xml');
  expect(await icon.text()).toContain('<svg');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', './favicon.svg');
  await shoot(page, testInfo, '01-workspaces');

  const names = ['Catalog & JMESPath', 'Stream editor', 'Templates', 'Widget preview', 'About & diagnostics'];
  for (const [index, name] of names.entries()) {
    await areas(page).getByRole('button', { name }).click();
    await expect(areas(page).getByRole('button', { name })).toHaveAttribute('aria-current', 'page');
    // The window title names the area (task switcher, browser tab).
    await expect(page).toHaveTitle(`${name} — Embedded Console`);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    // Lazy chunks (Monaco, workers) load on first use: give them time to ask for what they need.
    await page.waitForLoadState('networkidle');
    await expect(page.locator('.area').getByText(/^Loading/)).toHaveCount(0);
    await shoot(page, testInfo, `${String(index + 2).padStart(2, '0')}-${name.toLowerCase().replace(/[^a-z]+/g, '-')}`);
  }
  expect(missing).toEqual([]);
});

test('the sidebar icons leave the areas’ accessible names as they were', async ({ page, shell }) => {
  await openConsole(page, shell.launchUrl);
  const buttons = areas(page).getByRole('list').getByRole('button');
  const names = await buttons.evaluateAll((els) => els.map((el) => (el.textContent ?? '').trim()));
  expect(names).toEqual(['Workspaces', 'Catalog & JMESPath', 'Stream editor', 'Templates', 'Widget preview', 'About & diagnostics']);
  for (const name of names) await expect(areas(page).getByRole('button', { name, exact: true })).toBeVisible();
  // The icons are decorative: hidden from assistive technology.
  const exposed = await areas(page).locator('svg:not([aria-hidden="true"])').count();
  expect(exposed).toBe(0);
});

test('a disabled area differs clearly from an enabled one in dark mode', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await page.emulateMedia({ colorScheme: 'dark' });
  // Every area ships enabled today: add a disabled twin of one so the style itself is checked.
  await areas(page)
    .getByRole('list')
    .evaluate((ul) => {
      const li = ul.lastElementChild?.cloneNode(true);
      if (!li) return;
      ul.appendChild(li);
      const button = ul.lastElementChild?.querySelector('button');
      button?.setAttribute('disabled', '');
      button?.removeAttribute('aria-current');
      if (button?.lastChild) button.lastChild.textContent = 'Not ready';
    });
  const contrast = (name: string) =>
    areas(page)
      .getByRole('button', { name, exact: true })
      .evaluate((el) => {
        // WCAG contrast of the text against the sidebar (opacity blended in: it dims the text).
        const channels = (colour: string) => (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
        const luminance = (colour: number[]) =>
          colour.map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i]!, 0);
        const background = channels(getComputedStyle(el.closest('nav')).backgroundColor);
        const opacity = Number(getComputedStyle(el).opacity);
        const text = channels(getComputedStyle(el).color).map((v, i) => v * opacity + background[i]! * (1 - opacity));
        const [fg, bg] = [luminance(text), luminance(background)];
        return (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      });
  const enabled = await contrast('Templates');
  const disabled = await contrast('Not ready');
  expect(enabled).toBeGreaterThan(7);
  expect(disabled).toBeLessThan(3.5);
  await expect(areas(page).getByRole('button', { name: 'Not ready' })).toHaveCSS('text-decoration-line', 'line-through');
  await page.screenshot({ path: testInfo.outputPath('sidebar-disabled-dark.png'), clip: { x: 0, y: 0, width: 240, height: 300 } });
});

test('tags stay on one line, a 250-character name takes at most two, Copy ID stays by the id', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  const longName = `${'prospect-with-a-very-long-name-'.repeat(8)}end`.slice(0, 250);
  expect(longName).toHaveLength(250);
  await page.getByRole('button', { name: 'New workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'New workspace' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(longName);
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog).toBeHidden();

  const detail = page.getByRole('region', { name: `Workspace ${longName}` });
  await expect(detail).toBeVisible();
  const heading = detail.getByRole('heading', { level: 2 }).first();
  await expect(heading).toHaveText(longName);
  expect(await lineCount(heading)).toBeLessThanOrEqual(2.05);

  // "Copy ID" sits beside the id, level with its first line (the id may wrap, the button never drops below it).
  const id = detail.locator('dd code').first();
  const copy = detail.getByRole('button', { name: 'Copy ID' });
  const [idBox, copyBox] = [await id.boundingBox(), await copy.boundingBox()];
  expect(idBox && copyBox).toBeTruthy();
  const firstLine = { top: idBox!.y, bottom: idBox!.y + (await lineHeight(id)) };
  expect(copyBox!.x).toBeGreaterThanOrEqual(idBox!.x + idBox!.width);
  expect(copyBox!.y).toBeLessThan(firstLine.bottom);
  expect(copyBox!.y + copyBox!.height).toBeGreaterThan(firstLine.top);

  await expect(detail.getByRole('list', { name: 'Source templates' }).locator('.tag').first()).toBeVisible();
  expect(await brokenTags(detail)).toEqual([]);
  await shoot(page, testInfo, 'long-name-detail');

  // A narrow window: tags wrap between each other, never inside one.
  await page.setViewportSize({ width: 900, height: 800 });
  expect(await brokenTags(detail)).toEqual([]);
  expect(await lineCount(heading)).toBeLessThanOrEqual(2.05);
  await shoot(page, testInfo, 'long-name-detail-narrow');

  await areas(page).getByRole('button', { name: 'Templates' }).click();
  await expect(page.locator('.templates-view .tag').first()).toBeVisible();
  expect(await brokenTags(page.locator('.templates-view'))).toEqual([]);
});

test('the diagnostics report fills the page instead of a fixed box', async ({ page, shell }) => {
  await page.goto(shell.launchUrl);
  await areas(page).getByRole('button', { name: 'About & diagnostics' }).click();
  const viewer = page.getByRole('region', { name: 'Diagnostics report (JSON)' });
  await expect(viewer.locator('.monaco-editor')).toBeVisible();
  const area = await page.locator('.area').boundingBox();
  const box = await viewer.boundingBox();
  expect(area && box).toBeTruthy();
  // The viewer reaches the bottom of the area (less its padding), on a tall window too.
  expect(area!.y + area!.height - (box!.y + box!.height)).toBeLessThan(40);
  await page.setViewportSize({ width: 1280, height: 1200 });
  await expect.poll(async () => (await viewer.boundingBox())!.height).toBeGreaterThan(700);
});
