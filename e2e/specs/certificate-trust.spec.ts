import type { Browser } from '@playwright/test';
import { X509Certificate } from 'node:crypto';
import { launchChromium } from '../fixtures/browser';
import { openPhone } from '../fixtures/phone';
import { expect, test } from '../fixtures/test';
import { setupAccount } from '../fixtures/ui';

// The "trust this certificate" flow for a PBX with a self-signed certificate.
// This browser does NOT ignore certificate errors, so the WebSocket really
// fails as it would for a user. In Electron, main's certificate verify proc
// then accepts the pinned certificate; plain Chromium has no such hook, so
// this test checks what main decides (pin stored, probe accepts), not a
// registration through the pin.

let strictBrowser: Browser;
test.beforeAll(async () => {
  strictBrowser = await launchChromium({ strictCertificates: true });
});
test.afterAll(async () => {
  await strictBrowser?.close();
});

test('an untrusted PBX certificate is shown with its fingerprint and can be pinned for that server', async ({
  phones,
  kamailio,
}) => {
  const phone = await openPhone(strictBrowser, { name: 'alice-strict' });
  try {
    await phone.launch();
    await setupAccount(phone.page, phones.account('alice'));
    await expect(phone.page.getByTestId('registration-status')).toContainText('Registration failed');
    const panel = phone.page.getByTestId('certificate-trust');
    await expect(panel).toBeVisible();
    const expected = new X509Certificate(kamailio.certPem).fingerprint256;
    await expect(panel.getByTestId('certificate-fingerprint')).toHaveText(expected);
    await expect(panel).toContainText('127.0.0.1');
    // The reason is said once (in the offline banner), not again in the panel; and a user
    // who reads for a while (the phone retries and re-checks meanwhile) can still trust it.
    const banner = phone.page.getByTestId('offline-banner');
    await expect(banner).toBeVisible();
    const reason = (await banner.getByTestId('registration-error').innerText()).trim();
    expect(reason).toContain('does not trust the certificate');
    await expect(phone.page.getByText(reason, { exact: true })).toHaveCount(1);

    await panel.getByRole('button', { name: 'Trust this certificate' }).click();
    await expect(panel).toHaveCount(0);
    // Main asked the person natively (the renderer cannot answer that dialog), naming host and fingerprint.
    expect(phone.desk.confirm.asked).toHaveLength(1);
    expect(phone.desk.confirm.asked[0]!.message).toContain('127.0.0.1');
    expect(phone.desk.confirm.asked[0]!.detail).toContain(expected);
    const sender = { frameUrl: `${phone.server.origin}/index.html`, isOwnMainFrame: true };
    const pins = (await phone.core.router.dispatch('cert:pins', sender, {})) as {
      pins: { host: string; fingerprint256: string }[];
    };
    expect(pins.pins).toEqual([{ host: '127.0.0.1', fingerprint256: expected }]);
    const probe = (await phone.core.router.dispatch('connection:probe', sender, {
      wsUrl: kamailio.wssUrl,
    })) as {
      outcome: string;
    };
    expect(probe.outcome).toBe('ok');
  } finally {
    await phone.close();
  }
});
