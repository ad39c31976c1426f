import { EXTENSION_OF, expect, skipWithoutAsterisk, test } from '../fixtures/asterisk';
import { addColleagues, lamp, openBoard, subscribesSince } from '../fixtures/board';
import { LABELS, registrationStatus } from '../fixtures/ui';

// A colleague's lamp across an account save: the phone ends its dialog and
// presence subscriptions at Asterisk before it subscribes anew, so the PBX
// is not left notifying a connection that is gone.

skipWithoutAsterisk();

test('saving the account again ends the old lamp subscriptions at Asterisk (Expires: 0) before subscribing anew', async ({
  phones,
  asterisk,
}) => {
  const alice = await phones.registered('alice');
  await phones.registered('bob');
  const page = alice.page;
  await openBoard(page);
  await addColleagues(page, [EXTENSION_OF.bob]);
  await page.getByRole('button', { name: 'Done editing' }).click();
  await expect(lamp(page, EXTENSION_OF.bob)).toHaveText('Available', { timeout: 5_000 });

  const savedAt = Date.now();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByLabel(LABELS.name).fill('Alice A. Archer');
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(registrationStatus(page)).toHaveText('Registered', { timeout: 10_000 });
  // Both packages are ended at the PBX (RFC 6665: a SUBSCRIBE with Expires: 0), not left to time out.
  const ended = () =>
    subscribesSince(asterisk, savedAt)
      // In-dialog, so the request goes to Asterisk's contact; To still names bob.
      .filter((r) => (r.headers.get('to')?.[0] ?? '').includes(`sip:${EXTENSION_OF.bob}@`))
      .filter((r) => (r.headers.get('expires')?.[0] ?? '').trim() === '0')
      .map((r) => (r.headers.get('event')?.[0] ?? '').split(';')[0]!.trim().toLowerCase());
  await expect.poll(() => new Set(ended()), { timeout: 5_000 }).toEqual(new Set(['dialog', 'presence']));
  await page.getByRole('tab', { name: 'Colleagues' }).click();
  await expect(lamp(page, EXTENSION_OF.bob)).toHaveText('Available', { timeout: 5_000 });
});
