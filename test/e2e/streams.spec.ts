import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, startBuiltSandbox, test } from './fixtures';
import { shoot } from './screenshots';


async function discoverWarehouse(page: Page, launchUrl: string) {
  await page.goto(launchUrl);
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
  await expect(page.getByRole('status', { name: 'Stream summary' })).toContainText('5,200', { timeout: 90_000 });
}

/** Replaces the patch editor's text (inserted, not typed: Monaco would auto-close the brackets and quotes). */
async function setPatch(page: Page, text: string) {
  await page.getByTestId('patch-editor').locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
}

const patchLines = (page: Page) => page.getByTestId('patch-editor').locator('.view-lines');

test('one stream through the form and the patch, checked, dry-run, applied and read back; a bulk plan applied and reverted', async ({ page, shell }, testInfo) => {
  test.setTimeout(240_000);
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => consoleErrors.push(String(error)));

  await discoverWarehouse(page, shell.launchUrl);

  // From the catalog: "Edit stream" on the selected stream opens the Stream editor with the source set.
  await page.getByRole('grid', { name: 'Streams' }).getByRole('row').nth(1).click();
  await page.getByRole('button', { name: 'Edit stream' }).click();
  await expect(page.getByRole('heading', { name: 'Stream editor' })).toBeVisible();
  const list = page.getByRole('listbox', { name: 'Streams to configure' });
  await expect(list.getByRole('option').first()).toBeVisible();
  // The rows in view are read lazily: each says its configured state.
  await expect(list.getByRole('option').first()).not.toContainText('not read');
  const stream = page.getByRole('region', { name: /^Stream \w+_v\d+$/ });
  const name = ((await stream.getByRole('heading', { level: 2 }).textContent()) ?? '').trim();
  expect(name).toMatch(/_v\d+$/);
  const syncMode = stream.getByRole('combobox', { name: 'Sync mode', exact: true });
  const destination = stream.getByRole('combobox', { name: 'Destination sync mode' });
  await expect(syncMode).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Patch' })).toBeAttached();
  await shoot(page, testInfo, '01-stream-open');

  // Form → patch.
  const current = await destination.inputValue();
  const target = current === 'append' ? 'overwrite' : 'append';
  await destination.selectOption(target);
  await expect(patchLines(page)).toContainText('"/destination_sync_mode"');
  await expect(patchLines(page)).toContainText(`"${target}"`);
  await expect(page.getByRole('status', { name: 'Effect' })).toContainText(target);
  await shoot(page, testInfo, '02-form-to-patch');

  // Patch → form.
  await setPatch(page, '[{"op": "replace", "path": "/sync_mode", "value": "full_refresh"}, {"op": "replace", "path": "/destination_sync_mode", "value": "overwrite"}]');
  await expect(syncMode).toHaveValue('full_refresh');
  await expect(destination).toHaveValue('overwrite');

  // An invalid op: a marker on it, the problem in words, Apply blocked.
  await setPatch(page, '[{"op": "replace", "path": "/sync_mode", "value": "full_refresh"}, {"op": "move", "from": "/sync_mode", "path": "/cursor_field"}]');
  await expect(page.getByTestId('patch-editor').locator('.squiggly-error')).not.toHaveCount(0);
  const problems = page.getByRole('list', { name: 'Patch problems' });
  await expect(problems).toContainText('op 2');
  const apply = stream.getByRole('button', { name: /^Apply/ });
  await expect(apply).toBeDisabled();
  await shoot(page, testInfo, '03-invalid-op');

  // A valid patch: dry run (before → after), apply, read back.
  await setPatch(page, `[{"op": "replace", "path": "/destination_sync_mode", "value": "${target}"}]`);
  await expect(problems).toHaveCount(0);
  await expect(apply).toBeEnabled();
  await stream.getByRole('button', { name: 'Dry run' }).click();
  const dryRun = page.getByRole('region', { name: 'Dry run' });
  await expect(dryRun.locator('.monaco-diff-editor')).toBeVisible();
  await expect(page.getByRole('status', { name: 'Effect' })).toContainText(`${name}:`);
  await shoot(page, testInfo, '04-dry-run', stream);
  await apply.click();
  await expect(page.getByRole('status', { name: 'Server answer' })).toContainText(/Patched|Added/);
  await stream.getByRole('button', { name: 'Read again' }).click();
  await expect(destination).toHaveValue(target);
  await expect(list.getByRole('option', { name: new RegExp(`^${name} `) })).toContainText(target);
  await shoot(page, testInfo, '05-applied');

  // "Read all": every configuration, with progress (the sandbox answers fast: it may finish before a poll sees it run).
  await page.getByRole('button', { name: 'Read all' }).click();
  const readProgress = page.getByRole('status', { name: 'Read progress' });
  await expect(readProgress).toHaveText(/^(Reading configurations… )?[\d,]+ of [\d,]+$|^Read ([\d,]+) of \2$/);
  await expect(readProgress).toHaveText(/^Read ([\d,]+) of \1$/, { timeout: 60_000 });
  await expect(list).not.toContainText('not read');

  // Bulk: three streams ticked in the list, a plan, the summary line.
  const ticks = list.getByTestId('select-stream');
  for (const i of [1, 2, 3]) await ticks.nth(i).click();
  await expect(page.getByRole('status', { name: 'Selection summary' })).toContainText('3 selected');
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  const planPanel = page.getByRole('region', { name: 'Plan' });
  await planPanel.getByRole('combobox', { name: 'Change' }).selectOption('set');
  await planPanel.getByRole('combobox', { name: 'Plan sync mode' }).selectOption('full_refresh');
  await planPanel.getByRole('combobox', { name: 'Plan destination sync mode' }).selectOption('overwrite');
  await planPanel.getByRole('button', { name: 'Compute plan' }).click();
  const summary = page.getByRole('status', { name: 'Plan summary' });
  await expect(summary).toContainText('3 to change, 0 unchanged, 0 invalid');
  await expect(page.getByRole('listbox', { name: 'Planned requests' }).getByRole('option')).toHaveCount(3);
  await expect(planPanel).toContainText('Not atomic across streams');
  await shoot(page, testInfo, '06-plan', planPanel);

  // Apply the plan: progress, then the report.
  await planPanel.getByRole('button', { name: 'Apply plan' }).click();
  await expect(page.getByRole('heading', { name: /^Run: set full_refresh\/overwrite/ })).toBeVisible();
  const runStatus = page.getByRole('status', { name: 'Run status' });
  await expect(runStatus).toContainText(/Applying|Finished/);
  await expect(runStatus).toContainText('Finished: 3 applied, 0 failed, 0 pending of 3');
  // A plan is sent once: its recorded "before" settings would no longer be true.
  await expect(planPanel.getByRole('button', { name: 'Apply plan' })).toBeDisabled();
  await expect(planPanel).toContainText('This plan was sent');
  const report = page.getByRole('listbox', { name: 'Run report' });
  await expect(report.getByRole('option')).toHaveCount(3);
  await shoot(page, testInfo, '07-run-done', page.getByRole('region', { name: /^Run: / }));
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export report CSV' }).click()]);
  const file = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(file);
  const csv = readFileSync(file, 'utf8');
  expect(csv).toContain('# Not atomic across streams');
  expect(csv.trim().split('\r\n').filter((l) => !l.startsWith('#'))).toHaveLength(4);

  // Revert from the journal: a plan restoring the recorded settings, applied, then nothing left to revert.
  const journal = page.getByRole('table', { name: 'Runs' });
  await journal.getByRole('button', { name: /^Revert run set full_refresh\/overwrite/ }).click();
  await expect(summary).toContainText('3 to change, 0 unchanged, 0 invalid');
  await shoot(page, testInfo, '08-revert-plan', planPanel);
  await planPanel.getByRole('button', { name: 'Apply plan' }).click();
  await expect(page.getByRole('heading', { name: /^Run: Revert of “/ })).toBeVisible();
  await expect(runStatus).toContainText('Finished: 3 applied, 0 failed, 0 pending of 3');
  await expect(journal.getByRole('row', { name: /^Revert of “set full_refresh\/overwrite.*” .* done 3 \/ 0 \/ 0 of 3/ })).toBeVisible();
  // Read back (fresh): the revert of the first run now changes nothing.
  await planPanel.getByRole('button', { name: 'Recompute plan' }).click();
  await expect(summary).toContainText('0 to change, 3 unchanged, 0 invalid');
  await shoot(page, testInfo, '09-reverted', page.getByRole('heading', { name: 'Journal' }));

  expect(consoleErrors).toEqual([]);
});

