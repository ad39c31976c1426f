import { describe, expect, it } from 'vitest';
import type { CallSnapshot } from '../sip/types';
import { NullEngine } from './null-engine';
import { PhoneState } from './phone.svelte';

/** An engine double that lets the test push snapshots and fail actions. */
class FakeEngine extends NullEngine {
  failNextCall: Error | null = null;
  calls: string[] = [];
  held: string[] = [];
  async setHeld(callId: string, held: boolean): Promise<void> {
    if (held) this.held.push(callId);
  }
  async call(target: string): Promise<string> {
    if (this.failNextCall) throw this.failNextCall;
    this.calls.push(target);
    return 'call-1';
  }
  async hangup(): Promise<void> {
    throw new Error('That call has already ended.');
  }
  push(calls: Partial<CallSnapshot>[]): void {
    this.listener?.({
      registration: { status: 'registered' },
      calls: calls.map((c, i) => ({
        id: `c${i}`,
        direction: 'outgoing',
        status: 'active',
        remoteName: 'Bob',
        remoteNumber: 'bob',
        remoteUri: 'sip:bob@x',
        startedAt: 0,
        muted: false,
        held: false,
        holdPending: false,
        ...c,
      })),
    });
  }
}

describe('PhoneState', () => {
  it('tells why a call ended exactly once, and not for calls that ended normally', () => {
    const engine = new FakeEngine();
    const phone = new PhoneState(engine);
    engine.push([{ id: 'a', status: 'ringing' }]);
    expect(phone.lastOutcome).toBeNull();
    engine.push([{ id: 'a', status: 'ended', endReason: 'Bob declined the call.' }]);
    expect(phone.lastOutcome).toBe('Bob declined the call.');
    phone.lastOutcome = null;
    engine.push([{ id: 'a', status: 'ended', endReason: 'Bob declined the call.' }]);
    expect(phone.lastOutcome).toBeNull();
    engine.push([{ id: 'b', status: 'ended' }]);
    expect(phone.lastOutcome).toBeNull();
  });

  it('picks the ringing call as incoming and the newest live call as current', () => {
    const engine = new FakeEngine();
    const phone = new PhoneState(engine);
    engine.push([
      { id: 'old', status: 'active' },
      { id: 'ring', status: 'incoming', direction: 'incoming' },
      { id: 'gone', status: 'ended' },
    ]);
    expect(phone.incoming?.id).toBe('ring');
    expect(phone.current?.id).toBe('old');
    expect(phone.registration.status).toBe('registered');
  });

  it('shows an engine refusal as a plain error and clears it on the next attempt', async () => {
    const engine = new FakeEngine();
    const phone = new PhoneState(engine);
    engine.failNextCall = new Error('The phone is not registered, so it cannot place calls.');
    expect(await phone.dial('bob')).toBe(false);
    expect(phone.actionError).toMatch(/not registered/);
    engine.failNextCall = null;
    expect(await phone.dial('bob')).toBe(true);
    expect(phone.actionError).toBeNull();
    await phone.hangup('c0');
    expect(phone.actionError).toBe('That call has already ended.');
  });

  it('dialling beside a live call holds it first', async () => {
    const engine = new FakeEngine();
    const phone = new PhoneState(engine);
    engine.push([
      { id: 'talking', status: 'active' },
      { id: 'waiting', status: 'active', held: true },
    ]);
    expect(await phone.dial('carol')).toBe(true);
    expect(engine.held).toEqual(['talking']);
    expect(engine.calls).toEqual(['carol']);
  });
});
