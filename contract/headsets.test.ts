import { describe, expect, it } from 'vitest';
import {
  allowedHeadsetVendorIds,
  defaultHeadsetSettings,
  HEADSET_VENDOR_KEYS,
  HEADSET_VENDORS,
  HeadsetSettingsSchema,
  headsetVendorOf,
} from './headsets';

// The vendor table main grants HID access from and the renderer loads drivers by.

describe('headset vendors', () => {
  it('knows each maker by its USB-IF vendor ID', () => {
    expect(headsetVendorOf(0x0b0e)).toBe('jabra');
    expect(headsetVendorOf(0x047f)).toBe('poly');
    expect(headsetVendorOf(0x1395)).toBe('epos');
    expect(headsetVendorOf(0x6993)).toBe('yealink');
  });

  it('knows no other maker (a Logitech keyboard, Microsoft, nothing)', () => {
    for (const id of [0x046d, 0x045e, 0, 0xffff, -1, Number.NaN])
      expect(headsetVendorOf(id), String(id)).toBeNull();
  });

  it('gives each vendor ID to one maker only', () => {
    const ids = HEADSET_VENDOR_KEYS.flatMap((key) => [...HEADSET_VENDORS[key].vendorIds]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(Number.isInteger(id) && id > 0 && id <= 0xffff, String(id)).toBe(true);
  });

  it('allows every vendor by default, only the chosen ones when narrowed, none with call control off', () => {
    expect(allowedHeadsetVendorIds(defaultHeadsetSettings).sort((a, b) => a - b)).toEqual([
      0x047f, 0x0b0e, 0x1395, 0x6993,
    ]);
    expect(allowedHeadsetVendorIds({ callControl: true, vendors: ['jabra'] })).toEqual([0x0b0e]);
    expect(allowedHeadsetVendorIds({ callControl: true, vendors: ['poly', 'yealink'] })).toEqual([
      0x047f, 0x6993,
    ]);
    expect(allowedHeadsetVendorIds({ callControl: true, vendors: [] })).toEqual([]);
    expect(allowedHeadsetVendorIds({ callControl: false, vendors: ['jabra'] })).toEqual([]);
  });

  it('validates the settings: known vendors only, call control a boolean', () => {
    expect(HeadsetSettingsSchema.parse(defaultHeadsetSettings)).toEqual(defaultHeadsetSettings);
    expect(HeadsetSettingsSchema.safeParse({ callControl: true, vendors: ['logitech'] }).success).toBe(false);
    expect(HeadsetSettingsSchema.safeParse({ callControl: 'yes', vendors: [] }).success).toBe(false);
    expect(
      HeadsetSettingsSchema.safeParse({
        callControl: true,
        vendors: ['jabra', 'jabra', 'poly', 'epos', 'yealink'],
      }).success,
    ).toBe(false);
  });
});
