import { EXTENSION_OF, expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import { expectAccessible, untranslatedStrings } from '../fixtures/axe';
import { answer, currentId, openForwarding, policyPhone, RULE } from '../fixtures/forwarding';
import { expectHearing } from '../fixtures/media';
import { dial, expectRegistered, setupAccount } from '../fixtures/ui';

// Forwarding as an administrator and a PBX see it: a policy lock makes it
// read-only (and main refuses a change), feature codes (*72 / *73 in the test
// dialplan) forward at the PBX with DeskPhone closed, and every string of the
// feature comes from the catalogue.

skipWithoutAsterisk();

// The PBX keeps forwarding in its database: a test that stops half-way must not forward the next one's calls.
test.afterEach(async ({ asterisk }) => {
  await asterisk.cli('database deltree CF');
});

test('pseudo-locale: the forwarding banner, header button and Forwarding tab take every string from the catalogue', async ({
  phones,
}) => {
  const alice = await phones.registered('alice', {}, { locale: 'en-XA', colorScheme: 'dark' });
  const page = alice.page;
  await page.evaluate(async (carol) => {
    const view = await window.deskphone.invoke('desk:get', {});
    const forwarding = {
      always: { enabled: false, target: carol },
      busy: { enabled: true, target: carol },
      noAnswer: { enabled: true, target: carol, seconds: 15 },
      forwardOnCode: '*72',
      forwardOffCode: '*73',
      pbxTarget: carol,
    };
    await window.deskphone.invoke('desk:save', { ...view.settings, forwarding });
  }, EXTENSION_OF.carol);
  const data = [EXTENSION_OF.carol, '15', '*72', '*73', '5', '120', '↪'];
  const banner = page.getByTestId('forwarding-banner');
  await expect(banner).toContainText(EXTENSION_OF.carol);
  expect(await untranslatedStrings(page, data, '[data-testid="forwarding-banner"]')).toEqual([]);
  expect(await untranslatedStrings(page, data, 'header button.forward')).toEqual([]);
  await expectAccessible(page, 'main screen with the forwarding banner (dark, pseudo-locale)');
  await page.locator('header button').last().click();
  await page.locator('#tab-forwarding').click();
  await expect(page.locator('form.forwarding')).toBeVisible();
  expect(await untranslatedStrings(page, data, 'form.forwarding')).toEqual([]);
  expect(await untranslatedStrings(page, data, '#tab-forwarding')).toEqual([]);
  await expectAccessible(page, 'Forwarding tab (dark, pseudo-locale)');
  await page.screenshot({ path: '/tmp/forward-pseudo-dark.png', fullPage: true });
});

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
    expect(await asterisk.cli('database show CF')).toMatch(
      new RegExp(`/CF/${EXTENSION_OF.alice}\\s*:\\s*${EXTENSION_OF.carol}`),
    );
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
    expect(await asterisk.cli('database show CF')).not.toContain(`/CF/${EXTENSION_OF.alice}`);
    await alice.page.getByRole('button', { name: 'Back to phone' }).click();
    await dial(bob.page, EXTENSION_OF.alice);
    await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
    await expect(carol.page.getByTestId('incoming-call')).toHaveCount(0);
    await bob.page.getByRole('button', { name: 'Hang up' }).click();
  } finally {
    await alice.close();
  }
});
