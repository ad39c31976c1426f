import { expect, type Page } from '@playwright/test';
import type { KamailioHandle } from '../harness/kamailio';
import type { PhoneInstance } from '../fixtures/phone';
import {
  takeTimings,
  waitForMark,
  watchRtp,
  type ClickMark,
  type PageTimings,
} from '../fixtures/page-timings';
import { gotoRegistered } from '../fixtures/page-signals';
import { printTrace } from './trace';

// One measurement each: the steps a person takes, with the figure read from
// the pages' own timestamps (see e2e/fixtures/page-timings.ts). The same
// steps drive a DeskPhone page and the bare SIP.js page through the adapters
// below, so both sides are measured the same way.

/** A phone that places calls: a DeskPhone page or the bare page. */
export interface Caller {
  page: Page;
  /** Gets the call ready (types the number) without pressing anything. */
  prepare(target: string): Promise<void>;
  pressCall(): Promise<void>;
  hangUp(): Promise<void>;
  idle(): Promise<void>;
}

/** A phone that is called and answers. */
export interface Callee {
  page: Page;
  /** What a caller dials to reach it. */
  target: string;
  ringing(): Promise<void>;
  pressAnswer(): Promise<void>;
  idle(): Promise<void>;
}

export function deskPhoneCaller(phone: PhoneInstance): Caller {
  const page = phone.page;
  return {
    page,
    prepare: (target) => page.getByLabel('Number or SIP address').fill(target),
    pressCall: () => page.getByRole('button', { name: 'Call', exact: true }).click(),
    hangUp: () => page.getByRole('button', { name: 'Hang up' }).click(),
    idle: () => expect(page.getByTestId('call-screen')).toHaveCount(0),
  };
}

export function deskPhoneCallee(phone: PhoneInstance, target: string): Callee {
  const page = phone.page;
  return {
    page,
    target,
    ringing: () => expect(page.getByTestId('incoming-call')).toBeVisible(),
    pressAnswer: () => page.getByRole('button', { name: 'Answer', exact: true }).click(),
    idle: async () => {
      await expect(page.getByTestId('incoming-call')).toHaveCount(0);
      await expect(page.getByTestId('call-screen')).toHaveCount(0);
    },
  };
}

/** The bare page calls whom its URL names; prepare() has nothing to type. */
export function bareCaller(page: Page): Caller {
  return {
    page,
    prepare: () => Promise.resolve(),
    pressCall: () => page.getByRole('button', { name: 'Call', exact: true }).click(),
    hangUp: () => page.getByRole('button', { name: 'Hang up' }).click(),
    idle: () => expect(page.getByTestId('session-state')).toHaveText('Idle'),
  };
}

export function bareCallee(page: Page, target: string): Callee {
  return {
    page,
    target,
    ringing: () => expect(page.getByTestId('incoming-call')).toBeVisible(),
    pressAnswer: () => page.getByRole('button', { name: 'Answer', exact: true }).click(),
    idle: () => expect(page.getByTestId('session-state')).toHaveText('Idle'),
  };
}

function clickOf(timings: PageTimings, name: string): ClickMark {
  const click = timings.clicks.find((c) => c.name === name);
  if (!click)
    throw new Error(`No trusted click on "${name}" was recorded (saw: ${timings.clicks.map((c) => c.name)})`);
  return click;
}

export interface CallSample {
  /** Call click → first INVITE handed to WebSocket.send (in the caller page). */
  clickToInvite: number;
  /** Call click → the INVITE re-sent with credentials after Kamailio's 407. */
  clickToAuthorizedInvite?: number;
  /** Authorized INVITE sent → 180 Ringing received (in the caller page). */
  inviteToRinging?: number;
  /** Kamailio: authorized INVITE in → 180 relayed out (server clock). */
  serverInviteToRinging?: number;
  /** Peer connections already open in the caller page at the click. */
  peerConnectionsAtClick: number;
}

