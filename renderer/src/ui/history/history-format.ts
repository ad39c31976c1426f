import type { HistoryEntry } from '../../../../contract/history';
import { i18n, t } from '../../i18n/i18n.svelte';

// How one call in the Recent view reads: its direction (as an icon with a
// text alternative), when it was, and how long it lasted or how it ended;
// and the same in words for the row's Call back button, so a screen reader
// tells one Alice Archer from the next.

export interface DirectionMark {
  icon: string;
  /** The icon's text alternative. */
  label: string;
}

export function directionMark(entry: Pick<HistoryEntry, 'direction' | 'outcome'>): DirectionMark {
  if (entry.direction === 'outgoing') return { icon: '↗', label: t('history.outgoingCall') };
  if (entry.outcome === 'missed') return { icon: '↙', label: t('history.missedCall') };
  return { icon: '↙', label: t('history.incomingCall') };
}

export interface OutcomeText {
  text: string;
  /** 'missed' is shown in red; 'problem' for failed and interrupted calls. */
  tone: 'normal' | 'missed' | 'problem';
}

type Outcome = Pick<HistoryEntry, 'outcome' | 'duration' | 'code'> & { reason?: string };

export function outcomeText(entry: Outcome): OutcomeText {
  switch (entry.outcome) {
    case 'answered':
      return { text: i18n.clock(entry.duration), tone: 'normal' };
    case 'missed':
      return { text: t('history.missed'), tone: 'missed' };
    case 'declined':
      return { text: t('history.declined'), tone: 'normal' };
    case 'cancelled':
      return { text: t('history.cancelled'), tone: 'normal' };
    case 'failed':
      return {
        text: entry.code ? t('history.failedCode', { code: entry.code }) : t('history.failed'),
        tone: 'problem',
      };
    case 'interrupted':
      return { text: t('history.interrupted'), tone: 'problem' };
    case 'forwarded':
      // "Forwarded to 1003", as the phone put it when it forwarded the call.
      return { text: entry.reason || t('forwarding.historyForwarded'), tone: 'normal' };
  }
}

/** The outcome in words: "missed", "answered, 2 minutes, 5 seconds". */
export function spokenOutcome(entry: Outcome): string {
  switch (entry.outcome) {
    case 'answered':
      return t('history.spokenAnswered', { duration: i18n.duration(entry.duration) });
    case 'missed':
      return t('history.spokenMissed');
    case 'declined':
      return t('history.spokenDeclined');
    case 'cancelled':
      return t('history.spokenCancelled');
    case 'failed':
      return t('history.spokenFailed');
    case 'interrupted':
      return t('history.spokenInterrupted');
    case 'forwarded':
      return entry.reason || t('forwarding.historyForwarded');
  }
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/**
 * Today's calls by time, yesterday's as "Yesterday 14:05", older ones with
 * the date. Spoken, today's say "today 14:05" (a bare time reads oddly).
 */
export function formatWhen(start: number, now: Date = new Date(), spoken = false): string {
  const at = new Date(start);
  const time = i18n.date(at, { hour: '2-digit', minute: '2-digit' });
  if (sameDay(at, now)) return spoken ? t('history.today', { time }) : time;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(at, yesterday)) return t(spoken ? 'history.yesterdaySpoken' : 'history.yesterday', { time });
  const date = i18n.date(at, {
    day: 'numeric',
    month: 'short',
    ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
  return t('history.dateTime', { date, time });
}

/** "Alice Archer" or the number when there is no separate name. */
export function displayName(entry: Pick<HistoryEntry, 'name' | 'number'>): string {
  return entry.name.trim() || entry.number.trim() || t('history.unknown');
}

/** "Call back Alice Archer, missed, today 09:41". */
export function callBackLabel(entry: HistoryEntry, name: string, now: Date = new Date()): string {
  return t('history.callBackLabel', {
    name,
    outcome: spokenOutcome(entry),
    when: formatWhen(entry.start, now, true),
  });
}
