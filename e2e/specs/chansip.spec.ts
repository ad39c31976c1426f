import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSIONS, received } from '../harness/asterisk';
import { CHANSIP_WEBRTC_TEMPLATE } from '../harness/asterisk-chansip-config';
import { userOf } from '../harness/asterisk-sip-log';
import { CHANSIP_EXTENSION_OF as EXT, expect, skipWithoutChanSip, test } from '../fixtures/asterisk-chansip';
import { callIdWith, expectHearing, expectSilence, localSdp, waitForSound } from '../fixtures/media';
import { finishedResults, step } from '../fixtures/doctor';
import { waitForRegistration } from '../fixtures/reliability';
import { DISPLAY_NAMES } from '../fixtures/test';
import { dial, openAdvanced, openTab, pressKeypad, registrationStatus, setupAccount } from '../fixtures/ui';

// DeskPhone against a legacy Asterisk 20 with chan_sip, its peers set up as
// the README's sip.conf says (transport=ws,wss, DTLS, rtcp_mux=yes), plus the
// two configurations users copy from old guides: the wiki's four lines, and
// a peer with rtcp_mux=no. Nothing may fail silently.

skipWithoutChanSip();

async function connect(caller: Page, callee: Page, extension: string): Promise<void> {
  await dial(caller, extension);
  await expect(callee.getByTestId('incoming-call')).toBeVisible();
  await callee.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(caller.getByTestId('call-status')).toHaveText('Connected');
  await expect(callee.getByTestId('call-status')).toHaveText('Connected');
}

test('README sip.conf peers over wss://: the Contact says wss, and alice and bob call each other both ways, heard both ways', async ({
  phones,
  asterisk,
}) => {
  // The README's example is the configuration under test.
  expect(readFileSync('README.md', 'utf8')).toContain(CHANSIP_WEBRTC_TEMPLATE);
  expect(readFileSync(join(asterisk.workDir, 'etc/sip.conf'), 'utf8')).toContain(CHANSIP_WEBRTC_TEMPLATE);

  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const registers = received(asterisk.sip.all(), 'REGISTER').filter((r) =>
    [EXT.alice, EXT.bob].includes(userOf(r.headers.get('from')?.[0]) as '1001'),
  );
  expect(registers.length).toBeGreaterThanOrEqual(2);
  // SIP.js's default ";transport=ws" over wss:// made chan_sip drop the phone's WebSocket.
  for (const r of registers) expect(r.headers.get('contact')?.[0]).toMatch(/;transport=wss[;>]/);

  for (const [caller, callee, calleeUser, callerUser] of [
    [alice, bob, 'bob', 'alice'],
    [bob, alice, 'alice', 'bob'],
  ] as const) {
    await connect(caller.page, callee.page, EXT[calleeUser]);
    const callerCall = await callIdWith(caller.page, EXT[calleeUser]);
    const calleeCall = await callIdWith(callee.page, EXT[callerUser]);
    await expectHearing(callee.page, calleeCall, 1500);
    await expectHearing(caller.page, callerCall, 1500);
    // The answer made while it rang (this phone the DTLS server) works with chan_sip too.
    expect(await localSdp(callee.page, calleeCall)).toMatch(/^a=setup:passive\r?$/m);
    await callee.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(caller.page.getByTestId('call-screen')).toHaveCount(0);
  }
});

