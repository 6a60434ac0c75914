import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shoot } from './screenshots';

test.describe.configure({ mode: 'serial' });

const STARTER = "streams[?contains(supported_sync_modes, 'incremental')].name";


async function openCatalogArea(page: Page, launchUrl: string) {
  await page.goto(launchUrl);
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Catalog & JMESPath' }).click();
  await expect(page.getByRole('heading', { name: 'Catalog & JMESPath' })).toBeVisible();
}

async function pickWarehouse(page: Page) {
  await page.getByRole('searchbox', { name: 'Find workspace' }).fill('bigdata');
  const workspace = page.getByRole('combobox', { name: 'Workspace' });
  await expect(workspace.getByRole('option', { name: 'bigdata-us-demo' })).toHaveCount(1);
  await workspace.selectOption({ label: 'bigdata-us-demo' });
  const source = page.getByRole('combobox', { name: 'Source' });
  await expect(source).toBeEnabled();
  const label = await source.getByRole('option').filter({ hasText: /warehouse/i }).first().textContent();
  await source.selectOption({ label: label ?? '' });
}

const editor = (page: Page) => page.getByTestId('jmespath-editor');

test('discovers the 5,200-stream warehouse with progress and cancel, queries it live, saves and exports', async ({ page, shell }, testInfo) => {
  test.setTimeout(180_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    // The browser's own favicon request is not the app's.
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));

  await openCatalogArea(page, shell.launchUrl);
  await shoot(page, testInfo, '01-empty');
  await pickWarehouse(page);
  await expect(page.getByText('No catalog cached for this source yet')).toBeVisible();

  // Discover, see progress, cancel.
  await page.getByRole('button', { name: 'Discover', exact: true }).click();
  const progress = page.getByRole('status', { name: 'Discover progress' });
  await expect(progress).toContainText(/Discovering… .* received · /);
  // Polled while it runs: the elapsed time moves on.
  await expect(progress).not.toContainText('· 0 ms');
  await shoot(page, testInfo, '02-discovering');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByText('Discovery cancelled.')).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Streams' })).toHaveCount(0);

  // Discover again, to the end.
  await page.getByRole('button', { name: 'Discover', exact: true }).click();
  await expect(progress).toBeVisible();
  const summary = page.getByRole('status', { name: 'Stream summary' });
  await expect(summary).toContainText('5,200', { timeout: 90_000 });
  await expect(page.getByRole('grid', { name: 'Streams' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rediscover' })).toBeVisible();

  // A stream's JSON, from the worker, in the read-only viewer.
  await page.getByRole('grid', { name: 'Streams' }).getByRole('row').nth(1).click();
  const streamViewer = page.getByRole('region', { name: /^Stream / });
  await expect(streamViewer.locator('.monaco-editor')).toBeVisible();
  await expect(streamViewer.locator('.view-lines')).toContainText('supported_sync_modes');
  await shoot(page, testInfo, '03-streams', page.getByRole('heading', { name: 'Catalog & JMESPath' }));

  // A starter query typed character by character: the result follows.
  const input = editor(page).locator('.monaco-editor textarea');
  await expect(page.getByRole('textbox', { name: 'JMESPath query' })).toBeVisible();
  await editor(page).locator('.monaco-editor').click();
  const resultSummary = page.getByRole('status', { name: 'Result summary' });
  await page.keyboard.type('streams[*].name', { delay: 25 });
  await expect(resultSummary).toContainText('5,200 items');
  await expect(resultSummary).not.toContainText('stale');
  // While a newer evaluation is pending, the shown result is marked stale, then replaced.
  const typing = page.keyboard.type(' | [0:3]', { delay: 60 });
  await expect(resultSummary).toContainText('stale');
  await typing;
  await expect(resultSummary).toHaveText(/^3 items · .*ms$/);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(STARTER, { delay: 15 });
  await expect(editor(page).locator('.view-lines')).toHaveText(STARTER.replace(/ /g, '\u00a0'));
  await expect(resultSummary).toContainText('5,200 items');
  const result = page.getByRole('region', { name: 'Query result' });
  await expect(result.locator('.view-lines')).toContainText('"');
  // Inside the editor Ctrl+K stays Monaco's (it starts a chord); Ctrl+P opens the palette, and closing
  // it gives the focus back to the editor.
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await page.keyboard.press('Control+K');
  // A negative check: give a wrongly opened palette time to render before looking.
  await page.waitForTimeout(300);
  await expect(palette).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+P');
  await expect(palette).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette).toHaveCount(0);
  // Monaco 0.57 takes keys in an EditContext element, not in its (aria-hidden) textarea.
  await expect(editor(page).locator(':focus')).toHaveCount(1);
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('length(streams[?source_defined_cursor])', { delay: 15 });
  await expect(resultSummary).toContainText('Not a list');
  await expect(result.locator('.view-lines')).toContainText('3466');
  await shoot(page, testInfo, '04-result', page.getByRole('heading', { name: 'JMESPath playground' }));

  // An incomplete expression: an error in words and a marker in the editor, no console error.
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('streams[*].', { delay: 25 });
  await expect(page.getByRole('alert', { name: 'Query error' })).toBeVisible();
  await expect(editor(page).locator('.squiggly-error')).toHaveCount(1);
  await page.keyboard.press('Escape'); // the suggestions the '.' opened
  await shoot(page, testInfo, '05-error', page.getByRole('heading', { name: 'JMESPath playground' }));

  // Completions after `streams[0].` offer the stream fields.
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('streams[0].', { delay: 25 });
  await page.keyboard.press('Control+Space');
  const suggest = page.locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  await expect(suggest).toContainText('name');
  await shoot(page, testInfo, '06-completions', page.getByRole('heading', { name: 'JMESPath playground' }));
  await page.keyboard.press('Escape');

  // Save a query (Ctrl/Cmd+S), reload, it is still listed.
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('streams[?namespace == \'finance\'].name', { delay: 5 });
  await expect(resultSummary).not.toContainText('stale');
  await page.getByRole('textbox', { name: 'Query name' }).fill('Finance streams');
  await page.getByRole('textbox', { name: 'Note' }).fill('What the finance team syncs');
  await input.focus();
  await page.keyboard.press('ControlOrMeta+s');
  const saved = page.getByRole('list', { name: 'Saved queries' });
  await expect(saved.getByRole('button', { name: 'Finance streams', exact: true })).toBeVisible();
  await expect(saved).toContainText('What the finance team syncs');
  // Saving the same query again updates it: still one entry, its name and note kept.
  await input.focus();
  await page.keyboard.press('ControlOrMeta+s');
  await expect(page.getByRole('toolbar', { name: 'Query actions' })).toContainText('Updated “Finance streams”');
  await expect(saved.getByRole('button', { name: 'Finance streams', exact: true })).toHaveCount(1);
  await expect(saved).toContainText('What the finance team syncs');

  // Export CSV and read the file back.
  await editor(page).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  const remembered = page.waitForRequest((request) => request.url().includes('remember') && (request.postData() ?? '').includes('incremental'));
  await page.keyboard.type(STARTER, { delay: 0 });
  await expect(resultSummary).toContainText('5,200 items');
  await expect(resultSummary).not.toContainText('stale');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const csv = readFileSync(file, 'utf8');
  // Header facts are one CSV cell each (the query's commas quoted with it), then the table.
  expect(csv).toMatch(/^"# Source: .*\(bigdata-us-demo\)"\r\n# Profile: .+\r\n# Time: \d{4}-.+\r\n"# Query: streams\[\?contains/);
  const lines = csv.trim().split('\r\n');
  const table = lines.filter((l) => !/^"?#/.test(l));
  expect(table[0]).toBe('value');
  expect(table).toHaveLength(5201);

  await remembered; // each successful evaluation goes into the history (debounced)
  await page.reload();
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Catalog & JMESPath' }).click();
  await expect(page.getByRole('list', { name: 'Saved queries' }).getByRole('button', { name: 'Finance streams', exact: true })).toHaveCount(0); // no catalog yet: the library shows with one
  await pickWarehouse(page);
  // Reopening is from the cache, instantly, with its discovery time.
  await expect(page.getByLabel('Catalog facts')).toContainText('Cached');
  await expect(summary).toContainText('5,200');
  await expect(page.getByRole('list', { name: 'Saved queries' }).getByRole('button', { name: 'Finance streams', exact: true })).toBeVisible();
  await shoot(page, testInfo, '07-reopened-from-cache');

  // ↑ in the empty editor recalls the most recent query.
  await editor(page).locator('.monaco-editor').click();
  await page.keyboard.press('ArrowUp');
  await expect(editor(page).locator('.view-lines')).toHaveText(STARTER.replace(/ /g, '\u00a0'));
  await expect(resultSummary).toContainText('5,200 items');
  // ↑ again steps to an older query, ↓ steps forward again, and past the newest to the empty editor.
  const queryLines = editor(page).locator('.view-lines');
  await page.keyboard.press('ArrowUp');
  await expect(queryLines).not.toHaveText(STARTER.replace(/ /g, '\u00a0'));
  await expect(queryLines).not.toHaveText('');
  await page.keyboard.press('ArrowDown');
  await expect(queryLines).toHaveText(STARTER.replace(/ /g, '\u00a0'));
  await page.keyboard.press('ArrowDown');
  await expect(queryLines).toHaveText('');
  await page.keyboard.press('ArrowUp');
  await expect(queryLines).toHaveText(STARTER.replace(/ /g, '\u00a0'));
  await expect(resultSummary).toContainText('5,200 items');

  // Run on server: the sandbox answers as the local engine does.
  const verdict = page.getByRole('status', { name: 'Server comparison' });
  await page.getByRole('button', { name: 'Run on server' }).click();
  await expect(verdict).toContainText(/The server agrees \(5,200 items, \d+(\.\d)? m?s\)/);
  await shoot(page, testInfo, '08-server-agrees', page.getByRole('heading', { name: 'JMESPath playground' }));

  // A syntax error: the server refuses it (400) as the local engine does.
  await editor(page).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('streams[?name ==', { delay: 5 });
  await expect(page.getByRole('alert', { name: 'Query error' })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Run on server' }).click();
  await expect(verdict).toContainText('The server and this app agree the query is invalid.');
  await expect(verdict).toContainText('Invalid JMESPath expression');

  expect(consoleErrors).toEqual([]);
});

test('opens the catalog from a source in a workspace detail', async ({ page, shell }) => {
  await page.goto(shell.launchUrl);
  await page.getByRole('searchbox', { name: 'Search workspaces by name' }).fill('acme-us');
  await page.getByRole('listbox', { name: 'Workspaces' }).getByRole('option', { name: /^acme-us-demo\b/ }).click();
  const detail = page.getByRole('region', { name: 'Workspace acme-us-demo' });
  await detail.getByRole('button', { name: /^Open catalog of / }).first().click();
  await expect(page.getByRole('heading', { name: 'Catalog & JMESPath' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Workspace' })).toHaveValue(/.+/);
  await expect(page.getByText('No catalog cached for this source yet')).toBeVisible();
  await page.getByRole('button', { name: 'Discover', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Streams' })).toBeVisible();
  // Rediscover: the per-stream change summary.
  await page.getByRole('button', { name: 'Rediscover' }).click();
  await expect(page.getByRole('region', { name: 'Changes since the last discovery' })).toContainText(/no stream changed|added/);
});
