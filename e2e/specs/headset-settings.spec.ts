import type { Page } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPhone } from '../fixtures/phone';
import { DISPLAY_NAMES, expect, test, USERS } from '../fixtures/test';
import { expectAccessible } from '../fixtures/axe';
import { addFakeHid, hidOpened } from '../fixtures/fake-hid';
import { JABRA_EVOLVE2_65, POLY_BLACKWIRE_3220 } from '../fixtures/hid-devices';
import { expectRegistered, openTab, setupAccount } from '../fixtures/ui';

// What a person sees of headset support: nothing new on the phone itself, one
// quiet line in Settings without a headset; with one, its name, vendor and
// whether its buttons work, the setting, and the offer to use it for audio.
// The driver's chunk is fetched only when a headset is there.

/** Script files the page fetches from now on, by chunk name (its 8-character hash, which may hold a "-", dropped). */
function watchScripts(page: Page): string[] {
  const scripts: string[] = [];
  page.on('request', (request) => {
    const name = /\/assets\/([\w.-]+)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname)?.[1];
    if (name) scripts.push(name);
  });
  return scripts;
}

test('no headset: the driver is never fetched, the phone shows nothing new, Settings has one quiet line', async ({
  phones,
}) => {
  const bob = await phones.registered('bob');
  await addFakeHid(bob.page, [JABRA_EVOLVE2_65], { plugged: [], granted: [] });
  const scripts = watchScripts(bob.page);
  await bob.page.reload();
  await expectRegistered(bob.page);
  await bob.page.waitForTimeout(1500);
  expect(scripts, 'the start-up scripts were watched').toContain('index');
  expect(scripts.filter((s) => s.includes('driver'))).toEqual([]);
  await expect(bob.page.getByText(/headset/i)).toHaveCount(0);

  await openTab(bob.page, 'Audio devices');
  await expect(bob.page.getByTestId('headset-status')).toHaveText(
    'No headset with call buttons is connected.',
  );
  await expect(bob.page.getByRole('checkbox', { name: "Use the headset's buttons and lights" })).toHaveCount(
    0,
  );
  expect(scripts.filter((s) => s.includes('driver'))).toEqual([]);
});

test('a headset present at start-up: its driver chunk is fetched after the page started, and the tab shows it working', async ({
  phones,
}) => {
  const bob = await phones.registered('bob');
  await addFakeHid(bob.page, [JABRA_EVOLVE2_65]);
  const scripts = watchScripts(bob.page);
  await bob.page.reload();
  await expectRegistered(bob.page);
  await expect.poll(() => hidOpened(bob.page, 'jabra'), { timeout: 10_000 }).toBe(true);
  expect(scripts).toContain('telephony-driver');
  expect(scripts.indexOf('telephony-driver')).toBeGreaterThan(scripts.indexOf('index'));

  await openTab(bob.page, 'Audio devices');
  const section = bob.page.getByTestId('headset-section');
  await expect(section.getByRole('heading', { name: 'Headset' })).toBeVisible();
  await expect(bob.page.getByTestId('headset-device')).toHaveText('Jabra Evolve2 65 (Jabra)');
  await expect(bob.page.getByTestId('headset-status')).toContainText(
    "Call control active: the headset's buttons answer, hang up, mute and hold calls.",
  );
  const setting = bob.page.getByRole('checkbox', { name: "Use the headset's buttons and lights" });
  await expect(setting).toBeChecked();
  await section.scrollIntoViewIfNeeded();
  await bob.page.screenshot({ path: 'docs/screenshots/headset-settings.png' });
  await expectAccessible(bob.page, 'Audio devices with a headset');

  // One click routes the call's audio through the headset (its sound card carries its name).
  await section.getByRole('button', { name: 'Use Jabra Evolve2 65 for microphone and call audio' }).click();
  await expect(bob.page.getByText('Jabra Evolve2 65 is now the microphone and call audio.')).toBeVisible();
  await expect(bob.page.locator('#mic option:checked')).toHaveText('Jabra Evolve2 65 (0b0e:24b8)');
  await expect(bob.page.locator('#speaker option:checked')).toHaveText('Jabra Evolve2 65 (0b0e:24b8)');
  await expect(section.getByRole('button', { name: /^Use Jabra/ })).toHaveCount(0);

  // Call control off: the device is let go, and the tab says why nothing happens.
  await setting.uncheck();
  await bob.page.getByRole('button', { name: 'Save devices' }).click();
  await expect(bob.page.getByTestId('headset-status')).toHaveText(
    'Call control is off: the headset works as an audio device only.',
  );
  await expect.poll(() => hidOpened(bob.page, 'jabra')).toBe(false);
});

test('"Connect a headset" asks the browser for one from the click, and call control starts on it', async ({
  phones,
}) => {
  const bob = await phones.registered('bob');
  await addFakeHid(bob.page, [POLY_BLACKWIRE_3220], { plugged: ['poly'], granted: [] });
  await bob.page.reload();
  await expectRegistered(bob.page);
  await openTab(bob.page, 'Audio devices');
  await expect(bob.page.getByTestId('headset-status')).toHaveText(
    'No headset with call buttons is connected.',
  );
  await bob.page.getByRole('button', { name: 'Connect a headset' }).click();
  await expect(bob.page.getByTestId('headset-device')).toHaveText('Plantronics Blackwire 3220 Series (Poly)');
  await expect(bob.page.getByTestId('headset-status')).toContainText('Call control active');
  expect(await hidOpened(bob.page, 'poly')).toBe(true);
});

test('policy: call control switched off, or the vendor left out, is shown as the administrator’s and the headset is not driven', async ({
  chromium,
  kamailio,
}) => {
  const dir = await mkdtemp(join(tmpdir(), 'deskphone-headset-policy-'));
  const cases = [
    {
      policy: { values: { 'desk.headset.callControl': false }, locked: ['desk.headset.callControl'] },
      status: 'Call control is switched off by your administrator.',
    },
    {
      policy: { values: { 'desk.headset.vendors': ['poly'] }, locked: ['desk.headset.vendors'] },
      status: 'Your administrator does not allow call control for Jabra headsets.',
    },
  ];
  for (const [index, { policy, status }] of cases.entries()) {
    const policyFile = join(dir, `policy-${index}.json`);
    await writeFile(policyFile, JSON.stringify({ version: 1, ...policy }));
    const phone = await openPhone(chromium, {
      name: `headset-policy-${index}`,
      extraCa: [kamailio.certPem],
      policyFile,
    });
    try {
      await addFakeHid(phone.page, [JABRA_EVOLVE2_65]);
      await phone.launch();
      await setupAccount(phone.page, {
        displayName: DISPLAY_NAMES.carol,
        sipAddress: `carol@${kamailio.domain}`,
        password: USERS.carol,
        wsUrl: kamailio.wssUrl,
      });
      await expectRegistered(phone.page);
      await openTab(phone.page, 'Audio devices');
      await expect(phone.page.getByTestId('headset-device')).toHaveText('Jabra Evolve2 65 (Jabra)');
      await expect(phone.page.getByTestId('headset-status')).toHaveText(status);
      expect(await hidOpened(phone.page, 'jabra')).toBe(false);
      if (index === 0) {
        const setting = phone.page.getByRole('checkbox', { name: "Use the headset's buttons and lights" });
        await expect(setting).toBeDisabled();
        await expect(setting).not.toBeChecked();
        await expect(setting).toHaveAccessibleDescription('Set by your administrator');
        await expectAccessible(phone.page, 'Audio devices, headset call control locked off');
      }
    } finally {
      await phone.close();
    }
  }
});
