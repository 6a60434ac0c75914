import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function openAbout(page: Page, url: string) {
  await page.goto(url);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'About & diagnostics' }).click();
}

test.describe('app frame in the browser shell', () => {
  test('shows the areas, the status bar and the diagnostics view with a working Monaco', async ({ page, shell }, testInfo) => {
    const consoleLines: string[] = [];
    page.on('console', (msg) => consoleLines.push(`${msg.type()}: ${msg.text()}`));
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const workers: string[] = [];
    page.on('worker', (worker) => workers.push(worker.url()));

    await page.goto(shell.launchUrl);

    const areas = page.getByRole('navigation', { name: 'Areas' });
    await expect(areas.getByRole('button', { name: 'Workspaces' })).toHaveAttribute('aria-current', 'page');
    await expect(areas.getByRole('button', { name: 'Stream editor' })).toBeEnabled();
    await expect(areas.getByRole('button', { name: 'Templates' })).toBeEnabled();
    await areas.getByRole('button', { name: 'About & diagnostics' }).click();
    await expect(areas.getByRole('button', { name: 'About & diagnostics' })).toHaveAttribute('aria-current', 'page');
    await expect(areas.getByRole('button', { name: 'About & diagnostics' })).toBeEnabled();

    const status = page.getByRole('contentinfo', { name: 'Status bar' });
    await expect(status.getByLabel('Shell')).toHaveText('Browser shell');
    await expect(status.getByLabel('Active profile')).toHaveText('Profile: Sandbox');
    await expect(status.getByLabel('Keychain')).toContainText('Keychain:');

    await expect(page.getByRole('heading', { name: 'About & diagnostics' })).toBeVisible();
    const viewer = page.getByRole('region', { name: 'Diagnostics report (JSON)' });
    await expect(viewer.locator('.monaco-editor')).toBeVisible();
    await expect(viewer.getByRole('textbox', { name: 'Diagnostics report (JSON)' })).toBeAttached();
    await expect(viewer.locator('.view-lines')).toContainText('"shell": "browser"');
    // Folding markers come from the JSON language worker's folding ranges.
    await expect(viewer.locator('.codicon-folding-expanded').first()).toBeAttached();
    await expect.poll(() => workers.length).toBeGreaterThan(0);

    // The launch secret leaves the address bar once read.
    expect(page.url()).not.toContain('secret=');

    await page.screenshot({ path: testInfo.outputPath('about-diagnostics.png'), fullPage: true });
    await testInfo.attach('about-diagnostics', { path: testInfo.outputPath('about-diagnostics.png'), contentType: 'image/png' });

    expect(consoleLines.filter((line) => /Could not create web worker|Refused to|Content Security Policy/i.test(line))).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  test('folds a JSON block in the viewer', async ({ page, shell }) => {
    await openAbout(page, shell.launchUrl);
    const viewer = page.getByRole('region', { name: 'Diagnostics report (JSON)' });
    await expect(viewer.locator('.view-lines')).toContainText('"platform"');
    const lines = viewer.locator('.view-line');
    const before = await lines.count();
    await viewer.locator('.codicon-folding-expanded').first().click();
    await expect.poll(() => lines.count()).toBeLessThan(before);
  });

  test('keeps working after a reload (secret kept for the tab session only)', async ({ page, shell }) => {
    await openAbout(page, shell.launchUrl);
    await expect(page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Shell')).toHaveText('Browser shell');
    await page.reload();
    await expect(page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Shell')).toHaveText('Browser shell');
  });

  test('without the launch secret the page says so instead of showing data', async ({ page, shell }) => {
    await page.goto(`${shell.origin}/`);
    await expect(page.getByRole('alert').first()).toContainText('launch secret is missing or wrong');
    await expect(page.getByRole('button', { name: 'Try again' }).first()).toBeVisible();
    await expect(page.getByRole('listbox', { name: 'Workspaces' })).toHaveCount(0);
  });

  test('moves through the sidebar with the keyboard', async ({ page, shell }) => {
    await page.goto(shell.launchUrl);
    await expect(page.getByRole('heading', { name: 'Workspaces' })).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Workspaces', exact: true })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Catalog & JMESPath' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Stream editor' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Templates' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Widget preview' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'About & diagnostics' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'About & diagnostics' })).toBeVisible();
  });

  test('follows the OS colour scheme, in the frame and in Monaco', async ({ page, shell }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await openAbout(page, shell.launchUrl);
    const viewer = page.getByRole('region', { name: 'Diagnostics report (JSON)' });
    await expect(viewer.locator('.monaco-editor')).toHaveClass(/vs-dark/);
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(30, 30, 30)');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(viewer.locator('.monaco-editor')).not.toHaveClass(/vs-dark/);
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
  });
});
