import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { expect, startBuiltSandbox, startShell, type RunningShell } from './fixtures';
import { shoot } from './screenshots';

/** Each test: its own drafts folder (EMBEDDED_CONSOLE_DRAFTS_DIR, read and written here with fs) and its own shell. */
const test = base.extend<{ draftsDir: string; shell: RunningShell }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  draftsDir: async ({}, use) => {
    await use(mkdtempSync(path.join(os.tmpdir(), 'ec-e2e-drafts-')));
  },
  shell: async ({ draftsDir }, use) => {
    const { shell, child } = await startShell([], { EMBEDDED_CONSOLE_DRAFTS_DIR: draftsDir });
    await use(shell);
    child.kill('SIGTERM');
  },
});


/** A sandbox with test controls (faults) and a tiny operator client over loopback HTTP. */
async function controlledSandbox() {
  const sandbox = await startBuiltSandbox(['--controls']);
  const call = async (method: string, route: string, body?: unknown) => {
    const token = await fetch(`${sandbox.url}/api/v1/account/applications/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ client_id: 'sandbox', client_secret: 'sandbox' }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const res = await fetch(`${sandbox.url}${route}`, {
      method,
      headers: { Authorization: `Bearer ${token.access_token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    expect(res.status, `${method} ${route}`).toBeLessThan(300);
    return (await res.json()) as Record<string, unknown>;
  };
  const sourceTemplates = async () => ((await call('GET', '/api/v1/integrations/templates/sources')).data as Array<{ id: string; name: string }>) ?? [];
  const sourceTemplate = async (name: string) => {
    const item = (await sourceTemplates()).find((t) => t.name === name);
    expect(item, `source template "${name}" on the server`).toBeTruthy();
    return call('GET', `/api/v1/integrations/templates/sources/${item?.id ?? ''}`);
  };
  const fault = async (rule: Record<string, unknown>) => {
    const res = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rule) });
    expect(res.status).toBeLessThan(300);
  };
  const clearFaults = async () => {
    const res = await fetch(`${sandbox.url}/__sandbox/faults`, { method: 'DELETE' });
    expect(res.status).toBeLessThan(300);
  };
  return { url: sandbox.url, stop: sandbox.stop, call, sourceTemplates, sourceTemplate, fault, clearFaults };
}

/** A profile pointing at the controlled sandbox, made active, with session-only credentials. */
async function useProfile(page: Page, url: string, name: string) {
  const profile = page.getByRole('region', { name: 'Profile' });
  await profile.getByRole('button', { name: 'New profile…' }).click();
  const create = page.getByRole('dialog', { name: 'New profile' });
  await create.getByRole('textbox', { name: 'Name' }).fill(name);
  await create.getByRole('textbox', { name: 'API base URL' }).fill(url);
  await create.getByRole('button', { name: 'Create profile' }).click();
  // A new profile goes straight on to its credentials.
  const creds = page.getByRole('dialog', { name: `Credentials for ${name}` });
  await expect(creds).toBeVisible();
  await creds.getByRole('textbox', { name: 'Client ID' }).fill('sandbox');
  await creds.getByLabel('Client secret').fill('sandbox');
  await creds.getByRole('checkbox', { name: /this session only/ }).check();
  await creds.getByRole('button', { name: 'Save' }).click();
  await expect(creds).toBeHidden();
  await page.getByRole('combobox', { name: 'Active profile' }).selectOption({ label: name });
}

async function openTemplatesTab(page: Page, tab: 'Drafts' | 'Source templates') {
  await page.getByRole('navigation', { name: 'Areas' }).getByRole('button', { name: /Template/ }).click();
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

const draftRow = (page: Page, file: string) => page.getByRole('table', { name: 'Drafts' }).getByRole('row').filter({ has: page.getByRole('button', { name: new RegExp(`^(Open|Show the problem of) ${file.replace(/\./g, '\\.')}$`) }) });
/** The State column of a file's row (exact: "changed" is inside "unchanged"). */
const stateOf = (page: Page, file: string) => draftRow(page, file).getByRole('cell').nth(4);
const editor = (page: Page) => page.getByRole('region', { name: 'Draft editor' });

function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  return errors;
}

async function newSourceDraft(page: Page, connector: RegExp) {
  await page.getByRole('toolbar', { name: 'Drafts actions' }).getByRole('button', { name: 'New draft…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New draft' });
  await dialog.getByRole('radio', { name: 'Source template' }).check();
  const list = dialog.getByRole('listbox', { name: 'Connector' });
  await expect(list.getByRole('option').first()).toBeAttached({ timeout: 30_000 });
  await list.selectOption({ label: ((await list.getByRole('option').filter({ hasText: connector }).first().textContent()) ?? '').trim() });
  return dialog;
}

