import { describe, expect, it } from 'vitest';
import { commandFor } from './call-commands';
import { activeBob, call, report, ringingAlice } from './test-reports';

describe('commandFor', () => {
  it('answers and declines the first ringing call, by id', () => {
    const phone = report([ringingAlice('a'), call({ id: 'b' })]);
    expect(commandFor('answer', phone)).toEqual({ command: 'answer', callId: 'a' });
    expect(commandFor('decline', phone)).toEqual({ command: 'decline', callId: 'a' });
  });

  it('hang-up declines a call that only rings', () => {
    expect(commandFor('hangup', report([ringingAlice('a')]))).toEqual({ command: 'decline', callId: 'a' });
  });

  it('hang-up ends the call in progress, even while another one rings', () => {
    const phone = report([activeBob({ id: 'b' }), ringingAlice('a')]);
    expect(commandFor('hangup', phone)).toEqual({ command: 'hangup', callId: 'b' });
  });

  it('hang-up cancels an outgoing call that is still ringing out', () => {
    const phone = report([activeBob({ id: 'b', status: 'ringing' })]);
    expect(commandFor('hangup', phone)).toEqual({ command: 'hangup', callId: 'b' });
  });

  it('hang-up prefers the call that is not on hold', () => {
    const phone = report([activeBob({ id: 'x' }), activeBob({ id: 'held', held: true })]);
    expect(commandFor('hangup', phone)).toEqual({ command: 'hangup', callId: 'x' });
  });

  it('mutes and holds only an answered call', () => {
    expect(commandFor('toggleMute', report([activeBob()]))).toEqual({ command: 'toggle-mute' });
    expect(commandFor('toggleHold', report([activeBob()]))).toEqual({ command: 'toggle-hold' });
    expect(commandFor('toggleMute', report([activeBob({ status: 'dialing' })]))).toBeNull();
    expect(commandFor('toggleHold', report([ringingAlice()]))).toBeNull();
  });

  it('does nothing when there is no call', () => {
    for (const action of ['answer', 'decline', 'hangup', 'toggleMute', 'toggleHold'] as const) {
      expect(commandFor(action, report())).toBeNull();
      expect(commandFor(action, null)).toBeNull();
    }
    expect(commandFor('hangup', report([activeBob({ status: 'ended' })]))).toBeNull();
  });
});
