import { describe, expect, it } from 'vitest';
import { deriveOutcome } from './outcome';

// A call the phone forwarded (302) is remembered as forwarded, with where it
// went, and does not count as missed.

describe('forwarded calls in history', () => {
  it('an incoming call ended with 302 is forwarded, keeping the sentence the phone showed', () => {
    expect(
      deriveOutcome({
        direction: 'incoming',
        endedAt: 1000,
        endReason: 'Forwarded to 1003',
        endCode: 302,
        acceptedHere: false,
      }),
    ).toEqual({ outcome: 'forwarded', duration: 0, reason: 'Forwarded to 1003', code: 302 });
  });

  it('a call refused under do not disturb is still missed', () => {
    expect(
      deriveOutcome({
        direction: 'incoming',
        endedAt: 1000,
        endReason: 'Missed call from Bob',
        acceptedHere: false,
      }).outcome,
    ).toBe('missed');
  });
});
