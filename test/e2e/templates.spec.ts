import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { shoot } from './screenshots';


function watchConsole(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

async function openTemplates(page: Page) {
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Templates', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Templates', level: 1 })).toBeVisible();
}

/** Replaces a JSON editor's text (inserted, not typed: Monaco would auto-close the brackets and quotes). */
async function setJson(page: Page, label: string, text: string) {
  await page.getByTestId(`json-editor-${label}`).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Backspace');
  await page.keyboard.insertText(text);
}

/** Discovers the acme Postgres source in the Catalog area, as a user would, so its catalog is cached. */
async function discoverAcmePostgres(page: Page) {
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: 'Catalog & JMESPath' }).click();
  await page.getByRole('searchbox', { name: 'Find workspace' }).fill('acme-us');
  const workspace = page.getByRole('combobox', { name: 'Workspace' });
  await expect(workspace.getByRole('option', { name: 'acme-us-demo' })).toHaveCount(1);
  await workspace.selectOption({ label: 'acme-us-demo' });
  const source = page.getByRole('combobox', { name: 'Source' });
  await expect(source).toBeEnabled();
  const label = await source.getByRole('option').filter({ hasText: /Postgres - acme/ }).first().textContent();
  await source.selectOption({ label: label ?? '' });
  await page.getByRole('button', { name: 'Discover', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Rediscover' })).toBeVisible({ timeout: 60_000 });
}

test('creates a source template from the definition picker, flags a whitelist name not in the catalog, edits, saves and deletes it', async ({ page, shell }, testInfo) => {
  test.setTimeout(180_000);
  const errors = watchConsole(page);
  await page.goto(shell.launchUrl);
  await discoverAcmePostgres(page);

  await openTemplates(page);
  const tabs = page.getByRole('tablist', { name: 'Templates' });
  await expect(tabs.getByRole('tab', { name: 'Source templates' })).toHaveAttribute('aria-selected', 'true');
  const list = page.getByRole('list', { name: 'Source templates' });
  await expect(list.getByRole('button', { name: /PostgreSQL Analytics/ })).toBeVisible();
  await expect(page.getByRole('radiogroup', { name: 'Filter by tags: mode' }).getByRole('radio', { name: 'any tag' })).toBeChecked();
  await shoot(page, testInfo, '01-source-list');

  // Keyboard: arrows move along the tabs.
  await tabs.getByRole('tab', { name: 'Source templates' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Connection templates' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'Source templates' })).toHaveAttribute('aria-selected', 'true');

  // New, from the definition picker.
  await page.getByRole('button', { name: 'New source template' }).click();
  const picker = page.getByRole('dialog', { name: 'New source template' });
  await picker.getByRole('searchbox', { name: 'Find connector' }).fill('postgres');
  await picker.getByRole('radio', { name: /^Postgres/ }).first().check();
  await shoot(page, testInfo, '02-definition-picker');
  await picker.getByRole('button', { name: /Start a Postgres template/ }).click();
  await expect(picker).toHaveCount(0);

  const editor = page.getByRole('region', { name: 'Source template editor' });
  await expect(editor.getByRole('heading', { name: /New source template \(Postgres\)/ })).toBeVisible();
  await expect(editor.getByRole('note', { name: 'Secret fields' })).toContainText('password');
  await editor.getByRole('textbox', { name: 'Name' }).fill('E2E Postgres defaults');
  // The connector's spec is attached to the editor: a wrong type is marked as the user types.
  await setJson(page, 'Default configuration', '{"host": "db.e2e.example", "port": "not a number"}');
  const defaults = page.getByTestId('json-editor-Default configuration');
  await expect(defaults.locator('.squiggly-warning, .squiggly-error').first()).toBeVisible();
  // Listed under the editor (not only on hover), and Create waits until it is fixed.
  const problems = editor.getByRole('list', { name: 'Problems in Default configuration' });
  await expect(problems).toContainText('port: Incorrect type. Expected "integer".');
  await expect(editor.getByRole('button', { name: 'Create template' })).toBeDisabled();
  await expect(editor.getByLabel('Why saving is not possible')).toHaveText('Fix the problem in the default configuration first.');
  await shoot(page, testInfo, '02b-schema-problem', editor);
  // A password typed here is stored on the server: the form warns next to the editor.
  await setJson(page, 'Default configuration', '{"host": "db.e2e.example", "port": 5433, "password": "e2e-Pa55word-visible-nowhere"}');
  await expect(defaults.locator('.squiggly-warning, .squiggly-error')).toHaveCount(0);
  await expect(problems).toHaveCount(0);
  await expect(editor.getByRole('note', { name: 'Secret fields' })).toContainText('This stores the password on the server as a default for every source built from this template.');
  await editor.getByRole('radio', { name: 'Only these streams (whitelist)' }).check();
  await editor.getByRole('textbox', { name: /Stream whitelist/ }).fill('users\norders\nno_such_stream');
  const flagged = editor.getByRole('list', { name: 'Streams not in the catalog' });
  await expect(flagged).toContainText('no_such_stream: not in the catalog of Postgres - acme discovered');
  await expect(flagged).toContainText('the API accepts it and selects nothing');
  await expect(flagged.getByRole('listitem')).toHaveCount(1);
  await shoot(page, testInfo, '03-whitelist-flagged', editor);
  await editor.getByRole('textbox', { name: /Stream whitelist/ }).fill('users\norders');
  await expect(flagged).toHaveCount(0);
  await editor.getByLabel('Add to tags').fill('e2e');
  await editor.getByRole('button', { name: 'Add tag' }).click();

  await editor.getByRole('button', { name: 'Create template' }).click();
  const secretConfirm = page.getByRole('dialog', { name: 'Store secret values on the server?' });
  await expect(secretConfirm).toContainText('This stores password on the server');
  await shoot(page, testInfo, '02c-secret-confirm');
  await secretConfirm.getByRole('button', { name: 'Create with these values' }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Created “E2E Postgres defaults”.' })).toBeVisible();
  // The connector keeps its name; the password is kept on the server, hidden, and is nowhere in the page.
  await expect(editor.getByText(/^Postgres/).first()).toBeVisible();
  await expect(editor).not.toContainText('Unknown connector');
  await expect(editor.getByLabel('Secret field password')).toHaveText('password: a value is kept on the server — hidden; leave it out to keep it, or type a new one.');
  await expect(page.getByTestId('json-editor-Default configuration').locator('.view-lines')).toContainText('db.e2e.example');
  expect(await page.content()).not.toContain('e2e-Pa55word-visible-nowhere');
  await shoot(page, testInfo, '02d-created-secret-kept', editor);
  await expect(list.getByRole('button', { name: /E2E Postgres defaults/ })).toBeVisible();
  await expect(list.getByRole('button', { name: /E2E Postgres defaults/ })).toContainText('e2e');

  // Edit the defaults, save: only the change is sent, and it reads back.
  await setJson(page, 'Default configuration', '{"host": "db2.e2e.example", "port": 5433}');
  await expect(editor.getByText('Unsaved changes')).toBeVisible();
  await editor.getByRole('checkbox', { name: /Also apply new defaults to sources already built from this template/ }).check();
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await editor.getByRole('button', { name: 'Close' }).click();
  await list.getByRole('button', { name: /E2E Postgres defaults/ }).click();
  await expect(page.getByTestId('json-editor-Default configuration').locator('.view-lines')).toContainText('db2.e2e.example');
  await shoot(page, testInfo, '04-saved', editor);

  // Delete, with a confirmation naming it.
  await editor.getByRole('button', { name: 'Delete…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete source template?' });
  await expect(confirm).toContainText('E2E Postgres defaults');
  await shoot(page, testInfo, '05-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete “E2E Postgres defaults”' }).click();
  await expect(page.getByRole('status', { name: 'Last action' })).toContainText('Deleted “E2E Postgres defaults”');
  await expect(list.getByRole('button', { name: /E2E Postgres defaults/ })).toHaveCount(0);

  // The Drafts tab shows the drafts area inside this one.
  await page.getByRole('tab', { name: 'Drafts' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Drafts' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('renames a tag after previewing the templates it reaches; the templates carry the new name', async ({ page, shell }, testInfo) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await page.goto(shell.launchUrl);
  await openTemplates(page);
  await page.getByRole('tab', { name: 'Tags' }).click();
  const registry = page.getByRole('table', { name: 'Tag registry' });
  const financeRow = registry.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'finance', exact: true }) });
  await expect(financeRow.getByRole('cell').nth(0)).toHaveText('2');
  await shoot(page, testInfo, '06-tags');

  // The filter preview: any vs all, side by side.
  const filterTags = page.getByRole('group', { name: 'Filter tags' });
  await filterTags.getByRole('checkbox', { name: 'finance', exact: true }).check();
  await filterTags.getByRole('checkbox', { name: 'analytics', exact: true }).check();
  await expect(page.getByRole('list', { name: 'Source templates under all' })).toContainText('Stripe Billing');
  await expect(page.getByRole('list', { name: 'Source templates under all' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('list', { name: 'Source templates under any' })).toContainText('Shopify Store');
  await shoot(page, testInfo, '07-filter-preview', page.getByRole('heading', { name: 'Filter preview' }));

  await registry.getByRole('button', { name: 'Rename tag finance' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rename tag “finance”' });
  const reached = dialog.getByRole('list', { name: 'Reached templates' });
  await expect(reached.getByRole('listitem')).toHaveCount(2);
  await expect(reached).toContainText('Source template Stripe Billing');
  await expect(reached).toContainText('Source template Shopify Store');
  await dialog.getByRole('textbox', { name: 'New name' }).fill('fin-ops');
  await shoot(page, testInfo, '08-rename-preview');
  await dialog.getByRole('button', { name: 'Rename to “fin-ops”' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status', { name: 'Last action' })).toContainText('renamed to “fin-ops”');
  await expect(registry.getByRole('rowheader', { name: 'fin-ops', exact: true })).toBeVisible();
  await expect(registry.getByRole('rowheader', { name: 'finance', exact: true })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Source templates' }).click();
  const list = page.getByRole('list', { name: 'Source templates' });
  await expect(list.getByRole('button', { name: /Stripe Billing/ })).toContainText('fin-ops');
  await expect(list.getByRole('button', { name: /Shopify Store/ })).toContainText('fin-ops');
  await expect(list).not.toContainText(/\bfinance\b/);
  await shoot(page, testInfo, '09-renamed');
  expect(errors).toEqual([]);
});

test('a schedule shows its local description and next runs, and the server’s description', async ({ page, shell }, testInfo) => {
  test.setTimeout(120_000);
  const errors = watchConsole(page);
  await page.goto(shell.launchUrl);
  await openTemplates(page);
  await page.getByRole('tab', { name: 'Connection templates' }).click();
  await page.getByRole('list', { name: 'Connection templates' }).getByRole('button', { name: /Lake S3 \(daily\)/ }).click();
  const editor = page.getByRole('region', { name: 'Connection template editor' });
  const schedule = editor.getByRole('group', { name: 'Schedule' });
  await expect(schedule.getByRole('textbox', { name: 'Schedule (Quartz cron)' })).toHaveValue('0 0 12 * * ?');
  await expect(schedule).toContainText('At 12:00');
  await expect(schedule.getByRole('list', { name: 'Next runs' }).getByRole('listitem')).toHaveCount(5);
  await expect(schedule.getByRole('list', { name: 'Next runs' }).getByRole('listitem').first()).toContainText('12:00:00 UTC');
  await expect(schedule.getByRole('status', { name: 'Server check' })).toHaveText('Server: At 12:00 every day');
  await shoot(page, testInfo, '10-schedule', editor);

  // Quartz day-of-week: 6L is the last Friday.
  await schedule.getByRole('textbox', { name: 'Schedule (Quartz cron)' }).fill('0 15 10 ? * 6L');
  await expect(schedule).toContainText(/last Friday/i);
  await expect(schedule.getByRole('list', { name: 'Next runs' }).getByRole('listitem').first()).toContainText(/^Fri, /);
  await expect(schedule.getByRole('status', { name: 'Server check' })).toHaveText(/^Server: At 10:15/);
  await shoot(page, testInfo, '11-schedule-last-friday', editor);

  // Both day fields set: Quartz refuses it, here and on the server.
  await schedule.getByRole('textbox', { name: 'Schedule (Quartz cron)' }).fill('0 0 12 * * 1');
  await expect(schedule).toContainText('Not a valid schedule: Quartz needs ? in exactly one of day-of-month and day-of-week.');
  await expect(schedule.getByRole('status', { name: 'Server check' })).toHaveText('Server: not a valid schedule');
  await shoot(page, testInfo, '12-schedule-invalid', editor);

  // Save a valid schedule and see it in the list.
  await schedule.getByRole('textbox', { name: 'Schedule (Quartz cron)' }).fill('0 0 6 ? * MON-FRI');
  await editor.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(editor.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Connection templates' }).getByRole('button', { name: /Lake S3 \(daily\)/ })).toContainText('0 0 6 ? * MON-FRI');
  expect(errors).toEqual([]);
});
