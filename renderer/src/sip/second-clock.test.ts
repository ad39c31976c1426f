import { describe, expect, it } from 'vitest';
import { SecondClock, type ClockTimers } from './second-clock';

/** Timers under the test's control: time moves only when run() says so. */
function fakeTimers(start: number) {
  let now = start;
  let nextId = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const timers: ClockTimers = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextId++;
      pending.set(id, { at: now + Math.max(0, ms), run });
      return id;
    },
    clearTimeout: (id) => void pending.delete(id as number),
  };
  async function advanceTo(target: number): Promise<void> {
    for (;;) {
      const due = [...pending.entries()].sort((a, b) => a[1].at - b[1].at)[0];
      if (!due || due[1].at > target) break;
      pending.delete(due[0]);
      now = due[1].at;
      due[1].run();
      // Let the tick's awaits settle before the next timer.
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    now = target;
  }
  return { timers, advanceTo, pendingCount: () => pending.size };
}

describe('SecondClock', () => {
  it('ticks on the second boundaries of what it follows, and not at all when nothing does', async () => {
    const fake = fakeTimers(10_000);
    const clock = new SecondClock(fake.timers);
    const seen: number[] = [];
    clock.watch((at) => seen.push(at));
    expect(fake.pendingCount()).toBe(0);
    const leave = clock.keep(10_250);
    await fake.advanceTo(13_000);
    expect(seen).toEqual([10_250, 11_250, 12_250]);
    leave();
    await fake.advanceTo(20_000);
    expect(seen).toHaveLength(3);
    expect(fake.pendingCount()).toBe(0);
  });

  it('serves two phases with one tick each at their own boundaries; the same phase shares a tick', async () => {
    const fake = fakeTimers(0);
    const clock = new SecondClock(fake.timers);
    const seen: number[] = [];
    clock.watch((at) => seen.push(at));
    clock.keep(100);
    clock.keep(5_100);
    clock.keep(700);
    await fake.advanceTo(2_000);
    expect(seen).toEqual([100, 700, 1_100, 1_700]);
  });

  it('tells the watchers only after the due handlers, so a sample and the timer change together', async () => {
    const fake = fakeTimers(0);
    const clock = new SecondClock(fake.timers);
    const order: string[] = [];
    clock.watch((at) => order.push(`watch ${at}`));
    clock.keep(300, async (at) => {
      await Promise.resolve();
      order.push(`sample ${at}`);
    });
    await fake.advanceTo(1_400);
    expect(order).toEqual(['sample 300', 'watch 300', 'sample 1300', 'watch 1300']);
  });

  it('does not let a handler that never settles hold the watchers back for more than a moment', async () => {
    const fake = fakeTimers(0);
    const clock = new SecondClock(fake.timers);
    const seen: number[] = [];
    clock.watch((at) => seen.push(at));
    clock.keep(0, () => new Promise(() => undefined));
    await fake.advanceTo(1_500);
    expect(seen).toEqual([1_000]);
  });
});
