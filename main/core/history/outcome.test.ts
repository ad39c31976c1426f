import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../../contract/history';
import type { ReportedCall } from '../desk/calls';
import { call, report } from '../desk/test-reports';
import { CallTracker } from './call-tracker';
import type { JournalEvent } from './journal-format';

// Outcomes as the user sees them, derived from the same report sequences the
// renderer sends: each test plays one call's life and reads the ended entry.

const T0 = 1_700_000_000_000;

function tracker(): CallTracker {
  let n = 0;
  return new CallTracker({ now: () => T0 + 60_000, newId: () => `h${++n}` });
}

/** Plays reports of one call through its states; returns every event. */
function play(states: Array<Partial<ReportedCall>>, base: Partial<ReportedCall> = {}): JournalEvent[] {
  const t = tracker();
  return states.flatMap((s) => t.report(report([call({ startedAt: T0, ...base, ...s })])));
}

function ended(events: JournalEvent[]): HistoryEntry {
  const found = events.filter((e) => e.type === 'ended');
  expect(found).toHaveLength(1);
  const { type: _type, ...entry } = found[0] as Extract<JournalEvent, { type: 'ended' }>;
  return entry;
}

const incoming = { direction: 'incoming' as const, remoteName: 'Alice Archer', remoteNumber: 'alice' };
const outgoing = { id: 'c2', direction: 'outgoing' as const, remoteName: 'bob', remoteNumber: 'bob' };

