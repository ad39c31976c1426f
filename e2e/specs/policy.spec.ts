import { access, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPhone, type OpenPhoneOptions, type PhoneInstance } from '../fixtures/phone';
import { DISPLAY_NAMES, expect, test, USERS } from '../fixtures/test';
import { expectAccessible } from '../fixtures/axe';
import { expectRegistered, LABELS, openAdvanced } from '../fixtures/ui';

// Machine-wide policy and first-run provisioning, end to end: the real core
// reads the files as the app would (policy path and --provision argument),
// the real renderer shows the locks, and Kamailio takes the registration.

const opened: PhoneInstance[] = [];
test.afterEach(async () => {
  for (const phone of opened.splice(0)) await phone.close();
});

async function tempFile(name: string, body: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'deskphone-policy-'));
  const path = join(dir, name);
  await writeFile(path, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return path;
}

test('locked WebSocket URL and ICE limit are read-only; the user fills the rest and registers', async ({
  chromium,
  kamailio,
}) => {
  const policyFile = await tempFile('policy.json', {
    version: 1,
    values: { 'account.wsUrl': kamailio.wssUrl, 'account.iceGatheringTimeoutMs': 700 },
    locked: ['account.wsUrl', 'account.iceGatheringTimeoutMs'],
  });
  const phone = await open(chromium, { name: 'alice-policy', extraCa: [kamailio.certPem], policyFile });
  const page = phone.page;

  const wsUrl = page.getByLabel(LABELS.server);
  await expect(wsUrl).toHaveValue(kamailio.wssUrl);
  await expect(wsUrl).toHaveAttribute('readonly', '');
  await expect(wsUrl).toHaveAccessibleDescription(/Set by your administrator/);
  await expect(page.getByText('Set by your administrator').first()).toBeVisible();
  await openAdvanced(page);
  await expect(page.getByLabel('ICE gathering limit (ms)')).toHaveValue('700');
  await expect(page.getByLabel('ICE gathering limit (ms)')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('policy-banner')).toContainText('managed by your administrator');
  await expectAccessible(page, 'policy-locked account form');
  await expect(page.getByTestId('from-it')).toContainText(
    'Your IT department has filled in some of these settings',
  );

  await page.getByLabel(LABELS.name).fill(DISPLAY_NAMES.alice);
  await page.getByLabel(LABELS.sipAddress).fill(`alice@${kamailio.domain}`);
  await page.getByLabel('Password', { exact: false }).first().fill(USERS.alice);
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expectRegistered(page);

  const stored = JSON.parse(await readFile(join(phone.userDataDir, 'settings.json'), 'utf8'));
  expect(stored.account).toMatchObject({ wsUrl: kamailio.wssUrl, iceGatheringTimeoutMs: 700 });
  // Video is on unless the administrator switches it off.
  await expect(page.getByRole('button', { name: 'Video call' })).toBeVisible();
});

test('features.video off by policy hides every video control', async ({ chromium, kamailio }) => {
  const policyFile = await tempFile('policy.json', {
    version: 1,
    values: { 'account.wsUrl': kamailio.wssUrl, 'features.video': false },
    locked: ['features.video'],
  });
  const phone = await open(chromium, { name: 'alice-novideo', extraCa: [kamailio.certPem], policyFile });
  const page = phone.page;
  await page.getByLabel(LABELS.name).fill(DISPLAY_NAMES.alice);
  await page.getByLabel(LABELS.sipAddress).fill(`alice@${kamailio.domain}`);
  await page.getByLabel('Password', { exact: false }).first().fill(USERS.alice);
  await page.getByRole('button', { name: 'Save and connect' }).click();
  await expectRegistered(page);
  await expect(page.getByRole('button', { name: 'Call', exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Video call' })).toHaveCount(0);
});

test('an invalid policy key shows the banner; the valid keys still apply', async ({ chromium, kamailio }) => {
  const policyFile = await tempFile('policy.json', {
    version: 1,
    values: {
      'account.wsUrl': kamailio.wssUrl,
      'account.iceGatheringTimeoutMs': 'fast',
      'desk.notASetting': true,
    },
    locked: ['account.wsUrl'],
  });
  const phone = await open(chromium, { name: 'policy-invalid', extraCa: [kamailio.certPem], policyFile });
  const banner = phone.page.getByTestId('policy-banner');
  await expect(banner).toContainText('"account.iceGatheringTimeoutMs" has a value DeskPhone cannot use');
  await expect(banner).toContainText('"desk.notASetting" is not a setting DeskPhone knows');
  await expect(phone.page.getByRole('alert').filter({ hasText: 'were ignored' }).first()).toBeVisible();
  await expect(phone.page.getByLabel(LABELS.server)).toHaveValue(kamailio.wssUrl);
  await expect(phone.page.getByLabel(LABELS.server)).toHaveAttribute('readonly', '');
  await openAdvanced(phone.page);
  await expect(phone.page.getByLabel('ICE gathering limit (ms)')).toHaveValue('500');
  await expect(phone.page.getByLabel('ICE gathering limit (ms)')).not.toHaveAttribute('readonly');
});

test('a provisioning file registers the phone without the form and is deleted when asked', async ({
  chromium,
  kamailio,
}) => {
  const provisionFile = await tempFile('alice-provision.json', {
    version: 1,
    account: {
      displayName: DISPLAY_NAMES.alice,
      sipAddress: `alice@${kamailio.domain}`,
      wsUrl: kamailio.wssUrl,
    },
    password: USERS.alice,
    deleteAfterImport: true,
  });
  const phone = await open(chromium, {
    name: 'alice-provisioned',
    extraCa: [kamailio.certPem],
    args: [`--provision=${provisionFile}`],
  });
  await expectRegistered(phone.page);
  await expect(access(provisionFile)).rejects.toThrow();
  const settingsFile = await readFile(join(phone.userDataDir, 'settings.json'), 'utf8');
  expect(settingsFile).toContain(`alice@${kamailio.domain}`);
  expect(settingsFile).not.toContain(USERS.alice);
  expect(await readFile(join(phone.userDataDir, 'logs', 'main.log'), 'utf8')).not.toContain(USERS.alice);
});

async function open(
  chromium: Parameters<typeof openPhone>[0],
  options: OpenPhoneOptions,
): Promise<PhoneInstance> {
  const phone = await openPhone(chromium, options);
  opened.push(phone);
  await phone.launch();
  return phone;
}
