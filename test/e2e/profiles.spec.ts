import type { Page } from '@playwright/test';
import { expect, startBuiltSandbox, test } from './fixtures';
import { shoot } from './screenshots';


const profile = (page: Page) => page.getByRole('region', { name: 'Profile' });
const connection = (page: Page) => profile(page).getByLabel('Connection');
const toasts = (page: Page) => page.getByRole('status', { name: 'Notifications' });

/** Fills the credentials dialog and saves for the session (the e2e shell may have no keychain). */
async function enterCredentials(page: Page, profileName: string, clientId: string, secret: string) {
  const creds = page.getByRole('dialog', { name: `Credentials for ${profileName}` });
  await creds.getByRole('textbox', { name: 'Client ID' }).fill(clientId);
  await creds.getByLabel('Client secret').fill(secret);
  await creds.getByRole('checkbox', { name: /this session only/ }).check();
  await creds.getByRole('button', { name: 'Save' }).click();
  await expect(creds).toBeHidden();
}

test('profiles: create (scheme completed, told), duplicate refused at the field, edit, the four states, delete; focus and toasts', async ({ page, shell }, testInfo) => {
  test.setTimeout(120_000);
  const other = await startBuiltSandbox();
  const consoleErrors: string[] = [];
  page.on('pageerror', (error) => consoleErrors.push(String(error)));
  try {
    await page.goto(shell.launchUrl);
    await expect(connection(page)).toHaveText('Connected');
    await expect(page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('API status')).toHaveText('Connected');

    // Keyboard help: opened from the status bar, closed with Escape, focus back on its button.
    const help = page.getByRole('button', { name: 'Keyboard shortcuts' });
    await help.click();
    const helpDialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(helpDialog).toContainText('Ctrl/Cmd+Shift+N');
    await expect(helpDialog).toContainText('Ctrl/Cmd+Shift+R');
    await shoot(page, testInfo, '01-shortcuts');
    await page.keyboard.press('Escape');
    await expect(helpDialog).toBeHidden();
    await expect(help).toBeFocused();

    // A taken name is refused next to the name field, in one sentence, and the typing stays.
    const newProfile = profile(page).getByRole('button', { name: 'New profile…' });
    await newProfile.click();
    const create = page.getByRole('dialog', { name: 'New profile' });
    const name = create.getByRole('textbox', { name: 'Name' });
    await expect(name).toHaveAttribute('maxlength', '80');
    await name.fill('sandbox');
    await create.getByRole('button', { name: 'Create profile' }).click();
    await expect(name).toHaveAttribute('aria-invalid', 'true');
    await expect(name).toHaveAccessibleDescription('A profile named “Sandbox” already exists. Choose another name.');
    await expect(create.getByRole('alert')).toHaveCount(0);
    await shoot(page, testInfo, '02-duplicate-name');

    // A base URL without a scheme is completed, and the app says so; the new profile is active and asks for credentials.
    await name.fill('Airbyte Cloud');
    await create.getByRole('textbox', { name: 'API base URL' }).fill('api.airbyte.ai');
    await create.getByRole('button', { name: 'Create profile' }).click();
    const creds = page.getByRole('dialog', { name: 'Credentials for Airbyte Cloud' });
    await expect(creds).toBeVisible();
    await expect(creds.getByRole('status', { name: 'Profile created' })).toContainText('https:// was added to the base URL: https://api.airbyte.ai.');
    await expect(toasts(page)).toContainText('Profile “Airbyte Cloud” created');
    await expect(page.getByRole('combobox', { name: 'Active profile' })).toHaveValue(/.+/);
    await expect(page.getByRole('combobox', { name: 'Active profile' }).locator('option:checked')).toHaveText('Airbyte Cloud');
    // Without a keychain (CI's browser shell) "session only" comes ticked, with one sentence why.
    if ((await page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Keychain').textContent())?.includes('unavailable')) {
      await expect(creds.getByRole('checkbox', { name: /this session only/ })).toBeChecked();
      await expect(creds.getByRole('checkbox', { name: /this session only/ })).toHaveAccessibleDescription(/^Ticked because the OS keychain is unavailable/);
    }
    await shoot(page, testInfo, '03-created-credentials');
    await creds.getByRole('button', { name: 'Cancel' }).click();
    await expect(creds).toBeHidden();
    await expect(newProfile).toBeFocused();

    // No credentials: its own state and fix, also without a keychain (nothing was ever saved for this
    // profile, so nothing is "unreadable"); the status bar names the keychain once, in words.
    const keychain = await page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Keychain').textContent();
    await expect(connection(page)).toContainText('No credentials');
    if (keychain?.includes('unavailable')) {
      await expect(connection(page)).toContainText('they can be kept for this session only');
      await expect(page.getByRole('contentinfo', { name: 'Status bar' })).not.toContainText('Keychain unavailable');
      await expect(page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Keychain')).not.toContainText('_');
    }
    const fixes = profile(page).getByRole('group', { name: 'Profile actions' });
    await expect(fixes.getByRole('button', { name: 'Set credentials…' })).toHaveClass(/fixes-state/);
    const order = await fixes.getByRole('button').allTextContents();
    await shoot(page, testInfo, '04-no-credentials');
    // The main panel's error offers the same fix as the sidebar.
    const panelFix = page.getByRole('main').getByRole('alert').getByRole('button', { name: 'Set credentials…' });
    if (await panelFix.count()) {
      await panelFix.first().click();
      await expect(page.getByRole('dialog', { name: 'Credentials for Airbyte Cloud' })).toBeVisible();
      await page.keyboard.press('Escape');
    }

    // Edit: point it at another sandbox, renamed.
    await profile(page).getByRole('button', { name: 'Edit profile…' }).click();
    const edit = page.getByRole('dialog', { name: 'Edit profile Airbyte Cloud' });
    await expect(edit.getByRole('textbox', { name: 'Token URL' })).toHaveAttribute('maxlength', '2048');
    await expect(edit.getByRole('textbox', { name: 'Organization ID' })).toBeVisible();
    await expect(edit.getByRole('textbox', { name: 'Proxy' })).toBeVisible();
    await expect(edit.getByRole('textbox', { name: 'Extra CA file' })).toBeVisible();
    await edit.getByRole('textbox', { name: 'Organization ID' }).fill('not-a-uuid');
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit.getByRole('textbox', { name: 'Organization ID' })).toHaveAttribute('aria-invalid', 'true');
    await expect(edit.getByRole('textbox', { name: 'Organization ID' })).toHaveAccessibleDescription('Organization ID must look like 123e4567-e89b-12d3-a456-426614174000.');
    // No sideways scrollbar in the dialog.
    expect(await edit.evaluate((d) => d.scrollWidth - d.clientWidth)).toBeLessThanOrEqual(0);
    await shoot(page, testInfo, '05-edit-refused');
    await edit.getByRole('textbox', { name: 'Organization ID' }).fill('');
    await edit.getByRole('textbox', { name: 'Name' }).fill('Staging');
    // The sandbox speaks plain http: typed as https://, the app says so in one sentence, never OpenSSL's words.
    const port = new URL(other.url).port;
    await edit.getByRole('textbox', { name: 'API base URL' }).fill(`https://127.0.0.1:${port}`);
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect(edit).toBeHidden();
    await expect(toasts(page)).toContainText('Profile “Staging” saved.');
    await expect(page.getByRole('contentinfo', { name: 'Status bar' }).getByLabel('Active profile')).toHaveText('Profile: Staging');
    await fixes.getByRole('button', { name: 'Set credentials…' }).click();
    await enterCredentials(page, 'Staging', 'sandbox', 'sandbox');
    await expect(connection(page)).toContainText(`The server at 127.0.0.1:${port} does not speak HTTPS; try http://127.0.0.1:${port}`);
    await expect(profile(page)).not.toContainText(/SSL routines|openssl|wrong version/i);
    // Another state, the same order (only "Clear credentials" joins, now that there are some).
    expect((await fixes.getByRole('button').allTextContents()).filter((t) => !t.includes('Clear credentials'))).toEqual(order);
    await expect(fixes.getByRole('button', { name: 'Edit profile…' })).toHaveClass(/fixes-state/);
    await shoot(page, testInfo, '05b-not-https');
    // Typing the address without a scheme completes it with http:// (this machine), and only the
    // scheme changed: the save says the credentials went with it, and "Set credentials…" is the fix.
    await fixes.getByRole('button', { name: 'Edit profile…' }).click();
    const edit2 = page.getByRole('dialog', { name: 'Edit profile Staging' });
    await edit2.getByRole('textbox', { name: 'API base URL' }).fill(`127.0.0.1:${port}`);
    await edit2.getByRole('button', { name: 'Save' }).click();
    await expect(edit2).toBeHidden();
    await expect(toasts(page)).toContainText(`Profile “Staging” saved; http:// was added to the base URL because the server is on this machine: http://127.0.0.1:${port}; its credentials were removed because the API base URL changed, so set them again.`);
    await expect(connection(page)).toContainText('No credentials');
    await expect(fixes.getByRole('button', { name: 'Set credentials…' })).toHaveClass(/fixes-state/);
    await shoot(page, testInfo, '05c-credentials-removed');

    // Wrong credentials: "Credentials rejected", not "Not reachable", with its fixes.
    await fixes.getByRole('button', { name: 'Set credentials…' }).click();
    await enterCredentials(page, 'Staging', 'wrong', 'wrong');
    await expect(connection(page)).toContainText('Credentials rejected');
    await expect(connection(page)).not.toContainText('Not reachable');
    await expect(fixes.getByRole('button', { name: 'Edit profile…' })).toHaveClass(/fixes-state/);
    // The toast tells the truth: saved, and then rejected.
    await expect(toasts(page)).toContainText('Credentials saved for “Staging” for this session only, but the API rejected them');
    await shoot(page, testInfo, '06-rejected');

    // The right ones: connected; a test by hand is announced.
    await fixes.getByRole('button', { name: 'Set credentials…' }).click();
    await enterCredentials(page, 'Staging', 'sandbox', 'sandbox');
    await expect(connection(page)).toHaveText('Connected');
    await expect(toasts(page)).toContainText('Credentials saved for “Staging” for this session only, and the connection works.');
    await profile(page).getByRole('button', { name: 'Test connection' }).click();
    await expect(toasts(page)).toContainText(/“Staging” is connected; the organization has [\d,]+ workspaces\./);
    await shoot(page, testInfo, '07-connected-toast');

    // Ctrl/Cmd+Shift+R opens the request inspector.
    await page.getByRole('heading', { level: 1 }).first().click();
    await page.keyboard.press('ControlOrMeta+Shift+R');
    await expect(page.getByRole('region', { name: 'Request inspector' })).toBeVisible();

    // Delete: the confirmation names the profile and its keychain entry; focus lands on the picker.
    await profile(page).getByRole('button', { name: 'Delete profile…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete profile Staging?' });
    await expect(confirm).toContainText('The profile “Staging” and its keychain entry');
    await shoot(page, testInfo, '08-delete-confirm');
    await confirm.getByRole('button', { name: 'Delete profile' }).click();
    await expect(confirm).toBeHidden();
    await expect(toasts(page)).toContainText('Profile “Staging” deleted.');
    const picker = page.getByRole('combobox', { name: 'Active profile' });
    await expect(picker.locator('option:checked')).toHaveText('Sandbox');
    await expect(picker.getByRole('option', { name: 'Staging' })).toHaveCount(0);
    await expect(picker).toBeFocused();
    await expect(connection(page)).toHaveText('Connected');
    expect(consoleErrors).toEqual([]);
  } finally {
    other.stop();
  }
});
