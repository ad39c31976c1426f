import { createSocket } from 'node:dgram';
import { expect, test } from '../fixtures/test';
import { expectHearing, expectSilence } from '../fixtures/media';
import {
  clickToInvite,
  expectOnlyTheStandby,
  firstInviteAt,
  instrumentPhone,
  microphoneOpenedAt,
  openPeerConnections,
  peerConnections,
  setMicrophone,
} from '../fixtures/peer-connections';
import { waitForRegistration } from '../fixtures/reliability';
import { currentCallId, dial } from '../fixtures/ui';
import type { PhoneInstance } from '../fixtures/phone';

// The warm media path (issue "Instant calls"): a standby connection while
// registered, taken by each call; offers that do not wait for dead STUN
// servers or for the microphone. Timing figures are the bench's job; these
// tests prove the behaviour with bounds a busy machine cannot break.

async function talk(caller: PhoneInstance, callee: PhoneInstance, target: string): Promise<void> {
  await dial(caller.page, target);
  await expect(callee.page.getByTestId('incoming-call')).toBeVisible();
  await callee.page.getByRole('button', { name: 'Answer' }).click();
  const [a, b] = [await currentCallId(caller.page), await currentCallId(callee.page)];
  await Promise.all([expectHearing(caller.page, a, 1000), expectHearing(callee.page, b, 1000)]);
  await caller.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(caller.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(callee.page.getByTestId('call-screen')).toHaveCount(0);
}

test('one warm standby while registered: calls and answers take it, it comes back, it goes with the registration', async ({
  phones,
  kamailio,
}) => {
  test.setTimeout(120_000);
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await instrumentPhone(alice.page);
  await expectOnlyTheStandby(alice.page);
  const [standby] = (await peerConnections(alice.page)).filter((r) => r.pool > 0);
  expect(standby?.certificates, 'the standby carries the shared DTLS certificate').toBe(1);

  await talk(alice, bob, 'bob');
  await expectOnlyTheStandby(alice.page);
  await talk(bob, alice, 'alice');
  await expectOnlyTheStandby(alice.page);
  // A call alice declines: the offer applied while ringing is dropped with the call.
  await dial(bob.page, 'alice');
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await alice.page.getByRole('button', { name: 'Decline' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
  await expectOnlyTheStandby(alice.page);
  await talk(alice, bob, 'bob');
  await expectOnlyTheStandby(alice.page);

  // Every call and answer ran on a warm connection (candidate pool), none on a cold one.
  const used = (await peerConnections(alice.page)).filter((r) => r.used && r.pool > 0);
  expect(used.length).toBeGreaterThanOrEqual(4);
  expect((await peerConnections(alice.page)).filter((r) => r.used && r.pool === 0 && !r.closed)).toEqual([]);

  // Not registered: nothing kept warm. Registered again: one standby again.
  await kamailio.kill();
  await waitForRegistration(alice.page, 'reconnecting', 30_000);
  await expect.poll(() => openPeerConnections(alice.page)).toBe(0);
  await kamailio.restart();
  await waitForRegistration(alice.page, 'registered', 35_000);
  await expectOnlyTheStandby(alice.page);
});

test('a network change re-creates the standby, and the next call has sound both ways', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await instrumentPhone(alice.page);
  await expectOnlyTheStandby(alice.page);
  const before = (await peerConnections(alice.page)).filter((r) => r.pool > 0).length;
  await alice.page.evaluate(() => window.dispatchEvent(new Event('online')));
  await expect
    .poll(async () => (await peerConnections(alice.page)).filter((r) => r.pool > 0).length)
    .toBe(before + 1);
  await expectOnlyTheStandby(alice.page);
  await talk(alice, bob, 'bob');
  const warm = (await peerConnections(alice.page)).filter((r) => r.pool > 0);
  expect(warm.at(-2)?.used, 'the call took the new standby').toBe(true);
  expect(warm.at(-3)?.used, 'the one from before the change was dropped unused').toBe(false);
});

test('a standby that aged while the machine slept is not used; the call still has sound both ways', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await alice.page.clock.install();
  await instrumentPhone(alice.page);
  await expectOnlyTheStandby(alice.page);
  // Asleep for 11 minutes: the wall clock jumps, no timer fired.
  await alice.page.clock.setSystemTime(Date.now() + 11 * 60_000);
  await talk(alice, bob, 'bob');
  const records = await peerConnections(alice.page);
  const stale = records.find((r) => r.pool > 0);
  expect(stale?.used, 'the aged standby carried no call').toBe(false);
  expect(stale?.closed).toBe(true);
  await expectOnlyTheStandby(alice.page);
});

test('the INVITE does not wait for a slow microphone, and Mute pressed before it opens holds', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await instrumentPhone(alice.page, { microphone: true });
  await expectOnlyTheStandby(alice.page);
  await setMicrophone(alice.page, 4000);
  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  expect(
    await microphoneOpenedAt(alice.page),
    'bob rings while the microphone is still opening',
  ).toBeUndefined();
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await alice.page.getByRole('button', { name: 'Mute' }).click();
  expect(await microphoneOpenedAt(alice.page)).toBeUndefined();
  await expect.poll(() => microphoneOpenedAt(alice.page), { timeout: 10_000 }).toBeDefined();
  expect((await microphoneOpenedAt(alice.page))! - (await firstInviteAt(alice.page))!).toBeGreaterThan(2000);
  const bobCall = await currentCallId(bob.page);
  // The microphone arrived muted: bob hears nothing until alice unmutes.
  await expectSilence(bob.page, bobCall, 1500);
  await alice.page.getByRole('button', { name: 'Mute' }).click();
  await expectHearing(bob.page, bobCall, 1500);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
});

test('a microphone that cannot be opened ends the call with the reason, and nothing is left open', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await instrumentPhone(alice.page, { microphone: true });
  await expectOnlyTheStandby(alice.page);
  await setMicrophone(alice.page, 300, 'NotAllowedError');
  await dial(alice.page, 'bob');
  await expect(alice.page.getByText(/The microphone is blocked/).first()).toBeVisible();
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0, { timeout: 10_000 });
  await expectOnlyTheStandby(alice.page);
});

for (const kind of ['never answers', 'refuses'] as const) {
  test(`a STUN server that ${kind} does not hold the INVITE back; the call has sound both ways`, async ({
    phones,
  }) => {
    const silent = createSocket('udp4');
    await new Promise<void>((ok) => silent.bind(0, '127.0.0.1', ok));
    const port = silent.address().port;
    // "refuses": nothing listens on the port any more.
    if (kind === 'refuses') await new Promise<void>((ok) => silent.close(() => ok()));
    const carol = await phones.registered('carol', {
      iceServers: [`stun:127.0.0.1:${port}`],
      iceTimeoutMs: 5000,
    });
    const bob = await phones.registered('bob');
    await instrumentPhone(carol.page);
    await expectOnlyTheStandby(carol.page);
    await talk(carol, bob, 'bob');
    // The old code waited out the whole 5 s gathering limit before sending.
    const delay = await clickToInvite(carol.page, /^Call/);
    expect(delay).toBeDefined();
    expect(delay!).toBeLessThan(1000);
    if (kind === 'never answers') silent.close();
  });
}
