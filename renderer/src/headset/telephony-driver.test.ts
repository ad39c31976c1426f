import { describe, expect, it } from 'vitest';
import { JABRA_EVOLVE2_65, POLY_BLACKWIRE_3220 } from '../../../e2e/fixtures/hid-devices';
import type { HeadsetEvent } from './headset';
import { TelephonyDriver } from './telephony-driver';
import type { HidDevice, HidCollectionInfo } from './webhid';

class FakeDevice extends EventTarget {
  opened = false;
  readonly vendorId = POLY_BLACKWIRE_3220.vendorId;
  readonly productId = POLY_BLACKWIRE_3220.productId;
  readonly productName = POLY_BLACKWIRE_3220.productName;
  collections = POLY_BLACKWIRE_3220.collections as HidCollectionInfo[];
  readonly sent: [number, number[]][] = [];
  open = () => Promise.resolve(void (this.opened = true));
  close = () => Promise.resolve(void (this.opened = false));
  sendReport = (reportId: number, data: BufferSource) => {
    this.sent.push([reportId, [...new Uint8Array(data as Uint8Array)]]);
    return Promise.resolve();
  };
  input(reportId: number, byte: number): void {
    const event = new Event('inputreport');
    Object.assign(event, { reportId, data: new DataView(Uint8Array.from([byte]).buffer), device: this });
    this.dispatchEvent(event);
  }
}

async function driver() {
  const device = new FakeDevice();
  const events: HeadsetEvent['type'][] = [];
  const d = new TelephonyDriver(device as unknown as HidDevice, (e) => events.push(e.type));
  await d.start();
  return { device, events, d };
}

const HOOK = 0b001;
const MUTE = 0b010;
const FLASH = 0b100;

describe('TelephonyDriver (Blackwire 3220 layout)', () => {
  it('knows what the device can show', async () => {
    const { d, device } = await driver();
    expect(device.opened).toBe(true);
    expect([...d.capabilities].sort()).toEqual(['buttons', 'held', 'muted', 'offHook', 'ring']);
  });

  it('rings with the Ring LED and the Ringer, each in its own report', async () => {
    const { d, device } = await driver();
    await d.set('ring', true);
    expect(device.sent).toEqual([
      [3, [0b0010]],
      [4, [0b1]],
    ]);
    await d.set('offHook', true);
    await d.set('ring', false);
    await d.set('muted', true);
    expect(device.sent.slice(2)).toEqual([
      [3, [0b0011]],
      [3, [0b0001]],
      [4, [0b0]],
      [3, [0b0101]],
    ]);
  });

  it('hook switch: reports a change of state once, and not the echo of what the phone set', async () => {
    const { d, device, events } = await driver();
    device.input(2, HOOK);
    device.input(2, HOOK);
    expect(events).toEqual(['offHook']);
    device.input(2, 0);
    expect(events).toEqual(['offHook', 'onHook']);
    // The phone starts a call: the headset follows, and says so.
    await d.set('offHook', true);
    device.input(2, HOOK);
    expect(events).toEqual(['offHook', 'onHook']);
  });

  it('a report sent before the headset heard of a call from the app does not hang it up', async () => {
    const { d, device, events } = await driver();
    device.input(2, 0);
    await d.set('offHook', true);
    // Still the on-hook state the device had: a repeat, not the person putting the hook down.
    device.input(2, 0);
    expect(events).toEqual([]);
    device.input(2, HOOK);
    device.input(2, 0);
    expect(events).toEqual(['onHook']);
  });

  it('mute and flash act on the press, not the release, and not while held down', async () => {
    const { device, events } = await driver();
    device.input(2, HOOK | MUTE);
    device.input(2, HOOK | MUTE);
    device.input(2, HOOK);
    device.input(2, HOOK | FLASH);
    device.input(2, HOOK);
    expect(events).toEqual(['offHook', 'mute', 'flash']);
  });

  it('ignores reports of other IDs and stops listening when closed', async () => {
    const { d, device, events } = await driver();
    device.input(1, 0xff);
    await d.close();
    device.input(2, HOOK);
    expect(events).toEqual([]);
    expect(device.opened).toBe(false);
  });
});

describe('TelephonyDriver (Evolve2 65 standard collection)', () => {
  it('takes an absolute Flash from a usage range as one press, and rings LED and ringer in one report', async () => {
    const device = new FakeDevice();
    device.collections = JABRA_EVOLVE2_65.collections as HidCollectionInfo[];
    const events: HeadsetEvent['type'][] = [];
    const d = new TelephonyDriver(device as unknown as HidDevice, (e) => events.push(e.type));
    await d.start();
    device.input(2, 0b01);
    device.input(2, 0b11);
    device.input(2, 0b01);
    device.input(2, 0b01 | 0b1000);
    // Report 4 is GN's vendor page: the standard driver leaves it alone.
    device.input(4, 0b1000);
    expect(events).toEqual(['offHook', 'flash', 'mute']);
    await d.set('ring', true);
    expect(device.sent).toEqual([
      [2, [0b0_0010]],
      [2, [0b1_0010]],
    ]);
  });
});
