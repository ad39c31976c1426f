import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  MAX_RETRY_AFTER_MS,
  NO_ANSWER_QUICK_TRIES,
  NO_ANSWER_RETRY_MS,
  Reconnector,
  type AttemptResult,
  type ReconnectState,
} from './reconnect';

/** A machine whose schedule is 500 ms × attempt (so tests read plainly), on fake timers. */
function machine(results: AttemptResult[] = []) {
  const states: ReconnectState[] = [];
  const triedAt: number[] = [];
  const attempt = vi.fn(async () => {
    triedAt.push(Date.now());
    return results.shift() ?? 'retry';
  });
  const reconnector = new Reconnector({
    attempt,
    onChange: (state) => states.push(state),
    delay: (n) => 500 * n,
  });
  const start = Date.now();
  return { reconnector, attempt, states, offsets: () => triedAt.map((t) => t - start) };
}

describe('the retry loop', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('lost → waiting → trying → registered, and nothing is scheduled afterwards', async () => {
    const { reconnector, attempt, states } = machine(['retry', 'registered']);
    reconnector.lost();
    expect(states[0]).toMatchObject({ phase: 'waiting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(500 + 1000);
    expect(attempt).toHaveBeenCalledTimes(2);
    expect(reconnector.state).toEqual({ phase: 'idle' });
    expect(states.map((s) => s.phase)).toEqual(['waiting', 'trying', 'waiting', 'trying', 'idle']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('keeps trying on the schedule while the server stays away', async () => {
    const { reconnector, offsets } = machine();
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500 + 1000 + 1500 + 2000);
    expect(offsets()).toEqual([500, 1500, 3000, 5000]);
    reconnector.stop();
  });

  it('a nudge tries at once and starts the schedule over; a nudge while trying or idle changes nothing', async () => {
    const { reconnector, attempt } = machine();
    reconnector.nudge();
    expect(attempt).not.toHaveBeenCalled();
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500);
    expect(reconnector.state).toMatchObject({ phase: 'waiting', attempt: 2 });
    reconnector.nudge();
    expect(attempt).toHaveBeenCalledTimes(2);
    reconnector.nudge();
    expect(attempt).toHaveBeenCalledTimes(2);
    reconnector.stop();
  });

  it('tryNow starts a first attempt from idle (a fresh start, or "Retry now" after a stop)', async () => {
    const { reconnector, attempt } = machine(['stop', 'registered']);
    reconnector.tryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(reconnector.state).toEqual({ phase: 'stopped' });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempt).toHaveBeenCalledTimes(1);
    reconnector.tryNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(reconnector.state).toEqual({ phase: 'idle' });
  });

  it('honours Retry-After, but never believes more than an hour', async () => {
    const { reconnector, offsets } = machine([{ retryAfterMs: 5000 }, { retryAfterMs: 10 * 3_600_000 }]);
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500 + 5000);
    expect(offsets()).toEqual([500, 5500]);
    expect(reconnector.state).toMatchObject({ phase: 'waiting', nextAt: Date.now() + MAX_RETRY_AFTER_MS });
    reconnector.stop();
  });

  it('a socket that opens but leaves REGISTER unanswered is tried again within 0.3 s, a bounded number of times', async () => {
    const { reconnector, offsets } = machine(Array(NO_ANSWER_QUICK_TRIES + 1).fill('no-answer'));
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500 + NO_ANSWER_QUICK_TRIES * NO_ANSWER_RETRY_MS + 500 * 8);
    const at = offsets();
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(gaps.slice(0, NO_ANSWER_QUICK_TRIES)).toEqual(
      Array(NO_ANSWER_QUICK_TRIES).fill(NO_ANSWER_RETRY_MS),
    );
    // The sixth unanswered try in a row waits the schedule, not 0.3 s.
    expect(gaps[NO_ANSWER_QUICK_TRIES]).toBe(500 * (NO_ANSWER_QUICK_TRIES + 2));
    reconnector.stop();
  });

  it('an attempt that settles after stop() is ignored', async () => {
    const { reconnector, attempt } = machine();
    let finish!: (r: AttemptResult) => void;
    attempt.mockImplementationOnce(() => new Promise((ok) => (finish = ok)));
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500);
    reconnector.stop();
    finish('retry');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reconnector.state.phase).toBe('idle');
    expect(attempt).toHaveBeenCalledTimes(1);
  });
});
