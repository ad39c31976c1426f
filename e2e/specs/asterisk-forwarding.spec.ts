import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSION_OF, expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import type { AsteriskHandle } from '../harness/asterisk';
import type { SipRecord } from '../harness/asterisk-sip-log';
import { expectAccessible } from '../fixtures/axe';
import { expectHearing } from '../fixtures/media';
import { openPhone, type PhoneInstance } from '../fixtures/phone';
import { dial, expectRegistered, setupAccount } from '../fixtures/ui';

// Call forwarding against a real Asterisk 22: the phone answers with 302 and
// the target as Contact, and Asterisk's Dial() follows it to the target
// (another DeskPhone). Forwarding at the PBX (*72 / *73 in the test dialplan)
// works with the phone closed.

skipWithoutAsterisk();

const RULE = {
  always: 'Forward all calls',
  busy: /^Forward when busy/,
  noAnswer: 'Forward when not answered',
} as const;

async function openForwarding(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('tab', { name: 'Forwarding' }).click();
}

/** Turns one rule on through the Forwarding tab, and goes back to the phone. */
async function forward(page: Page, rule: keyof typeof RULE, target: string, seconds?: number) {
  await openForwarding(page);
  const group = page.getByRole('group', { name: RULE[rule] });
  await group.getByLabel('Forward to').fill(target);
  if (seconds) await group.getByLabel('After (seconds, 5–120)').fill(String(seconds));
  await group.getByRole('checkbox', { name: 'On' }).check();
  await page.getByRole('button', { name: 'Save forwarding' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Forwarding saved.' })).toBeVisible();
  await page.getByRole('button', { name: 'Back to phone' }).click();
}

const invitesOut = (asterisk: AsteriskHandle, after: number) =>
  asterisk.sip.find((r) => r.direction === 'out' && r.method === 'INVITE' && r.status === 0 && r.at >= after);

function redirectFrom(asterisk: AsteriskHandle, after: number): SipRecord | undefined {
  return asterisk.sip.find(
    (r) => r.direction === 'in' && r.method === 'INVITE' && r.status === 302 && r.at >= after,
  )[0];
}

async function answer(page: Page): Promise<void> {
  await expect(page.getByTestId('incoming-call')).toBeVisible();
  await page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(page.getByTestId('call-status')).toHaveText('Connected');
}

test('forward all: bob’s call to alice rings carol, never alice; 302 at Asterisk; bob and carol hear each other', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  // Loop guard: her own number is refused with a reason, next to the field.
  await openForwarding(alice.page);
  const all = alice.page.getByRole('group', { name: RULE.always });
  await all.getByLabel('Forward to').fill(EXTENSION_OF.alice);
  await all.getByRole('checkbox', { name: 'On' }).check();
  await alice.page.getByRole('button', { name: 'Save forwarding' }).click();
  await expect(all.getByLabel('Forward to')).toBeFocused();
  await expect(all.getByText('That is your own number')).toBeVisible();
  await expectAccessible(alice.page, 'Forwarding tab with a refused target');
  await alice.page.getByRole('button', { name: 'Back to phone' }).click();
  await expect(alice.page.getByTestId('forwarding-banner')).toHaveCount(0);

  await forward(alice.page, 'always', EXTENSION_OF.carol);
  const banner = alice.page.getByTestId('forwarding-banner');
  await expect(banner).toContainText(`Calls are forwarded to ${EXTENSION_OF.carol}`);
  await expect(alice.page.getByTestId('announce-polite')).toContainText(
    `Calls are forwarded to ${EXTENSION_OF.carol}`,
  );
  await expect(alice.page.getByRole('button', { name: 'Forward all calls' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expectAccessible(alice.page, 'main screen with forwarding on');
  await alice.page.screenshot({ path: '/tmp/forward-banner.png' });

  const start = Date.now();
  await dial(bob.page, EXTENSION_OF.alice);
  await answer(carol.page);
  const redirect = redirectFrom(asterisk, start);
  expect(redirect, '302 from alice at Asterisk').toBeDefined();
  expect(redirect!.headers.get('contact')?.[0]).toMatch(new RegExp(`<sip:${EXTENSION_OF.carol}@`));
  // alice never rang: no 180 from her, no panel, no notification through main.
  const ringing = asterisk.sip.find(
    (r) => r.direction === 'in' && r.status === 180 && r.callId === redirect!.callId,
  );
  expect(ringing).toEqual([]);
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);
  expect(alice.desk.notifications.shown).toEqual([]);

  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await expectHearing(bob.page, await currentId(bob.page), 1500);
  await expectHearing(carol.page, await currentId(carol.page), 1500);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();

  // Recent on alice: forwarded, not missed.
  await alice.page.getByRole('tab', { name: /^Recent/ }).click();
  await expect(alice.page.getByText(`Forwarded to ${EXTENSION_OF.carol}`).first()).toBeVisible();

  // Off from the banner: the next call rings alice again.
  await banner.getByRole('button', { name: 'Turn forwarding off' }).focus();
  await alice.page.keyboard.press('Enter');
  await expect(banner).toHaveCount(0);
  await expect(alice.page.getByTestId('announce-polite')).toContainText('Forwarding is off.');
  await dial(bob.page, EXTENSION_OF.alice);
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
});

async function currentId(page: Page): Promise<string> {
  return page.evaluate(() => {
    const diag = (
      window as unknown as {
        __deskphoneDiagnostics: { snapshot(): { calls: { id: string; status: string }[] } };
      }
    ).__deskphoneDiagnostics;
    const live = diag.snapshot().calls.filter((c) => c.status !== 'ended');
    return live.at(-1)!.id;
  });
}

test('after 5 s: a call answered in time stays; one left ringing goes to carol 5 s after the INVITE', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  await forward(alice.page, 'noAnswer', EXTENSION_OF.carol, 5);
  await expect(alice.page.getByTestId('forwarding-banner')).toContainText(
    `Calls are forwarded to ${EXTENSION_OF.carol} after 5 seconds`,
  );

  // Answered within 5 s: not forwarded, carol never rings.
  await dial(bob.page, EXTENSION_OF.alice);
  await alice.page.waitForTimeout(1500);
  await answer(alice.page);
  await alice.page.waitForTimeout(5_000);
  await expect(carol.page.getByTestId('incoming-call')).toHaveCount(0);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveCount(0);
  await alice.page.waitForTimeout(500);

  // Left ringing: after 5 s it leaves alice and rings carol.
  const start = Date.now();
  await dial(bob.page, EXTENSION_OF.alice);
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible({ timeout: 10_000 });
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);
  const invites = invitesOut(asterisk, start);
  const redirect = redirectFrom(asterisk, start);
  expect(redirect).toBeDefined();
  const toAlice = invites.find((r) => r.callId === redirect!.callId)!;
  const toCarol = invites.find((r) => r.at > toAlice.at && r.callId !== toAlice.callId)!;
  const delay = toCarol.at - toAlice.at;
  console.log(`Forwarding after 5 s: INVITE to alice -> INVITE to carol ${delay} ms`);
  expect(delay).toBeGreaterThanOrEqual(4_500);
  expect(delay).toBeLessThanOrEqual(5_500);
  await answer(carol.page);
  await expectHearing(carol.page, await currentId(carol.page), 1500);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
});

test('when busy: during a call a second call goes to carol; idle, alice rings', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  const dave = await phones.registered('dave');
  await forward(alice.page, 'busy', EXTENSION_OF.carol);

  await dial(bob.page, EXTENSION_OF.alice);
  await answer(alice.page);
  const start = Date.now();
  await dial(dave.page, EXTENSION_OF.alice);
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  expect(redirectFrom(asterisk, start)?.headers.get('contact')?.[0]).toContain(`sip:${EXTENSION_OF.carol}@`);
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);
  await answer(carol.page);
  await expectHearing(dave.page, await currentId(dave.page), 1500);
  await dave.page.getByRole('button', { name: 'Hang up' }).click();
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveCount(0);

  await dial(dave.page, EXTENSION_OF.alice);
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await alice.page.waitForTimeout(1000);
  await expect(carol.page.getByTestId('incoming-call')).toHaveCount(0);
  await dave.page.getByRole('button', { name: 'Hang up' }).click();
});

