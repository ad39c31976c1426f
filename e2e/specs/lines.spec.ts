import { expect, test } from '../fixtures/test';
import { callIdWith, expectHearing, expectSilence } from '../fixtures/media';
import { dial } from '../fixtures/ui';

// Four lines at once on one phone, audio following the line in use; and a
// do-not-disturb refusal recorded as a missed call in Recent.

test('bob holds four calls at once; only the line in use carries audio; switching moves it', async ({
  phones,
}) => {
  test.setTimeout(120_000);
  const bob = await phones.registered('bob');
  const callers = [];
  // Not dave: Kamailio refuses re-INVITEs to dave, so he could not be put on hold.
  for (const user of ['alice', 'carol', 'erin', 'fay'] as const) {
    const caller = await phones.registered(user);
    callers.push(caller);
    await dial(caller.page, 'bob');
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
    await expect(caller.page.getByTestId('call-status')).toHaveText('Connected');
  }
  const lines = bob.page.getByTestId('line');
  await expect(lines).toHaveCount(4);
  await expect(lines.filter({ hasText: 'On hold' })).toHaveCount(3);
  await expect(lines.nth(3)).toHaveAttribute('data-status', 'Talking');
  const withFay = await callIdWith(bob.page, 'fay');
  const withAlice = await callIdWith(bob.page, 'alice');
  await expectHearing(bob.page, withFay, 1000);
  await expectSilence(bob.page, withAlice);

  await bob.page.getByRole('button', { name: 'Talk to Alice Archer' }).click();
  await expect(lines.nth(0)).toHaveAttribute('data-status', 'Talking');
  await expect(lines.filter({ hasText: 'On hold' })).toHaveCount(3);
  await expectHearing(bob.page, withAlice, 1000);
  await bob.page.waitForTimeout(300);
  await expectSilence(bob.page, withFay);
  for (const caller of callers) await caller.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(lines).toHaveCount(0);
});

test('do not disturb refuses the call and Recent records it as missed', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await bob.page.getByRole('button', { name: 'Do not disturb' }).click();
  await expect(bob.page.getByRole('button', { name: 'Do not disturb' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await dial(alice.page, 'bob');
  await expect(alice.page.getByTestId('call-outcome')).toContainText('busy');
  await bob.page.getByRole('tab', { name: /Recent/ }).click();
  const entry = bob.page.getByTestId('history-entry').first();
  await expect(entry).toHaveAttribute('data-outcome', 'missed');
  await expect(entry).toContainText('Alice Archer');
});
