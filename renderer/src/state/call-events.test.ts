import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../sip/types';
import { callEvents, lostRegistration } from './call-events';

function call(overrides: Partial<CallSnapshot>): CallSnapshot {
  return {
    id: 'c1',
    direction: 'incoming',
    status: 'incoming',
    remoteName: 'Alice Archer',
    remoteNumber: 'alice',
    remoteUri: 'sip:alice@example.test',
    startedAt: 1_000,
    muted: false,
    held: false,
    holdPending: false,
    ...overrides,
  };
}

describe('callEvents', () => {
  it('tells a new ringing call, as call waiting when another call is live', () => {
    expect(callEvents([], [call({})], 0)).toEqual([{ kind: 'incoming', call: call({}), waiting: false }]);
    const talking = call({ id: 'c0', status: 'active', direction: 'outgoing' });
    const events = callEvents([talking], [talking, call({})], 0);
    expect(events).toEqual([{ kind: 'incoming', call: call({}), waiting: true }]);
  });

  it('tells a new outgoing call once', () => {
    const dialling = call({ direction: 'outgoing', status: 'dialing' });
    expect(callEvents([], [dialling], 0).map((e) => e.kind)).toEqual(['dialled']);
    expect(callEvents([dialling], [{ ...dialling, status: 'ringing' }], 0)).toEqual([]);
  });

  it('gives the connected time of an ended call, from endedAt or from now when it vanished', () => {
    const active = call({ status: 'active', answeredAt: 10_000 });
    const over = { ...active, status: 'ended' as const, endedAt: 135_000 };
    expect(callEvents([active], [over], 0)).toEqual([{ kind: 'ended', call: over, seconds: 125 }]);
    expect(callEvents([active], [], 17_400)).toEqual([{ kind: 'ended', call: active, seconds: 7 }]);
    const unanswered = call({});
    expect(callEvents([unanswered], [], 5_000)).toEqual([{ kind: 'ended', call: unanswered }]);
  });

  it('tells hold, resume, mute on either side, but not while the call is still connecting', () => {
    const active = call({ status: 'active', answeredAt: 1 });
    const kinds = (after: Partial<CallSnapshot>) =>
      callEvents([active], [{ ...active, ...after }], 0).map((e) => e.kind);
    expect(kinds({ held: true })).toEqual(['held']);
    expect(kinds({ heldByRemote: true })).toEqual(['heldByRemote']);
    expect(kinds({ muted: true })).toEqual(['muted']);
    expect(callEvents([{ ...active, held: true }], [active], 0).map((e) => e.kind)).toEqual(['resumed']);
    const connecting = call({ status: 'connecting' });
    expect(callEvents([connecting], [{ ...connecting, muted: true }], 0)).toEqual([]);
  });
});

describe('lostRegistration', () => {
  it('is true only for a drop from registered', () => {
    expect(lostRegistration('registered', 'reconnecting')).toBe(true);
    expect(lostRegistration('registered', 'failed')).toBe(true);
    expect(lostRegistration('connecting', 'failed')).toBe(false);
    expect(lostRegistration('registered', 'registered')).toBe(false);
  });
});
