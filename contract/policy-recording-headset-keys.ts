import { DeskSettingsSchema } from './desk';
import type { KeySpec } from './policy-pbx-keys';

// The policy keys of call recording (desk.recording.*) and headset call
// control (desk.headset.*): the user's settings, which policy can pre-set or
// lock. features.recording (in policy.ts) switches recording off altogether.

const recording = DeskSettingsSchema.shape.recording.removeDefault().shape;
const headset = DeskSettingsSchema.shape.headset.removeDefault().shape;

export const AGENT_DEVICE_KEYS = {
  'desk.recording.mode': {
    schema: recording.mode,
    type: "'off' | 'demand' | 'always'",
    description: 'Local call recording: never, with the Record button, or every answered call.',
  },
  'desk.recording.folder': {
    schema: recording.folder,
    type: 'string (full folder path)',
    description: "Where recordings are saved; '' is DeskPhone recordings in the user's Documents.",
  },
  'desk.recording.notice': {
    schema: recording.notice,
    type: "'none' | 'tone'",
    description: 'What the other side hears when a recording starts: nothing or a short tone.',
  },
  'desk.headset.callControl': {
    schema: headset.callControl,
    type: 'boolean',
    description: 'Headset buttons and lights (Jabra, Poly, EPOS, Yealink over WebHID); false: audio only.',
  },
  'desk.headset.vendors': {
    schema: headset.vendors,
    type: "array of 'jabra' | 'poly' | 'epos' | 'yealink'",
    description: 'Headset makers whose call buttons DeskPhone may use; others are never granted HID access.',
  },
} satisfies Record<string, KeySpec>;
