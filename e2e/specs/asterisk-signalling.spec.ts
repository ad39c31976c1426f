import type { Page } from '@playwright/test';
import { DISPLAY_NAMES } from '../fixtures/test';
import { EXTENSION_OF, expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import { EXTENSIONS, received, type SipRecord } from '../harness/asterisk';
import { userOf } from '../harness/asterisk-sip-log';
import { waitForRegistration } from '../fixtures/reliability';
import { dial, openAdvanced, openTab, pressKeypad, registrationStatus, setupAccount } from '../fixtures/ui';

// Signalling against Asterisk: keypad tones in both modes (read back from
// Asterisk's own log), an offer this phone cannot take, account mistakes,
// and Asterisk restarting under a registered phone.

skipWithoutAsterisk();

test('keypad tones reach Asterisk in order: RFC 4733 by default, SIP INFO when the account says so', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice');
  await dial(alice.page, EXTENSIONS.dtmfReader);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await pressKeypad(alice.page, '12#');
  await alice.page.keyboard.press('7');
  await expect.poll(() => asterisk.dtmfDigits(EXTENSION_OF.alice), { timeout: 5_000 }).toBe('12#7');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();

  // dave's endpoint expects INFO; his account is switched to INFO in Settings.
  const dave = await phones.registered('dave');
  await openTab(dave.page, 'Account');
  await openAdvanced(dave.page);
  await dave.page.getByLabel('Keypad tones (DTMF)').selectOption('info');
  await dave.page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(registrationStatus(dave.page)).toHaveText('Registered');
  await dial(dave.page, EXTENSIONS.dtmfReader);
  await expect(dave.page.getByTestId('call-status')).toHaveText('Connected');
  await pressKeypad(dave.page, '5*0');
  await expect.poll(() => asterisk.dtmfDigits(EXTENSION_OF.dave), { timeout: 5_000 }).toBe('5*0');
  const infos = received(asterisk.sip.all(), 'INFO').filter(
    (r) => userOf(r.headers.get('from')?.[0]) === '1004',
  );
  expect(infos.map((r) => /Signal=(\S)/.exec(r.body)?.[1]).join('')).toBe('5*0');
  await dave.page.getByRole('button', { name: 'Hang up' }).click();
});

/** Remembers, in the page, whether the incoming-call panel ever appeared. */
async function watchForRinging(page: Page): Promise<() => Promise<boolean>> {
  await page.evaluate(() => {
    const w = window as unknown as { __rang?: boolean };
    w.__rang = false;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="incoming-call"]')) w.__rang = true;
    }).observe(document.body, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { __rang?: boolean }).__rang === true);
}

test('a call offered without WebRTC encryption is refused at once with 488, never rings, and says why', async ({
  phones,
  asterisk,
}) => {
  // erin's endpoint lacks webrtc=yes: Asterisk offers her RTP/AVP with no DTLS and no ICE.
  const erin = await phones.registered('erin');
  const bob = await phones.registered('bob');
  const rang = await watchForRinging(erin.page);

  const dialledAt = Date.now();
  await dial(bob.page, EXTENSION_OF.erin);
  const invite = await asterisk.sip.waitFor(
    // To names erin's registered contact, not her extension: erin is the one endpoint offered plain RTP.
    (r) =>
      r.direction === 'out' &&
      r.method === 'INVITE' &&
      r.status === 0 &&
      r.at >= dialledAt &&
      / RTP\/AVP /.test(r.body),
    10_000,
    'INVITE with an RTP/AVP offer to erin',
  );
  expect(invite.body).toMatch(/^m=audio \d+ RTP\/AVP /m);
  expect(invite.body).not.toMatch(/a=fingerprint|a=ice-ufrag/);
  const answer = await asterisk.sip.waitFor(
    (r: SipRecord) => r.direction === 'in' && r.callId === invite.callId && r.status >= 180,
    5_000,
    "erin's answer",
  );
  expect(answer.status).toBe(488);
  expect(answer.at - invite.at).toBeLessThan(500);

  const outcome = erin.page.getByTestId('call-outcome');
  await expect(outcome).toContainText(`Missed call from ${DISPLAY_NAMES.bob}`);
  await expect(outcome).toContainText('only takes encrypted WebRTC calls');
  await expect(outcome).toContainText('webrtc=yes');
  expect(await rang()).toBe(false);
  expect(erin.desk.notifications.shown.filter((n) => n.spec.title === 'Incoming call')).toHaveLength(0);
  expect(erin.desk.tray.history.some((model) => model.state === 'ringing')).toBe(false);
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0, { timeout: 10_000 });
});

