import type { Locator, Page } from '@playwright/test';
import { DISPLAY_NAMES } from '../fixtures/test';
import { EXTENSION_OF, expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import { expectAccessible, untranslatedStrings, type Violation } from '../fixtures/axe';
import { auditLooks, summarise } from '../fixtures/looks';
import { callIdWith, expectHearing } from '../fixtures/media';
import { currentCallId, dial } from '../fixtures/ui';
import { PARKING_LOT } from '../harness/asterisk-config';
import { pseudoText } from '../../renderer/src/i18n/pseudo';

// Call park on a real Asterisk (res_parking.conf: parkext 700, parkpos 701-720
// in context parkedcalls with parkinghints, included by the phones' context).
// Park is a blind REFER to 700; Asterisk answers the REFER, parks the other
// party in the first free slot and tells the parker only by audio, so the
// slot shown is the one whose lamp lit.

skipWithoutAsterisk();

const PARK = { parkExtension: PARKING_LOT.parkExtension, parkSlots: '701-703' };
const parkButton = (page: Page) => page.getByRole('button', { name: 'Park', exact: true });
const slot = (page: Page, number: string) => page.locator(`[data-testid="park-slot"][data-slot="${number}"]`);

/** The slot lamps live beside the colleagues' lamps, in the Colleagues view. */
async function openColleagues(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Colleagues' }).click();
  await expect(page.getByRole('region', { name: 'Parked calls' })).toBeVisible();
}

/** Presses Tab until `target` has focus: proof that the keyboard reaches it, in a few presses. */
async function tabTo(page: Page, target: Locator, most = 12): Promise<number> {
  for (let presses = 1; presses <= most; presses++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return presses;
  }
  throw new Error(`${most} presses of Tab did not reach ${target.toString()}`);
}

/** axe in both themes, compact and wide; the page is left at the size it had. */
async function expectAllLooksAccessible(page: Page, where: string): Promise<void> {
  const size = page.viewportSize();
  const violations: Violation[] = [];
  await auditLooks(page, where, violations);
  if (size) await page.setViewportSize(size);
  expect(summarise(violations)).toEqual([]);
}

async function connect(caller: Page, callee: Page, extension: string): Promise<void> {
  await dial(caller, extension);
  await expect(callee.getByTestId('incoming-call')).toBeVisible();
  await callee.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(caller.getByTestId('call-status')).toHaveText('Connected');
  await expect(callee.getByTestId('call-status')).toHaveText('Connected');
}

/** When `locator` first has `state` in its data-state: checked every frame, on the test's clock. */
function stateAt(page: Page, number: string, state: string, timeout = 10_000): Promise<number> {
  return page
    .waitForFunction(
      ([n, s]) =>
        document.querySelector(`[data-testid="park-slot"][data-slot="${n}"]`)?.getAttribute('data-state') ===
        s
          ? performance.timeOrigin + performance.now()
          : false,
      [number, state] as const,
      { polling: 'raf', timeout },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
}

test('alice parks bob by keyboard; the slot lamp lights on alice’s and carol’s phones; carol picks him up from the lamp and they hear each other', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice', PARK);
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol', PARK);
  for (const page of [alice.page, carol.page]) {
    await openColleagues(page);
    await expect(slot(page, '701')).toHaveAttribute('data-state', 'free', { timeout: 10_000 });
    await expect(slot(page, '701')).toContainText('Free');
  }
  await expectAccessible(alice.page, 'park slots, all free');

  await connect(bob.page, alice.page, EXTENSION_OF.alice);
  const aliceCall = await callIdWith(alice.page, EXTENSION_OF.bob);
  await expectHearing(alice.page, aliceCall, 1000);

  // Park by keyboard: Tab from Transfer reaches Park, Enter parks.
  await alice.page.getByRole('button', { name: 'Transfer', exact: true }).focus();
  await alice.page.keyboard.press('Tab');
  await expect(parkButton(alice.page)).toBeFocused();
  const pressedAt = Date.now();
  const litOnAlice = stateAt(alice.page, '701', 'occupied');
  const litOnCarol = stateAt(carol.page, '701', 'occupied');
  await alice.page.keyboard.press('Enter');
  const referAt = await asterisk.sip.waitFor(
    (r) => r.direction === 'in' && r.method === 'REFER' && r.status === 0 && r.at >= pressedAt,
    5_000,
    "alice's REFER to the park extension",
  );
  expect(referAt.headers.get('refer-to')?.[0]).toMatch(new RegExp(`sips?:${PARKING_LOT.parkExtension}@`));
  const accepted = await asterisk.sip.waitFor(
    (r) => r.direction === 'out' && r.method === 'REFER' && r.callId === referAt.callId && r.status >= 200,
    5_000,
    "Asterisk's answer to the REFER",
  );
  expect(accepted.status).toBe(202);

  // alice's call is over; her screen says where bob is.
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0, { timeout: 10_000 });
  const status = alice.page.getByRole('status').filter({ hasText: 'Parked in' });
  await expect(status).toContainText('Parked in 701');
  await expect(status).toContainText(`${DISPLAY_NAMES.bob} is waiting there`);
  // Park went with the call; focus lands on the open view's tab, not on the page itself.
  await expect(alice.page.locator('#view-tab-colleagues')).toBeFocused();
  const [aliceLit, carolLit] = await Promise.all([litOnAlice, litOnCarol]);
  // The REFER's time is when the harness read Asterisk's log line, which can
  // come a few ms after Asterisk's NOTIFYs: hence the time from Enter as well.
  console.log(
    `Park timings: REFER at Asterisk -> slot lamp on alice's screen ${Math.round(aliceLit - referAt.at)} ms, ` +
      `on carol's ${Math.round(carolLit - referAt.at)} ms; Enter on Park -> lamp on alice's ` +
      `${Math.round(aliceLit - pressedAt)} ms, on carol's ${Math.round(carolLit - pressedAt)} ms`,
  );
  expect(aliceLit - pressedAt).toBeLessThan(2_000);
  expect(carolLit - pressedAt).toBeLessThan(2_000);
  // Asterisk's own view of the lot agrees.
  expect(await asterisk.cli('parking show default')).toMatch(/Space\s*:\s*701/);
  await expect(slot(carol.page, '701')).toContainText('Occupied');
  await expect(slot(carol.page, '702')).toHaveAttribute('data-state', 'free');
  await expect(bob.page.getByTestId('call-screen')).toBeVisible();
  await expectAllLooksAccessible(carol.page, 'park slots, one occupied');

  // carol retrieves by keyboard from the lamp: focus goes to her new call's Hang up.
  const pickUp = carol.page.getByRole('button', { name: 'Pick up parked call 701' });
  await expect(pickUp).toHaveText('Pick up');
  await expect(pickUp).toBeInViewport();
  // Tab from the Colleagues tab reaches the occupied slot's button, Enter picks the call up.
  await carol.page.locator('#view-tab-colleagues').focus();
  console.log(`Park keyboard: Pick up reached with ${await tabTo(carol.page, pickUp)} presses of Tab`);
  await expect(pickUp).toBeFocused();
  await carol.page.keyboard.press('Enter');
  await expect(carol.page.getByTestId('call-status')).toHaveText('Connected', { timeout: 10_000 });
  await expect(carol.page.getByRole('button', { name: 'Hang up' })).toBeFocused();

  // carol and bob hear each other.
  const carolCall = await currentCallId(carol.page);
  // bob's one call is still the one he made to alice; Asterisk renamed its far end when carol took it.
  const bobCall = await currentCallId(bob.page);
  await expect(bob.page.locator('#call-peer')).toHaveText(DISPLAY_NAMES.carol);
  await expectHearing(carol.page, carolCall, 1500);
  await expectHearing(bob.page, bobCall, 1500);

  // The slot is free again on every phone, and alice's notice has gone with it.
  for (const page of [alice.page, carol.page]) {
    await expect(slot(page, '701')).toHaveAttribute('data-state', 'free', { timeout: 5_000 });
  }
  await expect(alice.page.getByText('Parked in 701')).toHaveCount(0);
  await carol.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0, { timeout: 10_000 });
});

