import { createSocket } from 'node:dgram';
import { ICE_TIMEOUT_DEFAULT_MS } from '../../contract/account';
import { pickFreeUdpPort } from '../harness/kamailio';
import { addPageTimings } from '../fixtures/page-timings';
import { expectRegistered } from '../fixtures/ui';
import { waitForRegistration } from '../fixtures/reliability';
import type { PhoneInstance } from '../fixtures/phone';
import { barePageUrl, closeBarePage } from './baseline/serve';
import { BARE_USERS, expect, test } from './bench-test';
import {
  bareCallee,
  bareCaller,
  deskPhoneCallee,
  deskPhoneCaller,
  leaveDeskPhone,
  measureAnswer,
  measureCall,
  measureStart,
  ipcRoundTrip,
  type CallSample,
} from './measure';
import { checkTargets, renderReport, type Figure } from './report';

// `npm run bench`: issue 14's latency figures for DeskPhone and, in the same
// run against the same Kamailio and Chromium, for a bare SIP.js 0.21 page
// with library defaults (e2e/bench/baseline/). Every figure is taken inside
// the pages (event.timeStamp of the click, performance.now() at
// WebSocket.send, getStats for RTP); runs alternate DeskPhone / bare so
// machine noise hits both. "Launch" is loading the renderer into a fresh page
// with a saved account: the Electron process start is not included.

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/** Idle time before each measurement: nobody presses Call within a second of the last hang-up. */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 1000);
/** How long a call rings before Answer is pressed. */
const RING_MS = 500;
/** The reconnect figure is a median of 20 (DeskPhone only); 0 leaves it out. */
const RECONNECT_RUNS = Number(process.env.BENCH_RECONNECT_RUNS ?? 20);

/** Opens a registered DeskPhone and reloads it with the timing script in place. */
async function timed(phone: PhoneInstance): Promise<PhoneInstance> {
  await addPageTimings(phone.context);
  await phone.page.reload();
  await expectRegistered(phone.page);
  return phone;
}

function pushCall(into: Record<'invite' | 'auth' | 'ring' | 'server', number[]>, sample: CallSample) {
  into.invite.push(sample.clickToInvite);
  if (sample.clickToAuthorizedInvite !== undefined) into.auth.push(sample.clickToAuthorizedInvite);
  if (sample.inviteToRinging !== undefined) into.ring.push(sample.inviteToRinging);
  if (sample.serverInviteToRinging !== undefined) into.server.push(sample.serverInviteToRinging);
}

const stepSeries = () => ({ socket: [] as number[], register: [] as number[], registerOk: [] as number[] });
const callSeries = () => ({
  invite: [] as number[],
  auth: [] as number[],
  ring: [] as number[],
  server: [] as number[],
});

