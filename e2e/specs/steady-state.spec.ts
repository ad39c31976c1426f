import { test } from '../fixtures/test';
import { answeredCall, expectFlat, settledReadings, table } from '../fixtures/call-cycle';
import { liveObjects, type LiveObjects } from '../fixtures/live-objects';

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
