import { describe, expect, it } from 'vitest';
import { defaultForwarding } from '../../../contract/forwarding';
import { CallForwarding, decideForwarding, sameAddress, type ForwardableCall } from './forwarding';

// The forwarding rules with fake calls and a fake clock: what each INVITE
// gets, and when the no-answer timer fires or is cancelled.

const DOMAIN = 'pbx.test';
const OWN = 'sip:1001@pbx.test';
const idle = { busy: false, doNotDisturb: false, replaces: false };

function rules(changes: Partial<ReturnType<typeof defaultForwarding>> = {}) {
  return { ...defaultForwarding(), ...changes };
}

class FakeCall implements ForwardableCall {
  ended = false;
  refusals: { code: number; reason: string; headers?: string[] }[] = [];
  constructor(readonly id: string) {}
  refuse(code: number, reason: string, headers?: string[]): Promise<void> {
    if (!this.ended) this.refusals.push({ code, reason, ...(headers ? { headers } : {}) });
    this.ended = true;
    return Promise.resolve();
  }
  isEnded(): boolean {
    return this.ended;
  }
  snapshot() {
    return { status: this.status };
  }
  status = 'incoming';
}

function fakeClock() {
  let now = 0;
  const jobs: { at: number; run: () => void; id: number }[] = [];
  let nextId = 1;
  return {
    schedule: (run: () => void, ms: number) => {
      const id = nextId++;
      jobs.push({ at: now + ms, run, id });
      return id as unknown as ReturnType<typeof setTimeout>;
    },
    unschedule: (id: ReturnType<typeof setTimeout>) => {
      const index = jobs.findIndex((job) => job.id === (id as unknown as number));
      if (index >= 0) jobs.splice(index, 1);
    },
    advance(ms: number) {
      now += ms;
      for (const job of jobs.filter((j) => j.at <= now)) {
        jobs.splice(jobs.indexOf(job), 1);
        job.run();
      }
    },
    pending: () => jobs.length,
  };
}

describe('decideForwarding', () => {
  it('rings as usual when nothing is on', () => {
    expect(decideForwarding(rules(), idle, DOMAIN, OWN)).toEqual({ action: 'ring' });
    expect(decideForwarding(null, idle, DOMAIN, OWN)).toEqual({ action: 'ring' });
  });

  it('"always" forwards every call at once, to the target normalised like the dialer does', () => {
    const r = rules({ always: { enabled: true, target: '10 03' } });
    expect(decideForwarding(r, idle, DOMAIN, OWN)).toEqual({
      action: 'forward',
      rule: 'always',
      uri: 'sip:1003@pbx.test',
      display: '1003',
    });
    expect(decideForwarding(r, { ...idle, doNotDisturb: true }, DOMAIN, OWN)).toMatchObject({
      action: 'forward',
      rule: 'always',
    });
  });

  it('"when busy" forwards only during another call or under do not disturb', () => {
    const r = rules({ busy: { enabled: true, target: 'carol@other.test' } });
    expect(decideForwarding(r, idle, DOMAIN, OWN)).toEqual({ action: 'ring' });
    expect(decideForwarding(r, { ...idle, busy: true }, DOMAIN, OWN)).toMatchObject({
      action: 'forward',
      rule: 'busy',
      uri: 'sip:carol@other.test',
    });
    expect(decideForwarding(r, { ...idle, doNotDisturb: true }, DOMAIN, OWN)).toMatchObject({
      action: 'forward',
      rule: 'busy',
    });
  });

  it('do not disturb without "when busy" refuses, even with a no-answer rule', () => {
    const r = rules({ noAnswer: { enabled: true, target: '1003', seconds: 5 } });
    expect(decideForwarding(r, { ...idle, doNotDisturb: true }, DOMAIN, OWN)).toEqual({
      action: 'do-not-disturb',
    });
    expect(decideForwarding(null, { ...idle, doNotDisturb: true }, DOMAIN, OWN)).toEqual({
      action: 'do-not-disturb',
    });
  });

  it('"after N seconds" rings here with a timer', () => {
    const r = rules({ noAnswer: { enabled: true, target: '1003', seconds: 7 } });
    expect(decideForwarding(r, idle, DOMAIN, OWN)).toEqual({
      action: 'ring',
      noAnswer: { seconds: 7, uri: 'sip:1003@pbx.test', display: '1003' },
    });
  });

  it('never forwards to our own address (loop guard), nor to a target that cannot be dialled', () => {
    const loop = rules({ always: { enabled: true, target: '1001' } });
    expect(decideForwarding(loop, idle, DOMAIN, OWN)).toEqual({ action: 'ring' });
    const loopUri = rules({ busy: { enabled: true, target: 'SIP:1001@PBX.test:5060' } });
    expect(decideForwarding(loopUri, { ...idle, busy: true }, DOMAIN, OWN)).toEqual({ action: 'ring' });
    const junk = rules({ always: { enabled: true, target: 'not a number!' } });
    expect(decideForwarding(junk, idle, DOMAIN, OWN)).toEqual({ action: 'ring' });
  });

  it('a call that replaces one of ours (attended transfer) is never forwarded', () => {
    const r = rules({ always: { enabled: true, target: '1003' } });
    expect(decideForwarding(r, { ...idle, replaces: true }, DOMAIN, OWN)).toEqual({ action: 'ring' });
  });

  it('compares addresses without scheme, port, parameters or case', () => {
    expect(sameAddress('sip:1001@pbx.test;transport=ws', 'sips:1001@PBX.TEST:5061')).toBe(true);
    expect(sameAddress('sip:1001@pbx.test', 'sip:1002@pbx.test')).toBe(false);
  });
});

