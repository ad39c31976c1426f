import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KeepAlive } from './keepalive';

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

describe('keep-alive', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('pings every interval while the server answers, and never calls it dead', async () => {
    const ping = vi.fn(() => Promise.resolve());
    const onDead = vi.fn();
    const keepAlive = new KeepAlive({ intervalMs: 15_000, timeoutMs: 10_000, ping, onDead });
    keepAlive.start();
    await vi.advanceTimersByTimeAsync(15_000 * 4 + 1);
    expect(ping).toHaveBeenCalledTimes(4);
    expect(onDead).not.toHaveBeenCalled();
    keepAlive.stop();
  });

  it('declares a half-open connection dead when a ping goes unanswered: within 25 s', async () => {
    const ping = vi.fn(() => new Promise<void>(() => undefined)); // the answer never comes
    const onDead = vi.fn();
    const keepAlive = new KeepAlive({ intervalMs: 15_000, timeoutMs: 10_000, ping, onDead });
    keepAlive.start();
    await vi.advanceTimersByTimeAsync(24_999);
    expect(onDead).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(onDead).toHaveBeenCalledTimes(1);
    expect(onDead.mock.calls[0]![0]).toMatch(/did not answer/);
    expect(keepAlive.isRunning).toBe(false);
    // Stopped: no more pings, no second verdict.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ping).toHaveBeenCalledTimes(1);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it('a ping that cannot be sent means dead at once', async () => {
    const onDead = vi.fn();
    const keepAlive = new KeepAlive({
      intervalMs: 1000,
      timeoutMs: 5000,
      ping: () => Promise.reject(new Error('socket closed')),
      onDead,
    });
    keepAlive.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(onDead).toHaveBeenCalledWith('The keep-alive could not be sent: socket closed');
  });

  it('an answer arriving after stop() changes nothing', async () => {
    const answer = deferred();
    const onDead = vi.fn();
    const ping = vi.fn(() => answer.promise);
    const keepAlive = new KeepAlive({ intervalMs: 1000, timeoutMs: 5000, ping, onDead });
    keepAlive.start();
    await vi.advanceTimersByTimeAsync(1000);
    keepAlive.stop();
    answer.resolve();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(ping).toHaveBeenCalledTimes(1);
    expect(onDead).not.toHaveBeenCalled();
  });

  it('checkNow() pings at once, e.g. after the computer woke up', async () => {
    const ping = vi.fn(() => new Promise<void>(() => undefined));
    const onDead = vi.fn();
    const keepAlive = new KeepAlive({ intervalMs: 15_000, timeoutMs: 3000, ping, onDead });
    keepAlive.start();
    keepAlive.checkNow();
    expect(ping).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(onDead).toHaveBeenCalledTimes(1);
  });

  it('checkNow() does nothing when not started', () => {
    const ping = vi.fn(() => Promise.resolve());
    new KeepAlive({ intervalMs: 1000, timeoutMs: 1000, ping, onDead: vi.fn() }).checkNow();
    expect(ping).not.toHaveBeenCalled();
  });
});
