import { describe, expect, it } from 'vitest';
import { defaultDeskSettings, type DeskSettings, type DeskView } from '../../../contract/desk';
import type { CallSnapshot, EngineListener, EngineSnapshot } from '../sip/types';
import type { DeskState } from './desk.svelte';
import { ForwardingState, pbxNumber } from './forwarding.svelte';
import type { PhoneState } from './phone.svelte';

// The screen's side of forwarding with a fake desk (main's store) and a fake
// phone: what the banner says, the quick switch, and the PBX feature codes.

function fakeDesk(changes: Partial<DeskSettings['forwarding']> = {}, locked: string[] = []) {
  const settings = defaultDeskSettings();
  settings.forwarding = { ...settings.forwarding, ...changes };
  const desk = {
    view: { settings, hotkeyProblems: {}, notificationActions: false, locked } as DeskView,
    saved: [] as DeskSettings[],
    get settings() {
      return this.view.settings;
    },
    save(next: DeskSettings) {
      this.saved.push(next);
      this.view = { ...this.view, settings: next };
      return Promise.resolve(this.view);
    },
  };
  return desk;
}

/** A phone whose every dialled call ends as `outcome` says. */
function fakePhone(outcome: 'answered' | 'refused' | 'unreachable') {
  const listeners = new Set<EngineListener>();
  let calls: CallSnapshot[] = [];
  const snapshot = (): EngineSnapshot => ({ registration: { status: 'registered' }, calls });
  const dialled: string[] = [];
  const phone = {
    actionError: null as string | null,
    dialled,
    engine: {
      snapshot,
      subscribe(listener: EngineListener) {
        listeners.add(listener);
        listener(snapshot());
        return () => listeners.delete(listener);
      },
    },
    dial(target: string) {
      dialled.push(target);
      if (outcome === 'unreachable') {
        phone.actionError = 'Not registered.';
        return Promise.resolve(false);
      }
      const call = { id: `c${dialled.length}`, direction: 'outgoing', status: 'dialing' } as CallSnapshot;
      calls = [...calls, call];
      setTimeout(() => {
        const ended =
          outcome === 'answered'
            ? { ...call, status: 'active' as const, answeredAt: Date.now() }
            : { ...call, status: 'ended' as const, endReason: 'The number does not exist (404).' };
        calls = calls.map((c) => (c.id === call.id ? ended : c));
        for (const listener of listeners) listener(snapshot());
      }, 5);
      return Promise.resolve(true);
    },
  };
  return phone;
}

function state(desk: ReturnType<typeof fakeDesk>, phone = fakePhone('answered')) {
  return new ForwardingState(desk as unknown as DeskState, phone as unknown as PhoneState);
}

describe('ForwardingState', () => {
  it('says where calls go, "always" first, and what the PBX does', () => {
    const desk = fakeDesk({
      busy: { enabled: true, target: '1003' },
      noAnswer: { enabled: true, target: '1004', seconds: 15 },
      pbxTarget: '1009',
    });
    const forwarding = state(desk);
    expect(forwarding.summary).toEqual([
      'Calls are forwarded to 1003 when you are busy',
      'Calls are forwarded to 1004 after 15 seconds',
      'The PBX forwards your calls to 1009',
    ]);
    desk.view.settings.forwarding.always = { enabled: true, target: '1005' };
    expect(forwarding.summary).toEqual([
      'Calls are forwarded to 1005',
      'The PBX forwards your calls to 1009',
    ]);
  });

  it('two quick presses while main is saving: on, then off again (each built on the last save)', async () => {
    const desk = fakeDesk({ always: { enabled: false, target: '1003' } });
    const save = desk.save.bind(desk);
    desk.save = (next) => new Promise((resolve) => setTimeout(() => resolve(save(next)), 20));
    const forwarding = state(desk);
    await Promise.all([forwarding.toggleAll(), forwarding.toggleAll()]);
    expect(desk.saved.map((s) => s.forwarding.always.enabled)).toEqual([true, false]);
    expect(desk.settings.forwarding.always.enabled).toBe(false);
  });

  it('the quick switch needs a target first, then turns "forward all" on and off', async () => {
    const desk = fakeDesk();
    const forwarding = state(desk);
    await forwarding.toggleAll();
    expect(forwarding.problem).toMatch(/Set where to forward calls first/);
    expect(desk.saved).toEqual([]);
    desk.view.settings.forwarding.always.target = '1003';
    await forwarding.toggleAll();
    expect(forwarding.problem).toBeNull();
    expect(desk.settings.forwarding.always).toEqual({ enabled: true, target: '1003' });
    await forwarding.toggleAll();
    expect(desk.settings.forwarding.always.enabled).toBe(false);
  });

  it('turning off leaves locked rules as the administrator set them', async () => {
    const desk = fakeDesk(
      { always: { enabled: true, target: '1003' }, busy: { enabled: true, target: '1004' } },
      ['desk.forwarding.always'],
    );
    const forwarding = state(desk);
    expect(forwarding.canTurnOff).toBe(true);
    await forwarding.turnOff();
    expect(desk.settings.forwarding.always.enabled).toBe(true);
    expect(desk.settings.forwarding.busy.enabled).toBe(false);
    expect(forwarding.canTurnOff).toBe(false);
  });

  it('forwards at the PBX by dialling the on code and the number; success once the PBX answers', async () => {
    const desk = fakeDesk({ forwardOnCode: '*72', forwardOffCode: '*73' });
    const phone = fakePhone('answered');
    const forwarding = state(desk, phone);
    const on = await forwarding.atPbx(true, '10 03');
    expect(phone.dialled).toEqual(['*721003']);
    expect(on).toEqual({ ok: true, message: 'The PBX accepted: calls are forwarded to 1003 at the PBX.' });
    expect(desk.settings.forwarding.pbxTarget).toBe('1003');
    const off = await forwarding.atPbx(false);
    expect(phone.dialled).toEqual(['*721003', '*73']);
    expect(off.ok).toBe(true);
    expect(desk.settings.forwarding.pbxTarget).toBe('');
  });

  it('reports a code the PBX refused, a phone that cannot dial, a target that is not a number and missing codes', async () => {
    const codes = { forwardOnCode: '*72', forwardOffCode: '*73' };
    const refused = await state(fakeDesk(codes), fakePhone('refused')).atPbx(true, '1003');
    expect(refused).toEqual({
      ok: false,
      message: 'The PBX did not accept *721003: The number does not exist (404).',
    });
    const offline = await state(fakeDesk(codes), fakePhone('unreachable')).atPbx(true, '1003');
    expect(offline).toEqual({ ok: false, message: 'The PBX did not accept *721003: Not registered.' });
    const phone = fakePhone('answered');
    const address = await state(fakeDesk(codes), phone).atPbx(true, 'carol@pbx.test');
    expect(address.message).toMatch(/needs a number/);
    const none = await state(fakeDesk(), phone).atPbx(true, '1003');
    expect(none.message).toMatch(/codes are not set/);
    expect(phone.dialled).toEqual([]);
  });

  it('a PBX number is digits (and a leading +), separators dropped', () => {
    expect(pbxNumber('+49 (30) 1234-5')).toBe('+493012345');
    expect(pbxNumber('carol')).toBeNull();
    expect(pbxNumber('')).toBeNull();
  });
});
