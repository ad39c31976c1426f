import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { dial, expectRegistered, LABELS } from '../fixtures/ui';
import { COMPACT } from '../fixtures/viewport';

// Alice uses only the keyboard (Tab, Shift+Tab, Enter, Space, typing); the
// people she talks to use their mouse. After every step the test asserts where
// her focus is, and what her screen reader is told.

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  for (let presses = 0; presses < 40; presses++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

test('keyboard only: dial, hang up, a ring while typing, answer, hold, resume, blind transfer', async ({
  phones,
}) => {
  test.setTimeout(90_000);
  const alice = await phones.registered('alice', {}, { viewport: COMPACT });
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  const page = alice.page;
  const polite = page.getByTestId('announce-polite');
  const assertive = page.getByTestId('announce-assertive');
  const numberField = page.getByLabel('Number or SIP address');
  const hangUp = page.getByRole('button', { name: 'Hang up', exact: true });
  const hold = page.getByRole('button', { name: 'Hold', exact: true });

  // Type a number, Enter: focus goes to the new call's Hang up.
  await tabTo(page, numberField);
  await page.keyboard.type('bob');
  await page.keyboard.press('Enter');
  await expect(hangUp).toBeFocused();
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();

  // Enter on Hang up: the call is over and focus is back in the number field.
  await page.keyboard.press('Enter');
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
  await expect(numberField).toBeFocused();

  // Half a number typed when bob calls: the caret and the digits stay; the ring is announced.
  await page.keyboard.type('10');
  await dial(bob.page, 'alice');
  await expect(page.getByTestId('incoming-call')).toBeVisible();
  await expect(assertive).toHaveText('Incoming call from Bob Baker, bob');
  await expect(numberField).toBeFocused();
  await expect(numberField).toHaveValue('10');

  // Tab to Answer, Enter: focus on the call's heading (the caller's name).
  await tabTo(page, page.getByRole('button', { name: 'Answer', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bob Baker' })).toBeFocused();
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');

  // Hold with Space: focus stays on Hold, which is pressed, with an "On hold" badge, announced.
  await tabTo(page, hold);
  await page.keyboard.press('Space');
  await expect(hold).toHaveAttribute('aria-pressed', 'true');
  await expect(hold).toBeFocused();
  await expect(page.getByTestId('held-badge')).toHaveText('On hold');
  await expect(polite).toHaveText('On hold');
  await expect(bob.page.getByTestId('call-status')).toHaveText('On hold by the other side');

  // Space again resumes, on the same button.
  await page.keyboard.press('Space');
  await expect(hold).toHaveAttribute('aria-pressed', 'false');
  await expect(hold).toBeFocused();
  await expect(page.getByTestId('held-badge')).toHaveCount(0);
  await expect(polite).toHaveText('Call resumed');
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');

  // Blind transfer: Transfer, type the target, Enter.
  const transfer = page.getByRole('button', { name: 'Transfer', exact: true });
  await tabTo(page, transfer, 'Shift+Tab');
  await page.keyboard.press('Enter');
  const transferTo = page.getByLabel('Transfer to');
  await expect(transferTo).toBeFocused();
  await page.keyboard.type('carol');
  await expect(transferTo).toBeFocused();
  await page.keyboard.press('Enter');
  await bob.page.getByTestId('transfer-request').getByRole('button', { name: 'Accept transfer' }).click();
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(carol.page.getByTestId('call-status')).toHaveText('Connected');

  // Alice's part is over: told, shown, and her half-typed number is still there, with focus.
  await expect(page.getByTestId('call-screen')).toHaveCount(0);
  await expect(polite).toHaveText(/^Call with Bob Baker ended, \d+ seconds?$/);
  await expect(page.getByTestId('call-ended')).toHaveText(/^Call with Bob Baker ended, 0:\d\d$/);
  await expect(numberField).toBeFocused();
  await expect(numberField).toHaveValue('10');
  await carol.page.getByRole('button', { name: 'Hang up', exact: true }).click();
});

test('keyboard only: a ring never takes focus from the Recent tab; hanging up there returns focus to the view', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', {}, { viewport: COMPACT });
  const bob = await phones.registered('bob');
  const page = alice.page;
  const recent = page.getByRole('tab', { name: /Recent/ });
  await tabTo(page, page.getByRole('tab', { name: 'Keypad' }));
  await page.keyboard.press('ArrowRight');
  await expect(recent).toBeFocused();
  await expect(recent).toHaveAttribute('aria-selected', 'true');

  await dial(bob.page, 'alice');
  await expect(page.getByTestId('announce-assertive')).toHaveText('Incoming call from Bob Baker, bob');
  await expect(recent).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Answer', exact: true }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bob Baker' })).toBeFocused();
  await tabTo(page, page.getByRole('button', { name: 'Hang up', exact: true }));
  await page.keyboard.press('Enter');
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(recent).toBeFocused();
  await expect(page.getByTestId('announce-polite')).toHaveText(/^Call with Bob Baker ended, /);
});

