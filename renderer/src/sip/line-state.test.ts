import { describe, expect, it } from 'vitest';
import {
  DECLINE_REASON,
  holdTransition,
  initialLineState,
  lineTransition,
  type LineContext,
  type LineEvent,
  type LineState,
} from './line-state';

const OUT: LineContext = { direction: 'outgoing', remoteName: 'Bob' };
const IN: LineContext = { direction: 'incoming', remoteName: 'Alice' };

function run(context: LineContext, events: LineEvent[]): LineState {
  return events.reduce(
    (state, event) => lineTransition(state, event, context),
    initialLineState(context.direction),
  );
}

describe('line state: outgoing calls', () => {
  it('dialing → ringing on 180 or 183 → active when established → ended normally without a reason', () => {
    expect(run(OUT, [{ type: 'progress', code: 180 }]).status).toBe('ringing');
    expect(run(OUT, [{ type: 'progress', code: 183 }]).status).toBe('ringing');
    expect(run(OUT, [{ type: 'progress', code: 100 }]).status).toBe('dialing');
    const done = run(OUT, [
      { type: 'progress', code: 180 },
      { type: 'established', at: 10 },
      { type: 'ending-here' },
      { type: 'terminated', at: 20 },
    ]);
    expect(done).toEqual({
      status: 'ended',
      answeredAt: 10,
      endedAt: 20,
      endReason: undefined,
      endingHere: true,
    });
  });

  it('says who hung up, and after how long, when the far end ends a connected call', () => {
    const done = run(OUT, [
      { type: 'established', at: 1_000 },
      { type: 'terminated', at: 1_000 + 83_400 },
    ]);
    expect(done).toMatchObject({ status: 'ended', endReason: 'Bob hung up after 1:23.' });
    const long = run(IN, [
      { type: 'answer-pressed' },
      { type: 'established', at: 0 },
      { type: 'terminated', at: 3_723_000 },
    ]);
    expect(long.endReason).toBe('Alice hung up after 1:02:03.');
  });

  it('busy, unavailable, 488 and server failures end with their plain reason and code', () => {
    const cases: Array<[number, string, RegExp]> = [
      [486, 'Busy Here', /Bob is busy/],
      [600, 'Busy Everywhere', /Bob is busy/],
      [603, 'Decline', /Bob declined the call/],
      [480, 'Temporarily Unavailable', /not available right now \(480\)/],
      [404, 'Not Found', /does not exist \(404\)/],
      [408, 'Request Timeout', /408/],
      [488, 'Not Acceptable Here', /webrtc=yes/],
      [503, 'Service Unavailable', /unavailable \(503\)/],
      [403, 'Forbidden', /refused to let this account place the call \(403\)/],
    ];
    for (const [code, reason, expected] of cases) {
      const state = run(OUT, [
        { type: 'rejected', code, reason },
        { type: 'terminated', at: 5 },
      ]);
      expect(state.status).toBe('ended');
      expect(state.endCode).toBe(code);
      expect(state.endReason).toMatch(expected);
    }
  });

  it("tells a callee's Decline (486 Declined) apart from a busy line", () => {
    const declined = run(OUT, [{ type: 'rejected', code: 486, reason: DECLINE_REASON }]);
    expect(declined.endReason).toBe('Bob declined the call.');
  });

  it('keeps "Call cancelled." when the 487 for our own CANCEL arrives, even after the session ended', () => {
    const state = run(OUT, [
      { type: 'progress', code: 180 },
      { type: 'cancelled-here' },
      { type: 'terminated', at: 3 },
      { type: 'rejected', code: 487, reason: 'Request Terminated' },
    ]);
    expect(state).toMatchObject({ status: 'ended', endReason: 'Call cancelled.', endCode: 487 });
  });

  it('a reason that arrives after termination is still recorded (SIP.js reports it late)', () => {
    const state = run(OUT, [
      { type: 'terminated', at: 1 },
      { type: 'rejected', code: 480, reason: 'Temporarily Unavailable' },
    ]);
    expect(state.status).toBe('ended');
    expect(state.endReason).toMatch(/480/);
  });

  it('a microphone failure ends the call at once with its message, and nothing moves it after', () => {
    const state = run(OUT, [
      { type: 'media-failed', message: 'The microphone is blocked.' },
      { type: 'established', at: 9 },
      { type: 'progress', code: 180 },
    ]);
    expect(state).toEqual({ status: 'ended', endReason: 'The microphone is blocked.' });
  });

  it('an offer that fails after SIP.js already ended the session still gives the call its reason', () => {
    const state = run(OUT, [
      { type: 'terminated', at: 5 },
      { type: 'media-failed', message: 'This call cannot carry audio.' },
      { type: 'media-failed', message: 'A later failure changes nothing.' },
    ]);
    expect(state).toMatchObject({ status: 'ended', endedAt: 5, endReason: 'This call cannot carry audio.' });
  });

  it('cancelling is only meaningful before the call is answered', () => {
    const active = run(OUT, [{ type: 'established', at: 1 }, { type: 'cancelled-here' }]);
    expect(active.endReason).toBeUndefined();
  });
});

