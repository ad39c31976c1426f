import { createSocket } from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ICE_TIMEOUT_DEFAULT_MS } from '../../contract/account';
import { pickFreeUdpPort } from '../harness/kamailio';
import { addPageTimings } from '../fixtures/page-timings';
import { addTrace } from './trace';
import { alternativeBuild, describeAlternative, measureStartWithIpc, profileFirstStart } from './start-tools';
import { expectRegistered } from '../fixtures/ui';
import { waitForRegistration } from '../fixtures/reliability';
import { openPersistentWindow, type PhoneInstance } from '../fixtures/phone';
import { barePageUrl, closeBarePage, openBareWindow } from './baseline/serve';
import { BARE_USERS, expect, test } from './bench-test';
import { benchNotes, buildFigures, Results } from './figures';
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
} from './measure';
import { renderReport, targetMisses } from './report';

// `npm run bench`: issue 14's latency figures for DeskPhone and, in the same
// run against the same Kamailio and Chromium, for a bare SIP.js 0.21 page
// with library defaults (e2e/bench/baseline/). Every figure is taken inside
// the pages (event.timeStamp of the click, performance.now() at
// WebSocket.send, getStats for RTP); runs alternate DeskPhone / bare so
// machine noise hits both. "Launch" is loading the renderer into a fresh page
// with a saved account: the Electron process start is not included.

const RUNS = Number(process.env.BENCH_RUNS ?? 7);
/**
 * Idle time before each measurement: a desk worker does not press Call within
 * seconds of the last call (and DeskPhone prepares for the next call in the
 * background after one starts). The "no idle" row measures the other case.
 */
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 3000);
/** How long a call rings before Answer is pressed. */
const RING_MS = 500;
/** The reconnect figure is a median of 20 (DeskPhone only); 0 leaves it out. */
const RECONNECT_RUNS = Number(process.env.BENCH_RECONNECT_RUNS ?? 20);
/**
 * Start-up samples per run (each page load alternating DeskPhone / bare): a
 * page load takes a second, and its figure swings by tens of milliseconds on
 * this two-core machine, so the median is taken over RUNS × this many loads.
 */
const START_SAMPLES = Number(process.env.BENCH_START_SAMPLES ?? 3);
/**
 * BENCH_ONLY=start (or calls, answer; comma-separated) measures only those
 * rows: a start-up comparison takes five minutes instead of ten.
 */
const ONLY = new Set((process.env.BENCH_ONLY ?? 'calls,answer,start,reconnect').split(','));

/** Opens a registered DeskPhone and reloads it with the timing script in place. */
async function timed(phone: PhoneInstance): Promise<PhoneInstance> {
  await addPageTimings(phone.context);
  if (process.env.BENCH_TRACE) await addTrace(phone.context);
  await phone.page.reload();
  await expectRegistered(phone.page);
  return phone;
}