describe('call outcomes from phone reports', () => {
  it('an incoming call that rang out is missed', () => {
    const events = play(
      [
        { status: 'incoming' },
        { status: 'ended', endedAt: T0 + 9000, endReason: 'Missed call from Alice Archer.' },
      ],
      incoming,
    );
    expect(events.map((e) => e.type)).toEqual(['started', 'ended']);
    expect(ended(events)).toMatchObject({
      id: 'h1',
      direction: 'incoming',
      name: 'Alice Archer',
      number: 'alice',
      start: T0,
      end: T0 + 9000,
      duration: 0,
      outcome: 'missed',
    });
  });

  it('an incoming call the caller gave up on, with no reason, is missed', () => {
    const events = play([{ status: 'incoming' }, { status: 'ended', endedAt: T0 + 1000 }], incoming);
    expect(ended(events).outcome).toBe('missed');
  });

  it('an incoming call refused under do not disturb is missed', () => {
    const events = play(
      [
        { status: 'incoming' },
        { status: 'ended', endedAt: T0 + 5, endReason: 'Missed call from Alice Archer (do not disturb).' },
      ],
      incoming,
    );
    expect(ended(events)).toMatchObject({
      outcome: 'missed',
      reason: expect.stringContaining('do not disturb'),
    });
  });

  it('an incoming call we rejected is declined', () => {
    const events = play(
      [{ status: 'incoming' }, { status: 'ended', endedAt: T0 + 3000, endReason: 'You declined the call.' }],
      incoming,
    );
    expect(ended(events).outcome).toBe('declined');
  });

  it('an answered call is answered, with its duration from answer to end', () => {
    const events = play(
      [
        { status: 'incoming' },
        { status: 'connecting' },
        { status: 'active', answeredAt: T0 + 4000 },
        { status: 'ended', answeredAt: T0 + 4000, endedAt: T0 + 16_600 },
      ],
      incoming,
    );
    expect(events.map((e) => e.type)).toEqual(['started', 'updated', 'updated', 'ended']);
    expect(ended(events)).toMatchObject({ outcome: 'answered', duration: 13 });
    expect(ended(events).reason).toBeUndefined();
  });

  it('an incoming call answered here whose media failed is failed, with the reason', () => {
    const reason =
      'The microphone is blocked. Allow microphone access for DeskPhone in your system settings.';
    const events = play(
      [
        { status: 'incoming' },
        { status: 'connecting' },
        { status: 'ended', endedAt: T0 + 900, endReason: reason },
      ],
      incoming,
    );
    expect(ended(events)).toMatchObject({ outcome: 'failed', reason });
  });

  it('an outgoing call refused with a SIP error is failed, with reason and code', () => {
    const reason = 'The person you called is not available right now (480): not registered, or unreachable.';
    const events = play(
      [{ status: 'dialing' }, { status: 'ended', endedAt: T0 + 200, endCode: 480, endReason: reason }],
      outgoing,
    );
    expect(ended(events)).toMatchObject({ direction: 'outgoing', outcome: 'failed', code: 480, reason });
  });

  it('an outgoing call declined by the other side (486) is failed', () => {
    const events = play(
      [
        { status: 'ringing' },
        { status: 'ended', endedAt: T0 + 200, endCode: 486, endReason: 'bob declined the call.' },
      ],
      outgoing,
    );
    expect(ended(events)).toMatchObject({ outcome: 'failed', code: 486 });
  });

  it('an outgoing call we hung up before the answer is cancelled (487 or our own words)', () => {
    const by487 = play([{ status: 'ringing' }, { status: 'ended', endedAt: T0 + 1, endCode: 487 }], outgoing);
    const byReason = play(
      [{ status: 'dialing' }, { status: 'ended', endedAt: T0 + 1, endReason: 'Call cancelled.' }],
      outgoing,
    );
    expect(ended(by487).outcome).toBe('cancelled');
    expect(ended(byReason).outcome).toBe('cancelled');
  });

  it('an outgoing call that failed without a SIP answer (media, connection) is failed', () => {
    const events = play(
      [{ status: 'dialing' }, { status: 'ended', endedAt: T0 + 1, endReason: 'No microphone was found.' }],
      outgoing,
    );
    expect(ended(events)).toMatchObject({ outcome: 'failed', reason: 'No microphone was found.' });
    expect(ended(events).code).toBeUndefined();
  });

  it('an answered outgoing call is answered with its duration', () => {
    const events = play(
      [
        { status: 'dialing' },
        { status: 'ringing' },
        { status: 'active', answeredAt: T0 + 2000 },
        { status: 'ended', answeredAt: T0 + 2000, endedAt: T0 + 62_000 },
      ],
      outgoing,
    );
    expect(ended(events)).toMatchObject({ outcome: 'answered', duration: 60 });
  });

  it('records an ended call once, though it lingers in later reports', () => {
    const t = tracker();
    const done = call({
      startedAt: T0,
      status: 'ended',
      endedAt: T0 + 5,
      endReason: 'You declined the call.',
    });
    const first = t.report(report([call({ startedAt: T0 })]));
    const second = t.report(report([done]));
    const third = t.report(report([done]));
    expect([first.length, second.length, third.length]).toEqual([1, 1, 0]);
    // Gone from the report, then the same renderer id again (after a reload): a new call.
    t.report(report([]));
    expect(t.report(report([call({ startedAt: T0 + 99 })]))[0]).toMatchObject({ type: 'started', id: 'h2' });
  });

  it('a call that vanishes without ending (page reloaded) is interrupted', () => {
    const t = tracker();
    t.report(report([call({ ...outgoing, startedAt: T0, status: 'active', answeredAt: T0 + 1000 })]));
    const events = t.report(report([]));
    expect(ended(events)).toMatchObject({ outcome: 'interrupted', duration: 59, end: T0 + 60_000 });
    expect(t.inProgress()).toEqual([]);
  });

  it('the same renderer id with another start time is another call', () => {
    const t = tracker();
    t.report(report([call({ startedAt: T0 })]));
    const events = t.report(report([call({ startedAt: T0 + 50 })]));
    expect(events.map((e) => e.type)).toEqual(['ended', 'started']);
    expect(events[0]).toMatchObject({ id: 'h1', outcome: 'interrupted' });
    expect(events[1]).toMatchObject({ id: 'h2', start: T0 + 50 });
  });
});
