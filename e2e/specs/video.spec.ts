import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { currentCallId, dial } from '../fixtures/ui';

function frames(page: Page, callId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      (
        window as unknown as { __deskphoneDiagnostics: { inboundVideoFrames(id: string): Promise<number> } }
      ).__deskphoneDiagnostics.inboundVideoFrames(id),
    callId,
  );
}

async function frameGrowth(page: Page, callId: string, ms = 1000): Promise<number> {
  const before = await frames(page, callId);
  await page.waitForTimeout(ms);
  return (await frames(page, callId)) - before;
}

/** Test-only: records every getUserMedia request the page makes. */
async function recordMediaRequests(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const log: MediaStreamConstraints[] = [];
    (window as unknown as { __gumLog: MediaStreamConstraints[] }).__gumLog = log;
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (constraints?: MediaStreamConstraints) => {
      log.push(constraints ?? {});
      return original(constraints);
    };
  });
}

test('video call: both sides decode VP8 frames; dropping the camera mid-call stops that picture', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');

  await alice.page.getByLabel('Number or SIP address').fill('bob');
  await alice.page.getByRole('button', { name: 'Video call' }).click();
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Answer with video' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');

  const aliceCall = await currentCallId(alice.page);
  const bobCall = await currentCallId(bob.page);
  await expect.poll(() => frames(alice.page, aliceCall), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => frames(bob.page, bobCall), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(alice.page.getByLabel('Your camera preview')).toBeVisible();
  await expect(alice.page.getByLabel('Video from bob')).toBeVisible();
  const offer = await alice.page.evaluate(
    (id) =>
      (
        window as unknown as { __deskphoneDiagnostics: { localSdp(id: string): string } }
      ).__deskphoneDiagnostics.localSdp(id),
    aliceCall,
  );
  const videoLine = /^m=video \d+ [A-Z/]+ (\d+)/m.exec(offer);
  expect(new RegExp(`^a=rtpmap:${videoLine![1]} VP8/90000`, 'm').test(offer)).toBe(true);

  const bobCamera = bob.page.getByRole('button', { name: 'Camera', exact: true });
  await expect(bobCamera).toHaveAttribute('aria-pressed', 'true');
  await bobCamera.click();
  await expect(bobCamera).toHaveAttribute('aria-pressed', 'false');
  await alice.page.waitForTimeout(500);
  expect(await frameGrowth(alice.page, aliceCall)).toBe(0);
  expect(await frameGrowth(bob.page, bobCall)).toBeGreaterThan(0);

  // The camera comes back mid-call.
  await bobCamera.click();
  await expect.poll(() => frameGrowth(alice.page, aliceCall, 500), { timeout: 15_000 }).toBeGreaterThan(0);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('an audio-only call never asks for the camera; the camera can be added mid-call', async ({ phones }) => {
  const alice = await phones.open('alice');
  await recordMediaRequests(alice.page);
  await alice.launch();
  const { setupAccount, expectRegistered } = await import('../fixtures/ui');
  await setupAccount(alice.page, phones.account('alice'));
  await expectRegistered(alice.page);
  const bob = await phones.registered('bob');

  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  const requests = await alice.page.evaluate(
    () => (window as unknown as { __gumLog: MediaStreamConstraints[] }).__gumLog,
  );
  expect(requests.length).toBeGreaterThan(0);
  expect(requests.every((c) => !c.video)).toBe(true);

  await alice.page.getByRole('button', { name: 'Camera', exact: true }).click();
  const bobCall = await currentCallId(bob.page);
  await expect.poll(() => frames(bob.page, bobCall), { timeout: 15_000 }).toBeGreaterThan(0);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});
