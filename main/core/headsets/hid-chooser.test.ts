import { describe, expect, it } from 'vitest';
import { defaultHeadsetSettings, type HeadsetSettings } from '../../../contract/headsets';
import { HidAccess } from './hid-access';
import { HidChooser, type ChooserDecision, type ChooserTimers } from './hid-chooser';
import { EPOS, JABRA, JABRA_2, KEYBOARD, POLY } from './test-devices';

// navigator.hid.requestDevice as main answers it: the first allowed device at
// once, never a pop-up, '' when there is none (after a short wait for a
// headset being plugged in), and devices plugged in or out during that wait.

const PAGE = 'app://phone/index.html';
const FRAME = '7:1';

/** Timers the test fires by hand. */
function manualTimers() {
  const due = new Map<number, () => void>();
  let next = 1;
  const timers: ChooserTimers = {
    set: (run) => {
      due.set(next, run);
      return next++;
    },
    clear: (handle) => void due.delete(handle as number),
  };
  const fire = () => {
    const runs = [...due.values()];
    due.clear();
    runs.forEach((run) => run());
  };
  return { timers, fire, pending: () => due.size };
}

function setup(initial: Partial<HeadsetSettings> = {}, graceMs = 2000) {
  let settings: HeadsetSettings = { ...defaultHeadsetSettings, ...initial };
  const access = new HidAccess({ origin: 'app://phone', headset: () => settings });
  const clock = manualTimers();
  const decisions: ChooserDecision[] = [];
  const chooser = new HidChooser(access, {
    graceMs,
    timers: clock.timers,
    onDecision: (d) => decisions.push(d),
  });
  const answers: string[] = [];
  const ask = (deviceList: unknown[], frameUrl: string | null = PAGE, frameKey: string | null = FRAME) => {
    const mine: string[] = [];
    chooser.select({
      frameKey,
      frameUrl,
      deviceList,
      answer: (id) => {
        answers.push(id);
        mine.push(id);
      },
    });
    return mine;
  };
  const set = (next: Partial<HeadsetSettings>) => {
    settings = { ...settings, ...next };
  };
  return { chooser, clock, decisions, answers, ask, set };
}

describe('HID chooser (select-hid-device)', () => {
  it('picks the Poly headset from [keyboard, Poly] at once', () => {
    const { ask, decisions, chooser } = setup();
    expect(ask([KEYBOARD, POLY])).toEqual(['poly-1']);
    expect(decisions).toEqual([{ outcome: 'granted', vendor: 'poly', vendorId: 0x047f, productId: 0xc056 }]);
    expect(chooser.waiting).toBe(0);
  });

  it('of two supported headsets, grants the first Chromium lists (the list holds only devices matching the page’s filters)', () => {
    const { ask } = setup();
    expect(ask([JABRA_2, JABRA])).toEqual(['jabra-2']);
    expect(ask([EPOS, JABRA])).toEqual(['epos-1']);
  });

  it('answers "" for a keyboard only, after the grace period, and grants nothing', () => {
    const { ask, clock, decisions, chooser } = setup();
    const mine = ask([KEYBOARD]);
    expect(mine).toEqual([]);
    expect(chooser.waiting).toBe(1);
    clock.fire();
    expect(mine).toEqual(['']);
    expect(decisions).toEqual([{ outcome: 'no-supported-device' }]);
    expect(chooser.waiting).toBe(0);
  });

  it('without a grace period, answers "" at once', () => {
    const { ask, clock } = setup({}, 0);
    expect(ask([KEYBOARD])).toEqual(['']);
    expect(ask([])).toEqual(['']);
    expect(clock.pending()).toBe(0);
  });

  it('grants a supported headset plugged in while the page waits, and ignores a keyboard plugged in', () => {
    const { ask, chooser, clock, answers } = setup();
    const mine = ask([]);
    chooser.deviceAdded(FRAME, KEYBOARD);
    expect(mine).toEqual([]);
    chooser.deviceAdded('9:1', JABRA); // another frame's request: not ours to answer
    expect(mine).toEqual([]);
    chooser.deviceAdded(FRAME, JABRA);
    expect(mine).toEqual(['jabra-1']);
    // The timer is gone: the request is answered exactly once.
    expect(clock.pending()).toBe(0);
    clock.fire();
    expect(answers).toEqual(['jabra-1']);
  });

  it('never grants a device plugged in when no request is open', () => {
    const { chooser, answers, decisions } = setup();
    chooser.deviceAdded(FRAME, JABRA);
    chooser.deviceAdded(null, JABRA);
    expect(answers).toEqual([]);
    expect(decisions).toEqual([]);
  });

  it('forgets a device unplugged during the wait, so it is never granted later', () => {
    const { ask, chooser, set, clock } = setup({ vendors: ['jabra'] });
    const mine = ask([POLY]); // not allowed now: the request waits
    chooser.deviceRemoved(FRAME, POLY);
    set({ vendors: ['jabra', 'poly'] });
    chooser.deviceAdded(FRAME, KEYBOARD); // the list is looked at again
    expect(mine).toEqual([]);
    clock.fire();
    expect(mine).toEqual(['']);
  });

  it('a device still listed is granted once the settings allow it and the list changes', () => {
    const { ask, chooser, set } = setup({ vendors: ['jabra'] });
    const mine = ask([POLY]);
    set({ vendors: ['jabra', 'poly'] });
    chooser.deviceAdded(FRAME, KEYBOARD);
    expect(mine).toEqual(['poly-1']);
  });

  it('answers "" to another origin’s frame, or a frame that is gone, without looking at the devices', () => {
    const { ask, decisions } = setup();
    expect(ask([JABRA], 'https://evil.example/')).toEqual(['']);
    expect(ask([JABRA], 'app://other/index.html')).toEqual(['']);
    expect(ask([JABRA], null)).toEqual(['']);
    expect(ask([JABRA], PAGE, null)).toEqual(['']);
    expect(decisions.map((d) => d.outcome)).toEqual(Array(4).fill('not-our-page'));
  });

  it('answers "" at once while call control is off, and grants again when it is back on', () => {
    const { ask, decisions, set } = setup({ callControl: false });
    expect(ask([JABRA])).toEqual(['']);
    expect(decisions).toEqual([{ outcome: 'call-control-off' }]);
    set({ callControl: true });
    expect(ask([JABRA])).toEqual(['jabra-1']);
  });

  it('a newer request from the same frame replaces the open one (answered "")', () => {
    const { ask, chooser, decisions } = setup();
    const first = ask([KEYBOARD]);
    const second = ask([KEYBOARD]);
    expect(first).toEqual(['']);
    expect(decisions).toEqual([{ outcome: 'replaced' }]);
    chooser.deviceAdded(FRAME, POLY);
    expect(second).toEqual(['poly-1']);
    expect(first).toEqual(['']);
  });

  it('a policy narrowing during the wait applies to the headset plugged in', () => {
    const { ask, chooser, set, clock } = setup();
    const mine = ask([]);
    set({ vendors: ['jabra'] });
    chooser.deviceAdded(FRAME, POLY);
    expect(mine).toEqual([]);
    clock.fire();
    expect(mine).toEqual(['']);
  });

  it('dispose answers every open request with ""', () => {
    const { ask, chooser, clock } = setup();
    const a = ask([], PAGE, '1:1');
    const b = ask([], PAGE, '2:1');
    chooser.dispose();
    expect([a, b]).toEqual([[''], ['']]);
    expect(clock.pending()).toBe(0);
  });
});
