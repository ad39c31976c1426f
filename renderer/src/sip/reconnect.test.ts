import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  NO_ANSWER_QUICK_TRIES,
  NO_ANSWER_RETRY_MS,
  Reconnector,
  type AttemptResult,
  type ReconnectState,
} from './reconnect';

function machine(results: AttemptResult[]) {
  const states: ReconnectState[] = [];
  const attempt = vi.fn(async () => results.shift() ?? 'retry');
  const reconnector = new Reconnector({
    attempt,
    onChange: (state) => states.push(state),
    delay: (n) => 500 * 2 ** (n - 1),
    now: () => 0,
  });
  return { reconnector, attempt, states, phases: () => states.map((s) => s.phase) };
}

describe('reconnection state machine', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('connect fails → reconnecting → online event → immediate retry → registered', async () => {
    const { reconnector, attempt, states, phases } = machine(['retry', 'registered']);
    reconnector.lost();
    expect(states[0]).toEqual({ phase: 'waiting', attempt: 1, nextAt: 500 });
    await vi.advanceTimersByTimeAsync(500);
    expect(attempt).toHaveBeenCalledTimes(1);
    expect(reconnector.state).toEqual({ phase: 'waiting', attempt: 2, nextAt: 1000 });
    // The browser is back online: no need to wait out the second second.
    reconnector.nudge();
    expect(attempt).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(0);
    expect(reconnector.state).toEqual({ phase: 'idle' });
    expect(phases()).toEqual(['waiting', 'trying', 'waiting', 'trying', 'idle']);
    // Nothing else is scheduled.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(attempt).toHaveBeenCalledTimes(2);
  });

  it('backs off 0.5, 1, 2, 4 s while the server stays down', async () => {
    const { reconnector, attempt } = machine([]);
    reconnector.lost();
    const triedAt: number[] = [];
    attempt.mockImplementation(async () => {
      triedAt.push(Date.now());
      return 'retry';
    });
    const start = Date.now();
    await vi.advanceTimersByTimeAsync(7500);
    expect(triedAt.map((t) => t - start)).toEqual([500, 1500, 3500, 7500]);
    reconnector.stop();
  });

  it('after a nudge that fails, the schedule starts over at half a second', async () => {
    const { reconnector, attempt } = machine(['retry', 'retry', 'retry', 'retry']);
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500 + 1000 + 2000);
    expect(reconnector.state).toEqual({ phase: 'waiting', attempt: 4, nextAt: 4000 });
    reconnector.nudge();
    await vi.advanceTimersByTimeAsync(0);
    expect(attempt).toHaveBeenCalledTimes(4);
    expect(reconnector.state).toEqual({ phase: 'waiting', attempt: 5, nextAt: 500 });
    reconnector.stop();
  });

  it('a credentials refusal stops the loop: no retry of a wrong password', async () => {
    const { reconnector, attempt } = machine(['auth-failed']);
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500);
    expect(reconnector.state).toEqual({ phase: 'gave-up', reason: 'auth' });
    await vi.advanceTimersByTimeAsync(120_000);
    reconnector.nudge();
    expect(attempt).toHaveBeenCalledTimes(1);
  });

  it('an attempt that throws is retried like a failed one', async () => {
    const { reconnector, attempt } = machine([]);
    attempt.mockRejectedValueOnce(new Error('WebSocket closed')).mockResolvedValueOnce('registered');
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500);
    expect(reconnector.state.phase).toBe('waiting');
    await vi.advanceTimersByTimeAsync(1000);
    expect(reconnector.state.phase).toBe('idle');
  });

  it('a second loss while already reconnecting does not restart the schedule', async () => {
    const { reconnector, attempt } = machine(['retry']);
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500);
    reconnector.lost();
    expect(reconnector.state).toMatchObject({ phase: 'waiting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(1000);
    expect(attempt).toHaveBeenCalledTimes(2);
    reconnector.stop();
  });

  it('nudges while connected or mid-attempt change nothing', async () => {
    const { reconnector, attempt } = machine([]);
    reconnector.nudge();
    expect(attempt).not.toHaveBeenCalled();
    let finish!: (r: AttemptResult) => void;
    attempt.mockImplementationOnce(() => new Promise((ok) => (finish = ok)));
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500);
    reconnector.nudge();
    expect(attempt).toHaveBeenCalledTimes(1);
    finish('registered');
    await vi.advanceTimersByTimeAsync(0);
    expect(reconnector.state.phase).toBe('idle');
  });

  it('an attempt that settles after stop() is ignored', async () => {
    const { reconnector, attempt } = machine([]);
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

  it('a socket that opens but leaves REGISTER unanswered (a PBX still starting) is tried again within 0.3 s', async () => {
    const { reconnector, attempt } = machine(['no-answer', 'no-answer', 'registered']);
    const triedAt: number[] = [];
    const results: AttemptResult[] = ['no-answer', 'no-answer', 'registered'];
    attempt.mockImplementation(async () => {
      triedAt.push(Date.now());
      return results.shift() ?? 'retry';
    });
    const start = Date.now();
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(2000);
    expect(triedAt.map((t) => t - start)).toEqual([
      500,
      500 + NO_ANSWER_RETRY_MS,
      500 + 2 * NO_ANSWER_RETRY_MS,
    ]);
    expect(reconnector.state.phase).toBe('idle');
  });

  it('quick tries after no answer are bounded: then the usual schedule resumes', async () => {
    const { reconnector, attempt } = machine([]);
    const triedAt: number[] = [];
    attempt.mockImplementation(async () => {
      triedAt.push(Date.now());
      return 'no-answer';
    });
    const start = Date.now();
    reconnector.lost();
    await vi.advanceTimersByTimeAsync(500 + NO_ANSWER_QUICK_TRIES * NO_ANSWER_RETRY_MS + 1000);
    const gaps = triedAt.slice(1).map((t, i) => t - triedAt[i]!);
    expect(triedAt[0]! - start).toBe(500);
    expect(gaps.slice(0, NO_ANSWER_QUICK_TRIES)).toEqual(
      Array(NO_ANSWER_QUICK_TRIES).fill(NO_ANSWER_RETRY_MS),
    );
    // The sixth unanswered try in a row waits the schedule's next step (1 s here), not 0.3 s.
    expect(gaps[NO_ANSWER_QUICK_TRIES]).toBe(1000);
    reconnector.stop();
  });
});
