import {
  CallControlFactory,
  init,
  RequestedBrowserTransport,
  SignalType,
  type IApi,
  type ICallControl,
  type IDevice,
} from '@gnaudio/jabra-js';
import type { Subscription } from 'rxjs';
import type { HeadsetDriver, HeadsetListener, HeadsetSignal } from './headset';
import type { HidDevice } from './webhid';

// Jabra headsets through GN's own SDK (@gnaudio/jabra-js, WebHID transport):
// it knows Jabra's vendor collections (GN telephony 0xFF30, GN LEDs 0xFF40)
// and the call lock other Jabra-aware softphones respect. This module is a
// chunk of its own, fetched only when a Jabra headset is present.

let api: Promise<IApi> | null = null;

function jabra(): Promise<IApi> {
  // One SDK instance per page: it owns navigator.hid's connect/disconnect handlers.
  api ??= init({ transport: RequestedBrowserTransport.WEB_HID, appId: 'deskphone', appName: 'DeskPhone' });
  return api;
}

/** The SDK's device for this HID device; it scans granted devices itself, with a delay on hot-plug. */
function sdkDevice(sdk: IApi, device: HidDevice, timeoutMs = 6000): Promise<IDevice> {
  const matches = (candidate: IDevice) =>
    candidate.vendorId === device.vendorId && candidate.productId === device.productId;
  const known = sdk.getCurrentDevices().find(matches);
  if (known) return Promise.resolve(known);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`${device.productName} did not appear in the Jabra SDK.`));
    }, timeoutMs);
    const subscription = sdk.deviceAdded.subscribe((candidate) => {
      if (!matches(candidate)) return;
      clearTimeout(timer);
      subscription.unsubscribe();
      resolve(candidate);
    });
    // A device granted after the SDK started (the "Connect a headset" button) is
    // picked up when the SDK hears on its pairing channel, as its own webHidPairing() does.
    new BroadcastChannel('jabra-webhid-pairing-channel').postMessage(null);
  });
}

class JabraDriver implements HeadsetDriver {
  readonly capabilities = new Set<HeadsetSignal | 'buttons'>(['ring', 'offHook', 'muted', 'held', 'buttons']);
  private hook = false;
  private readonly signals: Subscription;

  constructor(
    readonly device: HidDevice,
    private readonly control: ICallControl,
    listener: HeadsetListener,
  ) {
    this.signals = control.deviceSignals.subscribe((signal) => {
      const on = Boolean(signal.value);
      switch (signal.type) {
        case SignalType.HOOK_SWITCH:
          // The headset acknowledges the phone's own offHook() with the same state: not a request.
          if (on === this.hook) return;
          this.hook = on;
          listener({ type: on ? 'offHook' : 'onHook' });
          return;
        case SignalType.PHONE_MUTE:
          if (on) listener({ type: 'mute' });
          return;
        case SignalType.FLASH:
          if (on) listener({ type: 'flash' });
          return;
        case SignalType.REDIAL:
          if (on) listener({ type: 'redial' });
          return;
        case SignalType.REJECT_CALL:
          if (on) listener({ type: 'reject' });
          return;
      }
    });
  }

  set(signal: HeadsetSignal, on: boolean): Promise<void> {
    try {
      if (signal === 'ring') this.control.ring(on);
      else if (signal === 'offHook') {
        this.hook = on;
        this.control.offHook(on);
      } else if (signal === 'muted') this.control.mute(on);
      else this.control.hold(on);
    } catch (error) {
      // A model without that light (the SDK says FEATURE_NOT_SUPPORTED): nothing to show.
      console.warn(`Jabra ${signal}:`, error instanceof Error ? error.message : error);
    }
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.signals.unsubscribe();
    try {
      this.control.releaseCallLock();
    } catch {
      // Unplugged: the SDK has already let go of the lock with the device.
    }
    return Promise.resolve();
  }
}

export async function openJabraDriver(device: HidDevice, listener: HeadsetListener): Promise<HeadsetDriver> {
  const sdk = await jabra();
  const jabraDevice = await sdkDevice(sdk, device);
  const factory = new CallControlFactory(sdk);
  if (!factory.supportsCallControl(jabraDevice))
    throw new Error(`${device.productName} has no call control.`);
  const control = await factory.createCallControl(jabraDevice);
  if (!(await control.takeCallLock())) throw new Error('Another softphone is using the headset.');
  return new JabraDriver(device, control, listener);
}