/** Call click → INVITE, then the callee rings, then the caller hangs up. */
export async function measureCall(
  caller: Caller,
  callee: Callee,
  kamailio: KamailioHandle,
): Promise<CallSample> {
  await caller.prepare(callee.target);
  await takeTimings(caller.page);
  await caller.pressCall();
  await waitForMark(caller.page, 'invites');
  await callee.ringing();
  await waitForMark(caller.page, 'ringing', 1, 5_000).catch(() => undefined);
  const timings = await takeTimings(caller.page);
  await caller.hangUp();
  await callee.idle();
  await caller.idle();

  const { at: click, livePeerConnections } = clickOf(timings, 'Call');
  const first = timings.invites[0]!;
  const authorized = timings.invites.find((i) => i.callId === first.callId && i.authorized);
  const ringing = timings.ringing.find((r) => r.callId === first.callId);
  const receipt = kamailio.inviteReceipts().find((r) => r.callId === first.callId && r.hasCredentials);
  const relayed = kamailio.replies().find((r) => r.callId === first.callId && r.code === 180);
  return {
    clickToInvite: first.at - click,
    clickToAuthorizedInvite: authorized && authorized.at - click,
    inviteToRinging: ringing && ringing.at - (authorized ?? first).at,
    serverInviteToRinging: receipt && relayed && relayed.epochMs - receipt.epochMs,
    peerConnectionsAtClick: livePeerConnections,
  };
}

export interface AnswerSample {
  /** Answer click → first inbound RTP at the callee (both in the callee page). */
  callee: number;
  /** Answer click (callee page) → first inbound RTP at the caller, on the pages' shared clock. */
  caller: number;
  /** Peer connections open in the callee page at the click (the incoming call's own among them). */
  peerConnectionsAtClick: number;
}

/**
 * The caller (a DeskPhone) calls, the callee rings for `ringMs` as a person
 * would let it, then Answer; both pages poll getStats from then on.
 */
export async function measureAnswer(caller: Caller, callee: Callee, ringMs: number): Promise<AnswerSample> {
  await caller.prepare(callee.target);
  await caller.pressCall();
  await callee.ringing();
  await callee.page.waitForTimeout(ringMs);
  await takeTimings(callee.page);
  await takeTimings(caller.page);
  await watchRtp(caller.page);
  await callee.pressAnswer();
  await waitForMark(callee.page, 'rtp');
  await waitForMark(caller.page, 'rtp');
  const at = await takeTimings(callee.page);
  const from = await takeTimings(caller.page);
  await caller.hangUp();
  await callee.idle();
  await caller.idle();

  const { at: click, livePeerConnections } = clickOf(at, 'Answer');
  if (process.env.BENCH_TRACE) {
    await printTrace('answer', at.origin + click, { callee: callee.page, caller: caller.page });
  }
  if (process.env.BENCH_DEBUG) {
    console.log('answer', { click, callee: at.rtp[0], caller: from.rtp[0], shift: from.origin - at.origin });
  }
  return {
    callee: at.rtp[0]!.at - click,
    caller: from.origin + from.rtp[0]!.at - (at.origin + click),
    peerConnectionsAtClick: livePeerConnections,
  };
}

export interface StartSample {
  ms: number;
  /** Where the time went: first WebSocket made, first REGISTER sent, its 200 received. */
  firsts: PageTimings['firsts'];
  productMarks: PageTimings['productMarks'];
  /** 'mark': the product's performance mark; 'status text': the bench's MutationObserver. */
  source: 'mark' | 'status text';
}

/**
 * Navigation start → Registered in a new page: the product's performance mark
 * 'deskphone:registered' when the build sets it, else the moment the status
 * text first read "Registered". `leave` ends the page's registration.
 */
export async function measureStart(
  page: Page,
  url: string,
  leave: (page: Page) => Promise<void>,
  /** Wait for DeskPhone's first drawing too, so its mark is in the sample (not part of the figure). */
  firstRender = false,
): Promise<StartSample> {
  await gotoRegistered(page, url, { firstRender });
  const timings = await takeTimings(page);
  await leave(page);
  const { firsts, productMarks } = timings;
  if (timings.registeredMark !== null) {
    return { ms: timings.registeredMark, source: 'mark', firsts, productMarks };
  }
  if (timings.registeredSeenAt === null) throw new Error('Registered was never seen');
  return { ms: timings.registeredSeenAt, source: 'status text', firsts, productMarks };
}

/** How a DeskPhone page leaves: beforeunload stops the engine (un-REGISTER), then close. */
export async function leaveDeskPhone(page: Page): Promise<void> {
  await page
    .evaluate(() => window.dispatchEvent(new Event('beforeunload')))
    .then(() => page.waitForTimeout(200))
    .catch(() => undefined);
  await page.close();
}

/**
 * One IPC round trip as the e2e harness makes it (a Playwright binding to the
 * main core in the test process stands in for Electron's IPC): start-up makes
 * a few of these before it connects, so this says how much of the start-up
 * figure is the harness rather than the app.
 */
export function ipcRoundTrip(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const bridge = (window as unknown as { deskphone: { invoke(c: string, r: object): Promise<unknown> } })
      .deskphone;
    const started = performance.now();
    await bridge.invoke('settings:get', {});
    return performance.now() - started;
  });
}