test('opens the Stream editor from a source in a workspace detail; no cached catalog offers the Catalog area', async ({ page, shell }, testInfo) => {
  await page.goto(shell.launchUrl);
  await page.getByRole('searchbox', { name: 'Search workspaces by name' }).fill('acme-us');
  await page.getByRole('listbox', { name: 'Workspaces' }).getByRole('option', { name: /^acme-us-demo\b/ }).click();
  await page.getByRole('region', { name: 'Workspace acme-us-demo' }).getByRole('button', { name: /^Edit streams of / }).first().click();
  await expect(page.getByRole('heading', { name: 'Stream editor' })).toBeVisible();
  await expect(page.getByText(/No catalog of .* is cached yet/)).toBeVisible();
  await shoot(page, testInfo, '10-no-catalog');
  await page.getByRole('button', { name: 'Open the Catalog area to discover' }).click();
  await expect(page.getByRole('heading', { name: 'Catalog & JMESPath' })).toBeVisible();
  await page.getByRole('button', { name: 'Discover', exact: true }).click();
  await expect(page.getByRole('grid', { name: 'Streams' })).toBeVisible();
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Stream editor' }).click();
  await expect(page.getByRole('listbox', { name: 'Streams to configure' }).getByRole('option').first()).toBeVisible();

  // A query result of stream names: "Plan for these streams" opens the editor with them selected and the plan open.
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Catalog & JMESPath' }).click();
  await page.getByTestId('jmespath-editor').locator('.monaco-editor').click();
  await page.keyboard.type('streams[0:2].name', { delay: 20 });
  await expect(page.getByRole('status', { name: 'Result summary' })).toContainText('2 items');
  await page.getByRole('button', { name: 'Plan for these streams' }).click();
  await expect(page.getByRole('heading', { name: 'Stream editor' })).toBeVisible();
  await expect(page.getByRole('status', { name: 'Selection summary' })).toContainText('2 selected');
  const planPanel = page.getByRole('region', { name: 'Plan' });
  await expect(planPanel.getByRole('radio', { name: /Selected in the list \(2\)/ })).toBeChecked();
  await planPanel.getByRole('button', { name: 'Compute plan' }).click();
  await expect(page.getByRole('status', { name: 'Plan summary' })).toContainText(/\d+ to change, \d+ unchanged, \d+ invalid/);
  await expect(page.getByRole('listbox', { name: 'Planned requests' }).getByRole('option')).toHaveCount(2);
  await expect(page.getByRole('listbox', { name: 'Planned requests' })).not.toContainText('not read yet');
  await shoot(page, testInfo, '11-plan-from-query', planPanel);
});

