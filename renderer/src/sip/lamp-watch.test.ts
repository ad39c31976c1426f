// The lamp core against a fake SIP.js: what is subscribed, how lamps follow
// NOTIFYs, and how refusals back off instead of storming the PBX.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UserAgent } from 'sip.js';

const fake = vi.hoisted(() => {
  type Listener = (state: string) => void;
  class FakeSubscriber {
    static all: FakeSubscriber[] = [];
    delegate: { onNotify?: (n: unknown) => void } | undefined;
    listeners: Listener[] = [];
    disposed = false;
    subscribed = 0;
    stateChange = { addListener: (listener: Listener) => this.listeners.push(listener) };
    constructor(
      _ua: unknown,
      public target: { toString(): string },
      public event: string,
      public options: { expires: number; extraHeaders: string[] },
    ) {
      FakeSubscriber.all.push(this);
    }
    subscribe() {
      this.subscribed += 1;
      return Promise.resolve();
    }
    dispose() {
      this.disposed = true;
      return Promise.resolve();
    }
    notify(body: string) {
      const answers: number[] = [];
      this.delegate?.onNotify?.({
        request: { body },
        accept: () => (answers.push(200), Promise.resolve()),
      });
      return answers;
    }
    terminate() {
      for (const listener of this.listeners) listener('Terminated');
    }
  }
  return { FakeSubscriber };
});

vi.mock('sip.js', () => ({
  Subscriber: fake.FakeSubscriber,
  SubscriptionState: { Terminated: 'Terminated' },
  UserAgent: { makeURI: (uri: string) => ({ toString: () => uri }) },
}));

const { LampWatch, MAX_LAMP_TARGETS } = await import('./lamp-watch');
const { RETRY_FIRST_MS } = await import('./lamp-channel');
const { FakeSubscriber } = fake;

const ua = {} as UserAgent;
const dialogBody = (version: number, state: string, extra = '') =>
  `<dialog-info version="${version}" state="full"><dialog id="x"${extra}><state>${state}</state></dialog></dialog-info>`;
const pidfBody = (basic: string, note: string) =>
  `<presence><note>${note}</note><tuple id="x"><status><basic>${basic}</basic></status></tuple></presence>`;
const live = () => FakeSubscriber.all.filter((s) => !s.disposed);
const find = (target: string, event: string) =>
  live().find((s) => s.target.toString() === `sip:${target}@pbx` && s.event === event)!;

beforeEach(() => {
  FakeSubscriber.all = [];
  vi.useFakeTimers();
});
afterEach(() => vi.useRealTimers());

