import { expect, test } from '../harness/far-end-fixture';
import { DISPLAY_NAMES } from '../fixtures/test';
import { expectHearing } from '../fixtures/media';
import { currentCallId, dial, openAdvanced, openTab, pressKeypad } from '../fixtures/ui';

// DTMF at a far end that records digits (baresip behind rtpengine for RFC 4733,
// Kamailio's log of SIP INFO bodies), intercom auto-answer with each header
// form, and a PBX that refuses hold.

test('DTMF in RFC 4733 mode reaches the far end in order, from the keypad and the keyboard', async ({
  phones,
  farEnd,
}) => {
  const alice = await phones.registered('alice');
  await dial(alice.page, farEnd.user);
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await pressKeypad(alice.page, '12#');
  await farEnd.waitForDigits('12#', 5000);
  // Typing digits with the keyboard (focus outside any text field) sends them too.
  await alice.page.getByTestId('call-screen').click({ position: { x: 5, y: 5 } });
  await alice.page.keyboard.press('7');
  await farEnd.waitForDigits('12#7', 5000);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('DTMF in SIP INFO mode arrives as INFO messages in order', async ({ phones, kamailio }) => {
  const alice = await phones.registered('alice');
  await openTab(alice.page, 'Account');
  await openAdvanced(alice.page);
  await alice.page.getByLabel('Keypad tones (DTMF)').selectOption('info');
  await alice.page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(alice.page.getByTestId('registration-status')).toHaveText('Registered');
  const bob = await phones.registered('bob');
  const before = kamailio.infoRequests().length;
  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await pressKeypad(alice.page, '5*0');
  await expect
    .poll(() =>
      kamailio
        .infoRequests()
        .slice(before)
        .map((r) => r.digit)
        .join(''),
    )
    .toBe('5*0');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

for (const [form, prefix] of [
  ['Call-Info answer-after', 'page-ci-'],
  ['Alert-Info alert-autoanswer', 'page-aa-'],
  ['Alert-Info intercom', 'page-ic-'],
] as const) {
  test(`intercom call with ${form} is answered automatically when the policy allows, only from a trusted caller`, async ({
    phones,
  }) => {
    const alice = await phones.registered('alice');
    const bob = await phones.registered('bob');
    await openTab(bob.page, 'Desk & hotkeys');
    await bob.page.getByLabel(/Intercom and paging calls/).selectOption('idle');
    await bob.page.getByLabel('Answer automatically only for these callers').fill('ali*');
    await bob.page.getByRole('button', { name: 'Save desk settings' }).click();
    await expect(bob.page.getByText('Desk settings saved.')).toBeVisible();
    await bob.page.getByRole('button', { name: 'Back to phone' }).click();

    await dial(alice.page, `${prefix}bob`);
    await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
    await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);

    // A normal call still rings, and with the policy off an intercom call rings too.
    await dial(alice.page, 'bob');
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    if (prefix === 'page-ci-') {
      // The same request from a caller nobody trusted only rings: it never opens bob's microphone.
      const carol = await phones.registered('carol');
      await dial(carol.page, `${prefix}bob`);
      await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
      await bob.page.waitForTimeout(1500);
      await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
      await expect(carol.page.getByTestId('call-status')).not.toHaveText('Connected');
      await carol.page.getByRole('button', { name: 'Hang up' }).click();
      await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
    }
    await openTab(bob.page, 'Desk & hotkeys');
    await bob.page.getByLabel(/Intercom and paging calls/).selectOption('off');
    await bob.page.getByRole('button', { name: 'Save desk settings' }).click();
    await expect(bob.page.getByText('Desk settings saved.')).toBeVisible();
    await bob.page.getByRole('button', { name: 'Back to phone' }).click();
    await dial(alice.page, `${prefix}bob`);
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await bob.page.waitForTimeout(800);
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await alice.page.getByRole('button', { name: 'Hang up' }).click();
  });
}

test('a refused hold leaves the call active, with the reason, and audio keeps flowing', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const dave = await phones.registered('dave');
  await dial(alice.page, 'dave');
  await dave.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');

  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(alice.page.getByTestId('hold-error')).toContainText('could not be put on hold');
  await expect(alice.page.getByTestId('hold-error')).toContainText('488');
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(alice.page.getByRole('button', { name: 'Hold', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  // The call goes on, both ways. (It used to go on in silence: the refused offer stayed applied.)
  await expectHearing(alice.page, await currentCallId(alice.page), 1500);
  await expectHearing(dave.page, await currentCallId(dave.page), 1500);
  expect(DISPLAY_NAMES.dave).toBe('Dave Dunn');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});
