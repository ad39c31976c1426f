import { describe, expect, it } from 'vitest';
import type { CallSnapshot, EngineListener, EngineSnapshot } from '../sip/types';
import { NullEngine } from './null-engine';
import { callFocus } from './call-focus.svelte';
import { runCommand } from './commands';
import { PhoneState } from './phone.svelte';

/** Records every engine action the commands cause. */
class RecordingEngine extends NullEngine {
  actions: string[] = [];
  async call(target: string) {
    this.actions.push(`call ${target}`);
    return 'x';
  }
  async answer(id: string) {
    this.actions.push(`answer ${id}`);
  }
  async decline(id: string) {
    this.actions.push(`decline ${id}`);
  }
  async hangup(id: string) {
    this.actions.push(`hangup ${id}`);
  }
  setMuted(id: string, muted: boolean) {
    this.actions.push(`mute ${id} ${muted}`);
  }
  async setHeld(id: string, held: boolean) {
    this.actions.push(`hold ${id} ${held}`);
  }
  snapshot = (): EngineSnapshot => ({ registration: { status: 'registered' }, calls: [] });
  subscribe(listener: EngineListener) {
    this.listener = listener;
    return () => undefined;
  }
  show(calls: Partial<CallSnapshot>[]) {
    this.listener?.({
      registration: { status: 'registered' },
      calls: calls.map((c) => ({
        id: 'c',
        direction: 'outgoing',
        status: 'active',
        remoteName: 'R',
        remoteNumber: 'r',
        remoteUri: 'sip:r@x',
        startedAt: 0,
        muted: false,
        held: false,
        holdPending: false,
        ...c,
      })),
    });
  }
}

function setup(calls: Partial<CallSnapshot>[]) {
  const engine = new RecordingEngine();
  const phone = new PhoneState(engine);
  engine.show(calls);
  return { engine, phone };
}

describe('runCommand', () => {
  it('answers the ringing call; with a call in progress that call is held first', async () => {
    const { engine, phone } = setup([
      { id: 'a', status: 'active' },
      { id: 'r', status: 'incoming', direction: 'incoming' },
    ]);
    await runCommand(phone, { command: 'answer' });
    expect(engine.actions).toEqual(['hold a true', 'answer r']);
  });

  it('ignores answer and decline when nothing rings, and a stale call id', async () => {
    const { engine, phone } = setup([{ id: 'a', status: 'active' }]);
    await runCommand(phone, { command: 'answer' });
    await runCommand(phone, { command: 'decline', callId: 'gone' });
    expect(engine.actions).toEqual([]);
  });

  it('hang-up ends the call on screen, or declines when only a call rings', async () => {
    const talking = setup([{ id: 'a', status: 'active' }]);
    await runCommand(talking.phone, { command: 'hangup' });
    expect(talking.engine.actions).toEqual(['hangup a']);
    const ringing = setup([{ id: 'r', status: 'incoming', direction: 'incoming' }]);
    await runCommand(ringing.phone, { command: 'hangup' });
    expect(ringing.engine.actions).toEqual(['decline r']);
  });

  it('toggles mute and hold on the current call', async () => {
    const { engine, phone } = setup([{ id: 'a', status: 'active', muted: true, held: false }]);
    await runCommand(phone, { command: 'toggle-mute' });
    await runCommand(phone, { command: 'toggle-hold' });
    expect(engine.actions).toEqual(['mute a false', 'hold a true']);
  });

  it('dials at once, or waits for confirmation when asked to', async () => {
    const { engine, phone } = setup([]);
    await runCommand(phone, {
      command: 'dial',
      target: '+442079460018',
      display: '+44 20 7946 0018',
      confirm: false,
    });
    expect(engine.actions).toEqual(['call +442079460018']);
    await runCommand(phone, { command: 'dial', target: '+15550100', display: '+1 555 0100', confirm: true });
    expect(phone.pendingDial).toEqual({ target: '+15550100', display: '+1 555 0100' });
    expect(engine.actions).toHaveLength(1);
    await phone.confirmDial(false);
    expect(engine.actions).toHaveLength(1);
    await runCommand(phone, { command: 'dial', target: '+15550100', display: '+1 555 0100', confirm: true });
    await phone.confirmDial(true);
    expect(engine.actions).toEqual(['call +442079460018', 'call +15550100']);
  });

  it("show-call asks for focus on the chosen ringing call's Answer, else on the live call's heading", async () => {
    const ringing = setup([{ id: 'r', status: 'incoming', direction: 'incoming' }]);
    await runCommand(ringing.phone, { command: 'show-call', callId: 'r' });
    expect(callFocus.wish).toEqual({ callId: 'r', target: 'answer' });
    const live = setup([{ id: 'l', status: 'active' }]);
    await runCommand(live.phone, { command: 'show-call' });
    expect(callFocus.wish).toEqual({ callId: 'l', target: 'heading' });
    callFocus.wish = null;
  });
});
