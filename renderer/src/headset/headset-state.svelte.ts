import { untrack } from 'svelte';
import {
  allowedHeadsetVendorIds,
  defaultHeadsetSettings,
  headsetVendorOf,
  type HeadsetVendor,
} from '../../../contract/headset-vendors';
import { runCommand } from '../state/commands';
import type { DeskState } from '../state/desk.svelte';
import type { PhoneState } from '../state/phone.svelte';
import { headsetCommand, headsetSignals, signalChanges } from './binding';
import { NO_SIGNALS, type DriverLoader, type HeadsetDriver, type HeadsetEvent } from './headset';
import { webHid, type HidConnectionEvent, type HidDevice } from './webhid';

/**
 * Why call control is or is not working: 'active'; 'off' / 'managed-off'
 * (the setting, by the user or by policy); 'blocked' / 'blocked-by-policy'
 * (the vendor is not allowed); 'none' (no supported headset granted);
 * 'starting'; 'failed' (the driver could not take the device).
 */
export type HeadsetStatus =
  'active' | 'off' | 'managed-off' | 'blocked' | 'blocked-by-policy' | 'none' | 'starting' | 'failed';

/** The headset's buttons and lights, joined to the phone. */
export class HeadsetState {
  status = $state<HeadsetStatus>('none');
  product = $state<string | null>(null);
  vendor = $state<HeadsetVendor | null>(null);
  /** "vid:pid" in hex, as Chromium appends it to the headset's audio device labels. */
  usbId = $state<string | null>(null);
  /** The app's redial (the last number dialled), set by the view that knows it. */
  redial: (() => void) | null = null;
  private driver: HeadsetDriver | null = null;
  private sent = NO_SIGNALS;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly phone: PhoneState,
    private readonly desk: DeskState,
    // The driver is a chunk of its own, fetched only once a supported headset is there.
    private readonly load: DriverLoader = (device, _vendor, listener) =>
      import('./telephony-driver').then((m) => m.openTelephonyDriver(device, listener)),
  ) {}

  /** Whether this browser can reach headsets at all (WebHID). */
  get available(): boolean {
    return webHid() !== null;
  }

  /** Starts following settings, calls and plugged devices; returns the undo. */
  follow(): () => void {
    const hid = webHid();
    if (!hid) return () => undefined;
    const onConnect = () => void this.refresh();
    const onDisconnect = (event: Event) => {
      if ((event as HidConnectionEvent).device === this.driver?.device) void this.release();
      void this.refresh();
    };
    hid.addEventListener('connect', onConnect);
    hid.addEventListener('disconnect', onDisconnect);
    const stopEffects = $effect.root(() => {
      $effect(() => {
        // Settings (and policy) arrive, or change: look again.
        const view = this.desk.view;
        if (!view) return;
        void [view.settings.headset.callControl, ...view.settings.headset.vendors, ...(view.locked ?? [])];
        untrack(() => void this.refresh());
      });
      $effect(() => void this.syncLights());
    });
    return () => {
      hid.removeEventListener('connect', onConnect);
      hid.removeEventListener('disconnect', onDisconnect);
      stopEffects();
      void this.release();
    };
  }

  /** "Connect a headset": the browser's chooser, from the click, for the allowed vendors only. */
  async connect(): Promise<void> {
    const hid = webHid();
    const settings = this.desk.settings?.headset ?? defaultHeadsetSettings;
    const filters = allowedHeadsetVendorIds(settings).map((vendorId) => ({ vendorId }));
    if (!hid || filters.length === 0) return;
    await hid.requestDevice({ filters }).catch(() => []);
    await this.refresh();
  }

  /** Looks at the granted devices and settings, and starts or stops the driver to match. */
  refresh(): Promise<void> {
    return this.serial(() => this.reconsider());
  }

  private async reconsider(): Promise<void> {
    const hid = webHid();
    if (!hid || !this.desk.view) return;
    const devices = (await hid.getDevices()).filter((device) => headsetVendorOf(device.vendorId) !== null);
    const device = devices.find((d) => d === this.driver?.device) ?? devices[0];
    if (!device) return this.settle('none', null);
    const vendor = headsetVendorOf(device.vendorId)!;
    const settings = this.desk.settings?.headset ?? defaultHeadsetSettings;
    const locked = (key: string) => this.desk.view?.locked?.includes(`desk.headset.${key}`) ?? false;
    if (!settings.callControl) return this.settle(locked('callControl') ? 'managed-off' : 'off', device);
    if (!settings.vendors.includes(vendor)) {
      return this.settle(locked('vendors') ? 'blocked-by-policy' : 'blocked', device);
    }
    if (this.driver?.device === device) return;
    await this.stopDriver();
    this.show('starting', device);
    try {
      this.driver = await this.load(device, vendor, (event) => this.onEvent(event));
      this.sent = NO_SIGNALS;
      this.status = 'active';
      // The headset learns where the phone is (a call may already be going on).
      await this.apply(headsetSignals(this.phone));
    } catch (error) {
      console.warn('Headset call control failed to start:', error);
      this.status = 'failed';
    }
  }

  private async settle(status: HeadsetStatus, device: HidDevice | null): Promise<void> {
    await this.stopDriver();
    this.show(status, device);
  }

  private show(status: HeadsetStatus, device: HidDevice | null): void {
    this.status = status;
    this.product = device?.productName || null;
    this.vendor = device ? headsetVendorOf(device.vendorId) : null;
    const hex = (n: number) => n.toString(16).padStart(4, '0');
    this.usbId = device ? `${hex(device.vendorId)}:${hex(device.productId)}` : null;
  }

  private release(): Promise<void> {
    return this.serial(() => this.stopDriver());
  }

  private async stopDriver(): Promise<void> {
    const driver = this.driver;
    this.driver = null;
    this.sent = NO_SIGNALS;
    await driver?.close().catch(() => undefined);
  }

  private onEvent(event: HeadsetEvent): void {
    const command = headsetCommand(event, this.phone);
    if (command === 'redial') this.redial?.();
    else if (command) void runCommand(this.phone, command);
  }

  /** Brings the headset's ringer and lights in step with the phone's calls (read now, sent in turn). */
  syncLights(): Promise<void> {
    const wanted = headsetSignals(this.phone);
    return this.serial(() => this.apply(wanted));
  }

  private async apply(wanted: ReturnType<typeof headsetSignals>): Promise<void> {
    const driver = this.driver;
    if (!driver) return;
    for (const [signal, on] of signalChanges(this.sent, wanted)) {
      // Unplugged between two reports: the disconnect event tidies up.
      await driver.set(signal, on).catch((error: unknown) => console.warn(`Headset ${signal}:`, error));
    }
    this.sent = wanted;
  }

  /** Device work one step at a time: a report never overtakes the one before it. */
  private serial(step: () => Promise<void>): Promise<void> {
    const next = this.queue.then(step, step);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