test('hold and resume are heard through chan_sip, then a blind transfer takes alice to carol', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  await connect(alice.page, bob.page, EXT.bob);
  const bobCall = await callIdWith(bob.page, EXT.alice);
  await expectHearing(bob.page, bobCall, 1000);

  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('On hold');
  await bob.page.waitForTimeout(300);
  await expectSilence(bob.page, bobCall);
  const resumedAt = Date.now();
  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  const heardAt = await waitForSound(bob.page, bobCall, 5_000);
  console.log(`chan_sip timings: Resume -> audio back at the far end ${heardAt - resumedAt} ms`);
  await expectHearing(bob.page, bobCall, 1000);

  // bob sends alice on to carol (REFER, relayed by chan_sip).
  await bob.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await bob.page.getByLabel('Transfer to').fill(EXT.carol);
  await bob.page.getByRole('button', { name: 'Transfer now' }).click();
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  await carol.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(carol.page.getByTestId('call-status')).toHaveText('Connected');
  const carolCall = await callIdWith(carol.page, EXT.alice);
  const aliceCall = await alice.page.evaluate(
    () =>
      (
        window as unknown as {
          __deskphoneDiagnostics: { snapshot(): { calls: { id: string; status: string }[] } };
        }
      ).__deskphoneDiagnostics
        .snapshot()
        .calls.find((c) => c.status === 'active')?.id ?? '',
  );
  await expectHearing(carol.page, carolCall, 1500);
  await expectHearing(alice.page, aliceCall, 1500);
  await carol.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
});

test('keypad tones reach chan_sip: RFC 2833 for alice, SIP INFO for dave (dtmfmode=info)', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice');
  await dial(alice.page, EXTENSIONS.dtmfReader);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await pressKeypad(alice.page, '12#');
  await alice.page.keyboard.press('7');
  await expect.poll(() => asterisk.dtmfDigits(EXT.alice), { timeout: 5_000 }).toBe('12#7');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();

  const dave = await phones.registered('dave');
  await openTab(dave.page, 'Account');
  await openAdvanced(dave.page);
  await dave.page.getByLabel('Keypad tones (DTMF)').selectOption('info');
  const savedAt = Date.now();
  await dave.page.getByRole('button', { name: 'Save and connect' }).click();
  // Saving reconnects: wait for the new registration, not the old "Registered" still on screen.
  await asterisk.sip.waitFor(
    (r) =>
      r.direction === 'out' &&
      r.method === 'REGISTER' &&
      r.status === 200 &&
      r.at >= savedAt &&
      // The old registration's removal is answered 200 too, without a Contact.
      Boolean(r.headers.get('contact')?.length) &&
      userOf(r.headers.get('to')?.[0]) === EXT.dave,
    10_000,
    "200 OK to dave's new REGISTER",
  );
  await expect(registrationStatus(dave.page)).toHaveText('Registered');
  await dial(dave.page, EXTENSIONS.dtmfReader);
  await expect(dave.page.getByTestId('call-status')).toHaveText('Connected');
  await pressKeypad(dave.page, '5*0');
  await expect.poll(() => asterisk.dtmfDigits(EXT.dave), { timeout: 5_000 }).toBe('5*0');
  const infos = received(asterisk.sip.all(), 'INFO').filter(
    (r) => userOf(r.headers.get('from')?.[0]) === EXT.dave,
  );
  expect(infos.map((r) => /Signal=(\S)/.exec(r.body)?.[1]).join('')).toBe('5*0');
  await dave.page.getByRole('button', { name: 'Hang up' }).click();
});

