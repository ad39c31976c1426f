import { describe, expect, it } from 'vitest';
import type { ScreenPopOpenRequest, ScreenPopSettings } from '../../../contract/screen-pop';
import { createMemoryLogger } from '../logger';
import { opensOn, ScreenPop } from './screen-pop';

// When the record opens (mode, once per call), what reaches the browser, and
// what the renderer is told when it does not.

function setup(settings: Partial<ScreenPopSettings> = {}, allowedHosts: string[] = []) {
  const opened: string[] = [];
  let now = 1_000_000;
  const current: ScreenPopSettings = {
    mode: 'ring',
    template: 'https://crm.example.com/pop?n={number}&who={name}&note={note}',
    includeNote: false,
    ...settings,
  };
  const pop = new ScreenPop({
    settings: () => current,
    allowedHosts: () => allowedHosts,
    allowHttp: () => false,
    defaultCountry: () => 'GB',
    open: (url) => {
      opened.push(url);
      return Promise.resolve();
    },
    logger: createMemoryLogger(),
    now: () => now,
  });
  return { pop, opened, current, tick: (ms: number) => (now += ms) };
}

function request(over: Partial<ScreenPopOpenRequest> = {}): ScreenPopOpenRequest {
  return {
    trigger: 'ring',
    callId: 'call-1',
    startedAt: 5,
    direction: 'incoming',
    number: '1002',
    name: 'Bob Baker',
    note: 'VIP',
    ...over,
  };
}

describe('screen-pop modes', () => {
  it('only incoming calls open by themselves, on the chosen trigger; the button always', () => {
    expect(opensOn('ring', 'ring', 'incoming')).toBe(true);
    expect(opensOn('ring', 'answer', 'incoming')).toBe(false);
    expect(opensOn('answer', 'answer', 'incoming')).toBe(true);
    expect(opensOn('answer', 'ring', 'incoming')).toBe(false);
    expect(opensOn('off', 'ring', 'incoming')).toBe(false);
    expect(opensOn('ring', 'ring', 'outgoing')).toBe(false);
    expect(opensOn('off', 'button', 'outgoing')).toBe(true);
  });

  it('on ring: opens once per call, with encoded values and no note', async () => {
    const { pop, opened } = setup();
    expect(await pop.open(request())).toEqual({ outcome: 'opened', host: 'crm.example.com' });
    expect(await pop.open(request())).toEqual({ outcome: 'skipped' });
    expect(await pop.open(request({ trigger: 'answer' }))).toEqual({ outcome: 'skipped' });
    expect(opened).toEqual(['https://crm.example.com/pop?n=1002&who=Bob%20Baker&note=']);
    // The phone numbers calls from 1 again after a reload: another start is another call.
    expect((await pop.open(request({ startedAt: 9 }))).outcome).toBe('opened');
  });

  it('{note} carries the note only when asked', async () => {
    const { pop, opened } = setup({ mode: 'off', includeNote: true });
    await pop.open(request({ trigger: 'button', note: 'Wants <b>refund</b>' }));
    expect(opened).toEqual(['https://crm.example.com/pop?n=1002&who=Bob%20Baker&note=Wants%20refund']);
  });

  it('the button works with auto-open off, but not twice within a second', async () => {
    const { pop, opened, tick } = setup({ mode: 'off' });
    expect((await pop.open(request({ trigger: 'ring' }))).outcome).toBe('skipped');
    expect((await pop.open(request({ trigger: 'button' }))).outcome).toBe('opened');
    expect(await pop.open(request({ trigger: 'button' }))).toEqual({
      outcome: 'refused',
      problem: 'too-often',
    });
    tick(1000);
    expect((await pop.open(request({ trigger: 'button' }))).outcome).toBe('opened');
    expect(opened).toHaveLength(2);
  });

  it('whatever the page asks, at most 20 records open in a minute', async () => {
    const { pop, opened, tick } = setup();
    for (let i = 0; i < 25; i++) await pop.open(request({ callId: `call-${i}`, startedAt: i }));
    expect(opened).toHaveLength(20);
    expect((await pop.open(request({ callId: 'call-x' }))).problem).toBe('too-often');
    tick(60_000);
    expect((await pop.open(request({ callId: 'call-y' }))).outcome).toBe('opened');
  });

  it('a host outside the allow-list is refused with its name; nothing opens', async () => {
    const { pop, opened } = setup({}, ['records.example.org']);
    expect(await pop.open(request())).toEqual({
      outcome: 'refused',
      problem: 'host-not-allowed',
      host: 'crm.example.com',
    });
    expect(opened).toEqual([]);
  });

  it('no template: refused as such, even for the button', async () => {
    const { pop } = setup({ template: '' });
    expect(await pop.open(request({ trigger: 'button' }))).toEqual({
      outcome: 'refused',
      problem: 'no-template',
    });
  });

  it('a browser that cannot start is reported, not hidden', async () => {
    const pop = new ScreenPop({
      settings: () => ({ mode: 'ring', template: 'https://crm.example.com/{number}', includeNote: false }),
      allowedHosts: () => [],
      allowHttp: () => false,
      defaultCountry: () => 'GB',
      open: () => Promise.reject(new Error('no browser')),
      logger: createMemoryLogger(),
    });
    expect((await pop.open(request())).problem).toBe('browser-failed');
  });
});
