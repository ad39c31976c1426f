import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultDeskSettings } from '../../../contract/desk';
import type { CallSnapshot } from '../sip/types';
import { DeskState } from '../state/desk.svelte';
import { NullEngine } from '../state/null-engine';
import { PhoneState } from '../state/phone.svelte';
import type { DriverLoader, HeadsetListener, HeadsetSignal } from './headset';
import { HeadsetState } from './headset-state.svelte';

// HeadsetState with fakes: a navigator.hid holding plain device objects, a
// driver double that records what the phone asks of it and lets the test
// press its buttons, and the real PhoneState over an engine double. Vitest
// runs Svelte's server build, where effects do not run: the test calls what
// the effects would (refresh on settings, syncLights on calls).

class Engine extends NullEngine {
  readonly done: string[] = [];
  async answer(id: string) {
    this.done.push(`answer ${id}`);
  }
  async hangup(id: string) {
    this.done.push(`hangup ${id}`);
  }
  async decline(id: string) {
    this.done.push(`decline ${id}`);
  }
  push(calls: Partial<CallSnapshot>[]) {
    this.listener?.({
      registration: { status: 'registered' },
      calls: calls.map((c, i) => ({
        id: `c${i}`,
        direction: 'incoming',
        status: 'active',
        remoteName: 'Ann',
        remoteNumber: 'ann',
        remoteUri: 'sip:ann@x',
        startedAt: 0,
        muted: false,
        held: false,
        holdPending: false,
        ...c,
      })),
    });
  }
}

const device = (vendorId: number, productName: string) =>
  ({ vendorId, productId: 1, productName, collections: [], opened: false }) as never;

let granted: unknown[];
const hid = Object.assign(new EventTarget(), {
  getDevices: async () => granted,
  requestDevice: async () => [],
});
const stops: (() => void)[] = [];
let drivers: { signals: [HeadsetSignal, boolean][]; press: HeadsetListener; closed: boolean }[];

async function setUp(locked: string[] = [], headset = defaultDeskSettings().headset) {
  const engine = new Engine();
  const phone = new PhoneState(engine);
  const desk = new DeskState();
  const load: DriverLoader = async (d, _vendor, listener) => {
    const record = { signals: [] as [HeadsetSignal, boolean][], press: listener, closed: false };
    drivers.push(record);
    return {
      device: d,
      capabilities: new Set(),
      set: async (signal, on) => void record.signals.push([signal, on]),
      close: async () => void (record.closed = true),
    };
  };
  const headsetState = new HeadsetState(phone, desk, load);
  const stop = headsetState.follow();
  desk.view = {
    settings: { ...defaultDeskSettings(), headset },
    hotkeyProblems: {},
    notificationActions: true,
    locked,
  };
  await headsetState.refresh();
  stops.push(stop);
  return { engine, headset: headsetState };
}

beforeEach(() => {
  granted = [];
  drivers = [];
  vi.stubGlobal('navigator', { hid });
});
afterEach(() => {
  // Each test's HeadsetState stops listening to the shared navigator.hid.
  stops.splice(0).forEach((stop) => stop());
  vi.unstubAllGlobals();
});

describe('HeadsetState', () => {
  it('without a supported headset loads no driver, and says so', async () => {
    granted = [device(0x046d, 'A mouse')];
    const { headset } = await setUp();
    expect(headset.status).toBe('none');
    expect(drivers).toEqual([]);
  });

  it('drives a granted headset: lights follow the calls, buttons reach the phone as hotkeys would', async () => {
    granted = [device(0x047f, 'Blackwire')];
    const { engine, headset } = await setUp();
    await vi.waitFor(() => expect(headset.status).toBe('active'));
    expect([headset.product, headset.vendor, headset.usbId]).toEqual(['Blackwire', 'poly', '047f:0001']);
    engine.push([{ status: 'incoming' }]);
    await headset.syncLights();
    expect(drivers[0]!.signals).toEqual([['ring', true]]);
    drivers[0]!.press({ type: 'offHook' });
    await vi.waitFor(() => expect(engine.done).toEqual(['answer c0']));
    engine.push([{ status: 'active', muted: true }]);
    await headset.syncLights();
    await vi.waitFor(() =>
      expect(drivers[0]!.signals.slice(1)).toEqual([
        ['ring', false],
        ['offHook', true],
        ['muted', true],
      ]),
    );
    drivers[0]!.press({ type: 'onHook' });
    await vi.waitFor(() => expect(engine.done).toEqual(['answer c0', 'hangup c0']));
  });

  it('tells apart call control switched off by the user and by policy, and a vendor policy left out', async () => {
    granted = [device(0x0b0e, 'Evolve2 65')];
    const off = { callControl: false, vendors: defaultDeskSettings().headset.vendors };
    expect((await setUp([], off)).headset.status).toBe('off');
    expect((await setUp(['desk.headset.callControl'], off)).headset.status).toBe('managed-off');
    const noJabra = { callControl: true, vendors: ['poly' as const] };
    expect((await setUp([], noJabra)).headset.status).toBe('blocked');
    const blocked = await setUp(['desk.headset.vendors'], noJabra);
    expect(blocked.headset.status).toBe('blocked-by-policy');
    expect(blocked.headset.product).toBe('Evolve2 65');
    expect(drivers).toEqual([]);
  });

  it('lets go of an unplugged headset and picks up one plugged in', async () => {
    const first = device(0x1395, 'EPOS');
    granted = [first];
    const { headset } = await setUp();
    await vi.waitFor(() => expect(headset.status).toBe('active'));
    granted = [];
    hid.dispatchEvent(Object.assign(new Event('disconnect'), { device: first }));
    await vi.waitFor(() => expect(headset.status).toBe('none'));
    expect(drivers[0]!.closed).toBe(true);
    granted = [device(0x6993, 'Yealink UH36')];
    hid.dispatchEvent(new Event('connect'));
    await vi.waitFor(() => expect(headset.status).toBe('active'));
    expect(headset.vendor).toBe('yealink');
    expect(drivers).toHaveLength(2);
  });
});
