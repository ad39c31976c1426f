import { z } from 'zod';
import { HEADSET_VENDOR_KEYS, type HeadsetSettings, type HeadsetVendor } from './headset-vendors';

// Headset call control (WebHID): the vendors DeskPhone drives, shared by main
// (which grants HID access only to these vendor IDs, narrowed by settings and
// policy) and the renderer (which loads a driver only when such a device is
// present). The vendor table and its helpers live in headset-vendors.ts,
// free of zod, so the renderer's start-up can use them.

export {
  allowedHeadsetVendorIds,
  defaultHeadsetSettings,
  HEADSET_VENDOR_KEYS,
  HEADSET_VENDORS,
  headsetVendorOf,
  type HeadsetSettings,
  type HeadsetVendor,
} from './headset-vendors';

export const HeadsetSettingsSchema = z.object({
  /** Headset buttons and lights (WebHID); off: the headset is only an audio device. */
  callControl: z.boolean(),
  /** The vendors whose headsets may be driven; IT can narrow this by policy. */
  vendors: z
    .array(z.enum(HEADSET_VENDOR_KEYS as [HeadsetVendor, ...HeadsetVendor[]]))
    .max(HEADSET_VENDOR_KEYS.length),
}) satisfies z.ZodType<HeadsetSettings>;
