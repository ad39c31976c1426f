import type { HeadsetVendor } from '../../../contract/headset-vendors';
import type { HidDevice } from './webhid';

// DeskPhone's own headset interface: the phone and the UI speak only this;
// the device code sits behind it in a driver that is loaded (import()) only
// once a supported headset is present.

/** What the person did on the headset. */
export type HeadsetEvent =
  | { type: 'offHook' }
  | { type: 'onHook' }
  /** Phone Mute is a press that toggles, whatever the descriptor calls it. */
  | { type: 'mute' }
  /** Hold/resume, or take the waiting call. */
  | { type: 'flash' }
  | { type: 'redial' }
  | { type: 'reject' };

/** What the headset shows: each is a light or the ringer, set only when it changes. */
export interface HeadsetSignals {
  ring: boolean;
  offHook: boolean;
  muted: boolean;
  held: boolean;
}

export type HeadsetSignal = keyof HeadsetSignals;

export interface HeadsetDriver {
  readonly device: HidDevice;
  /** Which controls the device has (for the settings line and for tests). */
  readonly capabilities: ReadonlySet<HeadsetSignal | 'buttons'>;
  set(signal: HeadsetSignal, on: boolean): Promise<void>;
  /** Stops listening and lets go of the device (unplugged, switched off, app closing). */
  close(): Promise<void>;
}

export type HeadsetListener = (event: HeadsetEvent) => void;

/** Loads the driver for a device (a chunk of its own). */
export type DriverLoader = (
  device: HidDevice,
  vendor: HeadsetVendor,
  listener: HeadsetListener,
) => Promise<HeadsetDriver>;

export const NO_SIGNALS: HeadsetSignals = { ring: false, offHook: false, muted: false, held: false };