test('a wrong WebSocket path and a wrong password are explained in plain words', async ({
  phones,
  asterisk,
}) => {
  const lost = await phones.open('alice-path');
  await setupAccount(lost.page, phones.account('alice', { wsUrl: asterisk.wrongPathUrl }));
  await expect(registrationStatus(lost.page)).toContainText('Registration failed');
  await expect(lost.page.getByTestId('registration-error')).toContainText(
    'no WebSocket at the path /wrong-path',
  );
  await expect(lost.page.getByTestId('registration-error')).toContainText('/ws');

  const wrong = await phones.open('bob-password');
  const before = received(asterisk.sip.all(), 'REGISTER').length;
  await setupAccount(wrong.page, phones.account('bob', { password: 'not-the-password' }));
  await expect(registrationStatus(wrong.page)).toHaveText('Registration failed');
  await expect(wrong.page.getByTestId('registration-error')).toContainText('Wrong user name or password');
  await wrong.page.waitForTimeout(3_000);
  // One REGISTER and one answer to the challenge, then nothing: no retry loop against the PBX.
  const bobRegisters = received(asterisk.sip.all(), 'REGISTER')
    .slice(before)
    .filter((r) => userOf(r.headers.get('from')?.[0]) === EXTENSION_OF.bob);
  expect(bobRegisters.length).toBeLessThanOrEqual(2);
});

interface CountdownSample {
  at: number;
  text: string;
  attempt?: number;
  nextAttemptAt?: number;
  status: string;
}

test('Asterisk restarted under a registered phone: the countdown tells the truth and it is back within 2 s', async ({
  phones,
  asterisk,
}) => {
  test.setTimeout(90_000);
  const alice = await phones.registered('alice');
  // Registered for a while first: a stale clock then shows in the countdown at once.
  await alice.page.waitForTimeout(5_000);
  await alice.page.evaluate(() => {
    const w = window as unknown as {
      __countdown: CountdownSample[];
      __deskphoneDiagnostics: { snapshot(): { registration: Omit<CountdownSample, 'at' | 'text'> } };
    };
    w.__countdown = [];
    setInterval(() => {
      const registration = w.__deskphoneDiagnostics.snapshot().registration;
      w.__countdown.push({
        at: Date.now(),
        text: document.querySelector('[data-testid="registration-retry"]')?.textContent ?? '',
        attempt: registration.attempt,
        nextAttemptAt: registration.nextAttemptAt,
        status: registration.status,
      });
    }, 50);
  });

  // Down for 3 s: several tries fail, each announced with a countdown.
  const { listeningAt } = await asterisk.restart(3_000);
  const registeredAt = await waitForRegistration(alice.page, 'registered', 10_000);
  console.log(`Asterisk timings: Asterisk listening again -> Registered ${registeredAt - listeningAt} ms`);
  expect(registeredAt - listeningAt).toBeLessThan(2_000);

  const samples = await alice.page.evaluate(
    () => (window as unknown as { __countdown: CountdownSample[] }).__countdown,
  );
  // When each try really began: the engine is reconnecting with no try scheduled.
  const triedAt = new Map<number, number>();
  for (const s of samples) {
    if (s.status === 'reconnecting' && !s.nextAttemptAt && s.attempt && !triedAt.has(s.attempt)) {
      triedAt.set(s.attempt, s.at);
    }
  }
  const shown = samples.filter((s) => /^Next try in \d+ s/.test(s.text));
  expect(new Set(shown.map((s) => s.attempt)).size).toBeGreaterThanOrEqual(2);
  for (const s of shown) {
    const [, seconds, attempt] = /Next try in (\d+) s \(attempt (\d+)\)/.exec(s.text)!;
    const tried = triedAt.get(Number(attempt));
    if (tried === undefined) continue;
    // "Next try in N s" means the try comes within N s, and not a second sooner than N-1.
    expect(tried - s.at, `"${s.text}" shown ${tried - s.at} ms before the try`).toBeLessThanOrEqual(
      Number(seconds) * 1000 + 150,
    );
    expect(tried - s.at).toBeGreaterThanOrEqual((Number(seconds) - 1) * 1000 - 150);
  }
  await expect(registrationStatus(alice.page)).toHaveText('Registered');
  await dial(alice.page, EXTENSIONS.echo);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});
