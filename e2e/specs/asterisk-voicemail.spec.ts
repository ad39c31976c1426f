import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSION_OF, expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import { EXTENSIONS, inboxDir, type AsteriskHandle } from '../harness/asterisk';
import { dial } from '../fixtures/ui';
import { trayIcons } from '../../main/core/desk/tray-icon';

// Voicemail waiting (RFC 3842 message-summary) from a real Asterisk: AORs with
// mailboxes=<ext>@default, VoiceMail() after a G.711 re-INVITE, and a mailbox
// poll every second so messages deleted behind its back are noticed.

skipWithoutAsterisk();

const voicemailButton = (page: Page) => page.getByRole('button', { name: /^Voicemail/ });

/** When the page first shows `text` on the Voicemail button: checked every frame, on the test's clock. */
function shownAt(page: Page, text: string, timeout: number): Promise<number> {
  return page
    .waitForFunction(
      (wanted) =>
        Array.from(document.querySelectorAll('header button')).some((b) => b.textContent?.trim() === wanted)
          ? performance.timeOrigin + performance.now()
          : false,
      text,
      { polling: 'raf', timeout },
    )
    .then((handle) => handle.jsonValue() as Promise<number>);
}

/** The next message-summary NOTIFY Asterisk sends whose body matches `body`. */
function nextNotify(asterisk: AsteriskHandle, body: RegExp, after: number, timeoutMs = 10_000) {
  return asterisk.sip.waitFor(
    (r) =>
      r.direction === 'out' && r.method === 'NOTIFY' && r.status === 0 && r.at >= after && body.test(r.body),
    timeoutMs,
    `message-summary NOTIFY matching ${body}`,
  );
}

async function leaveMessage(asterisk: AsteriskHandle, caller: Page, forExt: string): Promise<number> {
  await dial(caller, `${EXTENSIONS.leaveVoicemailPrefix}${forExt}`);
  await expect(caller.getByTestId('call-status')).toHaveText('Connected', { timeout: 10_000 });
  // Recording has begun once Asterisk opened the message file; then a few seconds of the caller's voice.
  const box = join(inboxDir(asterisk.workDir, forExt), '..');
  const files = async () => (await readdir(join(box, 'tmp')).catch(() => [])).length;
  await expect
    .poll(files, { timeout: 10_000, message: 'VoiceMail() recording a message' })
    .toBeGreaterThan(0);
  await caller.waitForTimeout(3_000);
  expect(await files(), 'still recording when the caller hangs up').toBeGreaterThan(0);
  const hangUp = Date.now();
  await caller.getByRole('button', { name: 'Hang up' }).click();
  return hangUp;
}

test('a voicemail for alice lights her header, tray and badge within 2 s; Voicemail calls *97; deleting it clears the light', async ({
  phones,
  asterisk,
}) => {
  const started = Date.now();
  const alice = await phones.registered('alice', { voicemailNumber: EXTENSIONS.voicemailMain });
  const page = alice.page;

  // Asterisk's unsolicited NOTIFY after the REGISTER is answered 200 now (it was 481).
  const first = await nextNotify(asterisk, /Messages-Waiting: no/, started);
  const answer = await asterisk.sip.waitFor(
    (r) => r.direction === 'in' && r.callId === first.callId && r.status > 0,
    5_000,
    "alice's answer to the NOTIFY",
  );
  expect(answer.status).toBe(200);
  await expect(voicemailButton(page)).toHaveText('Voicemail');
  await expect(voicemailButton(page)).toHaveAccessibleName('Voicemail: no new messages, no old ones');

  const bob = await phones.registered('bob');
  const hungUpAt = await leaveMessage(asterisk, bob.page, EXTENSION_OF.alice);
  const onScreen = await shownAt(page, 'Voicemail: 1 new', 2_000);
  const notify = await nextNotify(asterisk, /Voice-Message: 1\/0/, hungUpAt - 1_000, 1_000);
  console.log(
    `MWI timings: caller hung up -> NOTIFY sent by Asterisk ${notify.at - hungUpAt} ms, ` +
      `NOTIFY -> on screen ${Math.round(onScreen - notify.at)} ms, hang-up -> on screen ${Math.round(onScreen - hungUpAt)} ms`,
  );
  expect(onScreen - hungUpAt).toBeLessThan(2_000);
  expect(notify.body).toMatch(/Messages-Waiting: yes/);
  await expect(voicemailButton(page)).toHaveAccessibleName('Voicemail: 1 new message, no old ones');
  await expect(page.getByTestId('announce-polite')).toHaveText('You have 1 new voicemail message.');

  // Main's tray and the app badge, through the desk core.
  await expect.poll(() => alice.desk.tray.model?.tooltip).toBe('DeskPhone — Registered — 1 new voicemail');
  expect(alice.desk.tray.model?.voicemailWaiting).toBe(true);
  expect(alice.desk.tray.icons).toBe(trayIcons('registered', true));
  expect(alice.desk.badge.count).toBe(1);

  // The button calls the configured number, and Asterisk runs VoiceMailMain for alice's box.
  const pressedAt = Date.now();
  await voicemailButton(page).click();
  const invite = await asterisk.sip.waitFor(
    (r) => r.direction === 'in' && r.method === 'INVITE' && r.status === 0 && r.at >= pressedAt,
    5_000,
    "alice's INVITE for the voicemail number",
  );
  expect(invite.firstLine).toMatch(/^INVITE sips?:\*97@/);
  await asterisk.waitForLog(new RegExp(`DESKPHONE-VOICEMAILMAIN ${EXTENSION_OF.alice}\\b`), 10_000, 0);
  await expect(page.getByTestId('call-status')).toHaveText('Connected', { timeout: 10_000 });
  await page.getByRole('button', { name: 'Hang up' }).click();

  // Deleted behind Asterisk's back: its mailbox poll notices and tells the phone 0.
  const inbox = inboxDir(asterisk.workDir, EXTENSION_OF.alice);
  expect((await readdir(inbox)).length).toBeGreaterThan(0);
  const deletedAt = Date.now();
  for (const file of await readdir(inbox)) await rm(join(inbox, file), { force: true });
  const clearedAt = await shownAt(page, 'Voicemail', 5_000);
  console.log(`MWI timings: message deleted -> light off on screen ${Math.round(clearedAt - deletedAt)} ms`);
  await expect(voicemailButton(page)).toHaveAccessibleName('Voicemail: no new messages, no old ones');
  await expect.poll(() => alice.desk.tray.model?.tooltip).toBe('DeskPhone — Registered');
  expect(alice.desk.tray.model?.voicemailWaiting).toBe(false);
  expect(alice.desk.tray.icons).toBe(trayIcons('registered'));
  expect(alice.desk.badge.count).toBe(0);
});

