import type { Page } from '@playwright/test';
import { DISPLAY_NAMES } from '../fixtures/test';
import { EXTENSION_OF, expect, skipWithoutAsterisk, test, type AsteriskUser } from '../fixtures/asterisk';
import type { Phones } from '../fixtures/phones';
import { callIdWith, expectHearing, expectSilence, localSdp, waitForSound } from '../fixtures/media';
import { dial } from '../fixtures/ui';

// DeskPhone to DeskPhone through Asterisk (both legs webrtc=yes, direct_media=no,
// moh_passthrough=yes): hold, mute and transfers, judged by what each person hears.

skipWithoutAsterisk();

async function connect(caller: Page, callee: Page, extension: string): Promise<void> {
  await dial(caller, extension);
  await expect(callee.getByTestId('incoming-call')).toBeVisible();
  await callee.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(caller.getByTestId('call-status')).toHaveText('Connected');
  await expect(callee.getByTestId('call-status')).toHaveText('Connected');
}

/** alice calls bob; bob transfers her to carol (blind or after consulting), and carol answers. */
async function bobTransfersAliceToCarol(phones: Phones<AsteriskUser>, how: 'Transfer now' | 'Consult first') {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  await connect(alice.page, bob.page, EXTENSION_OF.bob);
  await bob.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await bob.page.getByLabel('Transfer to').fill(EXTENSION_OF.carol);
  await bob.page.getByRole('button', { name: how }).click();
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();
  return { alice, bob, carol };
}

test('hold and resume: bob hears nothing while held and is told so; alice’s voice is back within 1 s of Resume', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await connect(alice.page, bob.page, EXTENSION_OF.bob);
  await expect(bob.page.getByTestId('caller-name').or(bob.page.locator('#call-peer'))).toHaveText(
    DISPLAY_NAMES.alice,
  );
  const aliceCall = await callIdWith(alice.page, EXTENSION_OF.bob);
  const bobCall = await callIdWith(bob.page, EXTENSION_OF.alice);
  await expectHearing(bob.page, bobCall, 1500);
  await expectHearing(alice.page, aliceCall, 1500);
  // bob's answer was made while he rang, as the DTLS server: Asterisk (dtls_verify=fingerprint
  // with webrtc=yes) starts the handshake once it has his fingerprint, and both hear.
  expect(await localSdp(bob.page, bobCall)).toMatch(/^a=setup:passive\r?$/m);

  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('On hold');
  await expect(bob.page.getByTestId('call-status')).toHaveText('On hold by the other side');
  await expectSilence(bob.page, bobCall);
  await expectSilence(alice.page, aliceCall);

  const resumedAt = Date.now();
  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  // The bug this guards: resume re-attached a disabled microphone, and bob heard silence for good.
  const heardAt = await waitForSound(bob.page, bobCall, 5_000);
  console.log(`Asterisk timings: Resume -> audio back at the far end ${heardAt - resumedAt} ms`);
  expect(heardAt - resumedAt).toBeLessThan(1_000);
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await expectHearing(bob.page, bobCall, 1500);
  await expectHearing(alice.page, aliceCall, 1500);

  // bob mutes: alice hears nothing; unmute: she hears him again.
  await bob.page.getByRole('button', { name: 'Mute' }).click();
  await expectSilence(alice.page, aliceCall);
  await bob.page.getByRole('button', { name: 'Mute' }).click();
  await expectHearing(alice.page, aliceCall, 1500);

  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('call-outcome')).toHaveText(
    new RegExp(`^${DISPLAY_NAMES.bob} hung up after 0:\\d\\d\\.$`),
  );
});

test('a caller who gives up before the answer leaves a missed call, not a ringing phone', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await dial(bob.page, EXTENSION_OF.alice);
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);
  await expect(alice.page.getByTestId('call-outcome')).toHaveText(`Missed call from ${DISPLAY_NAMES.bob}.`);
});

test('blind transfer by Asterisk: bob sends alice to carol; alice sees Carol’s name and they hear each other', async ({
  phones,
}) => {
  const { alice, bob, carol } = await bobTransfersAliceToCarol(phones, 'Transfer now');

  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
  // Asterisk's connected-line update (re-INVITE with P-Asserted-Identity) names the new party.
  await expect(alice.page.locator('#call-peer')).toHaveText(DISPLAY_NAMES.carol);
  const aliceCall = await callIdWith(alice.page, DISPLAY_NAMES.carol);
  const carolCall = await callIdWith(carol.page, EXTENSION_OF.alice);
  await expectHearing(alice.page, aliceCall, 1500);
  await expectHearing(carol.page, carolCall, 1500);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(carol.page.getByTestId('call-screen')).toHaveCount(0);
});

test('attended transfer: bob consults carol, then joins alice and carol; each sees the other’s name', async ({
  phones,
}) => {
  const { alice, bob, carol } = await bobTransfersAliceToCarol(phones, 'Consult first');
  await expect(bob.page.getByTestId('line')).toHaveCount(2);
  await expect(alice.page.getByTestId('call-status')).toHaveText('On hold by the other side');
  await bob.page.getByRole('button', { name: `Transfer ${DISPLAY_NAMES.alice}` }).click();

  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(alice.page.locator('#call-peer')).toHaveText(DISPLAY_NAMES.carol);
  await expect(carol.page.locator('#call-peer')).toHaveText(DISPLAY_NAMES.alice);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const aliceCall = await callIdWith(alice.page, DISPLAY_NAMES.carol);
  const carolCall = await callIdWith(carol.page, DISPLAY_NAMES.alice);
  await expectHearing(alice.page, aliceCall, 1500);
  await expectHearing(carol.page, carolCall, 1500);
  await carol.page.getByRole('button', { name: 'Hang up' }).click();
});
