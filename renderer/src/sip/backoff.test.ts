import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, backoffDelay } from './backoff';

const middle = () => 0.5; // no jitter: (0.5 * 2 - 1) = 0

describe('reconnection backoff', () => {
  it('doubles from half a second: 0.5, 1, 2, 4, 8, 16 s', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, middle))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000,
    ]);
  });

  it('is capped at 30 s, however many attempts failed', () => {
    expect(backoffDelay(7, middle)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(50, middle)).toBe(BACKOFF_CAP_MS);
    expect(backoffDelay(5000, middle)).toBe(BACKOFF_CAP_MS);
  });

  it('spreads each delay by at most ±20 %', () => {
    expect(backoffDelay(3, () => 0)).toBe(1600);
    expect(backoffDelay(3, () => 0.999999)).toBe(2400);
    expect(backoffDelay(50, () => 0.999999)).toBe(36000);
    for (let i = 0; i < 200; i++) {
      const delay = backoffDelay(2);
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1200);
    }
  });

  it('treats nonsense attempt numbers as the first attempt', () => {
    expect(backoffDelay(0, middle)).toBe(500);
    expect(backoffDelay(-3, middle)).toBe(500);
  });
});
