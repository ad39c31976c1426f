import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import {
  AUDIBLE_PER_SECOND,
  energyGrowth,
  expectHearing,
  expectSilence,
  waitForSilence,
} from '../fixtures/media';
import { currentCallId, dial, openTab } from '../fixtures/ui';

// Local call recording: what is in the file is what a person would hear on
// playback, so the file is decoded (WebAudio in the page) and its loudness
// measured window by window, never just its size.

interface Decoded {
  seconds: number;
  /** Peak RMS in each half-second window. */
  levels: number[];
}

async function decode(page: Page, file: string): Promise<Decoded> {
  const base64 = (await readFile(file)).toString('base64');
  return page.evaluate(async (data) => {
    const binary = atob(data);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    const buffer = await new OfflineAudioContext(1, 48_000, 48_000).decodeAudioData(bytes.buffer);
    const samples = buffer.getChannelData(0);
    const window = Math.round(buffer.sampleRate / 2);
    const levels: number[] = [];
    for (let start = 0; start < samples.length; start += window) {
      let peak = 0;
      // 10 ms RMS blocks: the fake microphone's beep is short, a half-second mean would blur it.
      for (let block = start; block < Math.min(start + window, samples.length); block += 480) {
        let sum = 0;
        const end = Math.min(block + 480, samples.length);
        for (let i = block; i < end; i++) sum += samples[i]! * samples[i]!;
        peak = Math.max(peak, Math.sqrt(sum / Math.max(1, end - block)));
      }
      levels.push(peak);
    }
    return { seconds: buffer.duration, levels };
  }, base64);
}

/** The loudest half-second between `from` and `to` seconds into the recording. */
const loudest = (decoded: Decoded, from: number, to: number): number =>
  Math.max(...decoded.levels.slice(Math.floor(from * 2), Math.ceil(to * 2)));

const AUDIBLE = 0.01;

/** Settings → Desk & hotkeys: make the change, save, and go back to the phone. */
async function changeDeskSettings(page: Page, change: (page: Page) => Promise<void>): Promise<void> {
  await openTab(page, 'Desk & hotkeys');
  await change(page);
  await page.getByRole('button', { name: 'Save desk settings' }).click();
  await expect(page.getByText('Desk settings saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to phone' }).click();
}

async function recordingsIn(folder: string): Promise<string[]> {
  return (await readdir(folder).catch(() => [] as string[])).map((name) => join(folder, name));
}

test('a recorded call holds both sides, as the call went: only me, only them, then silence', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const callId = await currentCallId(alice.page);
  await expectHearing(alice.page, callId, 1000);

  // Phase A: bob is muted, so only alice's own microphone can be in the file.
  await bob.page.getByRole('button', { name: 'Mute' }).click();
  const record = alice.page.getByRole('button', { name: /^Record this call with/ });
  await expect(record).toBeInViewport();
  await record.focus();
  await alice.page.keyboard.press('Enter');
  const status = alice.page.getByTestId('recording-status');
  await expect(status).toContainText('Recording');
  await expect(alice.page.getByRole('button', { name: /^Stop recording the call with/ })).toBeFocused();
  const began = Date.now();
  await alice.page.waitForTimeout(3000);
  // Phase B: alice muted, bob talking: only the far end.
  await alice.page.getByRole('button', { name: 'Mute' }).click();
  await bob.page.getByRole('button', { name: 'Mute' }).click();
  const phaseB = (Date.now() - began) / 1000;
  await alice.page.waitForTimeout(3000);
  // Phase C: both muted, counted from when alice no longer hears bob (on a busy machine the sound
  // already in flight, jitter buffer included, outlasted a fixed 0.7 s margin once).
  await bob.page.getByRole('button', { name: 'Mute' }).click();
  await waitForSilence(alice.page, callId);
  const phaseC = (Date.now() - began) / 1000;
  await alice.page.waitForTimeout(2500);
  // The file grows on disk while the call goes on (chunks are written every second).
  const [file] = await recordingsIn(join(alice.userDataDir, 'recordings'));
  expect(file).toMatch(/\d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d outgoing bob\.webm$/);
  await alice.page.getByRole('button', { name: /^Stop recording the call with/ }).click();
  await expect(status).not.toContainText('Recording');
  const total = (Date.now() - began) / 1000;
  await alice.page.getByRole('button', { name: 'Hang up' }).click();

  const decoded = await decode(alice.page, file!);
  console.log(
    `recording: ${decoded.seconds.toFixed(1)} s decoded for ${total.toFixed(1)} s recorded; ` +
      `loudest A ${loudest(decoded, 0.5, phaseB - 0.5).toFixed(3)}, ` +
      `B ${loudest(decoded, phaseB + 0.7, phaseC - 0.5).toFixed(3)}, C ${loudest(decoded, phaseC + 0.7, total - 0.7).toFixed(4)}`,
  );
  expect(decoded.seconds).toBeGreaterThan(total - 1.5);
  expect(decoded.seconds).toBeLessThan(total + 1.5);
  expect(loudest(decoded, 0.5, phaseB - 0.5)).toBeGreaterThan(AUDIBLE);
  expect(loudest(decoded, phaseB + 0.7, phaseC - 0.5)).toBeGreaterThan(AUDIBLE);
  expect(loudest(decoded, phaseC + 0.7, total - 0.7)).toBeLessThan(AUDIBLE / 5);

  // Recent lists it with the call; Play plays it back here.
  await alice.page.getByRole('tab', { name: 'Recent' }).click();
  const entry = alice.page.getByTestId('history-entry').first();
  await expect(entry.getByTestId('history-recordings')).toContainText('outgoing bob.webm');
  await entry.getByRole('button', { name: /^Play the recording of the call with/ }).click();
  const player = alice.page.getByTestId('recording-player');
  await expect(player).toBeVisible();
  await expect
    .poll(() => player.evaluate((audio: HTMLAudioElement) => audio.currentTime), { timeout: 5000 })
    .toBeGreaterThan(0.3);
});