test('without a voicemail number the button says where to set one and calls nothing', async ({
  phones,
  asterisk,
}) => {
  const carol = await phones.registered('carol');
  const button = voicemailButton(carol.page);
  await expect(button).toHaveAttribute('aria-disabled', 'true');
  await expect(button).toHaveAccessibleDescription(
    'No voicemail number is set. Add it in Settings, under Advanced.',
  );
  const before = asterisk.sip.all().length;
  // Still focusable (aria-disabled), so a keyboard user can find out why it does nothing.
  await button.focus();
  await carol.page.keyboard.press('Enter');
  await expect(
    carol.page.getByText('No voicemail number is set. Add it in Settings, under Advanced.'),
  ).toBeVisible();
  await carol.page.waitForTimeout(500);
  expect(
    asterisk.sip
      .all()
      .slice(before)
      .filter((r) => r.method === 'INVITE'),
  ).toHaveLength(0);
});

test('with "Ask the PBX" on, alice SUBSCRIBEs, keeps her count through an Asterisk restart and subscribes again', async ({
  phones,
  asterisk,
}) => {
  const started = Date.now();
  const subscribes = () =>
    asterisk.sip
      .all()
      .filter(
        (r) =>
          r.direction === 'in' &&
          r.method === 'SUBSCRIBE' &&
          r.status === 0 &&
          r.at >= started &&
          /message-summary/i.test(r.headers.get('event')?.[0] ?? ''),
      );
  const accepted = (after: number) =>
    asterisk.sip.waitFor(
      (r) => r.direction === 'out' && r.method === 'SUBSCRIBE' && r.status === 200 && r.at >= after,
      10_000,
      '200 OK to a message-summary SUBSCRIBE',
    );
  const alice = await phones.registered('alice', { mwiSubscribe: true });
  await accepted(started);
  expect(subscribes()[0]?.headers.get('accept')?.[0]).toBe('application/simple-message-summary');

  const bob = await phones.registered('bob');
  await leaveMessage(asterisk, bob.page, EXTENSION_OF.alice);
  await expect(voicemailButton(alice.page)).toHaveText('Voicemail: 1 new', { timeout: 2_000 });
  await bob.close();

  // While Asterisk is away the light stays as the PBX last reported it.
  const restarting = Date.now();
  const restart = asterisk.restart(2_000);
  await expect(alice.page.getByTestId('registration-status')).not.toHaveText('Registered', {
    timeout: 10_000,
  });
  await expect(voicemailButton(alice.page)).toHaveText('Voicemail: 1 new');
  await restart;
  await expect(alice.page.getByTestId('registration-status')).toHaveText('Registered', { timeout: 15_000 });
  await accepted(restarting);
  await expect(voicemailButton(alice.page)).toHaveText('Voicemail: 1 new');
  await expect(voicemailButton(alice.page)).toHaveAccessibleName('Voicemail: 1 new message, no old ones');

  // One subscription per registration, each answered after one digest challenge at most: no storm.
  const count = subscribes().length;
  console.log(
    `MWI subscriptions: ${count} SUBSCRIBE requests across one restart (digest challenges included)`,
  );
  expect(count).toBeLessThanOrEqual(4);
});
