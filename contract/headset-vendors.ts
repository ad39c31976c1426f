// The headset vendors DeskPhone drives and the rules on them, without zod:
// the renderer needs them at start-up (is a granted HID device a headset?),
// where zod is not loaded (see renderer/src/state/lazy-contract.ts).
// contract/headsets.ts re-exports all of it beside the settings schema.

// USB vendor IDs are the ones the USB-IF assigned to each maker.
export const HEADSET_VENDORS = {
  jabra: { name: 'Jabra', vendorIds: [0x0b0e] },
  poly: { name: 'Poly', vendorIds: [0x047f] },
  epos: { name: 'EPOS', vendorIds: [0x1395] },
  yealink: { name: 'Yealink', vendorIds: [0x6993] },
} as const;

export type HeadsetVendor = keyof typeof HEADSET_VENDORS;
export const HEADSET_VENDOR_KEYS = Object.keys(HEADSET_VENDORS) as HeadsetVendor[];

/** The shape of `desk.headset` (HeadsetSettingsSchema in contract/headsets.ts checks it). */
export interface HeadsetSettings {
  /** Headset buttons and lights (WebHID); off: the headset is only an audio device. */
  callControl: boolean;
  /** The vendors whose headsets may be driven; IT can narrow this by policy. */
  vendors: HeadsetVendor[];
}

export const defaultHeadsetSettings: HeadsetSettings = {
  callControl: true,
  vendors: [...HEADSET_VENDOR_KEYS],
};

/** Which vendor a USB vendor ID belongs to, if it is one DeskPhone drives. */
export function headsetVendorOf(vendorId: number): HeadsetVendor | null {
  for (const key of HEADSET_VENDOR_KEYS) {
    if ((HEADSET_VENDORS[key].vendorIds as readonly number[]).includes(vendorId)) return key;
  }
  return null;
}

/** The USB vendor IDs settings allow (empty when call control is off). */
export function allowedHeadsetVendorIds(settings: HeadsetSettings): number[] {
  if (!settings.callControl) return [];
  return settings.vendors.flatMap((key) => [...HEADSET_VENDORS[key].vendorIds]);
}
