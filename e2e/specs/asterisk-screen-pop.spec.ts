import { EXTENSIONS } from '../harness/asterisk';
import { OUTSIDE_CALLER } from '../harness/asterisk-dialplan';
import { expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import { dial, openTab } from '../fixtures/ui';

// Screen-pop for an outside caller as a real PBX presents one: Asterisk sets
// a London number and a display name full of URL tricks, and main hands the
// browser exactly one URL with both encoded and {e164} filled in.

skipWithoutAsterisk();

test('an outside caller on ring: the number, its E.164 form and the hostile name arrive encoded, once', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await openTab(bob.page, 'Desk & hotkeys');
  await bob.page
    .getByLabel('Caller record address')
    .fill('https://crm.example.com/calls/{name}?from={number}&e164={e164}&dir={direction}');
  await bob.page.getByLabel('Open the caller record by itself').selectOption({ label: 'When a call rings' });
  await bob.page.getByRole('button', { name: 'Save desk settings' }).click();
  await expect(bob.page.getByText('Desk settings saved.')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Back to phone' }).click();

  await dial(alice.page, `${EXTENSIONS.outsideCallerPrefix}1002`);
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect(bob.page.getByTestId('caller-name')).toHaveText(OUTSIDE_CALLER.name);
  await expect
    .poll(() => bob.desk.browser.opened)
    .toEqual([
      'https://crm.example.com/calls/Zo%C3%AB%20..%2F%3Fx%3D1%23%40evil.com?from=%2B442079460018&e164=%2B442079460018&dir=incoming',
    ]);
  await bob.page.waitForTimeout(1500);
  expect(bob.desk.browser.opened).toHaveLength(1);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
});
