import type { Page } from '@playwright/test';
import { DISPLAY_NAMES } from '../fixtures/test';
import { EXTENSION_OF, expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import { expectAccessible } from '../fixtures/axe';
import { dial, expectRegistered } from '../fixtures/ui';

// Text messages (SIP MESSAGE) between two DeskPhones through a real Asterisk
// 22: the PBX routes each MESSAGE through its [message] context with
// MessageSend (e2e/harness/asterisk-dialplan.ts). Asterisk answers 202
// Accepted as soon as the dialplan has the message, before it is passed on:
// for the sender, "delivered" means the PBX took it; when MessageSend then
// fails, the dialplan reports it back as an IMDN.

skipWithoutAsterisk();

async function openMessages(page: Page): Promise<void> {
  await page.getByRole('tab', { name: /^Messages/ }).click();
}

/** "New message" to `target`, then types `text` and presses Enter. */
async function writeTo(page: Page, target: string, text: string): Promise<void> {
  await openMessages(page);
  await page.getByLabel('To (number or extension)').fill(target);
  await page.getByRole('button', { name: 'New message', exact: true }).click();
  const field = page.getByLabel(/^Message to /);
  await expect(field).toBeFocused();
  await field.fill(text);
  await field.press('Enter');
}

test('alice and bob exchange messages: delivered, unread count, announced, notified, kept after a reload', async ({
  phones,
  asterisk,
}) => {
  const logLine = asterisk.logs().length;
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');

  await writeTo(alice.page, EXTENSION_OF.bob, 'Lunch at 12?');
  await expect(alice.page.getByTestId('message')).toHaveCount(1);
  await expect(alice.page.getByTestId('message-status')).toHaveText('Delivered to the phone system');

  // bob is on the keypad: the screen reader says it, the tab counts it, the desktop shows it.
  await expect(bob.page.getByTestId('announce-polite')).toHaveText(
    `New message from ${DISPLAY_NAMES.alice}: Lunch at 12?`,
  );
  await expect(bob.page.getByRole('tab', { name: /^Messages.*\b1 unread message$/ })).toBeVisible();
  expect(bob.desk.notifications.shown.map((n) => [n.spec.title, n.spec.body])).toContainEqual([
    DISPLAY_NAMES.alice,
    'Lunch at 12?',
  ]);
  // The tray's tooltip and the app badge count it too, and forget it once read.
  await expect.poll(() => bob.desk.tray.model?.tooltip).toMatch(/1 unread message$/);
  expect(bob.desk.badge.count).toBe(1);
  await openMessages(bob.page);
  const conversation = bob.page.getByRole('button', { name: `${DISPLAY_NAMES.alice}, 1 unread message` });
  await expect(conversation).toBeInViewport();
  await expectAccessible(bob.page, 'the Messages view with an unread conversation');

  // Opening it reads it; bob answers from the field that has the focus.
  await conversation.click();
  await expect(bob.page.getByTestId('message')).toHaveText([/Lunch at 12\?/]);
  await expect(bob.page.getByTestId('unread-badge')).toHaveCount(0);
  await expect.poll(() => bob.desk.badge.count).toBe(0);
  expect(bob.desk.tray.model?.tooltip).not.toMatch(/unread/);
  const field = bob.page.getByLabel(`Message to ${DISPLAY_NAMES.alice}`);
  await expect(field).toBeFocused();
  await field.fill('Yes, see you there');
  await field.press('Enter');
  await expect(bob.page.getByTestId('message-status')).toHaveText('Delivered to the phone system');

  // alice has the conversation open: the reply appears in it, read.
  await expect(alice.page.getByTestId('message')).toHaveText([/Lunch at 12\?/, /Yes, see you there/]);
  await expect(alice.page.getByTestId('message').last()).toContainText(DISPLAY_NAMES.bob);
  await expect(alice.page.getByTestId('unread-badge')).toHaveCount(0);
  await expectAccessible(alice.page, 'an open conversation');
  await alice.page.screenshot({ path: '/tmp/messages-alice.png' });

  // Asterisk passed both on to a registered phone.
  const log = asterisk.logs().slice(logLine).join('\n');
  expect(log).toMatch(new RegExp(`DESKPHONE-MESSAGE-STATUS ${EXTENSION_OF.bob} SUCCESS`));
  expect(log).toMatch(new RegExp(`DESKPHONE-MESSAGE-STATUS ${EXTENSION_OF.alice} SUCCESS`));

  // The history is main's: a reloaded window finds the conversation as it was.
  await bob.page.reload();
  await expectRegistered(bob.page);
  await openMessages(bob.page);
  await bob.page.getByRole('button', { name: `${DISPLAY_NAMES.alice}, no unread messages` }).click();
  await expect(bob.page.getByTestId('message')).toHaveText([/Lunch at 12\?/, /Yes, see you there/]);
  await expect(bob.page.getByTestId('message-status')).toHaveText('Delivered to the phone system');
});

test('a message the PBX refuses shows why in words; one to a colleague who is not signed in is reported by Asterisk afterwards and shown as not delivered', async ({
  phones,
  asterisk,
}) => {
  const logLine = asterisk.logs().length;
  const alice = await phones.registered('alice');

  // An extension Asterisk does not know: 404, said as such.
  await writeTo(alice.page, '1999', 'Anyone there?');
  await expect(alice.page.getByTestId('message-status')).toHaveText('Not delivered: no such number');
  await expectAccessible(alice.page, 'a message that was not delivered');

  // dave (1004) exists but is not registered. Asterisk answers 202 at once;
  // its MessageSend then finds no contact and the dialplan sends alice an
  // IMDN "failed" naming her MESSAGE's Call-ID: the status turns to failed,
  // said aloud, and the report itself is never shown as a message.
  await alice.page.getByRole('button', { name: 'All conversations' }).click();
  await writeTo(alice.page, EXTENSION_OF.dave, 'Are you in today?');
  await expect(alice.page.getByTestId('message-status')).toHaveText(
    'Not delivered: the phone system could not reach the colleague’s phone',
  );
  await expect(alice.page.getByTestId('announce-assertive')).toHaveText(
    `Your message to ${EXTENSION_OF.dave} was not delivered: the phone system could not reach their phone.`,
  );
  await expect(alice.page.getByTestId('message')).toHaveCount(1);
  const log = asterisk.logs().slice(logLine).join('\n');
  expect(log).toMatch(new RegExp(`DESKPHONE-MESSAGE-STATUS ${EXTENSION_OF.dave} FAILURE`));
  expect(log).toMatch(
    new RegExp(`DESKPHONE-MESSAGE-REPORT ${EXTENSION_OF.alice} about ${EXTENSION_OF.dave} SUCCESS`),
  );
  await expectAccessible(alice.page, 'a message the phone system could not pass on');

  // After a reload, the failure is what main kept.
  await alice.page.reload();
  await expectRegistered(alice.page);
  await openMessages(alice.page);
  await alice.page.getByRole('button', { name: new RegExp(`^${EXTENSION_OF.dave}`) }).click();
  await expect(alice.page.getByTestId('message-status')).toHaveText(
    'Not delivered: the phone system could not reach the colleague’s phone',
  );
});

test('during a call the message goes inside it, and appears in the conversation with that caller', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await dial(alice.page, EXTENSION_OF.bob);
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const invites = (direction: 'in' | 'out') =>
    new Set(
      asterisk.sip.find((r) => r.direction === direction && r.method === 'INVITE').map((r) => r.callId),
    );

  await writeTo(alice.page, EXTENSION_OF.bob, 'Sending you the link now');
  await expect(alice.page.getByTestId('message-status')).toHaveText(/^Delivered/);
  await expect(bob.page.getByTestId('announce-polite')).toHaveText(
    /^New message from .+: Sending you the link now$/,
  );
  await openMessages(bob.page);
  await bob.page.getByRole('button', { name: /, 1 unread message$/ }).click();
  await expect(bob.page.getByTestId('message')).toHaveText([/during a call\s*Sending you the link now/]);
  // In-dialog both ways: alice's MESSAGE on her call's Call-ID, Asterisk's to bob on his leg's.
  const aliceLeg = invites('in');
  const bobLeg = invites('out');
  const inDialog = (direction: 'in' | 'out', legs: Set<string>) =>
    asterisk.sip.find(
      (r) => r.direction === direction && r.status === 0 && r.method === 'MESSAGE' && legs.has(r.callId),
    );
  expect(inDialog('in', aliceLeg)).toHaveLength(1);
  expect(inDialog('out', bobLeg)).toHaveLength(1);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
});
