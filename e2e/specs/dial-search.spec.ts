import type { Locator, Page } from '@playwright/test';
import { expectAccessible } from '../fixtures/axe';
import { DISPLAY_NAMES, expect, test } from '../fixtures/test';
import { dial } from '../fixtures/ui';

// Search as you type in the dial field (contacts and Recent, by name and by
// digits), what Call does with a name nobody has, Recent's distinct Call back
// names, and numbers shown whole in the user's country's format at 380 px.

const LONDON = '+44 20 7946 0018';
const US = { locale: 'en-US', viewport: { width: 380, height: 640 } };

function openView(page: Page, view: 'Keypad' | 'Recent' | 'Contacts') {
  return page.getByRole('tab', { name: view }).click();
}

async function addContact(page: Page, name: string, number: string): Promise<void> {
  await openView(page, 'Contacts');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByRole('textbox', { name: /^Name/ }).fill(name);
  await page.getByRole('textbox', { name: /^Number/ }).fill(number);
  await page.getByRole('button', { name: 'Save contact' }).click();
  await expect(page.getByTestId('contact').filter({ hasText: name })).toBeVisible();
}

/** The element shows all of its text: nothing clipped or ellipsized. */
async function expectWhole(element: Locator, text: string): Promise<void> {
  await expect(element).toHaveText(text);
  await expect(element).toBeInViewport({ ratio: 1 });
  const fits = await element.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
  expect(fits, `"${text}" is shown whole`).toBe(true);
  const box = await element.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(380);
}

test('typing a contact’s name finds it; arrow keys and Enter call it; a name nobody has is not dialled', async ({
  phones,
  kamailio,
}) => {
  const alice = await phones.registered('alice', undefined, US);
  const bob = await phones.registered('bob');
  await addContact(alice.page, 'Zoë Zimmer', 'bob');
  await openView(alice.page, 'Keypad');

  const field = alice.page.getByRole('combobox', { name: 'Name, number or SIP address' });
  await field.focus();
  await alice.page.keyboard.type('zo');
  const listbox = alice.page.getByRole('listbox', { name: 'Contacts and recent calls' });
  const option = listbox.getByRole('option', { name: /Zoë Zimmer/ });
  await expect(option).toBeVisible();
  await expect(option).toContainText('Contact');
  await expect(field).toHaveAttribute('aria-expanded', 'true');
  await expect(alice.page.locator('#dial-match-count')).toHaveText('1 match');
  await expect(field).not.toHaveAttribute('aria-activedescendant');
  await expectAccessible(alice.page, 'dial search with one match (380 px)');

  await alice.page.keyboard.press('ArrowDown');
  const activeId = await field.getAttribute('aria-activedescendant');
  expect(activeId).toBeTruthy();
  await expect(alice.page.locator(`#${activeId}`)).toHaveText(/Zoë Zimmer/);
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(field).toBeFocused();

  // Escape closes the list and keeps the text.
  await alice.page.keyboard.press('Escape');
  await expect(listbox).toHaveCount(0);
  await expect(field).toHaveValue('zo');
  await expect(field).toHaveAttribute('aria-expanded', 'false');

  const before = kamailio.inviteReceipts().length;
  await alice.page.keyboard.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await alice.page.keyboard.press('Enter');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect
    .poll(() =>
      kamailio
        .inviteReceipts()
        .slice(before)
        .map((r) => r.to),
    )
    .toContain('bob');
  await bob.page.getByRole('button', { name: 'Decline' }).click();
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);

  // The name typed out with the Call button: the one entry that fits is called.
  await field.fill('Zoë Zim');
  await expect(alice.page.getByRole('option')).toHaveCount(1);
  await alice.page.getByRole('button', { name: 'Call', exact: true }).click();
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Decline' }).click();
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);

  // Two entries fit "Z": nothing is dialled until one is chosen.
  await addContact(alice.page, 'Zack Zorn', '1999');
  await openView(alice.page, 'Keypad');
  const choosing = kamailio.inviteReceipts().length;
  await field.fill('Z');
  await expect(alice.page.locator('#dial-match-count')).toHaveText('2 matches');
  await field.press('Enter');
  await expect(alice.page.getByRole('alert').filter({ hasText: 'entries match' })).toHaveText(
    '2 entries match “Z”: choose one with the arrow keys and Enter, or click it.',
  );
  expect(kamailio.inviteReceipts().length).toBe(choosing);
  await field.fill('');

  // A name nobody has: no INVITE, no ring, an explanation instead.
  const quiet = kamailio.inviteReceipts().length;
  await field.focus();
  await alice.page.keyboard.type('Zoe Nobody');
  await expect(alice.page.locator('#dial-match-count')).toHaveText('No matches');
  await alice.page.keyboard.press('Enter');
  await expect(alice.page.getByRole('alert').filter({ hasText: 'No contact' })).toHaveText(
    'No contact or recent call matches “Zoe Nobody”. Type a number or a SIP address, or check the name.',
  );
  await alice.page.getByRole('button', { name: 'Call', exact: true }).click();
  await alice.page.waitForTimeout(500);
  expect(kamailio.inviteReceipts().length).toBe(quiet);
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
  await expect(field).toHaveValue('Zoe Nobody');

  // A lower-case SIP user nobody saved still dials as typed (as every spec's dial() does).
  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Decline' }).click();
});

