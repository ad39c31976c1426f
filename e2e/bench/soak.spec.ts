import type { Page } from '@playwright/test';
import { expect, test } from '../fixtures/test';
import { answeredCall, expectFlat, settled, settledReadings, table } from '../fixtures/call-cycle';
import type { LiveObjects } from '../fixtures/live-objects';
import { describeWork, measureQuietCall } from '../fixtures/quiet-call';

// `npm run bench -- e2e/bench/soak.spec.ts`: SOAK_CALLS (200) answered calls
// alice → bob against the real Kamailio; what each phone keeps alive after
// call 10 and after the last one (heap after GC, DOM nodes, listeners, media
// streams and tracks, peer connections, audio elements), with the change,
// must stay within ±5 % (the object counts exactly; the heap from call 100,
// once the bounded buffers are full: see expectFlat); then what the renderer
// spends during a quiet 20 s call.

const CALLS = Number(process.env.SOAK_CALLS ?? 200);
const FIRST = 10;
/** From here the heap is judged (see expectFlat): bounded buffers are full by about call 100. */
const SETTLED = Math.min(100, CALLS);

/** After a failed call: whatever is left of it is ended on both phones. */
async function recover(pages: Page[]): Promise<void> {
  for (const page of pages) {
    for (const name of ['Hang up', 'Decline']) {
      const button = page.getByRole('button', { name, exact: true });
      if (await button.isVisible().catch(() => false)) await button.click().catch(() => undefined);
    }
  }
  for (const page of pages) await settled(page).catch(() => undefined);
}

test(`soak: ${CALLS} answered calls, then a quiet call`, async ({ phones }) => {
  test.setTimeout(600_000 + CALLS * 10_000);
  const alice = await phones.registered('alice');
  const bob = await phones.registered('bob');
  const pages = { caller: alice.page, callee: bob.page };

  const failures: string[] = [];
  const at: Record<number, Record<'caller' | 'callee', LiveObjects>> = {};
  const started = Date.now();
  for (let call = 1; call <= CALLS; call++) {
    try {
      // The callee hears the caller on every 20th call: the calls carry sound, not just signalling.
      await answeredCall(alice.page, bob.page, 'bob', { listen: call % 20 === 1, redial: call > 1 });
    } catch (error) {
      failures.push(`call ${call}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      await recover([alice.page, bob.page]);
    }
    if (call === FIRST || call === SETTLED || call === CALLS) at[call] = await settledReadings(pages);
  }
  const soakSeconds = (Date.now() - started) / 1000;

  const quiet = await measureQuietCall(alice.page, bob.page, 'bob', 20);
  await alice.page.getByRole('button', { name: 'Hang up' }).click();
  await expect(bob.page.getByTestId('call-screen')).toHaveCount(0);

  const first = at[FIRST]!;
  const steady = at[SETTLED]!;
  const last = at[CALLS]!;
  console.log(
    [
      `DeskPhone soak: ${CALLS} answered calls alice → bob in ${soakSeconds.toFixed(0)} s, ${failures.length} failed`,
      ...failures.map((f) => `  ${f}`),
      '(readings after GC, once SIP has let go of the last call: 33 s after it)',
      table('alice (caller)', first.caller, last.caller, [`call ${FIRST}`, `call ${CALLS}`]),
      table('alice (caller)', steady.caller, last.caller, [`call ${SETTLED}`, `call ${CALLS}`]),
      table('bob (callee)', first.callee, last.callee, [`call ${FIRST}`, `call ${CALLS}`]),
      table('bob (callee)', steady.callee, last.callee, [`call ${SETTLED}`, `call ${CALLS}`]),
      'A quiet 20 s call afterwards:',
      `  ${describeWork('alice', quiet.caller)}`,
      `  ${describeWork('bob', quiet.callee)}`,
    ].join('\n'),
  );
  expect(failures).toEqual([]);
  expectFlat('alice', { first: first.caller, settled: steady.caller, last: last.caller });
  expectFlat('bob', { first: first.callee, settled: steady.callee, last: last.callee });
});
