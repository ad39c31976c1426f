import type { Page } from '@playwright/test';
import { EXTENSIONS, received } from '../harness/asterisk';
import { expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import {
  bytesGrowth,
  callIdWith,
  energyGrowth,
  expectHearing,
  inboundEnergy,
  waitForSilence,
} from '../fixtures/media';
import { waitForRegistration } from '../fixtures/reliability';
import { dial, registrationStatus, setupAccount } from '../fixtures/ui';

// DeskPhone against a real Asterisk 22 (webrtc=yes endpoints over wss://…/ws):
// registration, the echo test, Asterisk's Opus → G.711 re-INVITE, a silent
// prompt, and how calls that do not go well are put into words.

skipWithoutAsterisk();

interface CallSnapshot {
  id: string;
  status: string;
  quality?: { codec?: string; noAudio?: boolean; farEndSilent?: boolean };
}

function callState(page: Page, callId: string): Promise<CallSnapshot | undefined> {
  return page.evaluate(
    (id) =>
      (
        window as unknown as { __deskphoneDiagnostics: { snapshot(): { calls: CallSnapshot[] } } }
      ).__deskphoneDiagnostics
        .snapshot()
        .calls.find((c) => c.id === id),
    callId,
  );
}

test('alice sets up her Asterisk account in the form, registers, and hears herself in the echo test', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.open('alice');
  const savedAt = Date.now();
  await setupAccount(alice.page, phones.account('alice'));
  const registeredAt = await waitForRegistration(alice.page, 'registered', 10_000);
  await expect(registrationStatus(alice.page)).toHaveText('Registered');
  const registers = received(asterisk.sip.all(), 'REGISTER').filter((r) =>
    /1001@/.test(r.headers.get('from')?.[0] ?? ''),
  );
  expect(registers.length).toBeGreaterThan(0);
  // The Contact names the WebSocket really in use (SIP.js's default said ws over wss://; chan_sip then lost the phone).
  for (const r of registers) expect(r.headers.get('contact')?.[0]).toMatch(/;transport=wss[;>]/);

  const pressedAt = await dial(alice.page, EXTENSIONS.echo);
  const ok = await asterisk.sip.waitFor(
    (r) => r.direction === 'out' && r.status === 200 && r.method === 'INVITE' && r.at >= pressedAt,
    10_000,
    '200 OK to the echo INVITE',
  );
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const callId = await callIdWith(alice.page, EXTENSIONS.echo);
  // What she says comes back: sound arrives at every step for 2 s.
  await expectHearing(alice.page, callId, 2000);
  console.log(
    `Asterisk timings: Save -> Registered ${registeredAt - savedAt} ms; Call -> 200 OK ${ok.at - pressedAt} ms`,
  );

  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  await asterisk.sip.waitFor((r) => received([r], 'BYE', ok.callId).length > 0, 5_000, 'BYE from alice');
});

