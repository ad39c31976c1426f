import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../sip/types';
import { headsetCommand, headsetSignals, signalChanges, type PhoneLines } from './binding';
import { NO_SIGNALS } from './headset';

const call = (
  id: string,
  status: CallSnapshot['status'],
  extra: Partial<CallSnapshot> = {},
): CallSnapshot => ({
  id,
  direction: status === 'incoming' ? 'incoming' : 'outgoing',
  status,
  remoteName: id,
  remoteNumber: id,
  remoteUri: `sip:${id}@example.test`,
  startedAt: 0,
  muted: false,
  held: false,
  holdPending: false,
  ...extra,
});

/** The phone's own view of its lines (the same rules as PhoneState.incoming/current). */
function lines(...calls: CallSnapshot[]): PhoneLines {
  const live = calls.filter((c) => c.status !== 'incoming' && c.status !== 'ended');
  const talking = live.filter((c) => !c.held);
  return {
    calls,
    incoming: calls.find((c) => c.status === 'incoming'),
    current: talking[talking.length - 1] ?? live[live.length - 1],
  };
}

describe('headset buttons → phone commands', () => {
  it('off-hook answers the ringing call; with nothing ringing it does nothing', () => {
    expect(headsetCommand({ type: 'offHook' }, lines(call('a', 'incoming')))).toEqual({
      command: 'answer',
      callId: 'a',
    });
    expect(headsetCommand({ type: 'offHook' }, lines(call('a', 'active')))).toBeNull();
    expect(headsetCommand({ type: 'offHook' }, lines())).toBeNull();
  });

  it('on-hook hangs up the line on screen, or declines a call that only rings', () => {
    expect(headsetCommand({ type: 'onHook' }, lines(call('a', 'active')))).toEqual({
      command: 'hangup',
      callId: 'a',
    });
    expect(
      headsetCommand({ type: 'onHook' }, lines(call('a', 'active', { held: true }), call('b', 'active'))),
    ).toEqual({
      command: 'hangup',
      callId: 'b',
    });
    expect(headsetCommand({ type: 'onHook' }, lines(call('r', 'incoming')))).toEqual({
      command: 'decline',
      callId: 'r',
    });
    expect(headsetCommand({ type: 'reject' }, lines(call('r', 'incoming')))).toEqual({
      command: 'decline',
      callId: 'r',
    });
    expect(headsetCommand({ type: 'onHook' }, lines())).toBeNull();
  });

  it('mute toggles the current call; flash holds it, or takes a waiting call', () => {
    expect(headsetCommand({ type: 'mute' }, lines(call('a', 'active')))).toEqual({ command: 'toggle-mute' });
    expect(headsetCommand({ type: 'mute' }, lines(call('r', 'incoming')))).toBeNull();
    expect(headsetCommand({ type: 'flash' }, lines(call('a', 'active')))).toEqual({ command: 'toggle-hold' });
    expect(headsetCommand({ type: 'flash' }, lines(call('a', 'active'), call('w', 'incoming')))).toEqual({
      command: 'answer',
      callId: 'w',
    });
  });

  it('redial only when idle', () => {
    expect(headsetCommand({ type: 'redial' }, lines())).toBe('redial');
    expect(headsetCommand({ type: 'redial' }, lines(call('a', 'active')))).toBeNull();
  });
});

describe('phone → headset lights', () => {
  it('rings for a call, also while on another (call waiting); off-hook from dialling on', () => {
    expect(headsetSignals(lines(call('r', 'incoming')))).toEqual({ ...NO_SIGNALS, ring: true });
    expect(headsetSignals(lines(call('a', 'dialing')))).toEqual({ ...NO_SIGNALS, offHook: true });
    expect(headsetSignals(lines(call('a', 'active', { muted: true }), call('w', 'incoming')))).toEqual({
      ring: true,
      offHook: true,
      muted: true,
      held: false,
    });
    expect(headsetSignals(lines(call('a', 'active', { held: true })))).toMatchObject({
      offHook: true,
      held: true,
    });
    expect(headsetSignals(lines(call('a', 'ended')))).toEqual(NO_SIGNALS);
  });

  it('sends only changes: ringer off before the hook goes up, lights out before it goes down', () => {
    const ringing = { ...NO_SIGNALS, ring: true };
    const talking = { ...NO_SIGNALS, offHook: true, muted: true };
    expect(signalChanges(NO_SIGNALS, ringing)).toEqual([['ring', true]]);
    expect(signalChanges(ringing, talking)).toEqual([
      ['ring', false],
      ['offHook', true],
      ['muted', true],
    ]);
    expect(signalChanges(talking, NO_SIGNALS)).toEqual([
      ['muted', false],
      ['offHook', false],
    ]);
    expect(signalChanges(talking, talking)).toEqual([]);
  });
});
