import { VOICEMAIL_DIALPLAN_EXAMPLE } from '../../contract/account';
import { PARKING_LOT_EXAMPLE } from '../../contract/park';
import { untranslatedStrings } from '../fixtures/axe';
import type { PhoneInstance } from '../fixtures/phone';
import { DISPLAY_NAMES, expect, test } from '../fixtures/test';
import { expectRegisteredInAnyLanguage, setupAccountByIds } from '../fixtures/ui';

// Every visible string of the main screens comes from the message catalogue.
// In the pseudo-locale (en-XA) catalogue text is accented and wrapped in ⟦ ⟧,
// so plain English left on screen skipped the catalogue. What the test itself
// typed (names, user names, addresses) is data and allowed through.

test('pseudo-locale: first run, idle views, Settings, ringing and live calls show no untranslated string', async ({
  phones,
  kamailio,
}) => {
  const data = [
    ...Object.values(DISPLAY_NAMES),
    `alice@${kamailio.domain}`,
    `bob@${kamailio.domain}`,
    kamailio.wssUrl,
    kamailio.domain,
    'alice',
    'bob',
    'DeskPhone',
    // Examples of addresses in placeholders, the letters on a phone's keys,
    // the languages named in their own language, and the fake devices' own names.
    'wss://pbx.example.com:8089/ws',
    '1001@pbx.example.com',
    ...['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'],
    ...['English', 'Deutsch', 'Français', 'Español'],
    'Fake Audio Input',
    'Fake Audio Output',
    'fake_device_0',
    // The voicemail number's help quotes an Asterisk dialplan line: configuration, not language.
    VOICEMAIL_DIALPLAN_EXAMPLE,
    PARKING_LOT_EXAMPLE,
  ];
  const untranslated: Record<string, string[]> = {};
  const check = async (phone: PhoneInstance, where: string) => {
    const found = await untranslatedStrings(phone.page, data);
    if (found.length) untranslated[where] = found;
  };

  const bob = await phones.open('bob-xa', { locale: 'en-XA' });
  await expect(bob.page.locator('html')).toHaveAttribute('lang', 'en-XA');
  await check(bob, 'first run');
  await setupAccountByIds(bob.page, phones.account('bob'));
  await expectRegisteredInAnyLanguage(bob.page);
  await check(bob, 'keypad');
  for (const tab of await bob.page.getByRole('tab').all()) {
    await tab.click();
    await check(bob, `view ${await tab.getAttribute('id')}`);
  }

  const alice = await phones.registered('alice');
  await alice.page.getByLabel('Number or SIP address').fill('bob');
  await alice.page.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await check(bob, 'ringing');
  await bob.page.getByTestId('incoming-call').locator('button').first().click();
  await expect(bob.page.getByTestId('call-screen')).toBeVisible();
  await expect(bob.page.getByTestId('call-screen')).toHaveAttribute('data-status', 'active');
  await check(bob, 'in call');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
  await check(bob, 'after the call');

  await bob.page.locator('header button').last().click();
  for (const tab of await bob.page.getByRole('tab').all()) {
    await tab.click();
    await check(bob, `settings ${await tab.getAttribute('id')}`);
  }
  expect(untranslated).toEqual({});
});

test('German system locale: the account form, the keypad and the tray are in German and the page says lang=de-DE', async ({
  phones,
}) => {
  const phone = await phones.open('alice-de', { locale: 'de-DE' });
  await expect(phone.page.locator('html')).toHaveAttribute('lang', 'de-DE');
  await expect(phone.page.locator('#password')).toBeVisible();
  await expect(phone.page.getByLabel('Passwort', { exact: false }).first()).toBeVisible();
  await setupAccountByIds(phone.page, phones.account('alice'));
  await expectRegisteredInAnyLanguage(phone.page);
  await expect(phone.page.getByRole('button', { name: 'Anrufen', exact: true })).toBeVisible();
  // German's long view names still fit one row in the default 420 px window
  // (a wrapped tab pushed the keypad down), and Anrufen stays on a 380×640 screen.
  await phone.page.setViewportSize({ width: 420, height: 720 });
  const tabTops = await phone.page
    .getByRole('tab')
    .evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)));
  expect(tabTops).toHaveLength(5);
  expect(new Set(tabTops).size, `tab rows at 420 px: ${tabTops.join(', ')}`).toBe(1);
  await phone.page.setViewportSize({ width: 380, height: 640 });
  await expect(phone.page.getByRole('button', { name: 'Anrufen', exact: true })).toBeInViewport({ ratio: 1 });
  // Main speaks the same language: the tray's tooltip and menu.
  await expect.poll(() => phone.desk.tray.model?.tooltip).toBe('DeskPhone — Angemeldet');
  expect(phone.desk.tray.model?.menu.map((item) => item.label)).toContain('Verbindungsdiagnose…');
});
