import type { Page } from '@playwright/test';
import { expectAccessible, untranslatedStrings } from '../fixtures/axe';
import { DISPLAY_NAMES, expect, test } from '../fixtures/test';
import { dial } from '../fixtures/ui';

// The keypad's search, Recent and Contacts in other looks: the pseudo-locale
// (every string from the catalogue) and the dark theme in a wide window (axe).

function openView(page: Page, view: 'Keypad' | 'Recent' | 'Contacts') {
  return page.getByRole('tab', { name: view }).click();
}

test('in the pseudo-locale every string of the keypad, its search, Recent and Contacts comes from the catalogue', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', undefined, {
    locale: 'en-XA',
    viewport: { width: 380, height: 640 },
  });
  const bob = await phones.registered('bob');
  const keypadLetters = ['ABC', 'DEF', 'GHI', 'JKL', 'MNO', 'PQRS', 'TUV', 'WXYZ'];
  const data = [
    DISPLAY_NAMES.bob,
    'Zoë Zimmer',
    'Zoe Nobody',
    'bob@pbx.example.com',
    'bob',
    ...keypadLetters,
  ];

  // Labels are pseudo-text here, so the keypad is reached by its ids.
  const field = alice.page.locator('#dial-target');
  await field.fill('bob');
  await alice.page.locator('form.dialer button[type=submit]').click();
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Decline' }).click();
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  // How the call ended comes from the phone's state (the call screen's part of issue 12), not from here.
  data.unshift((await alice.page.getByTestId('call-outcome').textContent())!.trim());

  await field.fill('bo');
  await expect(alice.page.getByRole('option')).toHaveCount(1);
  expect(await untranslatedStrings(alice.page, data, 'form.dialer')).toEqual([]);
  await field.fill('Zoe Nobody');
  await field.press('Enter');
  await expect(alice.page.getByRole('alert').filter({ hasText: 'Zoe Nobody' })).toBeVisible();
  expect(await untranslatedStrings(alice.page, data, 'form.dialer')).toEqual([]);

  await alice.page.locator('#view-tab-recent').click();
  await expect(alice.page.getByTestId('history-entry')).toHaveCount(1);
  expect(await untranslatedStrings(alice.page, data, 'section.recent')).toEqual([]);

  await alice.page.locator('#view-tab-contacts').click();
  expect(await untranslatedStrings(alice.page, data, 'section.contacts')).toEqual([]);
  await alice.page.locator('section.contacts .head button').click();
  await expect(alice.page.locator('form.contact-form')).toBeVisible();
  expect(await untranslatedStrings(alice.page, data, 'section.contacts')).toEqual([]);
  await alice.page.locator('#contact-name').fill('Zoë Zimmer');
  await alice.page.locator('#contact-number').fill('bob');
  await alice.page.locator('form.contact-form button[type=submit]').click();
  await expect(alice.page.getByTestId('contact')).toHaveCount(1);
  expect(await untranslatedStrings(alice.page, data, 'section.contacts')).toEqual([]);
});

test('keypad search, Recent and Contacts pass axe in the dark theme at 1024×768', async ({ phones }) => {
  const look = { locale: 'en-GB', colorScheme: 'dark' as const, viewport: { width: 1024, height: 768 } };
  const alice = await phones.registered('alice', undefined, look);
  const bob = await phones.registered('bob');
  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
  await openView(alice.page, 'Contacts');
  await alice.page.getByRole('button', { name: 'Add contact' }).click();
  await alice.page.getByRole('textbox', { name: /^Name/ }).fill('Zoë Zimmer');
  await alice.page.getByRole('textbox', { name: /^Number/ }).fill('+442079460018');
  await alice.page.getByRole('button', { name: 'Save contact' }).click();

  // At a British desk (from the locale), a London number is written the national way.
  await expect(alice.page.getByTestId('contact')).toContainText('020 7946 0018');
  await expectAccessible(alice.page, 'Contacts, dark, 1024');
  await openView(alice.page, 'Keypad');
  await alice.page.getByRole('combobox', { name: 'Name, number or SIP address' }).fill('b');
  await alice.page.keyboard.press('ArrowDown');
  // Alice's own call to bob: the name is the SIP user, shown once.
  await expect(alice.page.getByRole('option', { selected: true })).toHaveText(/^\s*bob\s*Recent\s*$/);
  await expectAccessible(alice.page, 'Keypad search with an active option, dark, 1024');
  await openView(alice.page, 'Recent');
  await expect(alice.page.getByTestId('history-entry')).toHaveCount(1);
  await expectAccessible(alice.page, 'Recent, dark, 1024');
});
