import { expect, test } from '../fixtures/test';
import { expectHearing } from '../fixtures/media';
import { currentCallId, dial } from '../fixtures/ui';
import type { Page } from '@playwright/test';

// Desk integration through main's real command paths: the e2e calls the same
// DeskController entry points that Electron's globalShortcut, second-instance
// and open-url handlers call; only the Electron adapters are absent.

async function openDeskTab(page: Page, tab: 'Audio devices' | 'Desk & hotkeys'): Promise<void> {
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('tab', { name: tab }).click();
}

function tones(page: Page, role: 'ringtone' | 'call-waiting') {
  return page.locator(`audio[data-role="${role}"]`);
}

test('a ringing call is answered by the answer hotkey path and ended by the hang-up path', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect.poll(() => bob.core.desk.trayState()).toBe('ringing');

  bob.core.desk.onHotkey('answer');
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await expectHearing(bob.page, await currentCallId(bob.page), 1500);
  await expect.poll(() => bob.core.desk.trayState()).toBe('in-call');

  bob.core.desk.onHotkey('hangup');
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
  await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  await expect.poll(() => bob.core.desk.trayState()).toBe('registered');
});

test('a tel: link delivered to a second instance places the call, normalised with the default country', async ({
  phones,
  kamailio,
}) => {
  const bob = await phones.registered('bob');
  await openDeskTab(bob.page, 'Desk & hotkeys');
  await bob.page.getByLabel('Default country for numbers without a country code').fill('GB');
  await bob.page.setViewportSize({ width: 460, height: 1100 });
  await bob.page.screenshot({ path: 'docs/screenshots/desk-settings.png', fullPage: true });
  await bob.page.getByRole('button', { name: 'Save desk settings' }).click();
  await expect(bob.page.getByText('Desk settings saved.')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Back to phone' }).click();

  const before = kamailio.inviteReceipts().length;
  bob.core.desk.handleSecondInstance(['/opt/DeskPhone/deskphone', '--no-sandbox', 'tel:020%207946%200018']);
  const confirm = bob.page.getByTestId('confirm-dial');
  await expect(confirm).toContainText('+44 20 7946 0018');
  // The window came up without taking the keyboard, and inside it no button is the default:
  // an Enter meant for another program does nothing.
  expect(bob.desk.window.focuses).toBe(0);
  await expect(confirm).toBeFocused();
  await bob.page.keyboard.press('Enter');
  await bob.page.waitForTimeout(300);
  expect(kamailio.inviteReceipts().length).toBe(before);
  const call = confirm.getByRole('button', { name: 'Call' });
  await expect(call).toBeDisabled();
  await expect(call).toBeEnabled();
  await call.click();
  await expect.poll(() => kamailio.inviteReceipts().length).toBeGreaterThan(before);
  expect(kamailio.inviteReceipts()[before]!.to).toBe('+442079460018');
  await expect(bob.page.getByTestId('call-outcome')).toContainText('480');
});

test('the ringtone plays on the chosen ringer device, and on every output when asked', async ({ phones }) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await openDeskTab(bob.page, 'Audio devices');
  await bob.page.getByRole('button', { name: 'Detect devices' }).click();
  const ringer = bob.page.getByLabel('Ringer', { exact: true });
  await expect(ringer.locator('option', { hasText: 'Fake Audio Output 2' })).toHaveCount(1);
  await ringer.selectOption({ label: 'Fake Audio Output 2' });
  const chosen = await ringer.inputValue();
  await bob.page.getByRole('button', { name: 'Save devices' }).click();
  await expect(bob.page.getByText('Audio devices saved.')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Back to phone' }).click();

  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect(tones(bob.page, 'ringtone')).toHaveCount(1);
  await expect
    .poll(() => tones(bob.page, 'ringtone').evaluate((el) => (el as HTMLAudioElement).sinkId))
    .toBe(chosen);
  await expect
    .poll(() => tones(bob.page, 'ringtone').evaluate((el) => (el as HTMLAudioElement).paused))
    .toBe(false);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(tones(bob.page, 'ringtone')).toHaveCount(0);

  await openDeskTab(bob.page, 'Audio devices');
  await bob.page.getByLabel('Ring on every output').check();
  await bob.page.getByRole('button', { name: 'Save devices' }).click();
  await expect(bob.page.getByText('Audio devices saved.')).toBeVisible();
  await bob.page.getByRole('button', { name: 'Back to phone' }).click();
  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect(tones(bob.page, 'ringtone')).toHaveCount(2);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('a second call during a call plays the call-waiting beep, not the ringtone; answering it holds the first', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(tones(bob.page, 'ringtone')).toHaveCount(0);

  await dial(carol.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call').getByText('Call waiting')).toBeVisible();
  await expect(tones(bob.page, 'call-waiting')).toHaveCount(1);
  await expect(tones(bob.page, 'ringtone')).toHaveCount(0);
  await bob.page.setViewportSize({ width: 420, height: 640 });
  await bob.page.screenshot({ path: 'docs/screenshots/call-waiting.png' });

  await bob.page.getByRole('button', { name: 'Answer' }).click();
  await expect(tones(bob.page, 'call-waiting')).toHaveCount(0);
  await expect(carol.page.getByTestId('call-status')).toHaveText('Connected');
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await carol.page.getByRole('button', { name: 'Hang up' }).click();
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});

test('the incoming-call notification names the caller; its Decline action declines, and DND refuses calls as missed', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await expect.poll(() => bob.desk.notifications.open().length).toBe(1);
  const notification = bob.desk.notifications.open()[0]!;
  expect(notification.spec.title).toBe('Incoming call');
  expect(notification.spec.body).toContain('Alice Archer');
  notification.trigger('decline');
  await expect(alice.page.getByTestId('call-outcome')).toHaveText('bob declined the call.');
  await expect.poll(() => bob.desk.notifications.open().length).toBe(0);

  // Do not disturb from the tray: the next call is refused without ringing.
  await bob.core.desk.onTrayItem('dnd');
  await expect(bob.page.getByRole('button', { name: 'Do not disturb' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect.poll(() => bob.core.desk.trayState()).toBe('dnd');
  await dial(alice.page, 'bob');
  await expect(alice.page.getByTestId('call-outcome')).toContainText('busy');
  await expect(tones(bob.page, 'ringtone')).toHaveCount(0);
  await expect(bob.page.getByTestId('call-outcome')).toContainText('Missed call from Alice Archer');
});

test('a hotkey recorded in settings is registered; a taken one is explained; the recorded key answers a call', async ({
  phones,
}) => {
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  // Main registers the platform's own spelling (Control on Linux).
  bob.desk.hotkeys.taken.add('Control+Alt+Shift+K');
  await openDeskTab(bob.page, 'Desk & hotkeys');
  const answerField = bob.page.getByLabel('Answer', { exact: true });
  await answerField.click();
  await bob.page.keyboard.press('Control+Alt+Shift+KeyJ');
  // Shown as Linux and Windows write it; saved as Electron's CommandOrControl+Alt+Shift+J.
  await expect(answerField).toHaveValue('Ctrl+Alt+Shift+J');
  await bob.page.getByLabel('Hold / resume').fill('Ctrl+Alt+Shift+J');
  await bob.page.getByLabel('Mute / unmute').fill('CommandOrControl+Alt+Shift+K');
  await bob.page.getByRole('button', { name: 'Save desk settings' }).click();
  await expect(bob.page.getByText('Some shortcuts could not be used')).toBeVisible();
  await expect(bob.page.getByText(/already used for Answer/)).toBeVisible();
  await expect(bob.page.getByText(/The system refused .*K; another program probably uses it/)).toBeVisible();
  expect(bob.desk.hotkeys.held.has('Control+Alt+Shift+A')).toBe(false);
  expect(bob.desk.hotkeys.held.has('Control+Alt+Shift+J')).toBe(true);
  await bob.page.getByRole('button', { name: 'Back to phone' }).click();

  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  expect(bob.desk.hotkeys.press('Control+Alt+Shift+J')).toBe(true);
  await expect(bob.page.getByTestId('call-status')).toHaveText('Connected');
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
});