test('numbers from Recent match on digits; a click on the option calls; Call back names say outcome and time', async ({
  phones,
  kamailio,
}) => {
  const alice = await phones.registered('alice', undefined, US);
  const bob = await phones.registered('bob');

  // A London number Kamailio cannot reach: Recent keeps it as a failed call.
  await dial(alice.page, LONDON);
  await expect(alice.page.getByTestId('call-outcome')).toBeVisible();
  // Bob calls and gives up (missed for nobody here, cancelled for him); Alice calls Bob twice.
  await dial(bob.page, 'alice');
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await alice.page.getByRole('button', { name: 'Decline' }).click();
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);
  await dial(bob.page, 'alice');
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);

  // Digits only, written differently from the stored +442079460018.
  const field = alice.page.getByRole('combobox', { name: 'Name, number or SIP address' });
  await field.fill('7946 00');
  const option = alice.page.getByRole('option', { name: /7946 0018/ });
  await expect(option).toContainText(LONDON);
  await expect(option).toContainText('Recent');
  await expect(alice.page.locator('#dial-match-count')).toHaveText('1 match');
  await expectWhole(option.locator('.number'), LONDON);
  const before = kamailio.inviteReceipts().length;
  await option.click();
  await expect
    .poll(() =>
      kamailio
        .inviteReceipts()
        .slice(before)
        .map((r) => r.to),
    )
    .toContain('+442079460018');
  await expect(alice.page.getByTestId('call-outcome')).toBeVisible();

  await openView(alice.page, 'Recent');
  const callBacks = alice.page.getByRole('button', { name: /^Call back/ });
  await expect(callBacks).toHaveCount(4);
  // Two calls from Bob Baker, told apart by how they ended.
  const bobs = alice.page.getByRole('button', { name: /^Call back Bob Baker/ });
  const names = await bobs.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')));
  expect(names).toHaveLength(2);
  expect(names[0], names.join(' | ')).not.toBe(names[1]);
  const today = /today \d{1,2}:\d{2}( [AP]M)?$/;
  await expect(
    alice.page.getByRole('button', { name: new RegExp(`^Call back ${DISPLAY_NAMES.bob}, missed, `) }),
  ).toHaveAccessibleName(today);
  await expect(
    alice.page.getByRole('button', { name: new RegExp(`^Call back ${DISPLAY_NAMES.bob}, declined, `) }),
  ).toHaveAccessibleName(today);
  await expect(
    alice.page.getByRole('button', { name: /^Call back \+44 20 7946 0018, failed, today/ }),
  ).toHaveCount(2);
  // The failed calls' rows, and Redial on the keypad, show the number whole at 380 px.
  await expectWhole(
    alice.page.getByTestId('history-entry').filter({ hasText: LONDON }).first().locator('.number'),
    LONDON,
  );
  await openView(alice.page, 'Keypad');
  const redial = alice.page.getByRole('button', { name: `Redial ${LONDON}` });
  await expectWhole(redial.locator('span'), LONDON);
  await expectAccessible(alice.page, 'Keypad with Redial at 380 px');
  await openView(alice.page, 'Recent');
  const numbers = alice.page.getByTestId('history-entry').filter({ hasText: LONDON });
  await expectWhole(numbers.first().locator('.number'), LONDON);
  await expectAccessible(alice.page, 'Recent at 380 px');
});

test('at 380×640 long international numbers are shown whole in Contacts, and formatted for the country', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', undefined, US);
  await addContact(alice.page, 'Maximiliane Schönberger-Wittgenstein (London office)', '+442079460018');
  await addContact(alice.page, 'Front desk Washington', '+12025550143');
  const rows = alice.page.getByTestId('contact');
  await expectWhole(rows.filter({ hasText: 'Maximiliane' }).locator('.number'), LONDON);
  // At a US desk, a US number is written the national way.
  await expectWhole(rows.filter({ hasText: 'Washington' }).locator('.number'), '(202) 555-0143');
  await expectAccessible(alice.page, 'Contacts at 380 px');

  // The keypad's search shows the same formatting.
  await openView(alice.page, 'Keypad');
  await alice.page.getByRole('combobox', { name: 'Name, number or SIP address' }).fill('202555');
  await expect(alice.page.getByRole('option', { name: /Front desk Washington/ })).toContainText(
    '(202) 555-0143',
  );
  await alice.page.screenshot({ path: '/tmp/dial-search-380.png' });
});