test('a source template drafted with the server unreachable, saved, then planned and published when it is back', async ({ page, shell, draftsDir }, testInfo) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  const api = await controlledSandbox();
  try {
    await page.goto(shell.launchUrl);
    await useProfile(page, api.url, 'Plane API');

    // Online once: the connector list and Stripe's spec are cached.
    await openTemplatesTab(page, 'Drafts');
    let dialog = await newSourceDraft(page, /^Stripe/);
    await expect(dialog.getByRole('status', { name: 'Connector list origin' })).toHaveText('Connectors from the server.');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    await expect(editor(page).getByText(/are checked against the connector’s spec/)).toBeVisible({ timeout: 30_000 });
    // A new draft comes into view with the cursor in its first field.
    await expect(editor(page).getByRole('textbox', { name: 'Name', exact: true })).toBeFocused();
    await editor(page).getByRole('button', { name: 'Close' }).click();
    await page.getByRole('dialog', { name: 'Discard unsaved changes?' }).getByRole('button', { name: 'Discard changes' }).click();
    await expect(editor(page)).toBeHidden();

    // The plane: every API call is cut (connection reset).
    await api.fault({ route: '* /*', kind: 'reset', times: 100_000 });
    dialog = await newSourceDraft(page, /^Stripe/);
    await expect(dialog.getByRole('status', { name: 'Connector list origin' })).toContainText('from the cache filled', { timeout: 60_000 });
    await shoot(page, testInfo, '01-offline-new-draft');
    await dialog.getByRole('button', { name: 'Create draft' }).click();
    const name = editor(page).getByRole('textbox', { name: 'Name', exact: true });
    await name.fill('Stripe from the plane');
    await expect(editor(page).getByText('(from the cache)')).toBeVisible({ timeout: 30_000 });
    await page.keyboard.press('ControlOrMeta+s');
    await expect(editor(page).getByRole('status', { name: 'Save outcome' })).toHaveText('Saved in stripe-from-the-plane.source.json.');
    await expect(stateOf(page, 'stripe-from-the-plane.source.json')).toHaveText('new');
    const onDisk = JSON.parse(readFileSync(path.join(draftsDir, 'stripe-from-the-plane.source.json'), 'utf8')) as { name: string; kind: string };
    expect(onDisk).toMatchObject({ kind: 'source_template', name: 'Stripe from the plane' });
    await shoot(page, testInfo, '02-offline-saved');

    // Back online: the plan creates it, Publish applies exactly that plan, once.
    await api.clearFaults();
    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const plan = page.getByRole('region', { name: 'Plan' });
    await expect(plan.getByRole('status', { name: 'Plan summary' })).toHaveText(/^Plan: 1 to create, 0 to update, \d+ unchanged, 0 conflicts, 0 invalid$/, { timeout: 60_000 });
    await expect(plan.getByRole('listitem', { name: 'stripe-from-the-plane.source.json: create' })).toBeVisible();
    await shoot(page, testInfo, '03-plan-create', plan);
    const publish = plan.getByRole('button', { name: 'Publish' });
    await expect(publish).toBeEnabled();
    await publish.click();
    await expect(plan.getByRole('status', { name: 'Publish summary' })).toHaveText(/^Published: 1 done, 0 failed; held back: 0 conflicts, 0 invalid, \d+ unchanged$/, { timeout: 60_000 });
    await expect(publish).toBeDisabled();
    await expect(plan).toContainText('This plan was published');
    await expect(stateOf(page, 'stripe-from-the-plane.source.json')).toHaveText('unchanged');
    await shoot(page, testInfo, '04-published', plan);

    // In the Source templates list (and on the server).
    await openTemplatesTab(page, 'Source templates');
    await expect(page.getByRole('list', { name: 'Source templates' }).getByText('Stripe from the plane')).toBeVisible({ timeout: 30_000 });
    await shoot(page, testInfo, '05-in-source-templates');
    expect((await api.sourceTemplates()).some((t) => t.name === 'Stripe from the plane')).toBe(true);
    expect(consoleErrors).toEqual([]);
  } finally {
    api.stop();
  }
});

