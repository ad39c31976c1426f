import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { openPhone } from '../fixtures/phone';
import { expect, test } from '../fixtures/test';
import { dial, expectRegistered, setupAccount } from '../fixtures/ui';

// A far end that asks this phone to call someone else (REFER) decides
// nothing: the user sees the real target and who asked, and nothing is
// dialled until they accept; only targets the administrator allowed go ahead.

async function connect(caller: Page, callee: Page, target: string): Promise<void> {
  await dial(caller, target);
  await expect(callee.getByTestId('incoming-call')).toBeVisible();
  await callee.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(caller.getByTestId('call-status')).toHaveText('Connected');
}

async function requestTransfer(from: Page, target: string): Promise<void> {
  // The panel stays open after a refused transfer, to try again.
  if (!(await from.getByLabel('Transfer to').isVisible())) {
    await from.getByRole('button', { name: 'Transfer', exact: true }).click();
  }
  await from.getByLabel('Transfer to').fill(target);
  await from.getByRole('button', { name: 'Transfer now' }).click();
}

test('a far end asking to transfer alice to a premium number dials nothing until she accepts', async ({
  phones,
  kamailio,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await connect(alice.page, bob.page, 'bob');
  const premium = '0900123456';
  const invitesTo = () => kamailio.inviteReceipts().filter((r) => r.to === premium).length;

  await requestTransfer(bob.page, premium);
  const request = alice.page.getByTestId('transfer-request');
  // alice dialled "bob": that is the name she knows the caller by.
  await expect(request).toContainText(`Transfer to ${premium}@127.0.0.1 — requested by bob`);
  await expect(request).toHaveAttribute('role', 'alertdialog');
  await alice.page.waitForTimeout(2000);
  expect(invitesTo()).toBe(0);
  // Declined: the transferor is told, and the call goes on.
  await request.getByRole('button', { name: 'Decline transfer' }).click();
  await expect(request).toHaveCount(0);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(bob.page.getByTestId('call-screen')).toContainText(/603|declined/i);
  expect(invitesTo()).toBe(0);

  // Asked again and accepted: now, and only now, the number is called.
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await requestTransfer(bob.page, premium);
  await alice.page.getByTestId('transfer-request').getByRole('button', { name: 'Accept transfer' }).click();
  await expect.poll(invitesTo).toBeGreaterThan(0);
});

test('a target the administrator allowed goes ahead without asking; others are still asked', async ({
  chromium,
  phones,
  kamailio,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'deskphone-transfer-policy-'));
  const policyFile = join(dir, 'policy.json');
  await writeFile(
    policyFile,
    JSON.stringify({
      version: 1,
      values: { 'desk.transferAllow': ['car*'] },
      locked: ['desk.transferAllow'],
    }),
  );
  const alice = await openPhone(chromium, { name: 'alice-allow', extraCa: [kamailio.certPem], policyFile });
  try {
    await alice.launch();
    await setupAccount(alice.page, phones.account('alice'));
    await expectRegistered(alice.page);
    const bob = await phones.registered('bob');
    const carol = await phones.registered('carol');
    await connect(alice.page, bob.page, 'bob');
    await requestTransfer(bob.page, 'carol');
    await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
    await expect(alice.page.getByTestId('transfer-request')).toHaveCount(0);
    await carol.page.getByRole('button', { name: 'Decline' }).click();
  } finally {
    await alice.close();
  }
});