describe('LampWatch', () => {
  it('subscribes dialog and presence once per target of the union, with the right Accept', () => {
    const watch = new LampWatch(() => undefined);
    watch.setTargets('board', ['1002', '1003']);
    watch.setTargets('park', ['1003', '701']);
    expect(FakeSubscriber.all).toHaveLength(0);
    watch.registered(ua, 'pbx');
    expect(FakeSubscriber.all.map((s) => `${s.event} ${s.target.toString()}`)).toEqual([
      'dialog sip:1002@pbx',
      'presence sip:1002@pbx',
      'dialog sip:1003@pbx',
      'presence sip:1003@pbx',
      'dialog sip:701@pbx',
      'presence sip:701@pbx',
    ]);
    expect(find('1002', 'dialog').options.extraHeaders).toContain('Accept: application/dialog-info+xml');
    expect(find('1002', 'presence').options.extraHeaders).toContain('Accept: application/pidf+xml');
    expect(watch.lamps.map((l) => [l.target, l.state, l.via])).toEqual([
      ['1002', 'unknown', null],
      ['1003', 'unknown', null],
      ['701', 'unknown', null],
    ]);
    // The same list again changes nothing (the board re-sends it whenever its lamps change).
    let changes = 0;
    const quiet = new LampWatch(() => changes++);
    quiet.setTargets('board', ['1002']);
    quiet.setTargets('board', ['1002']);
    expect(changes).toBe(1);
    // Removing a target from one owner keeps it while another still lists it.
    watch.setTargets('board', ['1002']);
    expect(live()).toHaveLength(6);
    watch.setTargets('park', []);
    expect(live().map((s) => s.target.toString())).toEqual(['sip:1002@pbx', 'sip:1002@pbx']);
  });

  it('dialog tells calls and who calls; presence tells idle from unavailable', () => {
    let changes = 0;
    const watch = new LampWatch(() => changes++);
    watch.setTargets('board', ['1002']);
    watch.registered(ua, 'pbx');
    const dialog = find('1002', 'dialog');
    const presence = find('1002', 'presence');
    expect(dialog.notify(dialogBody(0, 'terminated'))).toEqual([200]);
    expect(watch.lamps[0]).toEqual({ target: '1002', state: 'idle', via: 'dialog' });
    presence.notify(pidfBody('closed', 'Unavailable'));
    expect(watch.lamps[0]!.state).toBe('unavailable');
    presence.notify(pidfBody('open', 'Ready'));
    const before = changes;
    dialog.notify(
      dialogBody(1, 'early', ' direction="recipient"').replace(
        '<state>',
        '<remote><identity display="Erin">sip:1009@pbx</identity></remote><state>',
      ),
    );
    expect(changes).toBe(before + 1);
    expect(watch.lamps[0]).toEqual({
      target: '1002',
      state: 'ringing',
      peer: { name: 'Erin', number: '1009' },
      via: 'dialog',
    });
    dialog.notify(dialogBody(2, 'confirmed'));
    expect(watch.lamps[0]!.state).toBe('busy');
    // A junk NOTIFY is answered and changes nothing.
    expect(dialog.notify('<<<junk')).toEqual([200]);
    expect(watch.lamps[0]!.state).toBe('busy');
  });

  it('falls back to presence when dialog is refused, and retries dialog with growing waits', () => {
    const watch = new LampWatch(() => undefined);
    watch.setTargets('board', ['1002']);
    watch.registered(ua, 'pbx');
    find('1002', 'dialog').terminate();
    find('1002', 'presence').notify(pidfBody('open', 'On hold'));
    expect(watch.lamps[0]).toEqual({ target: '1002', state: 'held', via: 'presence' });
    const attempts = () => FakeSubscriber.all.filter((s) => s.event === 'dialog').length;
    expect(attempts()).toBe(1);
    const waits: number[] = [];
    let elapsed = 0;
    for (let i = 0; i < 4; i++) {
      const count = attempts();
      while (attempts() === count) {
        vi.advanceTimersByTime(1000);
        elapsed += 1000;
      }
      waits.push(elapsed);
      elapsed = 0;
      find('1002', 'dialog').terminate();
    }
    expect(waits[0]).toBeGreaterThanOrEqual(RETRY_FIRST_MS * 0.8);
    for (let i = 1; i < waits.length; i++) expect(waits[i]).toBeGreaterThan(waits[i - 1]! * 1.3);
    // An hour of refusals costs a handful of SUBSCRIBEs, not a storm.
    vi.advanceTimersByTime(3600_000);
    expect(attempts()).toBeLessThan(12);
  });

  it('lost: lamps unknown and nothing retried; registered again: everything subscribed anew', () => {
    const watch = new LampWatch(() => undefined);
    watch.setTargets('board', ['1002', '1003']);
    watch.registered(ua, 'pbx');
    find('1002', 'dialog').notify(dialogBody(3, 'confirmed'));
    find('1003', 'dialog').terminate();
    watch.lost();
    expect(live()).toHaveLength(0);
    expect(watch.lamps.map((l) => l.state)).toEqual(['unknown', 'unknown']);
    vi.advanceTimersByTime(3600_000);
    expect(FakeSubscriber.all).toHaveLength(4);
    watch.registered(ua, 'pbx');
    expect(live()).toHaveLength(4);
    // A new subscription starts a new version sequence: version 0 is taken.
    find('1002', 'dialog').notify(dialogBody(0, 'terminated'));
    expect(watch.lamps[0]!.state).toBe('idle');
  });

  it('stop un-SUBSCRIBEs (keeps the delegate so SIP.js ends the dialog cleanly); lost does not', () => {
    const watch = new LampWatch(() => undefined);
    watch.setTargets('board', ['1002']);
    watch.registered(ua, 'pbx');
    const first = find('1002', 'dialog');
    watch.lost();
    expect(first.disposed).toBe(true);
    expect(first.delegate).toBeUndefined();
    watch.registered(ua, 'pbx');
    const second = find('1002', 'dialog');
    watch.stop();
    expect(second.disposed).toBe(true);
    expect(second.delegate).toBeDefined();
  });

  it(`watches at most ${MAX_LAMP_TARGETS} targets and says how many it left out`, () => {
    const watch = new LampWatch(() => undefined);
    watch.setTargets(
      'board',
      Array.from({ length: MAX_LAMP_TARGETS + 7 }, (_, i) => String(2000 + i)),
    );
    watch.registered(ua, 'pbx');
    expect(watch.lamps).toHaveLength(MAX_LAMP_TARGETS);
    expect(watch.targetsOverCap).toBe(7);
    expect(FakeSubscriber.all).toHaveLength(MAX_LAMP_TARGETS * 2);
  });

  it('a subscription that worked and then ended is asked again soon', () => {
    const watch = new LampWatch(() => undefined, 60);
    watch.setTargets('board', ['1002']);
    watch.registered(ua, 'pbx');
    expect(find('1002', 'dialog').options.expires).toBe(60);
    find('1002', 'dialog').notify(dialogBody(0, 'terminated'));
    find('1002', 'dialog').terminate();
    expect(watch.lamps[0]!.via).toBeNull();
    vi.advanceTimersByTime(6_100);
    expect(find('1002', 'dialog').subscribed).toBe(1);
  });
});
