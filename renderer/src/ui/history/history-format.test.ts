import { describe, expect, it } from 'vitest';
import { directionMark, displayName, formatDuration, formatWhen, outcomeText } from './history-format';

describe('Recent view wording', () => {
  it('gives every direction icon a text alternative', () => {
    expect(directionMark({ direction: 'outgoing', outcome: 'failed' })).toEqual({
      icon: '↗',
      label: 'Outgoing call',
    });
    expect(directionMark({ direction: 'incoming', outcome: 'missed' }).label).toBe('Missed call');
    expect(directionMark({ direction: 'incoming', outcome: 'answered' }).label).toBe('Incoming call');
  });

  it('shows durations as m:ss, and h:mm:ss past an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(42)).toBe('0:42');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3729)).toBe('1:02:09');
  });

  it('says how unanswered calls ended; missed in red', () => {
    expect(outcomeText({ outcome: 'answered', duration: 65 })).toEqual({ text: '1:05', tone: 'normal' });
    expect(outcomeText({ outcome: 'missed', duration: 0 })).toEqual({ text: 'Missed', tone: 'missed' });
    expect(outcomeText({ outcome: 'failed', duration: 0, code: 480 }).text).toBe('Failed (480)');
    expect(outcomeText({ outcome: 'interrupted', duration: 0 }).tone).toBe('problem');
    expect(outcomeText({ outcome: 'declined', duration: 0 }).text).toBe('Declined');
    expect(outcomeText({ outcome: 'cancelled', duration: 0 }).text).toBe('Cancelled');
  });

  it('shows today by time, yesterday by name, older by date', () => {
    const now = new Date(2026, 2, 10, 15, 0);
    expect(formatWhen(new Date(2026, 2, 10, 9, 5).getTime(), now, 'en-GB')).toBe('09:05');
    expect(formatWhen(new Date(2026, 2, 9, 9, 5).getTime(), now, 'en-GB')).toBe('Yesterday 09:05');
    expect(formatWhen(new Date(2026, 1, 3, 9, 5).getTime(), now, 'en-GB')).toBe('3 Feb, 09:05');
    expect(formatWhen(new Date(2025, 1, 3, 9, 5).getTime(), now, 'en-GB')).toBe('3 Feb 2025, 09:05');
  });

  it('names the caller, or falls back to the number', () => {
    expect(displayName({ name: 'Alice', number: 'alice' })).toBe('Alice');
    expect(displayName({ name: ' ', number: '1001' })).toBe('1001');
    expect(displayName({ name: '', number: '' })).toBe('Unknown');
  });
});
