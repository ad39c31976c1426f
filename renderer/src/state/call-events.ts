import type { CallSnapshot, RegistrationStatus } from '../sip/types';

/** What changed between two engine snapshots that a person should be told. */
export type CallEvent =
  | { kind: 'incoming'; call: CallSnapshot; waiting: boolean }
  | { kind: 'dialled'; call: CallSnapshot }
  /** seconds: how long it was connected; absent when it never was. */
  | { kind: 'ended'; call: CallSnapshot; seconds?: number }
  | {
      kind: 'held' | 'resumed' | 'heldByRemote' | 'resumedByRemote' | 'muted' | 'unmuted';
      call: CallSnapshot;
    };

const live = (call: CallSnapshot): boolean => call.status !== 'ended';

/**
 * The events between `before` and `after` (calls oldest first). A call that
 * vanished from the list counts as ended at `now`.
 */
export function callEvents(
  before: readonly CallSnapshot[],
  after: readonly CallSnapshot[],
  now: number,
): CallEvent[] {
  const events: CallEvent[] = [];
  const previous = new Map(before.map((call) => [call.id, call]));
  const current = new Map(after.map((call) => [call.id, call]));
  for (const call of after) {
    const old = previous.get(call.id);
    if (!old || !live(old)) {
      if (!live(call)) continue;
      if (call.status === 'incoming') {
        const waiting = after.some(
          (other) => other.id !== call.id && live(other) && other.status !== 'incoming',
        );
        events.push({ kind: 'incoming', call, waiting });
      } else if (call.direction === 'outgoing') events.push({ kind: 'dialled', call });
      continue;
    }
    if (!live(call)) {
      events.push(ended(call, call.endedAt ?? now));
      continue;
    }
    if (call.status !== 'active' || old.status !== 'active') continue;
    if (call.held !== old.held) events.push({ kind: call.held ? 'held' : 'resumed', call });
    if (Boolean(call.heldByRemote) !== Boolean(old.heldByRemote))
      events.push({ kind: call.heldByRemote ? 'heldByRemote' : 'resumedByRemote', call });
    if (call.muted !== old.muted) events.push({ kind: call.muted ? 'muted' : 'unmuted', call });
  }
  for (const old of before) {
    if (live(old) && !current.has(old.id)) events.push(ended(old, now));
  }
  return events;
}

function ended(call: CallSnapshot, at: number): CallEvent {
  if (!call.answeredAt) return { kind: 'ended', call };
  return { kind: 'ended', call, seconds: Math.max(0, Math.round((at - call.answeredAt) / 1000)) };
}

/** True when the phone stopped being reachable: it was registered and now is not. */
export function lostRegistration(before: RegistrationStatus, after: RegistrationStatus): boolean {
  return before === 'registered' && after !== 'registered';
}
