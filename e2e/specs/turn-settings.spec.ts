import { expectAccessible } from '../fixtures/axe';
import { expect, test } from '../fixtures/test';
import { LABELS, openAdvanced } from '../fixtures/ui';

// The TURN-only switch in the account form: labelled, explained, and refused
// with a clear message (focus on it) while no TURN server is listed.

const RELAY_ONLY = 'Relay all media through the TURN server (TURN only)';

test('relay-only without a TURN server is refused on the switch; with one the account saves', async ({
  phones,
}) => {
  const phone = await phones.open('alice');
  const { page } = phone;
  const account = phones.account('alice');
  await page.getByLabel(LABELS.server).fill(account.wsUrl);
  await page.getByLabel(LABELS.sipAddress).fill(account.sipAddress);
  await page.getByLabel('Password', { exact: false }).first().fill(account.password);
  await page.getByLabel(LABELS.name).fill(account.displayName);
  await openAdvanced(page);
  const relay = page.getByLabel(RELAY_ONLY);
  await expect(relay).not.toBeChecked();
  await expect(relay).toHaveAccessibleDescription(/only through a TURN server/);
  await page.getByRole('button', { name: 'Add ICE server' }).click();
  await page.getByLabel('Server 1 URL').fill('stun:10.213.0.1:3478');
  await relay.check();
  await page.getByRole('button', { name: 'Save and connect' }).click();

  await expect(page.getByTestId('form-error')).toHaveText(
    'Some fields need attention before the account can be saved.',
  );
  const problem =
    '“Relay all media through the TURN server” needs a TURN server: add one starting with turn: or turns: under ICE servers, or turn this option off.';
  await expect(page.getByText(problem)).toBeVisible();
  await expect(relay).toBeFocused();
  await expect(relay).toHaveAttribute('aria-invalid', 'true');
  await expect(relay).toHaveAccessibleDescription(
    /^“Relay all media through the TURN server” needs a TURN server/,
  );
  await expect(page.getByTestId('registration-status')).not.toHaveText('Registered');
  await expectAccessible(page, 'account form with the TURN-only problem');

  // A TURN server makes the same choice valid: the account saves and registers.
  await page.getByLabel('Server 1 URL').fill('turn:10.213.0.1:3478');
  await page.getByLabel('TURN user').fill('desk');
  await page.getByLabel('TURN credential').fill('turn-secret');
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(page.getByTestId('registration-status')).toHaveText('Registered');
  const saved = phone.core.settings.get();
  expect(saved.account).toMatchObject({ iceTransportPolicy: 'relay' });
});
