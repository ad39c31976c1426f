import { z } from 'zod';

// Headset call control (WebHID): the vendors DeskPhone drives, shared by main
// (which grants HID access only to these vendor IDs, narrowed by settings and
// policy) and the renderer (which loads a driver only when such a device is
// present). USB vendor IDs are the ones the USB-IF assigned to each maker.

export const HEADSET_VENDORS = {
  jabra: { name: 'Jabra', vendorIds: [0x0b0e] },
  poly: { name: 'Poly', vendorIds: [0x047f] },
  epos: { name: 'EPOS', vendorIds: [0x1395] },
  yealink: { name: 'Yealink', vendorIds: [0x6993] },
} as const;

export type HeadsetVendor = keyof typeof HEADSET_VENDORS;
export const HEADSET_VENDOR_KEYS = Object.keys(HEADSET_VENDORS) as HeadsetVendor[];

export const HeadsetSettingsSchema = z.object({
  /** Headset buttons and lights (WebHID); off: the headset is only an audio device. */
  callControl: z.boolean(),
  /** The vendors whose headsets may be driven; IT can narrow this by policy. */
  vendors: z
    .array(z.enum(HEADSET_VENDOR_KEYS as [HeadsetVendor, ...HeadsetVendor[]]))
    .max(HEADSET_VENDOR_KEYS.length),
});
export type HeadsetSettings = z.infer<typeof HeadsetSettingsSchema>;

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