test('the renderer dying mid-call leaves a playable file missing at most the last few seconds', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await alice.page.getByRole('button', { name: /^Record this call with/ }).click();
  await expect(alice.page.getByTestId('recording-status')).toContainText('Recording');
  const began = Date.now();
  await alice.page.waitForTimeout(5000);
  const cdp = await alice.page.context().newCDPSession(alice.page);
  const elapsed = (Date.now() - began) / 1000;
  // The renderer process dies at once; the command itself never gets an answer.
  void cdp.send('Page.crash').catch(() => undefined);
  await bob.page.waitForTimeout(500);

  const [file] = await recordingsIn(join(alice.userDataDir, 'recordings'));
  const decoded = await decode(bob.page, file!);
  console.log(`after a renderer crash: ${decoded.seconds.toFixed(1)} s decoded of ${elapsed.toFixed(1)} s`);
  expect(decoded.seconds).toBeGreaterThan(elapsed - 3);
  expect(loudest(decoded, 0, decoded.seconds)).toBeGreaterThan(AUDIBLE);
});

test('always: every answered call records by itself; a folder missing at the start or deleted mid-recording is said plainly and the call goes on', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await changeDeskSettings(alice.page, async (page) => {
    await page.getByLabel('Record calls').selectOption('always');
    await page.getByLabel('Save recordings in').fill('/nonexistent/recordings');
  });

  await dial(bob.page, 'alice');
  await alice.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByRole('alert').filter({ hasText: 'recording' })).toHaveText(
    /The recording could not start: the folder \/nonexistent\/recordings is not there/,
  );
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expectHearing(alice.page, await currentCallId(alice.page), 1000);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();

  await changeDeskSettings(alice.page, async (page) => {
    await page.getByLabel('Save recordings in').fill('');
  });
  await dial(bob.page, 'alice');
  await alice.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByTestId('recording-status')).toContainText('Every answered call is recorded');
  // Not the user's to stop: no Record / Stop button with "always".
  await expect(alice.page.getByRole('button', { name: /Record this call|Stop recording/ })).toHaveCount(0);
  await alice.page.waitForTimeout(2000);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  const folder = join(alice.userDataDir, 'recordings');
  await expect.poll(async () => (await recordingsIn(folder)).length).toBe(1);
  await alice.page.getByRole('tab', { name: 'Recent' }).click();
  await expect(alice.page.getByTestId('history-recordings').first()).toContainText('incoming bob.webm');

  // The folder deleted in the middle of a recording (an open file would still
  // take the bytes, lost to everyone): the recording stops and says so, the call goes on.
  await dial(bob.page, 'alice');
  await alice.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(alice.page.getByTestId('recording-status')).toContainText('Every answered call is recorded');
  await expect.poll(async () => (await recordingsIn(folder)).length).toBe(2);
  await rm(folder, { recursive: true });
  await expect(alice.page.getByTestId('recording-problem')).toContainText(
    `The recording stopped: the folder ${folder} is not there (removed, renamed or disconnected). Choose another folder in Settings. The call goes on.`,
  );
  // No indicator left claiming a recording that is not being made.
  await expect(alice.page.getByTestId('recording-status')).not.toContainText('Recording');
  // Said once and kept: later changes to the call (here mute and unmute) do not
  // start a new recording, which re-created the folder and wiped this message.
  const mute = alice.page.getByRole('button', { name: 'Mute' });
  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'true');
  await mute.click();
  await expect(mute).toHaveAttribute('aria-pressed', 'false');
  await alice.page.waitForTimeout(1500);
  await expect(alice.page.getByTestId('recording-problem')).toContainText('The recording stopped');
  await expect(alice.page.getByTestId('recording-status')).not.toContainText('Recording');
  expect(await recordingsIn(folder)).toEqual([]);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expectHearing(alice.page, await currentCallId(alice.page), 1000);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('with the tone notice the far end hears a beep as recording starts, then the muted microphone again', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await changeDeskSettings(alice.page, async (page) => {
    await page.getByLabel('Tell the other side').selectOption('tone');
  });

  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const bobCall = await currentCallId(bob.page);
  await expectHearing(bob.page, bobCall, 1000);
  await alice.page.getByRole('button', { name: 'Mute' }).click();
  await bob.page.waitForTimeout(500);
  await expectSilence(bob.page, bobCall, 1500);

  await alice.page.getByRole('button', { name: /^Record this call with/ }).click();
  // The beep goes out although alice is muted…
  await expect
    .poll(() => energyGrowth(bob.page, bobCall, 250), { timeout: 3000, intervals: [0] })
    .toBeGreaterThan(AUDIBLE_PER_SECOND / 4);
  // …and then her microphone is back exactly as it was: muted.
  await bob.page.waitForTimeout(800);
  await expectSilence(bob.page, bobCall, 1500);
  await expect(alice.page.getByTestId('recording-status')).toContainText('Recording');
});
