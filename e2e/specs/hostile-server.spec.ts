import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSelfSignedCert } from '../harness/certs';
import { startHostileServer } from '../harness/hostile-ws';
import { expect, test } from '../fixtures/test';
import { LABELS, setupAccount } from '../fixtures/ui';

// A "server" that floods the phone with 10,000 malformed and hostile SIP
// messages and then drops the connection without a close frame. The phone
// must not crash, must not leak promises or memory, and must say what is wrong.

test('10,000 malformed SIP messages and an abrupt close: no crash, no unhandled rejection, a clear error, bounded memory', async ({
  phones,
}) => {
  test.setTimeout(120_000);
  const cert = await generateSelfSignedCert(await mkdtemp(join(tmpdir(), 'deskphone-hostile-')));
  const server = await startHostileServer(cert, { messages: 10_000, dropEvery: 10_000 });
  try {
    const phone = await phones.open('victim');
    const pageErrors: string[] = [];
    phone.page.on('pageerror', (error) => pageErrors.push(error.message));
    // Saving an account for a new server reloads the page (to get a CSP for it), so install for later documents too.
    const watch = () => {
      const w = window as unknown as { __rejections?: string[] };
      if (w.__rejections) return;
      w.__rejections = [];
      window.addEventListener('unhandledrejection', (event) => w.__rejections!.push(String(event.reason)));
    };
    await phone.page.addInitScript(watch);
    await phone.page.evaluate(watch);

    await setupAccount(phone.page, phones.account('alice', { wsUrl: server.url }));
    await expect.poll(() => server.sent(), { timeout: 60_000 }).toBe(10_000);
    await expect(phone.page.getByTestId('registration-status')).toHaveText(
      /Registration failed|Reconnecting/,
      {
        timeout: 40_000,
      },
    );
    await expect(phone.page.getByTestId('registration-error')).not.toBeEmpty();

    const rejections = await phone.page.evaluate(
      () => (window as unknown as { __rejections: string[] }).__rejections,
    );
    expect(pageErrors).toEqual([]);
    expect(rejections).toEqual([]);
    const heapMb = await phone.page.evaluate(
      () =>
        ((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) /
        1e6,
    );
    console.log(
      `Hostile server: ${server.sent()} messages over ${server.connections()} connection(s); heap ${heapMb.toFixed(1)} MB`,
    );
    expect(heapMb).toBeLessThan(120);
    // Still a working app: settings open, the account can be corrected.
    await phone.page.getByRole('button', { name: 'Settings', exact: true }).click();
    await expect(phone.page.getByLabel(LABELS.server)).toHaveValue(server.url);
  } finally {
    await server.close();
  }
});