test('latency benchmark: DeskPhone against a bare SIP.js 0.21 page', async ({ phones, bare, kamailio }) => {
  test.setTimeout(180_000 + RUNS * 90_000 + RECONNECT_RUNS * 10_000);
  const settle = () => new Promise((ok) => setTimeout(ok, SETTLE_MS));

  // A STUN server that never answers (bound, silent) and one whose port is closed (ICMP unreachable).
  const silent = createSocket('udp4');
  await new Promise<void>((ok) => silent.bind(0, '127.0.0.1', ok));
  const deadStun = `stun:127.0.0.1:${silent.address().port}`;
  const refusedStun = `stun:127.0.0.1:${await pickFreeUdpPort()}`;

  const bob = await timed(await phones.registered('bob'));
  const alice = await timed(await phones.registered('alice'));
  const carol = await timed(await phones.registered('carol', { iceServers: [deadStun] }));
  const dave = await timed(await phones.registered('dave', { iceServers: [refusedStun] }));
  // If the account default is no longer today's 500 ms, the 500 ms cap is measured as well.
  const capped =
    ICE_TIMEOUT_DEFAULT_MS === 500
      ? null
      : await timed(await phones.registered('erin', { iceServers: [deadStun], iceTimeoutMs: 500 }));

  const barePlain = await bare.open('sipjs', { target: 'bob' });
  const bareDead = await bare.open('sipjsdead', { target: 'bob', ice: [deadStun] });
  const bareRefused = await bare.open('sipjsrefused', { target: 'bob', ice: [refusedStun] });
  const bareNav = await bare.open('sipjsnav');
  await closeBarePage(bareNav.page);
  const bareNavUrl = barePageUrl(bare.origin, {
    user: 'sipjsnav',
    password: BARE_USERS.sipjsnav,
    domain: kamailio.domain,
    wss: kamailio.wssUrl,
  });

  const toBob = deskPhoneCallee(bob, 'bob');
  const plain = { ours: callSeries(), bare: callSeries() };
  const dead = { ours: callSeries(), bare: callSeries() };
  const deadCapped = callSeries();
  const refused = { ours: callSeries(), bare: callSeries() };
  const answer = {
    ours: { callee: [] as number[], caller: [] as number[] },
    bare: { callee: [] as number[], caller: [] as number[] },
  };
  const start = { ours: [] as number[], bare: [] as number[], sources: new Set<string>() };
  const ipc: number[] = [];
  const milestones = ['socket', 'register', 'registerOk'] as const;
  const startSteps = { ours: stepSeries(), bare: stepSeries() };

  // Each step: DeskPhone then bare on even runs, bare then DeskPhone on odd ones.
  const pair = async (run: number, ours: () => Promise<void>, base: () => Promise<void>) => {
    for (const step of run % 2 ? [base, ours] : [ours, base]) {
      await settle();
      await step();
    }
  };
  for (let run = 0; run < RUNS; run++) {
    await pair(
      run,
      async () => pushCall(plain.ours, await measureCall(deskPhoneCaller(alice), toBob, kamailio)),
      async () => pushCall(plain.bare, await measureCall(bareCaller(barePlain.page), toBob, kamailio)),
    );
    await pair(
      run,
      async () => pushCall(dead.ours, await measureCall(deskPhoneCaller(carol), toBob, kamailio)),
      async () => pushCall(dead.bare, await measureCall(bareCaller(bareDead.page), toBob, kamailio)),
    );
    if (capped) {
      await settle();
      pushCall(deadCapped, await measureCall(deskPhoneCaller(capped), toBob, kamailio));
    }
    await pair(
      run,
      async () => pushCall(refused.ours, await measureCall(deskPhoneCaller(dave), toBob, kamailio)),
      async () => pushCall(refused.bare, await measureCall(bareCaller(bareRefused.page), toBob, kamailio)),
    );
    await pair(
      run,
      async () => {
        const sample = await measureAnswer(deskPhoneCaller(alice), toBob, RING_MS);
        answer.ours.callee.push(sample.callee);
        answer.ours.caller.push(sample.caller);
      },
      async () => {
        const sample = await measureAnswer(
          deskPhoneCaller(alice),
          bareCallee(barePlain.page, 'sipjs'),
          RING_MS,
        );
        answer.bare.callee.push(sample.callee);
        answer.bare.caller.push(sample.caller);
      },
    );
    await pair(
      run,
      async () => {
        const page = await alice.context.newPage();
        const sample = await measureStart(page, `${alice.server.origin}/index.html`, leaveDeskPhone);
        start.ours.push(sample.ms);
        start.sources.add(sample.source);
        for (const m of milestones)
          if (sample.firsts[m] !== undefined) startSteps.ours[m].push(sample.firsts[m]);
        ipc.push(await ipcRoundTrip(alice.page));
      },
      async () => {
        const page = await bareNav.context.newPage();
        const sample = await measureStart(page, bareNavUrl, closeBarePage);
        start.bare.push(sample.ms);
        for (const m of milestones)
          if (sample.firsts[m] !== undefined) startSteps.bare[m].push(sample.firsts[m]);
      },
    );
  }
  silent.close();

  const reconnect: number[] = [];
  for (let run = 0; run < RECONNECT_RUNS; run++) {
    await kamailio.kill();
    await waitForRegistration(alice.page, 'reconnecting', 30_000);
    await kamailio.restart();
    const listeningAt = Date.now();
    reconnect.push((await waitForRegistration(alice.page, 'registered', 35_000)) - listeningAt);
  }

  const iceLimit = `account default ICE limit, ${ICE_TIMEOUT_DEFAULT_MS} ms`;
  const figures: Figure[] = [
    { label: 'Call click → INVITE sent', ours: plain.ours.invite, bare: plain.bare.invite, targetMs: 30 },
    {
      label: `same, STUN server that never answers (${iceLimit})`,
      ours: dead.ours.invite,
      bare: dead.bare.invite,
      targetMs: 30,
      minRatio: 15,
    },
    ...(capped
      ? [
          {
            label: 'same, STUN server that never answers (500 ms cap)',
            ours: deadCapped.invite,
            bare: dead.bare.invite,
          },
        ]
      : []),
    { label: 'same, refused STUN port', ours: refused.ours.invite, bare: refused.bare.invite, targetMs: 30 },
    {
      label: 'Answer click → first inbound RTP at the callee',
      ours: answer.ours.callee,
      bare: answer.bare.callee,
      targetMs: 60,
    },
    {
      label: 'Answer click → first inbound RTP at the caller',
      ours: answer.ours.caller,
      bare: answer.bare.caller,
      note: 'the caller is a DeskPhone (alice) in both columns; only the callee differs',
    },
    {
      label: 'navigation start → Registered',
      ours: start.ours,
      bare: start.bare,
      targetMs: 150,
      note: `DeskPhone read from ${[...start.sources].join(' and ')}${start.sources.has('mark') ? " (performance mark 'deskphone:registered')" : ' (MutationObserver on the status text)'}; the bare page from its status text`,
    },
    {
      label: 'start: navigation → WebSocket created',
      ours: startSteps.ours.socket,
      bare: startSteps.bare.socket,
    },
    {
      label: 'start: navigation → REGISTER sent',
      ours: startSteps.ours.register,
      bare: startSteps.bare.register,
    },
    {
      label: 'start: navigation → 200 OK to REGISTER',
      ours: startSteps.ours.registerOk,
      bare: startSteps.bare.registerOk,
    },
    {
      label: 'start: one IPC round trip in the e2e harness',
      ours: ipc,
      bare: [],
      note: 'settings:get through the Playwright binding that stands in for Electron IPC (the app makes a few before it connects)',
    },
    {
      label: 'Call click → authorized INVITE sent (after 407)',
      ours: plain.ours.auth,
      bare: plain.bare.auth,
    },
    { label: 'authorized INVITE sent → 180 received (caller)', ours: plain.ours.ring, bare: plain.bare.ring },
    {
      label: 'Kamailio: INVITE in → 180 relayed (server clock)',
      ours: plain.ours.server,
      bare: plain.bare.server,
      note: 'the callee is the DeskPhone bob in both columns',
    },
    ...(RECONNECT_RUNS
      ? [{ label: `Kamailio back → Registered (${RECONNECT_RUNS} runs)`, ours: reconnect, bare: [] }]
      : []),
  ];
  const notes = [
    'timestamps in the pages: event.timeStamp of the trusted click (capture phase), performance.now() at WebSocket.send of the first INVITE, first inbound-rtp packet from getStats polled every ~5 ms after Answer (corrected by lastPacketReceivedTimestamp and packet count); cross-page figures via performance.timeOrigin',
    "bare page: SIP.js 0.21 UserAgent + Registerer + Inviter/Invitation with library defaults (5000 ms ICE gathering limit, default media stream factory); only the ICE servers are set to the DeskPhone row's, replacing SIP.js's default Google STUN server (no internet in the bench's network namespace)",
    `runs interleaved DeskPhone / bare; ${SETTLE_MS} ms idle before each measurement; a call rings ${RING_MS} ms before Answer`,
  ];
  console.log(
    renderReport(
      `Latency bench: medians over ${RUNS} runs on loopback, same Kamailio and Chromium`,
      figures,
      notes,
    ),
  );
  for (const f of figures) expect(f.ours.length, f.label).toBeGreaterThanOrEqual(Math.min(RUNS, 5));
  checkTargets(figures, 7);
});
