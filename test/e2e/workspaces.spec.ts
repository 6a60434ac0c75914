import type { Page } from '@playwright/test';
import { expect, startBuiltSandbox, test } from './fixtures';

// Each test gets its own browser shell (fresh user data, fresh in-process sandbox): they change data.
test.describe.configure({ mode: 'serial' });

const list = (page: Page) => page.getByRole('listbox', { name: 'Workspaces' });
const option = (page: Page, name: string) => list(page).getByRole('option', { name: new RegExp(`^${name}\\b`) });

async function openConsole(page: Page, launchUrl: string) {
  await page.goto(launchUrl);
  await expect(page.getByRole('heading', { name: 'Workspaces' })).toBeVisible();
  await expect(list(page).getByRole('option').first()).toBeVisible();
}

test('filters to EU, searches on the server, opens a workspace and shows its sources', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await expect(page.getByLabel('Workspace counts')).toHaveText(/41 total · 35 active · 6 inactive/);
  await expect(page.getByLabel('Connection')).toHaveText('Reachable');
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
  await expect(detail.getByLabel('Region value')).toHaveText('EU');
  await expect(detail.getByRole('list', { name: 'Source templates' })).toContainText('HubSpot CRM');
  await expect(detail.getByRole('list', { name: 'Connection templates' })).toContainText('standard-sync');
  await page.screenshot({ path: testInfo.outputPath('workspace-detail.png') });
});

test('creates a workspace in the EU and shows it marked EU', async ({ page, shell }, testInfo) => {
  await openConsole(page, shell.launchUrl);
  await page.getByRole('button', { name: 'New workspace' }).click();
  const dialog = page.getByRole('dialog', { name: 'New workspace' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill('newco-eu-demo');
  await dialog.getByRole('radio', { name: 'EU' }).check();
  await page.screenshot({ path: testInfo.outputPath('create-dialog.png') });
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog).toBeHidden();
  await expect(option(page, 'newco-eu-demo')).toContainText('EU');
  await expect(page.getByRole('region', { name: 'Workspace newco-eu-demo' }).getByLabel('Region value')).toHaveText('EU');
  await expect(page.getByLabel('Workspace counts')).toHaveText(/42 total/);

  // Creating the same name again says so instead of silently returning the existing workspace.
  await page.getByRole('button', { name: 'New workspace' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('newco-eu-demo');
  await dialog.getByRole('button', { name: 'Create workspace' }).click();
  await expect(dialog.getByRole('alert')).toContainText('already exists');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
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
  await remove.click();
  await expect(option(page, 'hooli-us-poc')).toHaveCount(0);
  await expect(page.getByLabel('Workspace counts')).toHaveText(/40 total/);
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

    await page.getByRole('combobox', { name: 'Active profile' }).selectOption({ label: 'Staging API' });
    await expect(page.getByLabel('Credentials')).toHaveText('Credentials: not set');
    await expect(page.getByLabel('Connection')).toContainText('no client credentials yet');

    await page.getByRole('button', { name: 'Set credentials…' }).click();
    const creds = page.getByRole('dialog', { name: 'Credentials for Staging API' });
    await creds.getByRole('textbox', { name: 'Client ID' }).fill('sandbox');
    await creds.getByLabel('Client secret').fill('sandbox');
    // Without a keychain (as in CI's browser shell) the app refuses, says why and offers the session.
    const keychain = await page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Keychain').textContent();
    await creds.getByRole('button', { name: 'Save' }).click();
    if (keychain?.includes('unavailable')) {
      await expect(creds.getByRole('alert')).toContainText('this session only');
      await creds.getByRole('checkbox', { name: /this session only/ }).check();
      await creds.getByRole('button', { name: 'Save' }).click();
    }
    await expect(creds).toBeHidden();
    await expect(page.getByLabel('Credentials')).toHaveText(/Credentials: set \(••••, (this session only|keychain)\)/);
    await expect(page.getByLabel('Connection')).toHaveText('Reachable');

    // Another API: the app has no region records for its workspaces.
    await page.getByRole('radiogroup', { name: 'Region' }).getByRole('radio', { name: 'Unknown' }).check();
    await expect(option(page, 'acme-us-demo')).toContainText('?');
    await option(page, 'acme-us-demo').click();
    const detail = page.getByRole('region', { name: 'Workspace acme-us-demo' });
    await detail.getByRole('combobox', { name: 'Set region' }).selectOption('US');
    await expect(detail.getByLabel('Region value')).toHaveText('US');
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
    await expect(page.getByLabel('Credentials')).toHaveText('Credentials: not set');
    await expect(page.getByRole('status', { name: 'Secret removed' })).toHaveText(/The token URL changed, so the saved client secret was removed\. Enter the client id and secret again/);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: testInfo.outputPath(`credentials-removed-${scheme}.png`) });
    }
  } finally {
    other.stop();
  }
});
