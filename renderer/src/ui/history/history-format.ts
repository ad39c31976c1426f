import type { HistoryEntry } from '../../../../contract/history';

// How one call in the Recent view reads: its direction (as an icon with a
// text alternative), when it was, and how long it lasted or how it ended.

export interface DirectionMark {
  icon: string;
  /** The icon's text alternative. */
  label: string;
}

export function directionMark(entry: Pick<HistoryEntry, 'direction' | 'outcome'>): DirectionMark {
  if (entry.direction === 'outgoing') return { icon: '↗', label: 'Outgoing call' };
  if (entry.outcome === 'missed') return { icon: '↙', label: 'Missed call' };
  return { icon: '↙', label: 'Incoming call' };
}

/** "0:42", "12:05", "1:02:09". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}

export interface OutcomeText {
  text: string;
  /** 'missed' is shown in red; 'problem' for failed and interrupted calls. */
  tone: 'normal' | 'missed' | 'problem';
}

export function outcomeText(entry: Pick<HistoryEntry, 'outcome' | 'duration' | 'code'>): OutcomeText {
  switch (entry.outcome) {
    case 'answered':
      return { text: formatDuration(entry.duration), tone: 'normal' };
    case 'missed':
      return { text: 'Missed', tone: 'missed' };
    case 'declined':
      return { text: 'Declined', tone: 'normal' };
    case 'cancelled':
      return { text: 'Cancelled', tone: 'normal' };
    case 'failed':
      return { text: entry.code ? `Failed (${entry.code})` : 'Failed', tone: 'problem' };
    case 'interrupted':
      return { text: 'Cut off (DeskPhone stopped)', tone: 'problem' };
  }
}

function sameDay(a: Date, b: Date): boolean {
  return a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();
}

/** Today's calls by time, yesterday's as "Yesterday 14:05", older ones with the date. */
export function formatWhen(start: number, now: Date = new Date(), locale?: string): string {
  const at = new Date(start);
  const time = at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (sameDay(at, now)) return time;
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(at, yesterday)) return `Yesterday ${time}`;
  const date = at.toLocaleDateString(locale, {
    day: 'numeric',
    month: 'short',
    ...(at.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
  return `${date}, ${time}`;
}

/** "Alice Archer" or the number when there is no separate name. */
export function displayName(entry: Pick<HistoryEntry, 'name' | 'number'>): string {
  return entry.name.trim() || entry.number.trim() || 'Unknown';
}
