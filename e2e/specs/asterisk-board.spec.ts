import type { Page } from '@playwright/test';
import { EXTENSION_OF, expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import { EXTENSIONS } from '../harness/asterisk';
import { DISPLAY_NAMES } from '../fixtures/test';
import { callIdWith, expectHearing } from '../fixtures/media';
import { currentCallId, dial } from '../fixtures/ui';
import { expectAccessible, untranslatedStrings } from '../fixtures/axe';
import { PICKUP_EXAMPLES } from '../../contract/account';
import { COMPACT, expectFullyInView, expectNoSidewaysScroll } from '../fixtures/viewport';
import {
  addColleagues,
  addContact,
  lamp,
  lampShownAt,
  openBoard,
  row,
  setPickupPrefix,
  subscribesSince,
} from '../fixtures/board';

// The colleagues' board against a real Asterisk 22: hints on every phone's
// extension, SUBSCRIBE dialog (RFC 4235) and presence (PIDF) per colleague,
// and a directed-pickup extension (** + extension, Pickup(ext@phones)).

skipWithoutAsterisk();

const BOB = DISPLAY_NAMES.bob;
const DAVE = DISPLAY_NAMES.dave;

async function keypad(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Keypad' }).click();
}

test('lamps: idle, ringing within 1 s with the caller, picked up from the board (audio both ways), held, unavailable, back after an Asterisk restart', async ({
  phones,
  asterisk,
}) => {
  test.setTimeout(150_000);
  const started = Date.now();
  const logLine = asterisk.logs().length;
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  const dave = await phones.registered('dave');
  const page = alice.page;

  // bob is a contact (his name shows), dave is a contact marked colleague, carol is added by extension.
  await addContact(page, BOB, EXTENSION_OF.bob, false);
  await addContact(page, DAVE, EXTENSION_OF.dave, true);
  await openBoard(page);
  await addColleagues(page, [EXTENSION_OF.bob, EXTENSION_OF.carol]);
  await setPickupPrefix(page, EXTENSIONS.directedPickupPrefix);
  await page.getByRole('button', { name: 'Done editing' }).click();
  for (const name of [BOB, EXTENSION_OF.carol, DAVE]) {
    await expect(lamp(page, name)).toHaveText('Available', { timeout: 5_000 });
  }
  await expect(
    page.getByRole('list', { name: 'Colleagues and their lamps' }).getByTestId('colleague'),
  ).toHaveCount(3);

  // dave calls bob: the lamp says so, with who calls, within 1 s of the INVITE reaching bob.
  const ringingText = `Ringing: call from ${DAVE}`;
  const shown = lampShownAt(page, BOB, ringingText, 10_000);
  const dialledAt = await dial(dave.page, EXTENSION_OF.bob);
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  const invite = await asterisk.sip.waitFor(
    (r) =>
      r.direction === 'out' &&
      r.method === 'INVITE' &&
      r.status === 0 &&
      // The only call being set up: Asterisk's INVITE to bob's registered contact.
      r.at >= dialledAt,
    5_000,
    "Asterisk's INVITE to bob",
  );
  const onScreen = await shown;
  console.log(
    `Board timings: INVITE to bob at Asterisk -> ringing lamp on alice's screen ${Math.round(onScreen - invite.at)} ms`,
  );
  expect(onScreen - invite.at).toBeLessThan(1_000);
  await expect(lamp(page, DAVE)).toHaveText('In a call');

  // Pick up, keyboard only: Tab to the button, Enter.
  const pickUp = row(page, BOB).getByRole('button', { name: `Pick up ${BOB}'s call` });
  await row(page, BOB)
    .getByRole('button', { name: `Call ${BOB}` })
    .focus();
  await page.keyboard.press('Shift+Tab');
  await expect(pickUp).toBeFocused();
  await page.keyboard.press('Enter');
  await asterisk.waitForLog(
    new RegExp(`DESKPHONE-PICKUP ${EXTENSION_OF.alice} ${EXTENSION_OF.bob}\\b`),
    5_000,
    logLine,
  );
  await expect(page.getByTestId('call-status')).toHaveText('Connected', { timeout: 10_000 });
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
  await expect(dave.page.getByTestId('call-status')).toHaveText('Connected');
  // Asterisk tells each side whom they are connected to now.
  await expect(page.locator('#call-peer')).toHaveText(DAVE);
  const aliceCall = await callIdWith(page, DAVE);
  const daveCall = await currentCallId(dave.page);
  await expectHearing(page, aliceCall, 1500);
  await expectHearing(dave.page, daveCall, 1500);
  // bob is free again; dave, the caller, is in a call (with alice now).
  await expect(lamp(page, BOB)).toHaveText('Available');
  await expect(lamp(page, DAVE)).toHaveText('In a call');
  await page.getByRole('button', { name: 'Hang up' }).click();
  await expect(lamp(page, DAVE)).toHaveText('Available');

  // carol calls bob and he holds her. Asterisk marks the held channel's device
  // ONHOLD (chan_pjsip_indicate AST_CONTROL_HOLD), so her lamp says On hold; his stays In a call.
  await dial(carol.page, EXTENSION_OF.bob);
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(carol.page.getByTestId('call-status')).toHaveText('Connected', { timeout: 10_000 });
  await expect(lamp(page, EXTENSION_OF.carol)).toHaveText('In a call');
  await expect(lamp(page, BOB)).toHaveText('In a call');
  await bob.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(carol.page.getByTestId('call-status')).toHaveText('On hold by the other side');
  await expect(lamp(page, EXTENSION_OF.carol)).toHaveText('On hold');
  await expect(lamp(page, BOB)).toHaveText('In a call');
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(lamp(page, EXTENSION_OF.carol)).toHaveText('Available');
  await expect(lamp(page, BOB)).toHaveText('Available');

  // dave quits (un-REGISTER): unavailable.
  await dave.close();
  await expect(lamp(page, DAVE)).toHaveText('Unavailable', { timeout: 5_000 });

  // Asterisk restarts: the lamps go dark, then come back without anyone doing anything.
  const subscribesBefore = subscribesSince(asterisk, started).length;
  const restarting = Date.now();
  const restart = asterisk.restart(2_000);
  await expect(lamp(page, BOB)).toHaveText('Unknown', { timeout: 10_000 });
  await restart;
  await expect(page.getByTestId('registration-status')).toHaveText('Registered', { timeout: 15_000 });
  await expect(lamp(page, BOB)).toHaveText('Available', { timeout: 10_000 });
  await expect(lamp(page, EXTENSION_OF.carol)).toHaveText('Available');
  await expect(lamp(page, DAVE)).toHaveText('Unavailable');
  console.log(`Board timings: Asterisk restart -> lamps back ${Date.now() - restarting} ms`);

  // No storm: one dialog and one presence SUBSCRIBE per colleague and registration, each may be challenged once.
  const subscribes = subscribesSince(asterisk, started);
  console.log(
    `Board SUBSCRIBEs: ${subscribesBefore} before the restart, ${subscribes.length - subscribesBefore} after it, ${subscribes.length} in all (3 colleagues x 2 packages)`,
  );
  expect(subscribesBefore).toBeLessThanOrEqual(3 * 2 * 2);
  expect(subscribes.length - subscribesBefore).toBeLessThanOrEqual(3 * 2 * 2);
  await keypad(page);
});

test('transfer to a lamp: blind (dave ends up talking with carol, alice is out), then attended with Complete transfer', async ({
  phones,
}) => {
  test.setTimeout(120_000);
  const alice = await phones.registered('alice');
  const carol = await phones.registered('carol');
  const dave = await phones.registered('dave');
  const page = alice.page;
  await openBoard(page);
  await addColleagues(page, [EXTENSION_OF.carol]);
  await page.getByRole('button', { name: 'Done editing' }).click();
  await expect(lamp(page, EXTENSION_OF.carol)).toHaveText('Available', { timeout: 5_000 });

  async function aliceCallsDave(): Promise<void> {
    await keypad(page);
    await dial(page, EXTENSION_OF.dave);
    await expect(dave.page.getByTestId('incoming-call')).toBeVisible();
    await dave.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect(page.getByTestId('call-status')).toHaveText('Connected', { timeout: 10_000 });
    // The wide window keeps the views beside the call: the board is at hand.
    await openBoard(page);
  }

  async function expectDaveAndCarolTalk(): Promise<void> {
    await expect(page.getByTestId('call-screen')).toHaveCount(0, { timeout: 10_000 });
    await expect(dave.page.locator('#call-peer')).toHaveText(DISPLAY_NAMES.carol);
    await expectHearing(dave.page, await currentCallId(dave.page), 1500);
    await expectHearing(carol.page, await currentCallId(carol.page), 1500);
    await expect(lamp(page, EXTENSION_OF.carol)).toHaveText('In a call');
    await carol.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(dave.page.getByTestId('call-screen')).toHaveCount(0);
    await expect(lamp(page, EXTENSION_OF.carol)).toHaveText('Available');
  }

  // Blind: one press on carol's row.
  await aliceCallsDave();
  await expect(row(page, EXTENSION_OF.carol).getByRole('button', { name: 'Call 1003' })).toHaveCount(0);
  await row(page, EXTENSION_OF.carol).getByRole('button', { name: 'Transfer the call to 1003' }).click();
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  // Asterisk names the transferred caller on carol's ringing lamp.
  await expect(lamp(page, EXTENSION_OF.carol)).toHaveText(`Ringing: call from ${DAVE}`);
  await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expectDaveAndCarolTalk();

  // Attended: Consult rings carol while dave waits on hold; Complete transfer joins them.
  await aliceCallsDave();
  await row(page, EXTENSION_OF.carol)
    .getByRole('button', { name: 'Consult 1003 before transferring' })
    .click();
  await expect(dave.page.getByTestId('call-status')).toHaveText('On hold by the other side');
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expectHearing(carol.page, await currentCallId(carol.page), 1500);
  const complete = row(page, EXTENSION_OF.carol).getByRole('button', { name: 'Complete transfer to 1003' });
  await complete.click();
  await expectDaveAndCarolTalk();
});

test('board accessibility: axe on the board and its editor; the ringing announcement only when asked for', async ({
  phones,
}) => {
  test.setTimeout(90_000);
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const dave = await phones.registered('dave');
  const page = alice.page;
  await openBoard(page);
  await expectAccessible(page, 'empty colleagues board');
  await addColleagues(page, [EXTENSION_OF.bob, EXTENSION_OF.dave]);
  await setPickupPrefix(page, EXTENSIONS.directedPickupPrefix);
  await expect(lamp(page, EXTENSION_OF.bob)).toHaveText('Available', { timeout: 5_000 });
  await expectAccessible(page, 'colleagues board with its editor open');
  // Reorder and remove by keyboard: focus stays with the colleague that moved.
  const down = page.getByRole('button', { name: `Move ${EXTENSION_OF.bob} down` });
  await down.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: `Move ${EXTENSION_OF.bob} up` })).toBeFocused();
  await expect(
    page.getByRole('list', { name: 'Colleagues and their lamps' }).getByTestId('colleague').first(),
  ).toContainText(EXTENSION_OF.dave);
  await page.getByRole('button', { name: 'Done editing' }).click();

  const polite = page.getByTestId('announce-polite');
  async function daveCallsBob(): Promise<void> {
    await dial(dave.page, EXTENSION_OF.bob);
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await expect(lamp(page, EXTENSION_OF.bob)).toHaveText(`Ringing: call from ${DAVE}`);
  }
  async function daveHangsUp(): Promise<void> {
    await dave.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(lamp(page, EXTENSION_OF.bob)).toHaveText('Available');
  }

  // Off (the default): nothing is said.
  await daveCallsBob();
  await expectAccessible(page, 'colleagues board with a ringing lamp');
  await page.waitForTimeout(1_000);
  await expect(polite).not.toContainText('is ringing');
  await daveHangsUp();

  // On: said politely, with the caller.
  await page.getByRole('button', { name: 'Edit board' }).click();
  await page.getByLabel("Tell me when a colleague's phone rings").check();
  await page.getByRole('button', { name: 'Done editing' }).click();
  await daveCallsBob();
  await expect(polite).toHaveText(`${EXTENSION_OF.bob} is ringing (call from ${DAVE})`);
  await expect(page.getByTestId('announce-assertive')).not.toContainText('is ringing');
  // Dark theme and the compact window: still accessible, nothing cut off sideways, Pick up in view.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectAccessible(page, 'colleagues board, dark theme, a ringing lamp');
  await page.setViewportSize(COMPACT);
  await expectNoSidewaysScroll(page, 'compact colleagues board');
  const pickUp = row(page, EXTENSION_OF.bob).getByRole('button', {
    name: `Pick up ${EXTENSION_OF.bob}'s call`,
  });
  await pickUp.scrollIntoViewIfNeeded();
  await expectFullyInView(page, pickUp, 'Pick up in the compact window');
  await daveHangsUp();
});

