import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../sip/types';
import { screenPopTriggers } from './screen-pop-triggers';

function call(over: Partial<CallSnapshot> = {}): CallSnapshot {
  return {
    id: 'call-1',
    direction: 'incoming',
    status: 'incoming',
    remoteName: 'Bob',
    remoteNumber: '1002',
    remoteUri: 'sip:1002@pbx',
    startedAt: 100,
    muted: false,
    held: false,
    holdPending: false,
    ...over,
  };
}

const kinds = (found: ReturnType<typeof screenPopTriggers>) => found.map((f) => `${f.call.id}:${f.trigger}`);

describe('screen-pop triggers', () => {
  it('ring when an incoming call appears, answer when it connects, each once', () => {
    const ringing = call();
    expect(kinds(screenPopTriggers([], [ringing]))).toEqual(['call-1:ring']);
    expect(kinds(screenPopTriggers([ringing], [ringing]))).toEqual([]);
    const connecting = call({ status: 'connecting' });
    expect(kinds(screenPopTriggers([ringing], [connecting]))).toEqual(['call-1:answer']);
    expect(kinds(screenPopTriggers([connecting], [call({ status: 'active' })]))).toEqual([]);
  });

  it('outgoing calls never open by themselves', () => {
    const out = call({ direction: 'outgoing', status: 'dialing' });
    expect(screenPopTriggers([], [out])).toEqual([]);
    expect(screenPopTriggers([out], [{ ...out, status: 'active' }])).toEqual([]);
  });

  it('a reused id with another start is a new call', () => {
    const old = call({ status: 'ended' });
    expect(kinds(screenPopTriggers([old], [call({ startedAt: 999 })]))).toEqual(['call-1:ring']);
  });

  it('a declined or missed call never counts as answered', () => {
    expect(screenPopTriggers([call()], [call({ status: 'ended' })])).toEqual([]);
  });
});