test('latency benchmark: DeskPhone against a bare SIP.js 0.21 page', async ({ phones, bare, kamailio }) => {
  test.setTimeout(180_000 + RUNS * 130_000 + RECONNECT_RUNS * 10_000);
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

  // Start-up is measured in two kinds of profile: on disk, as Electron keeps the app's (HTTP and
  // V8 code caches outlive the window: a launch of an app used before), and private (no code cache).
  const profiles = await mkdtemp(join(tmpdir(), 'deskphone-bench-profiles-'));
  const ourWindow = await openPersistentWindow(alice, join(profiles, 'deskphone'));
  await addPageTimings(ourWindow);
  const bareWindow = await openBareWindow(join(profiles, 'bare'));

  const results = new Results();
  const toBob = deskPhoneCallee(bob, 'bob');
  const alt = alternativeBuild(alice);
  // Each step: DeskPhone then bare on even runs, bare then DeskPhone on odd ones.
  const pair = async (run: number, ours: () => Promise<void>, base: () => Promise<void>) => {
    for (const step of run % 2 ? [base, ours] : [ours, base]) {
      await settle();
      await step();
    }
  };
  for (let run = 0; run < RUNS; run++) {
    if (ONLY.has('calls')) await measureCalls(run);
    if (ONLY.has('answer')) await measureAnswers(run);
    if (ONLY.has('start')) await measureStarts(run);
  }
  async function measureCalls(run: number): Promise<void> {
    // The plain call, then at once another one: the second shows the path without idle time.
    await pair(
      run,
      async () => {
        results.addCall('plain', 'ours', await measureCall(deskPhoneCaller(alice), toBob, kamailio));
        results.addCall('again', 'ours', await measureCall(deskPhoneCaller(alice), toBob, kamailio));
      },
      async () => {
        results.addCall('plain', 'bare', await measureCall(bareCaller(barePlain.page), toBob, kamailio));
        results.addCall('again', 'bare', await measureCall(bareCaller(barePlain.page), toBob, kamailio));
      },
    );
    await pair(
      run,
      async () => results.addCall('dead', 'ours', await measureCall(deskPhoneCaller(carol), toBob, kamailio)),
      async () =>
        results.addCall('dead', 'bare', await measureCall(bareCaller(bareDead.page), toBob, kamailio)),
    );
    if (capped) {
      await settle();
      results.addCall('capped', 'ours', await measureCall(deskPhoneCaller(capped), toBob, kamailio));
    }
    await pair(
      run,
      async () =>
        results.addCall('refused', 'ours', await measureCall(deskPhoneCaller(dave), toBob, kamailio)),
      async () =>
        results.addCall('refused', 'bare', await measureCall(bareCaller(bareRefused.page), toBob, kamailio)),
    );
  }
  async function measureAnswers(run: number): Promise<void> {
    await pair(
      run,
      async () => results.addAnswer('ours', await measureAnswer(deskPhoneCaller(alice), toBob, RING_MS)),
      async () =>
        results.addAnswer(
          'bare',
          await measureAnswer(deskPhoneCaller(alice), bareCallee(barePlain.page, 'sipjs'), RING_MS),
        ),
    );
  }
  async function measureStarts(run: number): Promise<void> {
    for (let sample = 0; sample < START_SAMPLES; sample++) {
      if (alt) {
        await settle();
        alt.samples.push(await measureStart(await ourWindow.newPage(), alt.url, leaveDeskPhone, true));
        await settle();
        alt.privateSamples.push(await measureStart(await alice.context.newPage(), alt.url, leaveDeskPhone));
      }
      const url = `${alice.server.origin}/index.html`;
      await pair(
        run + sample,
        async () => {
          // A profiled load is not a sample: a plain one follows it.
          if (run === Number(process.env.BENCH_PROFILE_RUN ?? 0) && sample === 0)
            await profileFirstStart(ourWindow, url);
          results.addStart('ours', await measureStartWithIpc(alice, await ourWindow.newPage(), url));
          if (sample === 0) results.add('ipc', 'ours', await ipcRoundTrip(alice.page));
        },
        async () => {
          results.addStart('bare', await measureStart(await bareWindow.newPage(), bareNavUrl, closeBarePage));
        },
      );
      await pair(
        run + sample + 1,
        async () => {
          const page = await alice.context.newPage();
          results.addStart('ours', await measureStart(page, url, leaveDeskPhone), 'private');
        },
        async () => {
          const page = await bareNav.context.newPage();
          results.addStart('bare', await measureStart(page, bareNavUrl, closeBarePage), 'private');
        },
      );
    }
  }
  silent.close();
  await ourWindow.close();
  await bareWindow.close();
  await rm(profiles, { recursive: true, force: true });

  // Self-healing, DeskPhone only: Kamailio is SIGKILLed and comes back on the same port;
  // from the moment it listens again to alice Registered.
  for (let run = 0; ONLY.has('reconnect') && run < RECONNECT_RUNS; run++) {
    await kamailio.kill();
    await waitForRegistration(alice.page, 'reconnecting', 30_000);
    await kamailio.restart();
    const listeningAt = Date.now();
    results.add(
      'reconnect',
      'ours',
      (await waitForRegistration(alice.page, 'registered', 35_000)) - listeningAt,
    );
  }

  const figures = buildFigures(results, {
    iceDefaultMs: ICE_TIMEOUT_DEFAULT_MS,
    capped: capped !== null,
    reconnectRuns: RECONNECT_RUNS,
  });
  const title = `Latency bench: medians over ${RUNS} runs on loopback, same Kamailio and Chromium`;
  console.log(renderReport(title, figures, benchNotes(SETTLE_MS, RING_MS)));
  if (alt) console.log(describeAlternative(alt));
  for (const f of figures.filter((f) => f.targetMs !== undefined && f.ours.length > 0)) {
    expect(f.ours.length, f.label).toBe(f.label.startsWith('navigation start') ? RUNS * START_SAMPLES : RUNS);
  }
  for (const f of figures.filter((f) => f.label.startsWith('same, no V8 code cache') && f.ours.length > 0)) {
    expect(f.ours.length, f.label).toBe(RUNS * START_SAMPLES);
  }
  // Enforced only with BENCH_ENFORCE=1: the code of the day may not meet issue 14's targets yet.
  const misses = targetMisses(figures, 7);
  if (process.env.BENCH_ENFORCE === '1') expect(misses, 'issue 14 targets missed').toEqual([]);
  else if (misses.length)
    console.warn(`Targets not met (BENCH_ENFORCE=1 fails on them):\n  ${misses.join('\n  ')}`);
});
