import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay, FAST_RETRY_STEPS } from './backoff';

const middle = () => 0.5; // no jitter: (0.5 * 2 - 1) = 0
const schedule = (from: number, to: number, random = middle) =>
  Array.from({ length: to - from + 1 }, (_, i) => backoffDelay(from + i, random));

describe('reconnection backoff', () => {
  it('starts quickly: 0.5 s, 1 s, then every 1.4 s for about a minute', () => {
    expect(schedule(1, 4)).toEqual([500, 1000, 1400, 1400]);
    const quickMinute = schedule(1, FAST_RETRY_STEPS).reduce((a, b) => a + b, 0);
    expect(quickMinute).toBeGreaterThan(50_000);
    expect(quickMinute).toBeLessThan(70_000);
  });

  it('never leaves more than 1.6 s between tries in the first minute, jitter included', () => {
    // A PBX that restarts must find its phones back within 2 s of listening.
    for (const random of [() => 0, () => 0.999999, Math.random]) {
      expect(Math.max(...schedule(1, FAST_RETRY_STEPS, random))).toBeLessThanOrEqual(1600);
    }
  });

  it('then doubles from 4 s up to a 30 s cap, however many attempts failed', () => {
    expect(schedule(FAST_RETRY_STEPS + 1, FAST_RETRY_STEPS + 4)).toEqual([4000, 8000, 16000, 30000]);
    expect(backoffDelay(500, middle)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(5000, middle)).toBe(BACKOFF_CAP_MS);
  });

  it('spreads each delay: ±20 % while backing off, ±0.2 s at the quick pace', () => {
    expect(backoffDelay(2, () => 0)).toBe(800);
    expect(backoffDelay(2, () => 0.999999)).toBe(1200);
    expect(backoffDelay(10, () => 0)).toBe(1200);
    expect(backoffDelay(50, () => 0.999999)).toBe(36000);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(FAST_RETRY_STEPS + 2);
      expect(delay).toBeGreaterThanOrEqual(6400);
      expect(delay).toBeLessThanOrEqual(9600);
    }
  });

  it('treats nonsense attempt numbers as the first attempt', () => {
    expect(backoffDelay(0, middle)).toBe(500);
    expect(backoffDelay(-3, middle)).toBe(500);
  });
});
