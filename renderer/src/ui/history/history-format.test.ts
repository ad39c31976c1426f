import { beforeEach, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../../contract/history';
import { i18n } from '../../i18n/i18n.svelte';
import {
  callBackLabel,
  directionMark,
  displayName,
  formatWhen,
  outcomeText,
  spokenOutcome,
} from './history-format';

beforeEach(() => {
  i18n.choice = 'system';
  i18n.system = ['en-GB'];
});

describe('Recent view wording', () => {
  it('gives every direction icon a text alternative', () => {
    expect(directionMark({ direction: 'outgoing', outcome: 'failed' })).toEqual({
      icon: '↗',
      label: 'Outgoing call',
    });
    expect(directionMark({ direction: 'incoming', outcome: 'missed' }).label).toBe('Missed call');
    expect(directionMark({ direction: 'incoming', outcome: 'answered' }).label).toBe('Incoming call');
  });

  it('says how unanswered calls ended; missed in red; durations as a clock reads them', () => {
    expect(outcomeText({ outcome: 'answered', duration: 65 })).toEqual({ text: '1:05', tone: 'normal' });
    expect(outcomeText({ outcome: 'answered', duration: 3729 }).text).toBe('1:02:09');
    expect(outcomeText({ outcome: 'missed', duration: 0 })).toEqual({ text: 'Missed', tone: 'missed' });
    expect(outcomeText({ outcome: 'failed', duration: 0, code: 480 }).text).toBe('Failed (480)');
    expect(outcomeText({ outcome: 'interrupted', duration: 0 }).tone).toBe('problem');
    expect(outcomeText({ outcome: 'declined', duration: 0 }).text).toBe('Declined');
    expect(outcomeText({ outcome: 'cancelled', duration: 0 }).text).toBe('Cancelled');
  });

  it('shows today by time, yesterday by name, older by date', () => {
    const now = new Date(2026, 2, 10, 15, 0);
    expect(formatWhen(new Date(2026, 2, 10, 9, 5).getTime(), now)).toBe('09:05');
    expect(formatWhen(new Date(2026, 2, 9, 9, 5).getTime(), now)).toBe('Yesterday 09:05');
    expect(formatWhen(new Date(2026, 1, 3, 9, 5).getTime(), now)).toBe('3 Feb, 09:05');
    expect(formatWhen(new Date(2025, 1, 3, 9, 5).getTime(), now)).toBe('3 Feb 2025, 09:05');
    expect(formatWhen(new Date(2026, 2, 10, 9, 5).getTime(), now, true)).toBe('today 09:05');
  });

  it('follows the language: German dates and words', () => {
    i18n.system = ['de-DE'];
    const now = new Date(2026, 2, 10, 15, 0);
    expect(formatWhen(new Date(2026, 2, 9, 9, 5).getTime(), now)).toBe('Gestern 09:05');
    expect(outcomeText({ outcome: 'missed', duration: 0 }).text).toBe('Verpasst');
  });

  it('names the caller, or falls back to the number', () => {
    expect(displayName({ name: 'Alice', number: 'alice' })).toBe('Alice');
    expect(displayName({ name: ' ', number: '1001' })).toBe('1001');
    expect(displayName({ name: '', number: '' })).toBe('Unknown');
  });

  it('gives each Call back button its own name: outcome and time', () => {
    const now = new Date(2026, 2, 10, 15, 0);
    const base: HistoryEntry = {
      id: '1',
      direction: 'incoming',
      number: '1001',
      name: 'Alice Archer',
      remoteUri: 'sip:1001@pbx',
      start: new Date(2026, 2, 10, 9, 41).getTime(),
      end: new Date(2026, 2, 10, 9, 42).getTime(),
      duration: 0,
      outcome: 'missed',
    } as HistoryEntry;
    expect(callBackLabel(base, 'Alice Archer', now)).toBe('Call back Alice Archer, missed, today 09:41');
    const answered = { ...base, outcome: 'answered' as const, duration: 125 };
    expect(spokenOutcome(answered)).toBe(`answered, ${i18n.duration(125)}`);
    expect(callBackLabel(answered, 'Alice Archer', now)).not.toBe(callBackLabel(base, 'Alice Archer', now));
  });
});