test('pull, edit the file on disk, the list shows it changed, the plan shows old → new, publish, read back from the API', async ({ page, shell, draftsDir }, testInfo) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  const api = await controlledSandbox();
  try {
    await page.goto(shell.launchUrl);
    await useProfile(page, api.url, 'Git API');
    await openTemplatesTab(page, 'Drafts');
    await page.getByRole('button', { name: 'Pull from server' }).click();
    await expect(page.getByRole('status', { name: 'Pull summary' })).toHaveText(/^Pulled (\d+) templates: \1 new drafts, 0 updated, 0 unchanged, 0 skipped$/, { timeout: 60_000 });
    const file = 'stripe-billing.source.json';
    await expect(stateOf(page, file)).toHaveText('unchanged');
    await shoot(page, testInfo, '01-pulled');

    // Open in the form with no edits: an outside change reloads it.
    await draftRow(page, file).getByRole('button', { name: `Open ${file}` }).click();
    const formName = editor(page).getByRole('textbox', { name: 'Name', exact: true });
    await expect(formName).toHaveValue('Stripe Billing');

    // Edited outside the app: the list follows without a reload.
    const full = path.join(draftsDir, file);
    const text = readFileSync(full, 'utf8');
    const draft = JSON.parse(text) as { name: string; partial_default_config: Record<string, unknown> };
    expect(draft.name).toBe('Stripe Billing');
    draft.name = 'Stripe Billing (edited in git)';
    draft.partial_default_config = { ...draft.partial_default_config, start_date: '2025-01-01T00:00:00Z' };
    writeFileSync(full, `${JSON.stringify(draft, null, 2)}\n`);
    await expect(stateOf(page, file)).toHaveText('changed', { timeout: 10_000 });
    await expect(draftRow(page, file)).toContainText('Stripe Billing (edited in git)');
    await expect(formName).toHaveValue('Stripe Billing (edited in git)');
    await expect(editor(page).getByRole('alert', { name: 'The file changed on disk' })).toHaveCount(0);
    await shoot(page, testInfo, '02-changed-on-disk');

    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const plan = page.getByRole('region', { name: 'Plan' });
    await expect(plan.getByRole('status', { name: 'Plan summary' })).toHaveText(/^Plan: 0 to create, 1 to update, \d+ unchanged, 0 conflicts, 0 invalid$/, { timeout: 60_000 });
    const changes = plan.getByRole('table', { name: `Changes of ${file}` });
    const nameRow = changes.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'name', exact: true }) });
    await expect(nameRow).toContainText('"Stripe Billing"');
    await expect(nameRow).toContainText('"Stripe Billing (edited in git)"');
    await expect(changes).toContainText('2025-01-01T00:00:00Z');
    // The propagate choice is explicit: nothing ticked, Publish waits for it.
    const publish = plan.getByRole('button', { name: 'Publish' });
    await expect(publish).toBeDisabled();
    const propagate = plan.getByRole('radio', { name: /Also apply new defaults to sources already built/ });
    await expect(propagate).not.toBeChecked();
    await shoot(page, testInfo, '03-plan-update', plan);
    await plan.getByRole('radio', { name: /Leave those sources as they are/ }).check();
    await expect(publish).toBeEnabled();
    await publish.click();
    await expect(plan.getByRole('status', { name: 'Publish summary' })).toHaveText(/^Published: 1 done, 0 failed; held back: 0 conflicts, 0 invalid, \d+ unchanged$/, { timeout: 60_000 });
    await expect(publish).toBeDisabled();
    await shoot(page, testInfo, '04-published', plan);

    // Read back from the API.
    const server = await api.sourceTemplate('Stripe Billing (edited in git)');
    expect(server.partial_default_config).toMatchObject({ start_date: '2025-01-01T00:00:00Z' });
    await expect(stateOf(page, file)).toHaveText('unchanged');
    expect(consoleErrors).toEqual([]);
  } finally {
    api.stop();
  }
});