test('pseudo-locale: the board, its editor and a ringing lamp show no untranslated string', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', {}, { locale: 'en-XA' });
  const bob = await phones.registered('bob');
  const dave = await phones.registered('dave');
  const page = alice.page;
  await page.locator('#view-tab-colleagues').click();
  await page.locator('[aria-controls="board-editor"]').click();
  await page.locator('#board-add').fill(EXTENSION_OF.bob);
  await page.locator('#board-add').press('Enter');
  await page.locator('#board-pickup-prefix').fill(EXTENSIONS.directedPickupPrefix);
  await page.locator('#board-pickup-prefix').press('Enter');
  await expect(page.getByTestId('lamp')).toHaveAttribute('data-state', 'idle', { timeout: 5_000 });
  await dial(dave.page, EXTENSION_OF.bob);
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect(page.getByTestId('lamp')).toHaveAttribute('data-state', 'ringing');
  // What the test typed and the PBX reported is data; the help text's dialplan lines are configuration.
  const data = [...Object.values(PICKUP_EXAMPLES), DAVE, EXTENSION_OF.bob, EXTENSIONS.directedPickupPrefix];
  expect(await untranslatedStrings(page, data, 'section[aria-labelledby="board-title"]')).toEqual([]);
  await dave.page.getByRole('button', { name: 'Hang up' }).click();
});
