import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { InvokeChannel } from '../../contract/channels';
import { openPhone } from '../fixtures/phone';
import { emptyAccount } from '../../contract/account';
import { expect, test, USERS } from '../fixtures/test';

// A PBX with a self-signed certificate, end to end through the renderer, the
// preload bridge, the IPC router and the core, against the real Kamailio over
// WSS. This phone is opened WITHOUT the harness's CA, the way a desk
// computer first meets a company PBX: the connection check refuses the
// certificate and shows its fingerprint; after the user accepts exactly that
// certificate ('cert:pin', by the id of main's own check, confirmed in a native
// dialog) the check passes; removing it refuses again; and a wrong
// fingerprint is caught as a changed certificate.

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

test('a self-signed PBX certificate is trusted only after the user accepts, natively, the certificate main received', async ({
  chromium,
  kamailio,
}) => {
  const phone = await openPhone(chromium, { name: 'cert-pin' });
  try {
    await phone.launch();
    const wsUrl = kamailio.wssUrl;
    const host = new URL(wsUrl).hostname;
    const fingerprint = new X509Certificate(kamailio.certPem).fingerprint256;

    // No account yet: main probes no server the renderer merely names.
    await expect(invoke(phone.page, 'connection:probe', { wsUrl })).rejects.toThrow(/saved account/);
    await invoke(phone.page, 'settings:save', {
      account: { ...emptyAccount(), displayName: 'A', sipAddress: 'alice@127.0.0.1', wsUrl },
      password: USERS.alice,
    });
    await expect(invoke(phone.page, 'connection:probe', { wsUrl: 'wss://10.0.0.1:8089/ws' })).rejects.toThrow(
      /saved account/,
    );

    const refused = await invoke(phone.page, 'connection:probe', { wsUrl });
    expect(refused.outcome).toBe('tls');
    const certificate = refused.certificate as { fingerprint256: string; probeId: string };
    // What the user compares with their administrator before accepting.
    expect(certificate.fingerprint256).toBe(fingerprint);

    // A fingerprint main never received cannot be pinned, whatever the renderer says.
    await expect(invoke(phone.page, 'cert:pin', { host, fingerprint256: 'AB'.repeat(32) })).rejects.toThrow(
      /not accepted/,
    );
    await expect(invoke(phone.page, 'cert:pin', { probeId: 'made-up-probe-id' })).rejects.toThrow(
      /latest check/,
    );
    // The user says no in the native dialog: nothing is pinned.
    phone.desk.confirm.answer = false;
    await expect(invoke(phone.page, 'cert:pin', { probeId: certificate.probeId })).rejects.toThrow(
      /not accepted/,
    );
    expect((await invoke(phone.page, 'cert:pins', {})).pins).toEqual([]);

    phone.desk.confirm.answer = true;
    const pinned = await invoke(phone.page, 'cert:pin', { probeId: certificate.probeId });
    expect(pinned.pins).toEqual([{ host, fingerprint256: fingerprint }]);
    expect(phone.desk.confirm.asked.at(-1)!.detail).toContain(fingerprint);
    const accepted = await invoke(phone.page, 'connection:probe', { wsUrl });
    expect(accepted.outcome).toBe('ok');
    expect(String(accepted.message)).toContain('You accepted this certificate');
    // Kept in the profile as a plain, readable file (a fingerprint is not a secret).
    const file = JSON.parse(await readFile(join(phone.userDataDir, 'certificate-pins.json'), 'utf8'));
    expect(file.pins[host]).toBe(fingerprint);

    // A pin that no longer matches what the server presents is caught as a changed certificate.
    await phone.core.certificates.pin(host, 'AB'.repeat(32));
    const changed = await invoke(phone.page, 'connection:probe', { wsUrl });
    expect(changed.outcome).toBe('tls');
    expect(String(changed.message)).toContain('different certificate');

    expect((await invoke(phone.page, 'cert:unpin', { host })).pins).toEqual([]);
    expect((await invoke(phone.page, 'connection:probe', { wsUrl })).outcome).toBe('tls');
  } finally {
    await phone.close();
  }
});
