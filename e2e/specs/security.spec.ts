import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { InvokeChannel } from '../../contract/channels';
import { openPhone } from '../fixtures/phone';
import { expect, test } from '../fixtures/test';

// A PBX with a self-signed certificate, end to end through the renderer, the
// preload bridge, the IPC router and the core, against the real Kamailio over
// WSS. This phone is opened WITHOUT the harness's CA, the way a desk
// computer first meets a company PBX: the connection check refuses the
// certificate and shows its fingerprint; after the user accepts exactly that
// certificate ('cert:pin') the check passes; removing it refuses again; and a
// wrong fingerprint is caught as a changed certificate.

function invoke(page: Page, channel: InvokeChannel, request: unknown): Promise<Record<string, unknown>> {
  return page.evaluate(
    ([c, r]) =>
      (
        window as unknown as {
          deskphone: { invoke(c: string, r: unknown): Promise<Record<string, unknown>> };
        }
      ).deskphone.invoke(c, r),
    [channel, request] as const,
  );
}

test('a self-signed PBX certificate is trusted only after the user accepts that exact certificate', async ({
  chromium,
  kamailio,
}) => {
  const phone = await openPhone(chromium, { name: 'cert-pin' });
  try {
    await phone.launch();
    const wsUrl = kamailio.wssUrl;
    const host = new URL(wsUrl).hostname;
    const fingerprint = new X509Certificate(kamailio.certPem).fingerprint256;

    const refused = await invoke(phone.page, 'connection:probe', { wsUrl });
    expect(refused.outcome).toBe('tls');
    // What the user compares with their administrator before accepting.
    expect((refused.certificate as { fingerprint256: string }).fingerprint256).toBe(fingerprint);

    const pinned = await invoke(phone.page, 'cert:pin', { host, fingerprint256: fingerprint });
    expect(pinned.pins).toEqual([{ host, fingerprint256: fingerprint }]);
    const accepted = await invoke(phone.page, 'connection:probe', { wsUrl });
    expect(accepted.outcome).toBe('ok');
    expect(String(accepted.message)).toContain('You accepted this certificate');
    // Kept in the profile as a plain, readable file (a fingerprint is not a secret).
    const file = JSON.parse(await readFile(join(phone.userDataDir, 'certificate-pins.json'), 'utf8'));
    expect(file.pins[host]).toBe(fingerprint);

    await invoke(phone.page, 'cert:pin', { host, fingerprint256: 'AB'.repeat(32) });
    const changed = await invoke(phone.page, 'connection:probe', { wsUrl });
    expect(changed.outcome).toBe('tls');
    expect(String(changed.message)).toContain('different certificate');

    expect((await invoke(phone.page, 'cert:unpin', { host })).pins).toEqual([]);
    expect((await invoke(phone.page, 'connection:probe', { wsUrl })).outcome).toBe('tls');

    // Malformed requests are refused by the contract before any handler runs.
    await expect(
      invoke(phone.page, 'cert:pin', { host: 'wss://x/ws', fingerprint256: 'nope' }),
    ).rejects.toThrow(/not accepted/);
  } finally {
    await phone.close();
  }
});
