import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { currentCallId, dial, inboundAudioBytes, sampleInboundAudio } from '../fixtures/ui';

// Call control against the real Kamailio: hold, lines, transfers and the
// local conference, checked on the media (getStats), not only on the screen.

async function callIdWith(page: Page, remote: string): Promise<string> {
  return page.evaluate((name) => {
    const diag = (
      window as unknown as {
        __deskphoneDiagnostics: {
          snapshot(): { calls: { id: string; remoteNumber: string; status: string }[] };
        };
      }
    ).__deskphoneDiagnostics;
    const call = diag.snapshot().calls.find((c) => c.remoteNumber === name && c.status !== 'ended');
    if (!call) throw new Error(`no live call with ${name}`);
    return call.id;
  }, remote);
}

async function bytesGrowth(page: Page, callId: string, ms = 1200): Promise<number> {
  const before = await inboundAudioBytes(page, callId);
  await page.waitForTimeout(ms);
  return (await inboundAudioBytes(page, callId)) - before;
}

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
  expect(await bytesGrowth(alice.page, aliceCall)).toBeGreaterThan(0);

  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('On hold');
  await expect(alice.page.getByRole('button', { name: 'Resume' })).toHaveAttribute('aria-pressed', 'true');
  await alice.page.waitForTimeout(300);
  expect(await bytesGrowth(alice.page, aliceCall)).toBe(0);
  expect(await bytesGrowth(bob.page, bobCall)).toBe(0);

  await alice.page.getByRole('button', { name: 'Resume' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expect.poll(() => bytesGrowth(alice.page, aliceCall, 600)).toBeGreaterThan(0);
  await expect.poll(() => bytesGrowth(bob.page, bobCall, 600)).toBeGreaterThan(0);
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
  await expect(bob.page.getByText('Call waiting')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(carol.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');

  const lines = bob.page.getByTestId('line');
  await expect(lines).toHaveCount(2);
  await expect(lines.nth(0)).toHaveAttribute('data-status', 'On hold');
  await expect(lines.nth(1)).toHaveAttribute('data-status', 'Talking');
  const withAlice = await callIdWith(bob.page, 'alice');
  const withCarol = await callIdWith(bob.page, 'carol');
  expect(await bytesGrowth(bob.page, withAlice)).toBe(0);
  expect(await bytesGrowth(bob.page, withCarol)).toBeGreaterThan(0);

  await bob.page.getByRole('button', { name: 'Talk to Alice Archer' }).click();
  await expect(lines.nth(0)).toHaveAttribute('data-status', 'Talking');
  await expect(lines.nth(1)).toHaveAttribute('data-status', 'On hold');
  await expect.poll(() => bytesGrowth(bob.page, withAlice, 600)).toBeGreaterThan(0);
  expect(await bytesGrowth(bob.page, withCarol)).toBe(0);
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
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  await expect(carol.page.getByTestId('caller-number')).toHaveText('bob');
  await carol.page.getByRole('button', { name: 'Answer' }).click();

  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  const bobToCarol = await callIdWith(bob.page, 'carol');
  const carolToBob = await callIdWith(carol.page, 'bob');
  expect((await sampleInboundAudio(bob.page, bobToCarol, 1000)).at(-1)).toBeGreaterThan(0);
  await expect.poll(() => bytesGrowth(bob.page, bobToCarol, 600)).toBeGreaterThan(0);
  await expect.poll(() => bytesGrowth(carol.page, carolToBob, 600)).toBeGreaterThan(0);
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

  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  const bobToCarol = await callIdWith(bob.page, 'carol');
  const carolToBob = await callIdWith(carol.page, 'bob');
  await expect.poll(() => bytesGrowth(bob.page, bobToCarol, 600)).toBeGreaterThan(0);
  await expect.poll(() => bytesGrowth(carol.page, carolToBob, 600)).toBeGreaterThan(0);
  await expect(carol.page.getByTestId('line')).toHaveCount(0);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
});

async function energyGrowth(page: Page, callId: string, ms = 1500): Promise<number> {
  const read = () =>
    page.evaluate(
      (id) =>
        (
          window as unknown as { __deskphoneDiagnostics: { inboundAudioEnergy(id: string): Promise<number> } }
        ).__deskphoneDiagnostics.inboundAudioEnergy(id),
      callId,
    );
  const before = await read();
  await page.waitForTimeout(ms);
  return (await read()) - before;
}

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
  await expect(bob.page.getByRole('button', { name: 'Unmute' })).toBeVisible();
  await expect.poll(() => energyGrowth(alice.page, aliceCall), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect.poll(() => energyGrowth(carol.page, carolCall), { timeout: 15_000 }).toBeGreaterThan(0);
  const bobCalls = await Promise.all([callIdWith(bob.page, 'alice'), callIdWith(bob.page, 'carol')]);
  for (const id of bobCalls) expect(await bytesGrowth(bob.page, id)).toBeGreaterThan(0);

  // Split: back to one conversation; carol (the newest) stays, alice waits on hold.
  await bob.page.getByRole('button', { name: 'Split conference' }).click();
  await expect(bob.page.getByTestId('line').nth(0)).toHaveAttribute('data-status', 'On hold');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await carol.page.getByRole('button', { name: 'Hang up' }).click();
});