test('a template changed on the server after the pull and edited in the draft is a conflict: shown side by side, nothing overwritten', async ({ page, shell, draftsDir }, testInfo) => {
  test.setTimeout(180_000);
  const consoleErrors = collectConsoleErrors(page);
  const api = await controlledSandbox();
  try {
    await page.goto(shell.launchUrl);
    await useProfile(page, api.url, 'Team API');
    await openTemplatesTab(page, 'Drafts');
    await page.getByRole('button', { name: 'Pull from server' }).click();
    await expect(page.getByRole('status', { name: 'Pull summary' })).toContainText('new drafts', { timeout: 60_000 });
    const file = 'hubspot-crm.source.json';
    await expect(stateOf(page, file)).toHaveText('unchanged');

    // Someone else renames it on the server.
    const before = await api.sourceTemplate('HubSpot CRM');
    await api.call('PATCH', `/api/v1/integrations/templates/sources/${String(before.id)}`, { name: 'HubSpot CRM (renamed by a colleague)', propagate: false });

    // Edited here, in the form, saved with Ctrl+S.
    await draftRow(page, file).getByRole('button', { name: `Open ${file}` }).click();
    const name = editor(page).getByRole('textbox', { name: 'Name', exact: true });
    await expect(name).toHaveValue('HubSpot CRM');
    await name.fill('HubSpot CRM (mine)');
    await expect(editor(page).getByLabel('Unsaved changes')).toBeVisible();
    await page.keyboard.press('ControlOrMeta+s');
    await expect(editor(page).getByRole('status', { name: 'Save outcome' })).toHaveText(`Saved in ${file}.`);
    expect(JSON.parse(readFileSync(path.join(draftsDir, file), 'utf8'))).toMatchObject({ name: 'HubSpot CRM (mine)' });
    await expect(stateOf(page, file)).toHaveText('changed');

    // Unsaved edits and an outside change at once: the app asks, nothing is silently dropped.
    await name.fill('HubSpot CRM (mine, unsaved)');
    const full = path.join(draftsDir, file);
    const onDisk = JSON.parse(readFileSync(full, 'utf8')) as { tags: string[] };
    writeFileSync(full, `${JSON.stringify({ ...onDisk, tags: [...onDisk.tags, 'edited-on-disk'] }, null, 2)}\n`);
    const diskAlert = editor(page).getByRole('alert', { name: 'The file changed on disk' });
    await expect(diskAlert).toBeVisible({ timeout: 10_000 });
    await expect(name).toHaveValue('HubSpot CRM (mine, unsaved)');
    await shoot(page, testInfo, '01-changed-on-disk-while-editing', editor(page));
    await diskAlert.getByRole('button', { name: 'Reload from disk' }).click();
    await expect(name).toHaveValue('HubSpot CRM (mine)');
    await expect(editor(page)).toContainText('edited-on-disk');

    await page.getByRole('button', { name: 'Plan', exact: true }).click();
    const plan = page.getByRole('region', { name: 'Plan' });
    await expect(plan.getByRole('status', { name: 'Plan summary' })).toHaveText(/^Plan: 0 to create, 0 to update, \d+ unchanged, 1 conflict, 0 invalid$/, { timeout: 60_000 });
    const conflict = plan.getByRole('table', { name: `Conflict of ${file}` });
    for (const column of ['Draft (yours)', 'Base (when pulled)', 'Server (now)']) await expect(conflict.getByRole('columnheader', { name: column })).toBeVisible();
    const nameRow = conflict.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'name', exact: true }) });
    await expect(nameRow.getByRole('cell').nth(0)).toHaveText('"HubSpot CRM (mine)"');
    await expect(nameRow.getByRole('cell').nth(1)).toHaveText('"HubSpot CRM"');
    await expect(nameRow.getByRole('cell').nth(2)).toHaveText('"HubSpot CRM (renamed by a colleague)"');
    await expect(plan.getByRole('button', { name: 'Publish' })).toBeDisabled();
    await shoot(page, testInfo, '02-conflict', plan);

    // Fields the three versions agree on are folded away.
    await expect(plan.getByText(/^\d+ identical fields?$/)).toBeVisible();

    // Nothing was overwritten on the server.
    const after = await api.call('GET', `/api/v1/integrations/templates/sources/${String(before.id)}`);
    expect(after.name).toBe('HubSpot CRM (renamed by a colleague)');

    // Settled by taking the server's version: the draft becomes it, the conflict goes, the server is untouched.
    await plan.getByRole('button', { name: 'Use server version…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Use the server version?' });
    await expect(confirm).toContainText(`Your edits to ${file} are replaced by the server’s version.`);
    await shoot(page, testInfo, '03-use-server-confirm');
    await confirm.getByRole('button', { name: 'Replace my edits' }).click();
    await expect(plan.getByRole('status', { name: 'Plan summary' })).toHaveText(/^Plan: 0 to create, 0 to update, \d+ unchanged, 0 conflicts, 0 invalid$/, { timeout: 60_000 });
    await expect(plan.getByRole('table', { name: `Conflict of ${file}` })).toHaveCount(0);
    expect(JSON.parse(readFileSync(path.join(draftsDir, file), 'utf8'))).toMatchObject({ name: 'HubSpot CRM (renamed by a colleague)' });
    await expect(name).toHaveValue('HubSpot CRM (renamed by a colleague)');
    await expect(stateOf(page, file)).toHaveText('unchanged');
    await shoot(page, testInfo, '04-settled-server', plan);
    const settled = await api.call('GET', `/api/v1/integrations/templates/sources/${String(before.id)}`);
    expect(settled.name).toBe('HubSpot CRM (renamed by a colleague)');
    expect(consoleErrors).toEqual([]);
  } finally {
    api.stop();
  }
});

