import type { HeadsetVendor } from '../../../contract/headsets';
import { hidDeviceInfo, type HidAccess } from './hid-access';

// The answer to navigator.hid.requestDevice (Electron's 'select-hid-device'):
// there is never a chooser pop-up. The first device in Chromium's list that
// our rules allow is granted at once; a list without one waits a moment for a
// headset that is being plugged in ('hid-device-added'; 'hid-device-removed'
// takes one off the list again), then answers '' (nothing granted). Answering
// '' rather than leaving the request open matters: the page's promise would
// otherwise never settle.

/** Time given to a headset plugged in while the page asks (USB enumeration takes a moment). */
export const CHOOSER_GRACE_MS = 2000;

export interface ChooserTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: ChooserTimers = {
  set: (run, ms) => {
    const timer = setTimeout(run, ms);
    timer.unref(); // a request still waiting must not keep a quitting app alive
    return timer;
  },
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type ChooserOutcome =
  | 'granted'
  /** The asking frame is not our page, or is gone. */
  | 'not-our-page'
  /** Call control is off, or no vendor is allowed. */
  | 'call-control-off'
  | 'no-supported-device'
  /** The page asked again before this request was answered; Chromium drops the older one. */
  | 'replaced';

export interface ChooserDecision {
  outcome: ChooserOutcome;
  /** The granted device's vendor and IDs, when one was granted. */
  vendor?: HeadsetVendor;
  vendorId?: number;
  productId?: number;
}

export interface ChooseRequest {
  /** Identifies the asking frame across Electron's events (process and routing ID); null when it is gone. */
  frameKey: string | null;
  /** The asking frame's URL. */
  frameUrl: string | null;
  /** Electron's details.deviceList (untrusted shape: read defensively). */
  deviceList: readonly unknown[];
  /** Electron's callback: a deviceId grants that device, '' grants nothing. */
  answer: (deviceId: string) => void;
}

interface Pending {
  frameKey: string;
  devices: unknown[];
  answer: (deviceId: string) => void;
  timer: unknown;
}

export interface HidChooserOptions {
  graceMs?: number;
  timers?: ChooserTimers;
  /** Every answer, for the log. */
  onDecision?: (decision: ChooserDecision) => void;
}

export class HidChooser {
  private readonly pending = new Map<string, Pending>();
  private readonly graceMs: number;
  private readonly timers: ChooserTimers;

  constructor(
    private readonly access: HidAccess,
    private readonly options: HidChooserOptions = {},
  ) {
    this.graceMs = options.graceMs ?? CHOOSER_GRACE_MS;
    this.timers = options.timers ?? realTimers;
  }

  /** Requests still waiting for a headset to appear. */
  get waiting(): number {
    return this.pending.size;
  }

  /** 'select-hid-device'. */
  select(request: ChooseRequest): void {
    if (request.frameKey !== null) this.drop(request.frameKey, 'replaced');
    if (request.frameKey === null || !this.access.isOwnOrigin(request.frameUrl)) {
      this.decide(request.answer, { outcome: 'not-our-page' });
      return;
    }
    if (!this.access.mayUseHid(request.frameUrl ?? '')) {
      this.decide(request.answer, { outcome: 'call-control-off' });
      return;
    }
    const entry: Pending = {
      frameKey: request.frameKey,
      devices: [...request.deviceList],
      answer: request.answer,
      timer: null,
    };
    if (this.settle(entry)) return;
    if (this.graceMs <= 0) {
      this.decide(entry.answer, { outcome: 'no-supported-device' });
      return;
    }
    entry.timer = this.timers.set(() => this.drop(entry.frameKey, 'no-supported-device'), this.graceMs);
    this.pending.set(entry.frameKey, entry);
  }

  /** 'hid-device-added' while a request is open: Chromium only reports devices matching its filters. */
  deviceAdded(frameKey: string | null, device: unknown): void {
    const entry = frameKey === null ? undefined : this.pending.get(frameKey);
    if (!entry) return; // nobody is asking: a new device is never granted by itself
    entry.devices.push(device);
    if (this.settle(entry)) {
      this.timers.clear(entry.timer);
      this.pending.delete(entry.frameKey);
    }
  }

  /** 'hid-device-removed' while a request is open. */
  deviceRemoved(frameKey: string | null, device: unknown): void {
    const entry = frameKey === null ? undefined : this.pending.get(frameKey);
    const gone = hidDeviceInfo(device)?.deviceId;
    if (!entry || !gone) return;
    entry.devices = entry.devices.filter((d) => hidDeviceInfo(d)?.deviceId !== gone);
  }

  /** Answers every open request with nothing (the window or app is going away). */
  dispose(): void {
    for (const key of [...this.pending.keys()]) this.drop(key, 'not-our-page');
  }

  /** Grants the first allowed device of the entry, if any; true when it answered. */
  private settle(entry: Pending): boolean {
    const chosen = this.access.pick(entry.devices);
    if (!chosen) return false;
    this.decide(
      entry.answer,
      { outcome: 'granted', vendor: chosen.vendor, vendorId: chosen.vendorId, productId: chosen.productId },
      chosen.deviceId,
    );
    return true;
  }

  private drop(frameKey: string, outcome: ChooserOutcome): void {
    const entry = this.pending.get(frameKey);
    if (!entry) return;
    this.pending.delete(frameKey);
    this.timers.clear(entry.timer);
    this.decide(entry.answer, { outcome });
  }

  private decide(answer: (deviceId: string) => void, decision: ChooserDecision, deviceId = ''): void {
    answer(deviceId);
    this.options.onDecision?.(decision);
  }
}
