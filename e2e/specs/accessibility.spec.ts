import type { Browser } from '@playwright/test';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Violation } from '../fixtures/axe';
import { launchChromium } from '../fixtures/browser';
import { auditLooks, summarise } from '../fixtures/looks';
import { openPhone } from '../fixtures/phone';
import { expect, test } from '../fixtures/test';
import { dial, setupAccount } from '../fixtures/ui';

// axe-core (WCAG 2.2 A and AA) on every screen and state the suite reaches,
// each in light and dark at 380×640 and 1024×768: zero violations. Each test
// walks its screens and reports all violations together.

test.describe.configure({ timeout: 180_000 });

let strictBrowser: Browser;
test.beforeAll(async () => {
  strictBrowser = await launchChromium({ strictCertificates: true });
});
test.afterAll(async () => {
  await strictBrowser?.close();
});

test('first run, a form with errors, wrong password and unreachable server banners, a policy-locked form and the certificate panel', async ({
  phones,
  chromium,
  kamailio,
}) => {
  const found: Violation[] = [];
  const first = await phones.open('a11y-first');
  await auditLooks(first.page, 'first run: account form', found);

  await first.page.getByRole('button', { name: 'Save and connect' }).click();
  await expect(first.page.locator('[aria-invalid="true"]').first()).toBeVisible();
  await auditLooks(first.page, 'account form with errors', found);

  await setupAccount(first.page, phones.account('erin', { password: 'not-the-password' }));
  await expect(first.page.getByTestId('registration-status')).toContainText(/failed|wrong/i, {
    timeout: 15_000,
  });
  await auditLooks(first.page, 'wrong password banner', found);

  const unreachable = await phones.open('a11y-unreachable');
  await setupAccount(unreachable.page, phones.account('carol', { wsUrl: 'wss://127.0.0.1:1/ws' }));
  await expect(unreachable.page.getByRole('button', { name: /Connection doctor/ }).first()).toBeVisible({
    timeout: 15_000,
  });
  await auditLooks(unreachable.page, 'unreachable server banner', found);

  const dir = await mkdtemp(join(tmpdir(), 'deskphone-a11y-'));
  const policyFile = join(dir, 'policy.json');
  await writeFile(
    policyFile,
    JSON.stringify({
      version: 1,
      values: { 'account.wsUrl': kamailio.wssUrl, 'account.iceGatheringTimeoutMs': 700 },
      locked: ['account.wsUrl', 'account.iceGatheringTimeoutMs'],
    }),
  );
  const locked = await openPhone(chromium, { name: 'a11y-policy', extraCa: [kamailio.certPem], policyFile });
  try {
    await locked.launch();
    await expect(locked.page.getByTestId('policy-banner')).toBeVisible();
    await auditLooks(locked.page, 'policy-locked account form', found);
  } finally {
    await locked.close();
  }

  const strict = await openPhone(strictBrowser, { name: 'a11y-strict' });
  try {
    await strict.launch();
    await setupAccount(strict.page, phones.account('alice'));
    await expect(strict.page.getByTestId('certificate-trust')).toBeVisible({ timeout: 15_000 });
    await auditLooks(strict.page, 'certificate panel', found);
  } finally {
    await strict.close();
  }
  expect(summarise(found)).toEqual([]);
});

