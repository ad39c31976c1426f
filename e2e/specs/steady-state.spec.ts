import { expect, test } from '../fixtures/test';
import { answeredCall, expectFlat, settledReadings, table } from '../fixtures/call-cycle';
import { liveObjects, rates, rendererWork, type LiveObjects } from '../fixtures/live-objects';
import { expectHearing } from '../fixtures/media';
import { countGetStats, getStatsCalls, pageNow } from '../fixtures/stats-counter';
import { currentCallId, dial } from '../fixtures/ui';

// A phone that stays the same size however many calls it has made: after
// the first calls, what it keeps alive (heap after GC, DOM, listeners, peer
// connections, media streams and tracks, audio elements) stays flat.

const CALLS = Number(process.env.STEADY_CALLS ?? 40);
const FIRST = 10;

test(`${CALLS} answered calls in a row leave both phones as they were after call ${FIRST}`, async ({
  phones,
}) => {
  test.setTimeout(180_000 + CALLS * 6_000);
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const pages = { caller: alice.page, callee: bob.page };
  const registered = { caller: await liveObjects(alice.page), callee: await liveObjects(bob.page) };

  const at: Record<number, Record<'caller' | 'callee', LiveObjects>> = {};
  for (let call = 1; call <= CALLS; call++) {
    // The callee hears the caller on some of them: the calls are real, not just signalling.
    await answeredCall(alice.page, bob.page, 'bob', { listen: call % 10 === 1, redial: call > 1 });
    if (call === FIRST || call === CALLS) at[call] = await settledReadings(pages);
  }

  const first = at[FIRST]!;
  const last = at[CALLS]!;
  console.log(
    [
      `steady state over ${CALLS} answered calls alice → bob (every one answered and hung up)`,
      table('alice', registered.caller, first.caller, ['registered', `call ${FIRST}`]),
      table('alice', first.caller, last.caller, [`call ${FIRST}`, `call ${CALLS}`]),
      table('bob', registered.callee, first.callee, ['registered', `call ${FIRST}`]),
      table('bob', first.callee, last.callee, [`call ${FIRST}`, `call ${CALLS}`]),
    ].join('\n'),
  );
  expectFlat('alice', first.caller, last.caller);
  expectFlat('bob', first.callee, last.callee);
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
  await countGetStats(alice.page);
  await countGetStats(bob.page);
  // Registered and idle, nothing on screen moves: no layout at all (and the measuring itself causes none).
  const idle = await rendererWork(alice.page, () => alice.page.waitForTimeout(5_000));
  console.log(
    `alice idle: ${idle.seconds.toFixed(1)} s: ${idle.layouts} layouts, task ${rates(idle).taskMsPerSecond.toFixed(1)} ms/s`,
  );
  expect(idle.layouts).toBe(0);
  await dial(alice.page, 'bob');
  await bob.page.getByRole('button', { name: 'Answer', exact: true }).click();
  await expect(alice.page.getByTestId('call-quality')).toBeVisible();
  await expect(bob.page.getByTestId('call-quality')).toBeVisible();
  const bobCall = await currentCallId(bob.page);
  await expectHearing(bob.page, bobCall, 1000);
  // Past the one-off changes of the call's start (the ring's announcement is
  // cleared 7 s after it was made): what is left is the call going on.
  await bob.page.waitForTimeout(6_000);
  // The pointer rests where no control is (hover changes are the person's doing, not the call's).
  await alice.page.mouse.move(0, 0);
  await bob.page.mouse.move(0, 0);

  const started = { alice: await pageNow(alice.page), bob: await pageNow(bob.page) };
  // Nothing is read from the pages during the interval: any evaluate would be counted as their work.
  const [aliceWork, bobWork] = await Promise.all([
    rendererWork(alice.page, () => alice.page.waitForTimeout(CALL_SECONDS * 1000)),
    rendererWork(bob.page, () => bob.page.waitForTimeout(CALL_SECONDS * 1000)),
  ]);
  const ended = { alice: await pageNow(alice.page), bob: await pageNow(bob.page) };
  const statsCalls = {
    alice: (await getStatsCalls(alice.page)).filter((at) => at >= started.alice && at <= ended.alice),
    bob: (await getStatsCalls(bob.page)).filter((at) => at >= started.bob && at <= ended.bob),
  };
  for (const [who, work] of [
    ['alice', aliceWork],
    ['bob', bobWork],
  ] as const) {
    const r = rates(work);
    console.log(
      `${who}: ${work.seconds.toFixed(1)} s of call: ${work.layouts} layouts (${r.layoutsPerMinute.toFixed(0)}/min), ` +
        `${work.styleRecalcs} style recalcs, task ${r.taskMsPerSecond.toFixed(1)} ms/s, ` +
        `script ${r.scriptMsPerSecond.toFixed(1)} ms/s, getStats ${statsCalls[who].length}×`,
    );
  }
  // The call is still on and counting, and quality is still shown.
  await expect(alice.page.getByTestId('call-timer')).toHaveText(/^0:(2\d|3\d)$/);
  await expect(alice.page.getByTestId('call-quality')).toContainText(/Quality \d/);
  await expectHearing(bob.page, bobCall, 1000);
  for (const [who, work] of [
    ['alice', aliceWork],
    ['bob', bobWork],
  ] as const) {
    // One layout per second boundary the window holds (20 or 21 in 20.x s): at most 62 a minute.
    expect(
      work.layouts,
      `${who}: ${work.layouts} layouts in ${work.seconds.toFixed(2)} s (${rates(work).layoutsPerMinute.toFixed(1)}/min)`,
    ).toBeLessThanOrEqual(Math.ceil(work.seconds));
    const seconds = work.seconds;
    expect(statsCalls[who].length, `${who}: getStats calls in ${seconds.toFixed(1)} s`).toBeLessThanOrEqual(
      Math.ceil(seconds / QUALITY_REFRESH_S) + 1,
    );
    expect(statsCalls[who].length, `${who}: quality is still sampled`).toBeGreaterThan(0);
  }
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);
});