test('without a park extension there is no Park button', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await connect(bob.page, alice.page, EXTENSION_OF.alice);
  await expect(alice.page.getByRole('button', { name: 'Transfer', exact: true })).toBeVisible();
  await expect(parkButton(alice.page)).toHaveCount(0);
  await expect(alice.page.getByTestId('park-panel')).toHaveCount(0);
  await alice.page.getByRole('tab', { name: 'Colleagues' }).click();
  await expect(alice.page.getByRole('region', { name: 'Parked calls' })).toHaveCount(0);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('a park extension Asterisk does not know: the REFER is refused, the call stays with alice and she is told why', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice', { parkExtension: '799', parkSlots: '701-703' });
  const bob = await phones.registered('bob');
  await openColleagues(alice.page);
  await connect(bob.page, alice.page, EXTENSION_OF.alice);
  const pressedAt = Date.now();
  await parkButton(alice.page).click();
  // Asterisk takes the REFER (202), finds no 799 in alice's context and says so in the NOTIFY.
  const refused = await asterisk.sip.waitFor(
    (r) =>
      r.direction === 'out' &&
      r.method === 'NOTIFY' &&
      r.at >= pressedAt &&
      /^SIP\/2\.0 [3-6]\d\d/.test(r.body),
    5_000,
    "Asterisk's NOTIFY that the transfer failed",
  );
  expect(refused.body).toMatch(/^SIP\/2\.0 404/);
  const status = alice.page.getByRole('status').filter({ hasText: 'Could not park the call' });
  await expect(status).toContainText('404');
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const aliceCall = await callIdWith(alice.page, EXTENSION_OF.bob);
  const bobCall = await callIdWith(bob.page, EXTENSION_OF.alice);
  await expectHearing(alice.page, aliceCall, 1000);
  await expectHearing(bob.page, bobCall, 1000);
  await expect(slot(alice.page, '701')).not.toHaveAttribute('data-state', 'occupied');
  await expectAllLooksAccessible(alice.page, 'park refused');
  await alice.page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(status).toHaveCount(0);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('pseudo-locale: the Park button, the park status and the slot lamps all come from the catalogue', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', PARK, { locale: 'en-XA' });
  const bob = await phones.registered('bob');
  await dial(bob.page, EXTENSION_OF.alice);
  await alice.page.getByTestId('incoming-call').locator('button').first().click();
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  const data = [DISPLAY_NAMES.bob, EXTENSION_OF.bob, 'DeskPhone', 'Do not disturb'];
  expect(await untranslatedStrings(alice.page, data, '[data-testid="call-screen"]')).toEqual([]);

  await alice.page.getByRole('button', { name: `⟦${pseudoText('Park')}⟧`, exact: true }).click();
  // alice stays on the keypad: the slot lamps are watched (and the slot found) while not on screen.
  await expect(alice.page.getByTestId('park-status')).toContainText('701');
  await alice.page.locator('#view-tab-colleagues').click();
  await expect(slot(alice.page, '701')).toHaveAttribute('data-state', 'occupied');
  await expect(
    alice.page.getByRole('button', { name: `⟦${pseudoText('Pick up parked call ')}701⟧` }),
  ).toBeVisible();
  expect(await untranslatedStrings(alice.page, data, '[data-testid="park-panel"]')).toEqual([]);
  expect(await untranslatedStrings(alice.page, data, '[data-testid="park-slots"]')).toEqual([]);
});