test('clicking the incoming-call notification is the one way a ring takes focus: onto Answer', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', {}, { viewport: COMPACT });
  const bob = await phones.registered('bob');
  const numberField = alice.page.getByLabel('Number or SIP address');
  await tabTo(alice.page, numberField);
  await dial(bob.page, 'alice');
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await expect(numberField).toBeFocused();
  await expect.poll(() => alice.desk.notifications.open().length).toBe(1);
  alice.desk.notifications.open()[0]!.trigger('click');
  const answer = alice.page.getByRole('button', { name: 'Answer', exact: true });
  await expect(answer).toBeFocused();
  await alice.page.keyboard.press('Enter');
  await expect(alice.page.getByRole('heading', { name: 'Bob Baker' })).toBeFocused();
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await bob.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect(numberField).toBeFocused();
});

test('keyboard only: set up the account on first run, dial a contact by typing a name, keep a half-typed number across Settings', async ({
  phones,
}) => {
  const bob = await phones.registered('bob');
  const alice = await phones.open('alice-keys');
  const page = alice.page;
  const account = phones.account('alice');
  // Alice's address book already has Zoë (saved as a desk worker would, through main's contacts store).
  const sender = { frameUrl: `${alice.server.origin}/index.html`, isOwnMainFrame: true };
  await alice.core.router.dispatch('contacts:save', sender, {
    name: 'Zoë Zimmer',
    number: 'bob',
    favourite: false,
  });

  // Tab through the form in its order, typing each answer; Enter saves.
  for (const [label, value] of [
    [LABELS.server, account.wsUrl],
    [LABELS.sipAddress, account.sipAddress],
    ['Password', account.password],
    [LABELS.name, account.displayName],
  ] as const) {
    await tabTo(page, page.getByLabel(label).first());
    await page.keyboard.type(value);
  }
  await page.keyboard.press('Enter');
  await expectRegistered(page);
  const numberField = page.getByLabel('Number or SIP address');
  await expect(numberField).toBeFocused();

  // A contact found by name: type, ArrowDown, Enter places the call; focus on Hang up.
  await page.keyboard.type('zoe z');
  await expect(page.getByRole('option', { name: /Zoë Zimmer/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(numberField).toHaveAttribute('aria-activedescendant', /.+/);
  await page.keyboard.press('Enter');
  const hangUp = page.getByRole('button', { name: 'Hang up', exact: true });
  await expect(hangUp).toBeFocused();
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(numberField).toBeFocused();

  // Half a number typed, Settings opened and closed by keyboard: the digits are still there.
  await page.keyboard.type('100');
  await tabTo(page, page.getByRole('button', { name: 'Settings', exact: true }), 'Shift+Tab');
  await page.keyboard.press('Enter');
  const back = page.getByRole('button', { name: 'Back to phone' });
  await tabTo(page, back);
  await page.keyboard.press('Enter');
  await expect(numberField).toHaveValue('100');
});