describe('CallForwarding', () => {
  const account = () => ({ domain: DOMAIN, ownUri: OWN });

  it('answers a forwarded call with 302 and the target as Contact', async () => {
    const fwd = new CallForwarding(account);
    fwd.configure(rules({ always: { enabled: true, target: '1003' } }));
    const call = new FakeCall('a');
    const decision = fwd.decide([], false, {});
    expect(decision.action).toBe('forward');
    if (decision.action === 'forward') await fwd.forward(call, decision);
    expect(call.refusals).toEqual([
      { code: 302, reason: 'Forwarded to 1003', headers: ['Contact: <sip:1003@pbx.test>'] },
    ]);
  });

  it('is busy only while another call is not over', () => {
    const fwd = new CallForwarding(account);
    fwd.configure(rules({ busy: { enabled: true, target: '1003' } }));
    const other = new FakeCall('other');
    expect(fwd.decide([other], false, {}).action).toBe('forward');
    other.ended = true;
    expect(fwd.decide([other], false, {}).action).toBe('ring');
  });

  it('forwards a call still ringing when the time is up', () => {
    const clock = fakeClock();
    const fwd = new CallForwarding(account, clock.schedule, clock.unschedule);
    fwd.configure(rules({ noAnswer: { enabled: true, target: '1003', seconds: 5 } }));
    const call = new FakeCall('a');
    fwd.ringing(call, fwd.decide([], false, {}));
    clock.advance(4_999);
    expect(call.refusals).toEqual([]);
    clock.advance(1);
    expect(call.refusals.map((r) => r.code)).toEqual([302]);
    expect(clock.pending()).toBe(0);
  });

  it('answer, decline or the caller cancelling stops the timer', () => {
    const clock = fakeClock();
    const fwd = new CallForwarding(account, clock.schedule, clock.unschedule);
    fwd.configure(rules({ noAnswer: { enabled: true, target: '1003', seconds: 5 } }));
    const answered = new FakeCall('answered');
    fwd.ringing(answered, fwd.decide([], false, {}));
    fwd.changed(answered);
    expect(clock.pending()).toBe(1);
    answered.status = 'connecting';
    fwd.changed(answered);
    const cancelled = new FakeCall('cancelled');
    fwd.ringing(cancelled, fwd.decide([], false, {}));
    cancelled.ended = true;
    cancelled.status = 'ended';
    fwd.changed(cancelled);
    expect(clock.pending()).toBe(0);
    clock.advance(10_000);
    expect(answered.refusals).toEqual([]);
    expect(cancelled.refusals).toEqual([]);
  });

  it('new rules apply to the next call; switching off leaves nothing behind', () => {
    const fwd = new CallForwarding(account);
    const r = rules({ always: { enabled: true, target: '1003' } });
    fwd.configure(r);
    r.always.enabled = false;
    expect(fwd.decide([], false, {}).action).toBe('forward');
    fwd.configure(rules());
    expect(fwd.decide([], false, {}).action).toBe('ring');
  });
});