test('a bulk plan on bigdata-us-demo with faults injected mid-way: the report names the failures, Retry failed fixes them, revert restores (read back)', async ({ page, shell }, testInfo) => {
  test.setTimeout(300_000);
  // A sandbox with test controls (faults), reached through a profile of its own: the built-in one has none.
  const api = await startBuiltSandbox(['--controls']);
  const fault = async (rule: Record<string, unknown>) => {
    const res = await fetch(`${api.url}/__sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rule) });
    expect(res.status).toBeLessThan(300);
  };
  try {
    await page.goto(shell.launchUrl);
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('button', { name: 'New profile…' }).click();
    const create = page.getByRole('dialog', { name: 'New profile' });
    await create.getByRole('textbox', { name: 'Name' }).fill('Faulty API');
    await create.getByRole('textbox', { name: 'API base URL' }).fill(api.url);
    await create.getByRole('button', { name: 'Create profile' }).click();
    // Creating a profile switches to it and asks for its credentials at once.
    await expect(page.getByRole('combobox', { name: 'Active profile' }).locator('option:checked')).toHaveText('Faulty API');
    const creds = page.getByRole('dialog', { name: 'Credentials for Faulty API' });
    await creds.getByRole('textbox', { name: 'Client ID' }).fill('sandbox');
    await creds.getByLabel('Client secret').fill('sandbox');
    await creds.getByRole('checkbox', { name: /this session only/ }).check();
    await creds.getByRole('button', { name: 'Save' }).click();
    await expect(creds).toBeHidden();

    // Discover on this profile, then open the editor on the warehouse from the catalog.
    await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Catalog & JMESPath' }).click();
    await page.getByRole('searchbox', { name: 'Find workspace' }).fill('bigdata');
    const workspace = page.getByRole('combobox', { name: 'Workspace' });
    await expect(workspace.getByRole('option', { name: 'bigdata-us-demo' })).toHaveCount(1);
    await workspace.selectOption({ label: 'bigdata-us-demo' });
    await page.getByRole('button', { name: 'Discover', exact: true }).click();
    await expect(page.getByRole('status', { name: 'Stream summary' })).toContainText('5,200', { timeout: 90_000 });
    await page.getByRole('grid', { name: 'Streams' }).getByRole('row').nth(1).click();
    await page.getByRole('button', { name: 'Edit stream' }).click();
    await expect(page.getByRole('heading', { name: 'Stream editor' })).toBeVisible();

    // The finance namespace (650 streams) by query: the preset to incremental + append_dedup; none is configured yet.
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const planPanel = page.getByRole('region', { name: 'Plan' });
    await planPanel.getByRole('radio', { name: 'By JMESPath query' }).check();
    await planPanel.getByRole('textbox', { name: 'Selection query' }).fill("streams[?namespace == 'finance'].name");
    await planPanel.getByRole('combobox', { name: 'Change' }).selectOption('incremental_defaults');
    await planPanel.getByRole('button', { name: 'Compute plan' }).click();
    const summary = page.getByRole('status', { name: 'Plan summary' });
    await expect(summary).toContainText(/^650 to change, 0 unchanged, 0 invalid/, { timeout: 60_000 });

    // Faults land mid-way: the sandbox takes the first matching rule, so the first 200 adds are only slowed,
    // then 4 adds are answered 503 and 3 are cut off (the runner reads those back before calling them failed).
    const ADD = 'POST /api/v1/integrations/sources/{source_id}/streams';
    await fault({ route: ADD, kind: 'latency', ms: 10, times: 200 });
    await fault({ route: ADD, kind: 'status', status: 503, times: 4 });
    await fault({ route: ADD, kind: 'reset', times: 3 });
    await planPanel.getByRole('button', { name: 'Apply plan' }).click();
    const runStatus = page.getByRole('status', { name: 'Run status' });
    await expect(runStatus).toContainText(/^Finished: \d+ applied, [1-9]\d* failed, 0 pending of 650/, { timeout: 120_000 });
    const failed = Number(/(\d+) failed/.exec((await runStatus.textContent()) ?? '')?.[1]);
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(failed).toBeLessThanOrEqual(7);
    // The report filtered to the failures: each names its reason.
    await page.getByRole('combobox', { name: 'Show outcomes' }).selectOption('failed');
    const report = page.getByRole('listbox', { name: 'Run report' });
    await expect(report.getByRole('option')).toHaveCount(failed);
    for (const row of await report.getByRole('option').all()) await expect(row).toContainText(/failed.+\w{8,}/);
    await shoot(page, testInfo, '12-run-with-failures', page.getByRole('region', { name: /^Run: / }));

    // Retry failed: every stream applied, once.
    await page.getByRole('button', { name: 'Retry failed' }).click();
    await expect(runStatus).toContainText('Finished: 650 applied, 0 failed, 0 pending of 650', { timeout: 60_000 });
    await page.getByRole('combobox', { name: 'Show outcomes' }).selectOption('failed');
    await expect(page.getByText('No stream with this outcome.')).toBeVisible();
    await page.getByRole('combobox', { name: 'Show outcomes' }).selectOption('all');
    await shoot(page, testInfo, '13-retried', page.getByRole('region', { name: /^Run: / }));

    // The sandbox agrees: a fresh plan of the same change has nothing left to do.
    await planPanel.getByRole('button', { name: 'Recompute plan' }).click();
    await expect(summary).toContainText(/^0 to change, 650 unchanged, 0 invalid/, { timeout: 60_000 });

    // Revert: the streams were not configured before, so the revert removes them; read back, nothing is left.
    const journal = page.getByRole('table', { name: 'Runs' });
    await journal.getByRole('button', { name: /^Revert run / }).first().click();
    await expect(summary).toContainText(/^650 to change, 0 unchanged, 0 invalid/, { timeout: 60_000 });
    await planPanel.getByRole('button', { name: 'Apply plan' }).click();
    await expect(page.getByRole('heading', { name: /^Run: Revert of “/ })).toBeVisible();
    await expect(runStatus).toContainText('Finished: 650 applied, 0 failed, 0 pending of 650', { timeout: 60_000 });
    await planPanel.getByRole('button', { name: 'Recompute plan' }).click();
    await expect(summary).toContainText(/^0 to change, 650 unchanged, 0 invalid/, { timeout: 60_000 });
    await shoot(page, testInfo, '14-reverted', page.getByRole('heading', { name: 'Journal' }));
  } finally {
    api.stop();
  }
});
