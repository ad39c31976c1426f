import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { bytesGrowth, callIdWith, energyGrowth, expectHearing, expectSilence } from '../fixtures/media';
import { currentCallId, dial } from '../fixtures/ui';

// Call control against the real Kamailio: hold, lines, transfers and the
// local conference, judged by what each person hears (audio energy from
// getStats), not only by what the screen says.

async function connect(caller: Page, callee: Page, target: string): Promise<void> {
  await dial(caller, target);
  await expect(callee.getByTestId('incoming-call')).toBeVisible();
  await callee.getByRole('button', { name: 'Answer' }).click();
  await expect(caller.getByTestId('call-status')).toHaveText('Connected');
  await expect(callee.getByTestId('call-status')).toHaveText('Connected');
}

test('hold freezes audio both ways and resume brings it back; Held shows only once accepted', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await connect(alice.page, bob.page, 'bob');
  const aliceCall = await currentCallId(alice.page);
  const bobCall = await currentCallId(bob.page);
  await expectHearing(alice.page, aliceCall, 1000);

  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('On hold');
  await expect(alice.page.getByRole('button', { name: 'Hold', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(alice.page.getByTestId('held-badge')).toHaveText('On hold');
  await expect(bob.page.getByTestId('call-status')).toHaveText('On hold by the other side');
  await alice.page.waitForTimeout(300);
  await expectSilence(alice.page, aliceCall);
  await expectSilence(bob.page, bobCall);
  // Stronger than silence: nothing of alice's is sent at all, so bob cannot overhear her office.
  expect(await bytesGrowth(bob.page, bobCall)).toBe(0);

  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  // Both hear each other again: resume used to bring back a microphone that stayed switched off.
  await expectHearing(alice.page, aliceCall, 1500);
  await expectHearing(bob.page, bobCall, 1500);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('call waiting: bob takes carol, alice is held, audio follows the active line; switching back works', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  await connect(alice.page, bob.page, 'bob');
  await dial(carol.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call').getByText('Call waiting')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(carol.page.getByTestId('call-status')).toHaveText('Connected');
  // Bob put alice on hold to take carol, and alice's screen says so.
  await expect(alice.page.getByTestId('call-status')).toHaveText('On hold by the other side');

  const lines = bob.page.getByTestId('line');
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toHaveAttribute('data-status', 'On hold');
  await expect(lines.nth(1)).toHaveAttribute('data-status', 'Talking');
  const withAlice = await callIdWith(bob.page, 'alice');
  const withCarol = await callIdWith(bob.page, 'carol');
  await expectSilence(bob.page, withAlice);
  await expectHearing(bob.page, withCarol, 1000);

  await bob.page.getByRole('button', { name: 'Talk to Alice Archer' }).click();
  await expect(lines.nth(0)).toHaveAttribute('data-status', 'Talking');
  await expect(lines.nth(1)).toHaveAttribute('data-status', 'On hold');
  await expectHearing(bob.page, withAlice, 1000);
  await bob.page.waitForTimeout(300);
  await expectSilence(bob.page, withCarol);
  await carol.page.getByRole('button', { name: 'Hang up' }).click();
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('blind transfer: alice transfers bob to carol; bob and carol talk, alice is idle', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  await connect(alice.page, bob.page, 'bob');

  await alice.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await alice.page.getByLabel('Transfer to').fill('carol');
  await alice.page.getByRole('button', { name: 'Transfer now' }).click();
  // bob is asked first, with the real target; nothing is dialled before he accepts.
  const request = bob.page.getByTestId('transfer-request');
  await expect(request).toContainText('Transfer to carol@127.0.0.1 — requested by Alice Archer');
  await expect(carol.page.getByTestId('incoming-call')).toHaveCount(0);
  await request.getByRole('button', { name: 'Accept transfer' }).click();
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  await expect(carol.page.getByTestId('caller-number')).toHaveText('bob');
  await carol.page.getByRole('button', { name: 'Answer' }).click();

  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  const bobToCarol = await callIdWith(bob.page, 'carol');
  const carolToBob = await callIdWith(carol.page, 'bob');
  await expectHearing(bob.page, bobToCarol, 1000);
  await expectHearing(carol.page, carolToBob, 1000);
  await expect(bob.page.getByTestId('line')).toHaveCount(0);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
});

test('attended transfer: alice consults carol, then joins bob and carol', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  await connect(alice.page, bob.page, 'bob');

  await alice.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await alice.page.getByLabel('Transfer to').fill('carol');
  await alice.page.getByRole('button', { name: 'Consult first' }).click();
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  await carol.page.getByRole('button', { name: 'Answer' }).click();
  await expect(alice.page.getByTestId('line')).toHaveCount(2);
  await alice.page.getByRole('button', { name: 'Transfer Bob' }).click();
  await bob.page.getByTestId('transfer-request').getByRole('button', { name: 'Accept transfer' }).click();

  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  const bobToCarol = await callIdWith(bob.page, 'carol');
  const carolToBob = await callIdWith(carol.page, 'bob');
  await expectHearing(bob.page, bobToCarol, 1000);
  await expectHearing(carol.page, carolToBob, 1000);
  await expect(carol.page.getByTestId('line')).toHaveCount(0);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
});

test('3-way conference: with bob muted, alice and carol still hear each other through bob’s mix', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  await connect(alice.page, bob.page, 'bob');
  await connect(carol.page, bob.page, 'bob');
  await bob.page.getByRole('button', { name: 'Merge into conference' }).click();
  await expect(bob.page.getByTestId('line').filter({ hasText: 'In conference' })).toHaveCount(2);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');

  const aliceCall = await currentCallId(alice.page);
  const carolCall = await currentCallId(carol.page);
  // Bob's own microphone is silenced: what alice and carol hear from bob is only the other party.
  await bob.page.getByRole('button', { name: 'Mute' }).click();
  await expect(bob.page.getByRole('button', { name: 'Mute' })).toHaveAttribute('aria-pressed', 'true');
  await expect(bob.page.getByTestId('muted-badge')).toHaveText('Muted');
  await expect.poll(() => energyGrowth(alice.page, aliceCall, 1500), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => energyGrowth(carol.page, carolCall, 1500), { timeout: 15_000 }).toBeGreaterThan(0);
  // Bob still hears both of them.
  const bobCalls = await Promise.all([callIdWith(bob.page, 'alice'), callIdWith(bob.page, 'carol')]);
  for (const id of bobCalls) await expectHearing(bob.page, id, 1000);

  // Split: back to one conversation; carol (the newest) stays, alice waits on hold.
  await bob.page.getByRole('button', { name: 'Split conference' }).click();
  await expect(bob.page.getByTestId('line').nth(0)).toHaveAttribute('data-status', 'On hold');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await carol.page.getByRole('button', { name: 'Hang up' }).click();
});