test('an invalid file is listed with its line and column, cannot be opened in the form, and is never rewritten', async ({ page, shell, draftsDir }, testInfo) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(page);
  const file = 'broken.source.json';
  const broken = '{\n  "kind": "source_template",\n  "name": "Broken",,\n  "actor_definition_id": "x"\n}\n';
  writeFileSync(path.join(draftsDir, file), broken);
  const bytes = readFileSync(path.join(draftsDir, file));

  await page.goto(shell.launchUrl);
  await openTemplatesTab(page, 'Drafts');
  const row = draftRow(page, file);
  await expect(stateOf(page, file)).toHaveText(/^invalid/);
  await expect(row.getByLabel(`Problem in ${file}`)).toHaveText(/^line 3, column \d+: .+/);
  await shoot(page, testInfo, '01-invalid-listed');

  await row.getByRole('button', { name: `Show the problem of ${file}` }).click();
  const pane = page.getByRole('region', { name: 'Invalid draft file' });
  await expect(pane.getByRole('alert', { name: 'File problem' })).toHaveText(/^line 3, column \d+: /);
  await expect(pane).toContainText('Fix it in an editor');
  await expect(editor(page)).toBeHidden();
  await shoot(page, testInfo, '02-invalid-open');

  // Pull and Plan go past it; the plan says why it is invalid.
  await page.getByRole('button', { name: 'Pull from server' }).click();
  await expect(page.getByRole('status', { name: 'Pull summary' })).toBeVisible({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Plan', exact: true }).click();
  const plan = page.getByRole('region', { name: 'Plan' });
  await expect(plan.getByRole('listitem', { name: `${file}: invalid` })).toBeVisible({ timeout: 60_000 });
  await expect(plan.getByRole('list', { name: `Problems of ${file}` })).toContainText(/line 3/);
  await shoot(page, testInfo, '03-invalid-in-plan', plan);

  // The app never wrote it: same bytes, no sibling copy.
  expect(readFileSync(path.join(draftsDir, file)).equals(bytes)).toBe(true);
  expect(readdirSync(draftsDir).filter((f) => f.startsWith('broken'))).toEqual([file]);
  expect(consoleErrors).toEqual([]);
});

test('a connection template draft is made with the shared form, saved, and deleted after a confirmation (the server untouched)', async ({ page, shell, draftsDir }, testInfo) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(page);
  await page.goto(shell.launchUrl);
  await openTemplatesTab(page, 'Drafts');
  await page.getByRole('toolbar', { name: 'Drafts actions' }).getByRole('button', { name: 'New draft…' }).click();
  const dialog = page.getByRole('dialog', { name: 'New draft' });
  await dialog.getByRole('radio', { name: 'Connection template' }).check();
  await dialog.getByRole('combobox', { name: 'Hosting' }).selectOption('user_hosted');
  await dialog.getByRole('button', { name: 'Create draft' }).click();

  const destination = editor(page).getByRole('combobox', { name: 'Destination connector' });
  await expect(destination.getByRole('option', { name: /S3/ }).first()).toBeAttached({ timeout: 30_000 });
  await destination.selectOption({ label: ((await destination.getByRole('option', { name: /S3/ }).first().textContent()) ?? '').trim() });
  await editor(page).getByRole('textbox', { name: 'Destination name' }).fill('Warehouse S3 nightly');
  await editor(page).getByRole('button', { name: 'Save' }).click();
  const file = 'warehouse-s3-nightly.connection.json';
  await expect(editor(page).getByRole('status', { name: 'Save outcome' })).toHaveText(`Saved in ${file}.`);
  await expect(stateOf(page, file)).toHaveText('new');
  expect(JSON.parse(readFileSync(path.join(draftsDir, file), 'utf8'))).toMatchObject({ kind: 'connection_template', data_hosting_type: 'user_hosted', destination_name: 'Warehouse S3 nightly' });
  await shoot(page, testInfo, '01-connection-draft-saved', editor(page));

  await editor(page).getByRole('button', { name: 'Delete draft…' }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete this draft?' });
  await expect(confirm).toContainText('The template on the server is not touched.');
  await shoot(page, testInfo, '02-delete-confirm');
  await confirm.getByRole('button', { name: 'Delete draft' }).click();
  await expect(draftRow(page, file)).toHaveCount(0);
  await expect(editor(page)).toBeHidden();
  expect(readdirSync(draftsDir)).not.toContain(file);
  expect(consoleErrors).toEqual([]);
});
