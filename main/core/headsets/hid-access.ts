import {
  allowedHeadsetVendorIds,
  headsetVendorOf,
  type HeadsetSettings,
  type HeadsetVendor,
} from '../../../contract/headsets';
import type { Policy } from '../policy/policy';
import type { SettingsStore } from '../settings-store';
import { originOf } from '../web-rules';

// Who may talk to which HID device (WebHID), decided without Electron so the
// rules can be unit-tested: only the app's own page, only headsets of the
// vendors the desk settings allow (after policy), and nothing at all when
// call control is off. The settings are read on every decision, so a change
// by the user or a narrower policy applies at once, without a restart.
//
// Chromium asks these questions from three places (see adapters/hid-permissions):
// the permission check 'hid' (may the page call navigator.hid.requestDevice),
// the device permission check (is this device visible to getDevices() and
// 'connect', may it be opened), and the 'select-hid-device' chooser.

/** What Electron tells about a HID device; everything else it carries is ignored. */
export interface HidDeviceInfo {
  deviceId?: string;
  vendorId: number;
  productId: number;
}

/** Electron's setDevicePermissionHandler details, read defensively (any field may be missing). */
export interface DevicePermissionQuery {
  deviceType?: string;
  origin?: string;
  device?: unknown;
}

export interface HidAccessOptions {
  /** The app's own origin (APP_ORIGIN): the only page that may use HID. */
  origin: string;
  /** The desk's headset settings in force now (the user's, with the policy applied). */
  headset: () => HeadsetSettings;
}

/** The headset settings in force: the stored desk settings with the policy applied, as the desk reads them. */
export function effectiveHeadsetSettings(core: {
  policy: Pick<Policy, 'applyDesk'>;
  settings: Pick<SettingsStore, 'get'>;
}): HeadsetSettings {
  return core.policy.applyDesk(core.settings.get().desk).headset;
}

/** A USB vendor/product ID: an integer 0–0xffff. */
function isUsbId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 0xffff;
}

/** The vendor/product IDs of an untrusted device object, or null when they are not plain USB IDs. */
export function hidDeviceInfo(device: unknown): HidDeviceInfo | null {
  if (typeof device !== 'object' || device === null) return null;
  const { vendorId, productId, deviceId } = device as Record<string, unknown>;
  if (!isUsbId(vendorId) || !isUsbId(productId)) return null;
  return typeof deviceId === 'string' ? { vendorId, productId, deviceId } : { vendorId, productId };
}

export class HidAccess {
  private readonly origin: string;

  constructor(private readonly options: HidAccessOptions) {
    const origin = originOf(options.origin);
    if (!origin) throw new Error(`Not an origin: ${options.origin}`);
    this.origin = origin;
  }

  /** The allowed vendor IDs now; none when the settings cannot be read (fail closed). */
  allowedVendorIds(): number[] {
    try {
      return allowedHeadsetVendorIds(this.options.headset());
    } catch {
      return [];
    }
  }

  /** True when a URL or origin ("app://phone", "app://phone/index.html") is the app's own page. */
  isOwnOrigin(urlOrOrigin: string | null | undefined): boolean {
    return !!urlOrOrigin && originOf(urlOrOrigin) === this.origin;
  }

  /**
   * The permission check 'hid': may this page use WebHID at all? Only our page,
   * only while call control is on with at least one vendor. Chromium passes the
   * page's URL and, for HID checks, its origin as securityOrigin: both must be ours.
   */
  mayUseHid(requestingOrigin: string, securityOrigin?: string): boolean {
    if (!this.isOwnOrigin(requestingOrigin)) return false;
    if (securityOrigin !== undefined && !this.isOwnOrigin(securityOrigin)) return false;
    return this.allowedVendorIds().length > 0;
  }

  /** The vendor of a device our settings allow now, or null. */
  allowedVendorOf(device: HidDeviceInfo): HeadsetVendor | null {
    if (!this.allowedVendorIds().includes(device.vendorId)) return null;
    return headsetVendorOf(device.vendorId);
  }

  /** setDevicePermissionHandler: a HID headset of an allowed vendor, for our page; nothing else. */
  devicePermission(query: DevicePermissionQuery): boolean {
    if (query.deviceType !== 'hid') return false; // USB, serial: a phone needs none
    if (!this.isOwnOrigin(query.origin)) return false;
    const device = hidDeviceInfo(query.device);
    return device !== null && this.allowedVendorOf(device) !== null;
  }

  /**
   * The device to grant from a chooser list, or null. Chromium lists only the
   * devices that match the filters the page passed to requestDevice (and not
   * its exclusion filters), one entry per physical device, in its own order;
   * so the first allowed entry is the device the page asked for.
   */
  pick(deviceList: readonly unknown[]): (HidDeviceInfo & { deviceId: string; vendor: HeadsetVendor }) | null {
    for (const entry of deviceList) {
      const device = hidDeviceInfo(entry);
      if (!device?.deviceId) continue;
      const vendor = this.allowedVendorOf(device);
      if (vendor) return { ...device, deviceId: device.deviceId, vendor };
    }
    return null;
  }
}