test('Asterisk re-INVITEs an Opus call to G.711 to play a tone: the call stays up and the tone is heard', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice');
  // The worker's Asterisk has served other specs: only this call's re-INVITE counts.
  const dialledAt = Date.now();
  await dial(alice.page, EXTENSIONS.g711Tone);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const callId = await callIdWith(alice.page, EXTENSIONS.g711Tone);
  const reinvite = await asterisk.sip.waitFor(
    (r) => r.direction === 'out' && r.method === 'INVITE' && r.status === 0 && r.at >= dialledAt,
    10_000,
    're-INVITE from Asterisk',
  );
  expect(reinvite.body).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 0 8/m);
  await asterisk.sip.waitFor(
    (r) => r.direction === 'in' && r.status === 200 && r.method === 'INVITE' && r.callId === reinvite.callId,
    5_000,
    "alice's 200 OK to the re-INVITE",
  );
  await expect.poll(async () => (await callState(alice.page, callId))?.quality?.codec).toBe('PCMU');
  await expectHearing(alice.page, callId, 2000);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('silence after talking is a healthy call: no "no audio" warning while silent RTP arrives', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  await dial(alice.page, EXTENSIONS.echoThenSilence);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const callId = await callIdWith(alice.page, EXTENSIONS.echoThenSilence);
  await expectHearing(alice.page, callId, 2000);
  // '#' ends the echo; Asterisk re-INVITEs to G.711 (a new RTP stream) and sends only silence.
  await alice.page.getByRole('button', { name: 'Keypad' }).click();
  await alice.page
    .getByRole('region', { name: 'Send tones' })
    .getByRole('button', { name: 'Dial hash' })
    .click();
  await expect.poll(async () => (await callState(alice.page, callId))?.quality?.codec).toBe('PCMU');
  const before = await inboundEnergy(alice.page, callId);
  expect(await bytesGrowth(alice.page, callId, 5000)).toBeGreaterThan(4_000);
  expect((await inboundEnergy(alice.page, callId)) - before).toBeLessThan(0.0001);
  expect((await callState(alice.page, callId))?.quality).toMatchObject({
    noAudio: false,
    farEndSilent: false,
  });
  await expect(alice.page.getByTestId('no-audio')).toHaveCount(0);
  await expect(alice.page.getByTestId('far-end-silent')).toHaveCount(0);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('a silent prompt in Opus (no RTP, only RTCP) is not called a broken network: it says the other side is silent', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  await dial(alice.page, EXTENSIONS.quietOpus);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const callId = await callIdWith(alice.page, EXTENSIONS.quietOpus);
  await expect(alice.page.getByTestId('far-end-silent')).toBeVisible({ timeout: 6_000 });
  await expect(alice.page.getByTestId('far-end-silent')).toHaveAttribute('role', 'status');
  // Past the RTCP interval: Asterisk's reports keep proving the path, so the alarm never comes.
  for (let second = 0; second < 9; second++) {
    await alice.page.waitForTimeout(1000);
    expect((await callState(alice.page, callId))?.quality?.noAudio).toBe(false);
  }
  await expect(alice.page.getByTestId('no-audio')).toHaveCount(0);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('busy, congestion, a PBX that hangs up, and a cancelled call each say what happened', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice');
  const outcome = alice.page.getByTestId('call-outcome');

  await dial(alice.page, EXTENSIONS.busy);
  await expect(outcome).toHaveText(`${EXTENSIONS.busy} is busy.`);

  await dial(alice.page, EXTENSIONS.congestion);
  await expect(outcome).toContainText('unavailable (503)');

  // Asterisk answers, then Hangup() after 2 s: the screen and the screen reader are told.
  await dial(alice.page, EXTENSIONS.answerThenHangUp);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(outcome).toHaveText(new RegExp(`^${EXTENSIONS.answerThenHangUp} hung up after 0:0[1-3]\\.$`), {
    timeout: 6_000,
  });
  await expect(outcome).toHaveAttribute('role', 'status');
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);

  const ringingSince = await dial(alice.page, EXTENSIONS.ringForever);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Ringing…');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(outcome).toHaveText('Call cancelled.');
  await asterisk.sip.waitFor(
    (r) => r.at >= ringingSince && received([r], 'CANCEL').length > 0,
    5_000,
    'CANCEL from alice',
  );
});

test('energy is flat while nothing is said: the echo of a muted microphone is silence', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  await dial(alice.page, EXTENSIONS.echo);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const callId = await callIdWith(alice.page, EXTENSIONS.echo);
  await expectHearing(alice.page, callId, 1000);
  await alice.page.getByRole('button', { name: 'Mute' }).click();
  await waitForSilence(alice.page, callId);
  expect(await energyGrowth(alice.page, callId, 1500)).toBeLessThan(0.0001);
  // Muted is not broken: packets keep coming back (this is what a byte count could not tell apart).
  expect(await bytesGrowth(alice.page, callId, 1000)).toBeGreaterThan(0);
  await alice.page.getByRole('button', { name: 'Mute' }).click();
  await expectHearing(alice.page, callId, 1000);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});
