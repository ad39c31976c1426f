import { createSocket } from 'node:dgram';
import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { inboundEnergy } from '../fixtures/media';
import { currentCallId, dial, expectRegistered } from '../fixtures/ui';
import { waitForRegistration } from '../fixtures/reliability';

// `npm run bench`: latency figures on loopback against the real Kamailio,
// as medians over RUNS runs. "Launch" here is loading the renderer into a
// fresh page with a saved account (the Electron process start is not
// included: the Electron binary cannot run on this machine).

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** The reconnect figure is a median of 20, whatever BENCH_RUNS says. */
const RECONNECT_RUNS = 20;

interface Timings {
  callPressedAt?: number;
  inviteSentAt?: number;
  ringingAt?: number;
  answeredAt?: number;
  firstRtpAt?: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function timingsOf(page: Page, callId: string): Promise<Timings> {
  return page.evaluate(
    (id) =>
      (
        window as unknown as { __deskphoneDiagnostics: { timings(id: string): Timings } }
      ).__deskphoneDiagnostics.timings(id),
    callId,
  );
}

test('latency benchmark', async ({ phones, kamailio }) => {
  test.setTimeout(300_000);
  const rows: Record<string, number[]> = {
    'launch -> Registered': [],
    'Call pressed -> INVITE at server': [],
    'INVITE sent -> 180 received (caller)': [],
    'INVITE at server -> 180 relayed (server)': [],
    'answer pressed -> first inbound RTP (caller)': [],
    'answer pressed -> first inbound RTP (callee)': [],
    'Call pressed -> INVITE at server, dead STUN': [],
  };

  const bob = await phones.registered('bob');
  const alice = await phones.registered('alice');

  for (let run = 0; run < RUNS; run++) {
    const page = await alice.context.newPage();
    const started = Date.now();
    await page.goto(`${alice.server.origin}/index.html`);
    await expectRegistered(page);
    rows['launch -> Registered']!.push(Date.now() - started);
    await page.close();
  }

  for (let run = 0; run < RUNS; run++) {
    const before = kamailio.inviteReceipts().length;
    const pressedAt = await dial(alice.page, 'bob');
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    const answerPressedAt = Date.now();
    await bob.page.getByRole('button', { name: 'Answer' }).click();
    const aliceCall = await currentCallId(alice.page);
    const bobCall = await currentCallId(bob.page);
    await expect.poll(() => inboundEnergy(alice.page, aliceCall)).toBeGreaterThan(0);
    await expect.poll(() => inboundEnergy(bob.page, bobCall)).toBeGreaterThan(0);
    await expect.poll(async () => (await timingsOf(alice.page, aliceCall)).firstRtpAt).toBeDefined();
    await expect.poll(async () => (await timingsOf(bob.page, bobCall)).firstRtpAt).toBeDefined();

    const invites = kamailio.inviteReceipts().slice(before);
    const first = invites[0]!;
    const authenticated = invites.find((i) => i.hasCredentials) ?? first;
    const ringing = kamailio.replies().find((r) => r.callId === first.callId && r.code === 180);
    const a = await timingsOf(alice.page, aliceCall);
    const b = await timingsOf(bob.page, bobCall);
    rows['Call pressed -> INVITE at server']!.push(first.epochMs - pressedAt);
    rows['INVITE sent -> 180 received (caller)']!.push(a.ringingAt! - a.inviteSentAt!);
    if (ringing)
      rows['INVITE at server -> 180 relayed (server)']!.push(ringing.epochMs - authenticated.epochMs);
    rows['answer pressed -> first inbound RTP (caller)']!.push(a.firstRtpAt! - answerPressedAt);
    rows['answer pressed -> first inbound RTP (callee)']!.push(b.firstRtpAt! - answerPressedAt);

    await alice.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
    await expect(alice.page.getByTestId('call-screen')).toHaveCount(0);
  }

  const silent = createSocket('udp4');
  await new Promise<void>((ok) => silent.bind(0, '127.0.0.1', ok));
  const carol = await phones.registered('carol', {
    iceServers: [`stun:127.0.0.1:${silent.address().port}`],
    iceTimeoutMs: 500,
  });
  for (let run = 0; run < RUNS; run++) {
    const before = kamailio.inviteReceipts().length;
    const pressedAt = await dial(carol.page, 'bob');
    await expect.poll(() => kamailio.inviteReceipts().length).toBeGreaterThan(before);
    rows['Call pressed -> INVITE at server, dead STUN']!.push(
      kamailio.inviteReceipts()[before]!.epochMs - pressedAt,
    );
    await expect(bob.page.getByTestId('incoming-call')).toBeVisible();
    await carol.page.getByRole('button', { name: 'Hang up' }).click();
    await expect(bob.page.getByTestId('incoming-call')).toHaveCount(0);
    await expect(carol.page.getByTestId('call-screen')).toHaveCount(0);
  }
  silent.close();

  // Self-healing: the server dies (SIGKILL) and comes back on the same port;
  // measured from the moment it listens again to alice's phone Registered.
  rows['server back -> Registered (20 runs)'] = [];
  for (let run = 0; run < RECONNECT_RUNS; run++) {
    await kamailio.kill();
    await waitForRegistration(alice.page, 'reconnecting', 30_000);
    await kamailio.restart();
    const listeningAt = Date.now();
    const registeredAt = await waitForRegistration(alice.page, 'registered', 35_000);
    rows['server back -> Registered (20 runs)']!.push(registeredAt - listeningAt);
  }

  const lines = [`DeskPhone latency benchmark: medians over ${RUNS} runs on loopback (ms)`];
  for (const [name, values] of Object.entries(rows)) {
    const shown = values.map((v) => v.toFixed(0)).join(', ');
    lines.push(`  ${name.padEnd(46)} ${median(values).toFixed(0).padStart(6)}   [${shown}]`);
  }
  console.log(lines.join('\n'));
  for (const values of Object.values(rows)) expect(values.length).toBeGreaterThanOrEqual(5);
});