test('the wiki-only peer gets 488 and is told about DTLS; an rtcp_mux=no peer’s call ends saying rtcp-mux, never silently', async ({
  phones,
  asterisk,
}) => {
  const erin = await phones.registered('erin');
  await dial(erin.page, EXTENSIONS.echo);
  const outcome = erin.page.getByTestId('call-outcome');
  await expect(outcome).toContainText('(488 Not Acceptable)');
  for (const words of ['dtlsenable=yes', 'certificate', 'dtlsautogeneratecert=yes', 'rtcp_mux=yes']) {
    await expect(outcome).toContainText(words);
  }

  const fay = await phones.registered('fay');
  const dialledAt = await dial(fay.page, EXTENSIONS.echo);
  const ok = await asterisk.sip.waitFor(
    (r) => r.direction === 'out' && r.status === 200 && r.method === 'INVITE' && r.at >= dialledAt,
    10_000,
    '200 OK to fay',
  );
  expect(ok.body).not.toMatch(/a=rtcp-mux/);
  const failure = fay.page.getByTestId('call-outcome');
  await expect(failure).toContainText('The call ended');
  await expect(failure).toContainText('rtcp-mux');
  await expect(failure).toContainText('chan_sip rtcp_mux=yes');
  await expect(failure).toHaveAttribute('role', /^(status|alert)$/);
  // The phone hangs the unusable call up itself: ACK, then BYE.
  await asterisk.sip.waitFor((r) => received([r], 'BYE', ok.callId).length > 0, 5_000, 'BYE from fay');

  // The other way round: Asterisk offers fay no rtcp-mux, so her phone refuses at once (488) instead of ringing.
  const alice = await phones.registered('alice');
  const calledAt = await dial(alice.page, EXT.fay);
  const invite = await asterisk.sip.waitFor(
    (r) => r.direction === 'out' && r.method === 'INVITE' && r.status === 0 && r.at >= calledAt,
    10_000,
    'INVITE to fay',
  );
  const answer = await asterisk.sip.waitFor(
    (r) => r.direction === 'in' && r.callId === invite.callId && r.status >= 180,
    5_000,
    "fay's answer",
  );
  expect(answer.status).toBe(488);
  const missed = fay.page.getByTestId('call-outcome');
  await expect(missed).toContainText(`Missed call from ${DISPLAY_NAMES.alice}`);
  await expect(missed).toContainText('without rtcp-mux');
  await expect(missed).toContainText('rtcp_mux=yes');
  await expect(fay.page.getByTestId('incoming-call')).toHaveCount(0);
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0, { timeout: 10_000 });
});

test('a wrong path and a wrong password are explained; after a restart the phone is back within 3 s and calls arrive', async ({
  phones,
  asterisk,
}) => {
  test.setTimeout(90_000);
  const lost = await phones.open('alice-path');
  await setupAccount(lost.page, phones.account('alice', { wsUrl: asterisk.wrongPathUrl }));
  await expect(lost.page.getByTestId('registration-error')).toContainText(
    'no WebSocket at the path /wrong-path',
  );
  const wrong = await phones.open('bob-password');
  await setupAccount(wrong.page, phones.account('bob', { password: 'not-the-password' }));
  await expect(registrationStatus(wrong.page)).toHaveText('Registration failed');
  await expect(wrong.page.getByTestId('registration-error')).toContainText('Wrong user name or password');

  const alice = await phones.registered('alice');
  const carol = await phones.registered('carol');
  const { listeningAt } = await asterisk.restart(1_000);
  const registeredAt = await waitForRegistration(alice.page, 'registered', 10_000);
  console.log(`chan_sip timings: Asterisk listening again -> Registered ${registeredAt - listeningAt} ms`);
  expect(registeredAt - listeningAt).toBeLessThan(3_000);
  await waitForRegistration(carol.page, 'registered', 10_000);
  // Registered is not enough: a call to the phone must reach it over its new WebSocket.
  await connect(carol.page, alice.page, EXT.alice);
  await expect(alice.page.locator('#call-peer')).toContainText(DISPLAY_NAMES.carol);
  await carol.page.getByRole('button', { name: 'Hang up' }).click();
});

/** Settings → Connection doctor with an echo-test number; returns the echo step once the run ends. */
async function doctorEcho(page: Page, number: string) {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('tab', { name: 'Connection doctor' }).click();
  await page.getByLabel('Echo-test number (optional)').fill(number);
  await page.getByRole('button', { name: /Run the doctor|Run again/ }).click();
  return step(await finishedResults(page), 'echo');
}

test('the doctor’s echo test hears alice’s echo, and tells fay (rtcp_mux=no) the same words as her call', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const heard = await doctorEcho(alice.page, EXTENSIONS.echo);
  await expect(heard).toContainText('your own sound came back');
  await expect(heard).toContainText('Passed');

  const fay = await phones.registered('fay');
  const refused = await doctorEcho(fay.page, EXTENSIONS.echo);
  await expect(refused).toContainText('Failed');
  await expect(refused).toContainText('rtcp-mux');
  await expect(refused).toContainText('chan_sip rtcp_mux=yes');
});
