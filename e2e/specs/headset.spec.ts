import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { callIdWith, expectHearing, expectSilence } from '../fixtures/media';
import { addFakeHid, HeadsetHands, hidOpened, lightState, plug, unplug } from '../fixtures/fake-hid';
import { JABRA_EVOLVE2_65, POLY_BLACKWIRE_3220, type FakeHeadset } from '../fixtures/hid-devices';
import { currentCallId, dial, expectRegistered } from '../fixtures/ui';

// Headset call control against a simulated WebHID headset (fixtures/fake-hid.ts):
// the device's input reports drive the phone, and the output reports the phone
// sends are decoded bit by bit (ring, off-hook, mute, hold lights).

/** Reloads the page with the simulated headset plugged in and granted; waits until the driver opened it. */
async function withHeadset(page: Page, headset: FakeHeadset): Promise<HeadsetHands> {
  await addFakeHid(page, [headset]);
  await page.reload();
  await expectRegistered(page);
  await expect.poll(() => hidOpened(page, headset.key), { timeout: 10_000 }).toBe(true);
  return new HeadsetHands(page, headset);
}

const light = (page: Page, headset: FakeHeadset, name: keyof FakeHeadset['lights']) =>
  lightState(page, headset, headset.lights[name]);

for (const headset of [JABRA_EVOLVE2_65, POLY_BLACKWIRE_3220]) {
  test(`${headset.productName}: rings, answers off-hook, mutes, hangs up on-hook; its lights follow the app`, async ({
    phones,
  }) => {
    const alice = await phones.registered('alice');
    const bob = await phones.registered('bob');
    const hands = await withHeadset(bob.page, headset);

    await dial(alice.page, 'bob');
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await expect.poll(() => light(bob.page, headset, 'ring')).toBe(true);

    await hands.setHook(true);
    await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
    await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
    await expect.poll(() => light(bob.page, headset, 'ring')).toBe(false);
    await expect.poll(() => light(bob.page, headset, 'offHook')).toBe(true);
    const aliceCall = await currentCallId(alice.page);
    const bobCall = await currentCallId(bob.page);
    await Promise.all([expectHearing(alice.page, aliceCall), expectHearing(bob.page, bobCall)]);

    // The headset's mute: alice stops hearing bob, the app shows it, the mute light comes on.
    await hands.press('phoneMute');
    await expect(bob.page.getByTestId('muted-badge')).toBeVisible();
    await expect.poll(() => light(bob.page, headset, 'mute')).toBe(true);
    await bob.page.waitForTimeout(500);
    await expectSilence(alice.page, aliceCall);

    // The app's own Mute button: the headset's light follows it both ways.
    const mute = bob.page.getByRole('button', { name: 'Mute', exact: true });
    await mute.click();
    await expect(mute).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => light(bob.page, headset, 'mute')).toBe(false);
    await expectHearing(alice.page, aliceCall);
    await mute.click();
    await expect.poll(() => light(bob.page, headset, 'mute')).toBe(true);
    await hands.press('phoneMute');
    await expect(mute).toHaveAttribute('aria-pressed', 'false');
    await expect.poll(() => light(bob.page, headset, 'mute')).toBe(false);

    // Flash holds the call; the hold light follows; flash again resumes.
    await hands.press('flash');
    await expect(bob.page.getByTestId('held-badge')).toBeVisible();
    await expect.poll(() => light(bob.page, headset, 'hold')).toBe(true);
    await hands.press('flash');
    await expect(bob.page.getByTestId('held-badge')).toHaveCount(0);
    await expect.poll(() => light(bob.page, headset, 'hold')).toBe(false);

    await hands.setHook(false);
    await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
    await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
    await expect.poll(() => light(bob.page, headset, 'offHook')).toBe(false);
  });
}

test('a call from the app lifts the hook; call waiting rings and flash takes it; unplugged mid-call the call goes on with the app', async ({
  phones,
}) => {
  const headset = POLY_BLACKWIRE_3220;
  const alice = await phones.registered('alice');
  const carol = await phones.registered('carol');
  const bob = await phones.registered('bob');
  const hands = await withHeadset(bob.page, headset);

  // Dialled in the app: the headset goes off-hook with the call (and follows: its hook is up now).
  await dial(bob.page, 'alice');
  await expect.poll(() => light(bob.page, headset, 'offHook')).toBe(true);
  hands.followHook(true);
  await alice.page.getByRole('button', { name: 'Answer' }).click();
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');

  // A second call while talking: the headset rings (call waiting); flash takes it, alice goes on hold.
  await dial(carol.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect.poll(() => light(bob.page, headset, 'ring')).toBe(true);
  expect(await light(bob.page, headset, 'offHook')).toBe(true);
  await hands.press('flash');
  await expect(carol.page.getByTestId('call-status')).toHaveText('Connected');
  await expect.poll(() => light(bob.page, headset, 'ring')).toBe(false);
  await expect(bob.page.locator('#call-peer')).toHaveText('Carol Cole');
  // On-hook ends the line on screen (carol); alice, on hold, stays.
  await hands.setHook(false);
  await expect(carol.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(bob.page.getByTestId('held-badge')).toBeVisible();
  await expect.poll(() => light(bob.page, headset, 'hold')).toBe(true);
  await bob.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(bob.page.getByTestId('held-badge')).toHaveCount(0);
  await expect.poll(() => light(bob.page, headset, 'hold')).toBe(false);

  // Unplugged: the call carries on, heard both ways, and the app's Hang up ends it.
  const aliceCall = await currentCallId(alice.page);
  const bobCall = await callIdWith(bob.page, 'alice');
  await expectHearing(alice.page, aliceCall);
  await expectHearing(bob.page, bobCall);
  await unplug(bob.page, headset.key);
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await expectHearing(alice.page, aliceCall);
  await expectHearing(bob.page, bobCall);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);

  // Plugged back in: picked up again without a restart, and it answers the next call.
  await plug(bob.page, headset.key);
  await expect.poll(() => hidOpened(bob.page, headset.key), { timeout: 10_000 }).toBe(true);
  const again = new HeadsetHands(bob.page, headset);
  await dial(alice.page, 'bob');
  await expect.poll(() => light(bob.page, headset, 'ring')).toBe(true);
  await again.setHook(true);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
});

test('Redial on the headset calls the last number dialled again', async ({ phones }) => {
  const headset = JABRA_EVOLVE2_65;
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const hands = await withHeadset(bob.page, headset);
  await dial(bob.page, 'alice');
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);
  await expect.poll(() => light(bob.page, headset, 'offHook')).toBe(false);
  // The headset's Redial is the keypad's: it knows the number once Recent has the call.
  await expect(bob.page.getByRole('button', { name: 'Redial alice' })).toBeVisible();

  await hands.press('redial');
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await expect(alice.page.getByTestId('caller-number')).toHaveText('bob');
  await expect.poll(() => light(bob.page, headset, 'offHook')).toBe(true);
});
