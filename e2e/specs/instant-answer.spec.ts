import { expect, test } from '../fixtures/test';
import { expectHearing } from '../fixtures/media';
import { instrumentPhone, microphoneInCall, microphones, openStandbys } from '../fixtures/peer-connections';
import { currentCallId, dial, openTab } from '../fixtures/ui';
import type { PhoneInstance } from '../fixtures/phone';

// The microphone is never open at rest unless the user turns on "Instant
// answer"; then it is kept open while registered and handed to the next call.

async function setInstantAnswer(page: PhoneInstance['page'], on: boolean): Promise<void> {
  await openTab(page, 'Audio devices');
  const option = page.getByRole('checkbox', { name: /^Instant answer/ });
  await expect(option).toHaveAccessibleDescription(/stays open while DeskPhone is connected/);
  await option.setChecked(on);
  await expect(option).toBeFocused();
  await page.getByRole('button', { name: 'Save devices' }).click();
  await expect(page.getByText('Audio devices saved.')).toBeVisible();
  await page.getByRole('button', { name: 'Back to phone' }).click();
}

test('no microphone at rest by default; instant answer keeps one open while registered and hands it to the call', async ({
  phones,
}) => {
  test.setTimeout(90_000);
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await instrumentPhone(alice.page, { microphone: true });
  await expect.poll(() => openStandbys(alice.page)).toBe(1);
  // Registered, warm, idle: the microphone was never asked for.
  await alice.page.waitForTimeout(1500);
  expect(await microphones(alice.page)).toEqual({ requests: 0, live: 0 });

  await setInstantAnswer(alice.page, true);
  await expect.poll(() => microphones(alice.page)).toEqual({ requests: 1, live: 1 });

  await dial(bob.page, 'alice');
  await expect(alice.page.getByTestId('incoming-call')).toBeVisible();
  await alice.page.getByRole('button', { name: 'Answer' }).click();
  const bobCall = await currentCallId(bob.page);
  // The kept microphone went to the call (bob hears alice) and a new one is kept for the next call.
  await expectHearing(bob.page, bobCall, 1500);
  expect(await microphoneInCall(alice.page), 'the call sends the microphone opened before it rang').toBe(0);
  await expect.poll(() => microphones(alice.page)).toEqual({ requests: 2, live: 2 });
  await bob.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  await expect.poll(() => microphones(alice.page)).toEqual({ requests: 2, live: 1 });

  // Turned off: the kept microphone is closed at once.
  await setInstantAnswer(alice.page, false);
  await expect.poll(() => microphones(alice.page)).toEqual({ requests: 2, live: 0 });
});
