import { describe, expect, it } from 'vitest';
import { BACKOFF_CAP_MS, retryDelay, SHORT_OUTAGE_MS, YOUNG_OUTAGE_MS } from './backoff';

const middle = () => 0.5; // no jitter: (0.5 * 2 - 1) = 0
const low = () => 0;
const high = () => 0.999999;

/** Simulates the tries of an outage of `ms`, each taking `tryMs`; returns their start times. */
function tries(ms: number, random = middle, tryMs = 50): number[] {
  const at: number[] = [];
  let now = 0;
  for (let attempt = 1; now < ms; attempt++) {
    now += retryDelay(attempt, now, random);
    at.push(now);
    now += tryMs;
  }
  return at;
}

describe('reconnection schedule', () => {
  it('starts at once: 0.5 s, 1 s, then every 1.4 s in the first minute', () => {
    expect([1, 2, 3, 4].map((n) => retryDelay(n, n * 1000, middle))).toEqual([500, 1000, 1400, 1400]);
  });

  it('a server back after any outage up to five minutes is tried again within 3 s (2 s in the first minute)', () => {
    for (const random of [low, high, Math.random]) {
      for (let n = 3; n < 200; n++) {
        const outage = (n * 1700) % SHORT_OUTAGE_MS;
        const limit = outage < YOUNG_OUTAGE_MS ? 1600 : 2300;
        expect(retryDelay(n, outage, random)).toBeLessThanOrEqual(limit);
      }
    }
  });

  it('after five minutes the wait doubles each minute from 5 s to a 30 s cap', () => {
    expect(retryDelay(9, SHORT_OUTAGE_MS, middle)).toBe(5000);
    expect(retryDelay(9, SHORT_OUTAGE_MS + 60_000, middle)).toBe(10_000);
    expect(retryDelay(9, SHORT_OUTAGE_MS + 120_000, middle)).toBe(20_000);
    expect(retryDelay(9, SHORT_OUTAGE_MS + 10 * 60_000, middle)).toBe(BACKOFF_CAP_MS);
    expect(retryDelay(9, Number.MAX_SAFE_INTEGER, high)).toBe(36_000);
  });

  it('bounds the tries a dead server sees: about 40 in the first minute, under 170 in five, ~2 a minute later', () => {
    const first = tries(60_000).length;
    const five = tries(SHORT_OUTAGE_MS).length;
    const hour = tries(3_600_000).length;
    expect(first).toBeGreaterThan(35);
    expect(first).toBeLessThan(45);
    expect(five).toBeLessThan(170);
    expect(hour - five).toBeLessThan(2.2 * 55);
  });

  it('treats nonsense attempt numbers as the first attempt', () => {
    expect(retryDelay(0, 0, middle)).toBe(500);
    expect(retryDelay(-3, 0, middle)).toBe(500);
  });
});
