import { locateAsterisk } from '../harness/asterisk-build';
import { startAsterisk, type AsteriskHandle } from '../harness/asterisk';
import { sleep } from '../harness/process-groups';
import { ASTERISK_ENDPOINTS, EXTENSION_OF } from '../fixtures/asterisk';
import { openPhone, type PhoneInstance } from '../fixtures/phone';
import { waitForRegistration } from '../fixtures/reliability';
import { DISPLAY_NAMES, expect, test, USERS } from '../fixtures/test';
import { expectRegistered, setupAccount, type AccountInput } from '../fixtures/ui';

// Server outages of 8 s, 30 s and 2 minutes, Kamailio and Asterisk down at
// the same time (so the clock runs once for both): each phone must be
// Registered within 3 s of its server listening again, and the tries it
// made while the server was away stay few.

const OUTAGES_S = [8, 30, 120];
const BACK_WITHIN_MS = 3000;
/** The schedule makes about 40 tries in the first minute and 30 in the second. */
const MAX_TRIES_IN_2_MIN = 80;

interface Target {
  server: string;
  phone: PhoneInstance;
  /** Takes the server down for `ms`, starts it again, and resolves with when it listened. */
  outage(ms: number): Promise<number>;
}

/** The highest reconnection attempt the page showed since the last reset. */
async function trackAttempts(phone: PhoneInstance): Promise<void> {
  await phone.context.addInitScript(() => {
    const w = window as unknown as {
      __maxAttempt: number;
      __deskphoneDiagnostics?: { snapshot(): { registration: { attempt?: number } } };
    };
    w.__maxAttempt = 0;
    setInterval(() => {
      const attempt = w.__deskphoneDiagnostics?.snapshot().registration.attempt ?? 0;
      w.__maxAttempt = Math.max(w.__maxAttempt, attempt);
    }, 25);
  });
}

async function registeredPhone(
  chromium: Parameters<typeof openPhone>[0],
  name: string,
  certPem: string,
  account: AccountInput,
): Promise<PhoneInstance> {
  const phone = await openPhone(chromium, { name, extraCa: [certPem] });
  await trackAttempts(phone);
  await phone.launch();
  await setupAccount(phone.page, account);
  await expectRegistered(phone.page);
  return phone;
}

test('outages of 8 s, 30 s and 2 min: Registered within 3 s of the server listening again, with bounded tries', async ({
  chromium,
  kamailio,
}) => {
  test.setTimeout(OUTAGES_S.reduce((a, b) => a + b, 0) * 1000 + 120_000);
  const targets: Target[] = [
    {
      server: 'Kamailio',
      phone: await registeredPhone(chromium, 'outage-kamailio', kamailio.certPem, {
        displayName: DISPLAY_NAMES.erin,
        sipAddress: `erin@${kamailio.domain}`,
        password: USERS.erin,
        wsUrl: kamailio.wssUrl,
      }),
      outage: async (ms) => {
        await kamailio.kill();
        await sleep(ms);
        await kamailio.restart();
        return Date.now();
      },
    },
  ];
  let asterisk: AsteriskHandle | null = null;
  if (locateAsterisk().ok) {
    const pbx = await startAsterisk({ endpoints: ASTERISK_ENDPOINTS });
    asterisk = pbx;
    targets.push({
      server: 'Asterisk',
      phone: await registeredPhone(chromium, 'outage-asterisk', pbx.certPem, {
        displayName: DISPLAY_NAMES.carol,
        sipAddress: `${EXTENSION_OF.carol}@${pbx.domain}`,
        password: USERS.carol,
        wsUrl: pbx.wssUrl,
      }),
      outage: async (ms) => (await pbx.restart(ms)).listeningAt,
    });
  }
  const rows: string[] = [];
  try {
    for (const seconds of OUTAGES_S) {
      await Promise.all(
        targets.map(async ({ server, phone, outage }) => {
          await phone.page.evaluate(() => ((window as unknown as { __maxAttempt: number }).__maxAttempt = 0));
          const listeningAt = await outage(seconds * 1000);
          const registeredAt = await waitForRegistration(phone.page, 'registered', 15_000);
          const tries = await phone.page.evaluate(
            () => (window as unknown as { __maxAttempt: number }).__maxAttempt,
          );
          const back = registeredAt - listeningAt;
          rows.push(
            `${server}, down ${seconds} s: Registered ${back} ms after it listened again; ${tries} tries`,
          );
          expect(back).toBeLessThan(BACK_WITHIN_MS);
          if (seconds >= 120) expect(tries).toBeLessThan(MAX_TRIES_IN_2_MIN);
        }),
      );
    }
  } finally {
    console.log(['Outages:', ...rows].join('\n'));
    for (const target of targets) await target.phone.close();
    await asterisk?.stop();
  }
});
