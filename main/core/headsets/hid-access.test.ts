import { describe, expect, it } from 'vitest';
import { defaultHeadsetSettings, type HeadsetSettings } from '../../../contract/headsets';
import { HidAccess } from './hid-access';
import { EPOS, JABRA, KEYBOARD, POLY, YEALINK } from './test-devices';

// The WebHID rules without Electron: our page only, the allowed vendors only,
// nothing when call control is off, and the settings read on every question.

const OURS = 'app://phone';
const FOREIGN = [
  'https://evil.example',
  'app://other',
  'app://phone.evil',
  'http://phone',
  'file://',
  'null',
  '',
];

function rules(initial: Partial<HeadsetSettings> = {}) {
  let settings: HeadsetSettings = { ...defaultHeadsetSettings, ...initial };
  const access = new HidAccess({ origin: OURS, headset: () => settings });
  const set = (next: Partial<HeadsetSettings>) => {
    settings = { ...settings, ...next };
  };
  const device = (d: unknown, origin = OURS, deviceType = 'hid') =>
    access.devicePermission({ deviceType, origin, device: d });
  return { access, set, device };
}

describe('HID access rules', () => {
  it('grants a headset of each supported vendor to our page', () => {
    const { device } = rules();
    for (const headset of [JABRA, POLY, EPOS, YEALINK]) expect(device(headset), headset.name).toBe(true);
    // Chromium passes a serialised origin; a URL of our page counts too.
    expect(device(JABRA, 'app://phone/index.html')).toBe(true);
  });

  it('denies every other origin, even for a supported headset', () => {
    const { access, device } = rules();
    for (const origin of FOREIGN) {
      expect(device(JABRA, origin), origin).toBe(false);
      expect(access.mayUseHid(origin), origin).toBe(false);
    }
    expect(access.devicePermission({ deviceType: 'hid', device: JABRA })).toBe(false);
  });

  it('denies a device of another maker (a Logitech keyboard)', () => {
    const { device, access } = rules();
    expect(device(KEYBOARD)).toBe(false);
    expect(access.pick([KEYBOARD])).toBeNull();
  });

  it('denies USB, serial and anything that is not a plain HID device description', () => {
    const { access, device } = rules();
    expect(device(JABRA, OURS, 'usb')).toBe(false);
    expect(device(JABRA, OURS, 'serial')).toBe(false);
    expect(access.devicePermission({})).toBe(false);
    for (const bad of [
      null,
      'jabra',
      {},
      { vendorId: '0x0b0e', productId: 1 },
      { vendorId: 0x0b0e },
      { vendorId: 0x0b0e + 0.5, productId: 1 },
      { vendorId: 0x10b0e, productId: 1 },
      { vendorId: -1, productId: 1 },
    ]) {
      expect(device(bad), JSON.stringify(bad)).toBe(false);
    }
  });

  it('lets the page use WebHID only from our origin and only while call control is on', () => {
    const { access, set } = rules();
    expect(access.mayUseHid('app://phone/')).toBe(true);
    expect(access.mayUseHid('app://phone/index.html', 'app://phone/')).toBe(true);
    // A frame of another origin inside our page does not get it either.
    expect(access.mayUseHid('app://phone/', 'https://evil.example/')).toBe(false);
    set({ callControl: false });
    expect(access.mayUseHid('app://phone/')).toBe(false);
    set({ callControl: true, vendors: [] });
    expect(access.mayUseHid('app://phone/')).toBe(false);
  });

  it('with vendors narrowed to Jabra, a Poly headset is denied and a Jabra one still granted', () => {
    const { access, device } = rules({ vendors: ['jabra'] });
    expect(device(POLY)).toBe(false);
    expect(device(JABRA)).toBe(true);
    expect(access.pick([POLY, JABRA])?.deviceId).toBe('jabra-1');
  });

  it('with call control off, every device is denied', () => {
    const { access, device } = rules({ callControl: false });
    for (const headset of [JABRA, POLY, EPOS, YEALINK]) expect(device(headset), headset.name).toBe(false);
    expect(access.pick([JABRA, POLY])).toBeNull();
    expect(access.allowedVendorIds()).toEqual([]);
  });

  it('applies a settings change to the very next question, without being built again', () => {
    const { access, set, device } = rules();
    expect(device(POLY)).toBe(true);
    set({ vendors: ['jabra', 'epos'] });
    expect(device(POLY)).toBe(false);
    expect(device(EPOS)).toBe(true);
    set({ callControl: false });
    expect(device(JABRA)).toBe(false);
    expect(access.mayUseHid(OURS)).toBe(false);
    set({ callControl: true, vendors: ['poly'] });
    expect(device(POLY)).toBe(true);
    expect(access.mayUseHid(OURS)).toBe(true);
  });

  it('denies everything when the settings cannot be read', () => {
    const access = new HidAccess({
      origin: OURS,
      headset: () => {
        throw new Error('settings gone');
      },
    });
    expect(access.devicePermission({ deviceType: 'hid', origin: OURS, device: JABRA })).toBe(false);
    expect(access.mayUseHid(OURS)).toBe(false);
  });

  it('picks the first allowed device of a chooser list, skipping others and entries without an ID', () => {
    const { access } = rules();
    expect(access.pick([KEYBOARD, POLY])).toMatchObject({ deviceId: 'poly-1', vendor: 'poly' });
    expect(access.pick([{ ...JABRA, deviceId: undefined }, EPOS, JABRA])?.deviceId).toBe('epos-1');
    expect(access.pick([JABRA, EPOS])?.deviceId).toBe('jabra-1');
    expect(access.pick([])).toBeNull();
  });

  it('refuses to be built with something that is not an origin', () => {
    expect(() => new HidAccess({ origin: 'phone', headset: () => defaultHeadsetSettings })).toThrow(
      /Not an origin/,
    );
  });
});
