import { VOICEMAIL_DIALPLAN_EXAMPLE } from '../../contract/account';
import { PARKING_LOT_EXAMPLE } from '../../contract/park';
import type { Page } from '@playwright/test';
import { expectAccessible, untranslatedStrings } from '../fixtures/axe';
import { expect, test } from '../fixtures/test';
import { expectRegistered, LABELS, registrationStatus, setupAccount } from '../fixtures/ui';

// First run as a desk worker meets it: plain words with help, focus taken to
// what needs fixing, a save that keeps the user's place, banners whose buttons
// fix the problem, and the window's language and theme chosen in Settings.

const dialField = (page: Page) => page.getByLabel('Number or SIP address');

/** Marks the page; the mark is gone after a reload. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}
async function reloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => !(window as unknown as { __sameDocument?: boolean }).__sameDocument);
}

test('an empty profile shows plain labels with help; Save focuses the first invalid field; a good save keeps the user’s place', async ({
  phones,
}) => {
  const phone = await phones.open('first-run');
  const page = phone.page;
  const server = page.getByLabel(LABELS.server);
  await expect(server).toBeVisible();
  await expect(server).toHaveAccessibleDescription(
    'Ask your IT department. For Asterisk it looks like wss://pbx.example.com:8089/ws',
  );
  await expect(page.getByLabel(LABELS.sipAddress)).toHaveAccessibleDescription(/1001@pbx\.example\.com/);
  await expect(page.getByLabel('Password').first()).toBeVisible();
  await expect(page.getByLabel(LABELS.name)).toBeVisible();
  // Technical fields wait under Advanced.
  await expect(page.getByText('Advanced (for IT)')).toBeVisible();
  await expect(page.getByLabel('Allow insecure connection')).toBeHidden();
  await expect(page.getByLabel('ICE gathering limit (ms)')).toBeHidden();
  await expect(page.getByText('WebSocket URL')).toHaveCount(0);
  // No policy here: nothing claims IT filled anything in.
  await expect(page.getByTestId('from-it')).toHaveCount(0);
  await expectAccessible(page, 'first run: empty account form');

  // Nothing filled in: focus goes to the server address, with its error attached.
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(server).toBeFocused();
  await expect(server).toHaveAttribute('aria-invalid', 'true');
  await expect(server).toHaveAccessibleDescription(/Enter the server address your IT department gave you/);
  await expect(page.getByRole('alert').filter({ hasText: 'Some fields need attention' })).toBeVisible();
  await expectAccessible(page, 'first run: account form with errors');

  // A good server but a malformed SIP address: focus moves on to that field.
  const account = phones.account('alice');
  await server.fill(account.wsUrl);
  await page.getByLabel(LABELS.sipAddress).fill('alice');
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByLabel(LABELS.sipAddress)).toBeFocused();
  await expect(page.getByLabel(LABELS.sipAddress)).toHaveAccessibleDescription(
    /A SIP address looks like user@domain/,
  );
  await expect(server).not.toHaveAttribute('aria-invalid', 'true');

  // A server address in IT's scheme is explained, not accepted.
  await server.fill('https://pbx.example.com/ws');
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(server).toBeFocused();
  await expect(server).toHaveAccessibleDescription(/must start with wss:\/\/ \(it starts with https:\/\/\)/);

  // Correct values: registered, focus in the number field, and a status line says what happened.
  await markPage(page);
  await setupAccount(page, account);
  await expectRegistered(page);
  await expect(dialField(page)).toBeFocused();
  const saved = page.getByTestId('saved-status');
  await expect(saved).toHaveAttribute('role', 'status');
  await expect(saved).toHaveText(`Saved. Connecting to ${new URL(account.wsUrl).host}…`);
  // One line of text, also in the wide two-pane window (it once grew to fill half the screen).
  for (const viewport of [
    { width: 380, height: 640 },
    { width: 1024, height: 768 },
  ]) {
    await page.setViewportSize(viewport);
    expect((await saved.boundingBox())!.height, `status line height at ${viewport.width} px`).toBeLessThan(
      60,
    );
  }
  // "Connecting to …" does not outstay the registration: gone a few seconds after it (not 15).
  await expect(saved).toHaveText('', { timeout: 8_000 });
  await expect(registrationStatus(page)).toHaveText('Registered');
  // The first save needs the page's CSP for the new server: the page did reload, invisibly.
  expect(await reloaded(page)).toBe(true);

  // The same server again (a new name): no reload at all, same outcome.
  await markPage(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel(LABELS.name).fill('Alice at the front desk');
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expectRegistered(page);
  await expect(dialField(page)).toBeFocused();
  await expect(saved).toContainText('Saved. Connecting to');
  expect(await reloaded(page)).toBe(false);
});

test('a wrong password: the banner offers Check password, which opens Settings at the password field', async ({
  phones,
}) => {
  const phone = await phones.open('wrong-password');
  const page = phone.page;
  await setupAccount(page, phones.account('alice', { password: 'not-the-password' }));
  await expect(registrationStatus(page)).toContainText('Registration failed');
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Wrong user name or password');
  await expect(banner.getByRole('button', { name: 'Connection doctor' })).toBeVisible();
  await expectAccessible(page, 'wrong password banner');
  await banner.getByRole('button', { name: 'Check password' }).click();
  await expect(page.getByRole('tab', { name: 'Account' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
});

test('an unreachable server: the banner offers Retry, the doctor and the server address', async ({
  phones,
}) => {
  const phone = await phones.open('unreachable');
  const page = phone.page;
  await setupAccount(page, phones.account('alice', { wsUrl: 'wss://127.0.0.1:1/ws' }));
  const banner = page.getByTestId('offline-banner');
  await expect(banner).toBeVisible({ timeout: 10_000 });
  await expect(banner.getByRole('button', { name: 'Retry now' })).toBeVisible();
  await expect(banner.getByRole('button', { name: 'Check password' })).toHaveCount(0);
  await expectAccessible(page, 'unreachable server banner');
  await banner.getByRole('button', { name: 'Connection doctor' }).click();
  const dialog = page.getByRole('dialog', { name: 'Connection doctor' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await banner.getByRole('button', { name: 'Check server address' }).click();
  await expect(page.getByLabel(LABELS.server)).toBeFocused();
});

test('Settings: only tabs in the tablist; language and theme switch the window at once; axe passes on every tab, light and dark', async ({
  phones,
}) => {
  const phone = await phones.registered('alice');
  const page = phone.page;
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  const tablist = page.getByRole('tablist', { name: 'Settings sections' });
  await expect(tablist.getByRole('tab')).toHaveCount(5);
  await expect(tablist.locator('> :not([role="tab"])')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Back to phone' })).toBeVisible();

  for (const [tab, where] of [
    ['Account', 'settings: account'],
    ['Audio devices', 'settings: audio'],
    ['Desk & hotkeys', 'settings: desk'],
    ['Forwarding', 'settings: forwarding'],
    ['Connection doctor', 'settings: doctor'],
  ] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await expectAccessible(page, `${where} (light)`);
  }

  // Hotkeys as Linux and Windows write them.
  await page.getByRole('tab', { name: 'Desk & hotkeys' }).click();
  await expect(page.getByLabel('Answer', { exact: true })).toHaveValue('Ctrl+Alt+Shift+A');

  await page.getByLabel('Language', { exact: true }).selectOption({ label: 'Deutsch' });
  await page.getByRole('button', { name: 'Save desk settings' }).click();
  await expect(page.getByRole('tab', { name: 'Konto' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Zurück zum Telefon' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Arbeitsplatz & Tastenkürzel' })).toBeVisible();
  await expect(
    page.getByRole('status').filter({ hasText: 'Arbeitsplatz-Einstellungen gespeichert.' }),
  ).toBeVisible();
  await expect(registrationStatus(page)).toHaveText('Angemeldet');
  // German key names on Windows and Linux.
  await expect(page.getByLabel('Annehmen', { exact: true })).toHaveValue('Strg+Alt+Umschalt+A');
  expect(await page.evaluate(() => document.documentElement.lang)).toMatch(/^de/);

  await page.getByLabel('Farbschema').selectOption({ label: 'Dunkel' });
  await page.getByRole('button', { name: 'Arbeitsplatz-Einstellungen speichern' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number) as [number, number, number];
  expect(Math.max(r, g, b), `body background ${background}`).toBeLessThan(60);

  for (const [tab, where] of [
    ['Konto', 'settings: account'],
    ['Audiogeräte', 'settings: audio'],
    ['Arbeitsplatz & Tastenkürzel', 'settings: desk'],
    ['Umleitung', 'settings: forwarding'],
    ['Verbindungsdoktor', 'settings: doctor'],
  ] as const) {
    await page.getByRole('tab', { name: tab }).click();
    await expectAccessible(page, `${where} (dark, German)`);
  }
  await page.getByRole('tab', { name: 'Konto' }).click();
  await expect(page.getByLabel('Serveradresse')).toHaveValue(phones.account('alice').wsUrl);
  await page.screenshot({ path: '/tmp/settings-helper/settings-dark-de.png', fullPage: true });
});

test('pseudo-locale: every string of the account form, its errors and Advanced comes from the catalogue', async ({
  phones,
}) => {
  const phone = await phones.open('first-run-pseudo', { locale: 'en-XA' });
  const page = phone.page;
  await expect(page.locator('#ws-url')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-XA');
  await expect(page.locator('label[for="ws-url"]')).toContainText('⟦');
  await page.locator('form.account button[type="submit"]').click();
  await expect(page.locator('#ws-url')).toBeFocused();
  await page.getByTestId('account-advanced').locator('summary').click();
  await page.getByTestId('account-advanced').locator('fieldset button').last().click();
  const data = [
    'DeskPhone',
    // Configuration to copy into Asterisk, not words to translate.
    VOICEMAIL_DIALPLAN_EXAMPLE,
    PARKING_LOT_EXAMPLE,
    'wss://pbx.example.com:8089/ws',
    '1001@pbx.example.com',
    'stun:stun.example.com:3478',
    'turn:turn.example.com:3478',
    'wss://',
    'ws://',
    'stun:',
    'stuns:',
    'turn:',
    'turns:',
  ];
  // The header's Do not disturb button belongs to the app shell, translated with it.
  const found = (await untranslatedStrings(page, data)).filter((text) => text !== 'Do not disturb');
  expect(found).toEqual([]);
});