test('idle views, every Settings tab, the doctor tab and the doctor dialog from the tray', async ({
  phones,
}) => {
  const found: Violation[] = [];
  const bob = await phones.registered('bob');
  const alice = await phones.registered('alice');
  // A missed call for Recent, and a contact for Contacts.
  await dial(alice.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await auditLooks(bob.page, 'ringing in', found);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);

  await auditLooks(bob.page, 'keypad', found);
  await bob.page.getByRole('tab', { name: /Recent/ }).click();
  await auditLooks(bob.page, 'recent', found);
  await bob.page.getByRole('tab', { name: 'Contacts' }).click();
  await bob.page.getByRole('button', { name: 'Add contact' }).click();
  await auditLooks(bob.page, 'contact form', found);
  await bob.page.getByRole('textbox', { name: /^Name/ }).fill('Alice Archer');
  await bob.page.getByRole('textbox', { name: /^Number/ }).fill('alice');
  await bob.page.getByRole('button', { name: 'Save contact' }).click();
  await auditLooks(bob.page, 'contacts', found);

  await bob.page.getByRole('button', { name: 'Settings', exact: true }).click();
  for (const tab of await bob.page.getByRole('tab').all()) {
    const name = (await tab.textContent())?.trim() ?? '?';
    await tab.click();
    if (/doctor/i.test(name)) {
      await bob.page.getByRole('button', { name: /Run the doctor|Run again/ }).click();
      await expect(bob.page.getByText(/Connection doctor finished/).first()).toBeAttached({
        timeout: 30_000,
      });
    }
    await auditLooks(bob.page, `settings: ${name}`, found);
  }

  // The connection doctor opened from the tray, over whatever the window shows.
  await bob.core.desk.onTrayItem('doctor');
  await expect(bob.page.getByRole('dialog', { name: 'Connection doctor' })).toBeVisible();
  await expect(bob.page.getByText(/Connection doctor finished/).first()).toBeAttached({ timeout: 30_000 });
  await auditLooks(bob.page, 'connection doctor dialog', found);
  expect(summarise(found)).toEqual([]);
});

test('call states: dialling, ringing out, video, in call, muted and held, keypad, transfer', async ({
  phones,
}) => {
  const found: Violation[] = [];
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');

  await alice.page.getByLabel('Number or SIP address').fill('bob');
  await alice.page.getByRole('button', { name: 'Video call' }).click();
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await auditLooks(alice.page, 'ringing out', found);
  await bob.page.getByRole('button', { name: 'Answer with video' }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');
  await auditLooks(alice.page, 'video call', found);
  await alice.page.getByRole('button', { name: /camera/i }).click();

  await auditLooks(bob.page, 'in call', found);
  await alice.page.getByRole('button', { name: 'Mute', exact: true }).click();
  await alice.page.getByRole('button', { name: 'Hold', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('On hold');
  await auditLooks(alice.page, 'muted and held', found);
  await auditLooks(bob.page, 'held by the other side', found);
  await alice.page
    .getByRole('button', { name: /Hold|Resume/ })
    .first()
    .click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');

  await alice.page.getByRole('button', { name: 'Keypad' }).click();
  await auditLooks(alice.page, 'in-call keypad', found);
  await alice.page.getByRole('button', { name: 'Transfer', exact: true }).click();
  await alice.page.getByLabel('Transfer to').fill('carol');
  await auditLooks(alice.page, 'transfer panel', found);

  expect(summarise(found)).toEqual([]);
});

// The second half of the call states (each state is audited in light and dark at two sizes).
test('call states: call waiting, two lines, conference, call ended', async ({ phones }) => {
  const found: Violation[] = [];
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const carol = await phones.registered('carol');
  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(alice.page.getByTestId('call-status')).toHaveText('Connected');

  // bob takes a second call from carol: two lines, then a conference.
  await dial(carol.page, 'bob');
  await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
  await auditLooks(bob.page, 'call waiting', found);
  await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(bob.page.getByTestId('line')).toHaveCount(2);
  await auditLooks(bob.page, 'two lines', found);
  await bob.page.getByRole('button', { name: 'Merge into conference' }).click();
  await expect(bob.page.getByTestId('line').filter({ hasText: /conference/i })).toHaveCount(2);
  await auditLooks(bob.page, 'conference', found);
  await carol.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await alice.page.getByRole('button', { name: 'Hang up', exact: true }).click();
  await expect(bob.page.getByTestId('call-ended')).toBeVisible();
  await auditLooks(bob.page, 'call ended', found);

  expect(summarise(found)).toEqual([]);
});
