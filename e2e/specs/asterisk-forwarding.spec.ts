import { EXTENSION_OF, expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import { expectAccessible } from '../fixtures/axe';
import {
  answer,
  currentId,
  forward,
  invitesOut,
  openForwarding,
  redirectFrom,
  RULE,
} from '../fixtures/forwarding';
import { expectHearing } from '../fixtures/media';
import { dial } from '../fixtures/ui';

// Call forwarding in the phone against a real Asterisk 22: the phone answers
// with 302 and the target as Contact, and Asterisk's Dial() follows it to the
// target (another DeskPhone). The rules are set through the Forwarding tab.

skipWithoutAsterisk();

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

  // The header's quick switch turns "forward all" back on, to the same target, and off again.
  const quick = alice.page.getByRole('button', { name: 'Forward all calls' });
  await expect(quick).toHaveAttribute('aria-pressed', 'false');
  await quick.focus();
  await alice.page.keyboard.press('Enter');
  await expect(banner).toContainText(`Calls are forwarded to ${EXTENSION_OF.carol}`);
  await alice.page.keyboard.press('Enter');
  await expect(banner).toHaveCount(0);
});

test('after 5 s: a call answered, declined or given up in time stays; one left ringing goes to carol 5 s after the INVITE', async ({
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

  // The caller gives up after 2 s, then alice declines the next call: both
  // timers stop, and 5 s after each ring carol has still not rung.
  const stoppedFrom = Date.now();
  await dial(bob.page, EXTENSION_OF.alice);
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await alice.page.waitForTimeout(2_000);
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);
  await dial(bob.page, EXTENSION_OF.alice);
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await alice.page.getByRole('button', { name: 'Decline' }).click();
  await alice.page.waitForTimeout(5_500);
  await expect(carol.page.getByTestId('incoming-call')).toHaveCount(0);
  expect(redirectFrom(asterisk, stoppedFrom), 'no 302 after CANCEL or Decline').toBeUndefined();
  await expect(bob.page.getByTestId('call-status')).toHaveCount(0);

  // Left ringing: after 5 s it leaves alice and rings carol.
  const start = Date.now();
  await dial(bob.page, EXTENSION_OF.alice);
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible({ timeout: 10_000 });
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);
  // The ringing notification main showed for it is gone too.
  expect(alice.desk.notifications.shown.length).toBeGreaterThan(0);
  await expect.poll(() => alice.desk.notifications.open().length).toBe(0);
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
  await expect(dave.page.getByTestId('call-status')).toHaveCount(0);

  // Do not disturb counts as busy: forwarded rather than refused.
  await alice.page.getByRole('button', { name: 'Do not disturb' }).click();
  await expect(alice.page.getByRole('button', { name: 'Do not disturb' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const dndAt = Date.now();
  await dial(dave.page, EXTENSION_OF.alice);
  await expect(carol.page.getByTestId('incoming-call')).toBeVisible();
  expect(redirectFrom(asterisk, dndAt)).toBeDefined();
  await expect(alice.page.getByTestId('incoming-call')).toHaveCount(0);
  await dave.page.getByRole('button', { name: 'Hang up' }).click();
});

test('the header switch and an open Forwarding tab agree: saving the tab afterwards keeps what the switch did', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  await forward(alice.page, 'always', EXTENSION_OF.carol);
  const quick = alice.page.getByRole('button', { name: 'Forward all calls' });
  const banner = alice.page.getByTestId('forwarding-banner');
  await expect(quick).toHaveAttribute('aria-pressed', 'true');

  await openForwarding(alice.page);
  const all = alice.page.getByRole('group', { name: RULE.always });
  await expect(all.getByRole('checkbox', { name: 'On' })).toBeChecked();
  // Off from the header while the tab is open: the tab shows it at once.
  await quick.click();
  await expect(quick).toHaveAttribute('aria-pressed', 'false');
  await expect(all.getByRole('checkbox', { name: 'On' })).not.toBeChecked();
  await expect(all.getByLabel('Forward to')).toHaveValue(EXTENSION_OF.carol);

  // Another rule edited and saved here: "forward all" stays off.
  const busy = alice.page.getByRole('group', { name: RULE.busy });
  await busy.getByLabel('Forward to').fill(EXTENSION_OF.dave);
  await alice.page.getByRole('button', { name: 'Save forwarding' }).click();
  await expect(alice.page.getByRole('status').filter({ hasText: 'Forwarding saved.' })).toBeVisible();
  await expect(quick).toHaveAttribute('aria-pressed', 'false');
  await alice.page.getByRole('button', { name: 'Back to phone' }).click();
  await expect(banner).toHaveCount(0);
});