describe('line state: incoming calls', () => {
  it('incoming → connecting on Answer → active → ended', () => {
    expect(run(IN, [{ type: 'answer-pressed' }]).status).toBe('connecting');
    expect(run(IN, [{ type: 'answer-pressed' }, { type: 'established', at: 4 }])).toMatchObject({
      status: 'active',
      answeredAt: 4,
    });
  });

  it('a caller who gives up is a missed call', () => {
    expect(run(IN, [{ type: 'terminated', at: 2 }])).toMatchObject({
      status: 'ended',
      endReason: 'Missed call from Alice.',
    });
  });

  it('our Decline and do-not-disturb refusals say so, not "missed"', () => {
    expect(run(IN, [{ type: 'declined-here' }, { type: 'terminated', at: 2 }]).endReason).toBe(
      'You declined the call.',
    );
    const refused = run(IN, [
      { type: 'refused-here', reason: 'Missed call from Alice (do not disturb).', at: 2 },
    ]);
    // Over at once: a refused call never shows as ringing, not even for a moment.
    expect(refused).toMatchObject({
      status: 'ended',
      endedAt: 2,
      endReason: 'Missed call from Alice (do not disturb).',
    });
    expect(lineTransition(refused, { type: 'terminated', at: 5 }, IN)).toBe(refused);
  });

  it('answering fails cleanly when the media cannot start', () => {
    const state = run(IN, [
      { type: 'answer-pressed' },
      { type: 'media-failed', message: 'No microphone was found.' },
    ]);
    expect(state).toMatchObject({ status: 'ended', endReason: 'No microphone was found.' });
  });

  it('an answered call that ends is not missed, and decline after answering changes nothing', () => {
    const state = run(IN, [
      { type: 'answer-pressed' },
      { type: 'established', at: 1 },
      { type: 'declined-here' },
      { type: 'ending-here' },
      { type: 'terminated', at: 9 },
    ]);
    expect(state.endReason).toBeUndefined();
  });
});

describe('hold state', () => {
  it('shows Held only after the far end accepted', () => {
    const requested = holdTransition({ held: false, pending: false }, { type: 'requested', held: true });
    expect(requested).toEqual({ held: false, pending: true });
    expect(holdTransition(requested, { type: 'accepted', held: true })).toEqual({
      held: true,
      pending: false,
    });
  });

  it('a refused hold leaves the call active, with the reason; a refused resume leaves it held', () => {
    const refused = holdTransition({ held: false, pending: true }, { type: 'refused', message: 'No (488)' });
    expect(refused).toEqual({ held: false, pending: false, error: 'No (488)' });
    const stillHeld = holdTransition({ held: true, pending: true }, { type: 'refused', message: 'No (491)' });
    expect(stillHeld).toEqual({ held: true, pending: false, error: 'No (491)' });
  });

  it('a new attempt clears the previous error', () => {
    expect(
      holdTransition({ held: false, pending: false, error: 'old' }, { type: 'requested', held: true }),
    ).toEqual({
      held: false,
      pending: true,
    });
  });
});