async function policyPhone(
  chromium: Parameters<typeof openPhone>[0],
  asterisk: AsteriskHandle,
  name: string,
  policy: object,
): Promise<PhoneInstance> {
  const dir = await mkdtemp(join(tmpdir(), 'deskphone-forward-policy-'));
  const policyFile = join(dir, 'policy.json');
  await writeFile(policyFile, JSON.stringify({ version: 1, ...policy }));
  const phone = await openPhone(chromium, { name, extraCa: [asterisk.certPem], policyFile });
  await phone.launch();
  return phone;
}

test('a policy lock makes forwarding read-only in the window, and main refuses a change', async ({
  chromium,
  phones,
  asterisk,
}) => {
  const alice = await policyPhone(chromium, asterisk, 'alice-forward-locked', {
    values: { 'desk.forwarding.always': { enabled: true, target: EXTENSION_OF.carol } },
    locked: ['desk.forwarding.always'],
  });
  try {
    await setupAccount(alice.page, phones.account('alice'));
    await expectRegistered(alice.page);
    const banner = alice.page.getByTestId('forwarding-banner');
    await expect(banner).toContainText(`Calls are forwarded to ${EXTENSION_OF.carol}`);
    await expect(banner.getByRole('button', { name: 'Turn forwarding off' })).toHaveCount(0);
    await expect(alice.page.getByRole('button', { name: 'Forward all calls' })).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    await openForwarding(alice.page);
    const group = alice.page.getByRole('group', { name: RULE.always });
    await expect(group.getByRole('checkbox', { name: 'On' })).toBeDisabled();
    await expect(group.getByLabel('Forward to')).toHaveAttribute('readonly', '');
    await expect(group.getByText('Set by your administrator')).toBeVisible();
    await expectAccessible(alice.page, 'Forwarding tab with a locked rule');
    await alice.page.screenshot({ path: '/tmp/forward-locked.png', fullPage: true });

    // Through the window's own IPC, as a tampered renderer would try it.
    const refusal = await alice.page.evaluate(async (carol) => {
      const view = await window.deskphone.invoke('desk:get', {});
      const forwarding = { ...view.settings.forwarding, always: { enabled: false, target: carol } };
      return window.deskphone
        .invoke('desk:save', { ...view.settings, forwarding })
        .then(() => 'saved')
        .catch((error: unknown) => String(error));
    }, EXTENSION_OF.carol);
    expect(refusal).toContain('managed by your administrator');
  } finally {
    await alice.close();
  }
});

