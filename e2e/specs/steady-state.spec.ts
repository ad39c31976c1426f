import { expect, test } from '../fixtures/test';
import { answeredCall, expectFlat, settledReadings, table } from '../fixtures/call-cycle';
import { liveObjects, rates, rendererWork, type LiveObjects } from '../fixtures/live-objects';
import { describeWork, measureQuietCall } from '../fixtures/quiet-call';

// A phone that stays the same size however many calls it has made: after
// the first calls, what it keeps alive (heap after GC, DOM, listeners, peer
// connections, media streams and tracks, audio elements) stays flat.

const CALLS = Number(process.env.STEADY_CALLS ?? 40);
const FIRST = 10;
/** From here the heap is judged (see expectFlat): the support trace is full by about call 28. */
const SETTLED = 30;

test(`${CALLS} answered calls in a row leave both phones as they were after call ${FIRST}`, async ({
  phones,
}) => {
  test.setTimeout(240_000 + CALLS * 6_000);
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const pages = { caller: alice.page, callee: bob.page };
  const registered = { caller: await liveObjects(alice.page), callee: await liveObjects(bob.page) };

  const at: Record<number, Record<'caller' | 'callee', LiveObjects>> = {};
  for (let call = 1; call <= CALLS; call++) {
    // The callee hears the caller on some of them: the calls are real, not just signalling.
    await answeredCall(alice.page, bob.page, 'bob', { listen: call % 10 === 1, redial: call > 1 });
    if (call === FIRST || call === SETTLED || call === CALLS) at[call] = await settledReadings(pages);
  }

  const first = at[FIRST]!;
  const steady = at[SETTLED]!;
  const last = at[CALLS]!;
  console.log(
    [
      `steady state over ${CALLS} answered calls alice → bob (every one answered and hung up)`,
      table('alice', registered.caller, first.caller, ['registered', `call ${FIRST}`]),
      table('alice', first.caller, last.caller, [`call ${FIRST}`, `call ${CALLS}`]),
      table('alice', steady.caller, last.caller, [`call ${SETTLED}`, `call ${CALLS}`]),
      table('bob', registered.callee, first.callee, ['registered', `call ${FIRST}`]),
      table('bob', first.callee, last.callee, [`call ${FIRST}`, `call ${CALLS}`]),
      table('bob', steady.callee, last.callee, [`call ${SETTLED}`, `call ${CALLS}`]),
    ].join('\n'),
  );
  expectFlat('alice', { first: first.caller, settled: steady.caller, last: last.caller });
  expectFlat('bob', { first: first.callee, settled: steady.callee, last: last.callee });
});

// During a call nothing visible changes but the timer each second (and the
// quality figures with it): the renderer lays out at most once per second
// and reads the call's statistics only as often as the quality display
// refreshes (every 2 s).
const CALL_SECONDS = 20;
const QUALITY_REFRESH_S = 2;

test('a quiet 20 s call: at most one layout per second and getStats only for the quality display', async ({
  phones,
}) => {
  test.setTimeout(120_000);
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  // Registered and idle, nothing on screen moves: no layout at all (and the measuring itself causes none),
  // once the set-up's "Saved. Connecting to …" line has gone.
  await expect(alice.page.getByTestId('saved-status')).toHaveText('', { timeout: 10_000 });
  const idle = await rendererWork(alice.page, () => alice.page.waitForTimeout(5_000));
  console.log(
    `alice idle: ${idle.seconds.toFixed(1)} s: ${idle.layouts} layouts, task ${rates(idle).taskMsPerSecond.toFixed(1)} ms/s`,
  );
  expect(idle.layouts).toBe(0);
  const figures = await measureQuietCall(alice.page, bob.page, 'bob', CALL_SECONDS);
  console.log(`${describeWork('alice', figures.caller)}\n${describeWork('bob', figures.callee)}`);
  for (const [who, { work, getStats }] of [
    ['alice', figures.caller],
    ['bob', figures.callee],
  ] as const) {
    // One layout per second boundary the window holds (20 or 21 in 20.x s): at most 62 a minute.
    expect(
      work.layouts,
      `${who}: ${work.layouts} layouts in ${work.seconds.toFixed(2)} s (${rates(work).layoutsPerMinute.toFixed(1)}/min)`,
    ).toBeLessThanOrEqual(Math.ceil(work.seconds));
    expect(getStats, `${who}: getStats calls in ${work.seconds.toFixed(1)} s`).toBeLessThanOrEqual(
      Math.ceil(work.seconds / QUALITY_REFRESH_S) + 1,
    );
    expect(getStats, `${who}: quality is still sampled`).toBeGreaterThan(0);
  }
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
});