test('forward at the PBX: *72 reaches carol with alice’s DeskPhone closed; *73 turns it off', async ({
  chromium,
  phones,
  asterisk,
}) => {
  const codes = {
    values: { 'desk.forwarding.forwardOnCode': '*72', 'desk.forwarding.forwardOffCode': '*73' },
  };
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  let alice = await policyPhone(chromium, asterisk, 'alice-pbx-on', codes);
  try {
    await setupAccount(alice.page, phones.account('alice'));
    await expectRegistered(alice.page);
    await openForwarding(alice.page);
    await expect(alice.page.getByText('works only while DeskPhone is running')).toBeVisible();
    await alice.page.getByLabel('Number to forward to at the PBX').fill(EXTENSION_OF.carol);
    await alice.page.getByRole('button', { name: 'Forward at the PBX', exact: true }).click();
    await expect(alice.page.getByTestId('pbx-result')).toHaveText(
      `The PBX accepted: calls are forwarded to ${EXTENSION_OF.carol} at the PBX.`,
      { timeout: 15_000 },
    );
    await expectAccessible(alice.page, 'Forwarding tab after forwarding at the PBX');
    const onCode = asterisk.sip.find(
      (r) =>
        r.direction === 'in' &&
        r.method === 'INVITE' &&
        r.status === 0 &&
        r.firstLine.includes(`*72${EXTENSION_OF.carol}@`),
    );
    expect(onCode.length).toBeGreaterThan(0);
    await alice.page.getByRole('button', { name: 'Back to phone' }).click();
    await expect(alice.page.getByTestId('forwarding-banner')).toContainText(
      `The PBX forwards your calls to ${EXTENSION_OF.carol}`,
    );
  } finally {
    await alice.close();
  }

  // alice's DeskPhone is closed (unregistered): the PBX forwards by itself.
  const logFrom = asterisk.logs().length;
  await dial(bob.page, EXTENSION_OF.alice);
  await answer(carol.page);
  await asterisk.waitForLog(
    new RegExp(`DESKPHONE-CF ${EXTENSION_OF.alice} to ${EXTENSION_OF.carol}`),
    5_000,
    logFrom,
  );
  await expectHearing(carol.page, await currentId(carol.page), 1500);
  await expectHearing(bob.page, await currentId(bob.page), 1500);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(carol.page.getByTestId('call-status')).toHaveCount(0);

  alice = await policyPhone(chromium, asterisk, 'alice-pbx-off', codes);
  try {
    await setupAccount(alice.page, phones.account('alice'));
    await expectRegistered(alice.page);
    await openForwarding(alice.page);
    await alice.page.getByRole('button', { name: 'Stop forwarding at the PBX' }).click();
    await expect(alice.page.getByTestId('pbx-result')).toHaveText(
      'The PBX accepted: forwarding at the PBX is off.',
      {
        timeout: 15_000,
      },
    );
    await alice.page.getByRole('button', { name: 'Back to phone' }).click();
    await dial(bob.page, EXTENSION_OF.alice);
    await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
    await expect(carol.page.getByTestId('incoming-call')).toHaveCount(0);
    await bob.page.getByRole('button', { name: 'Hang up' }).click();
  } finally {
    await alice.close();
  }
});
