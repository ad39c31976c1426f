// The part of WebHID (https://wicg.github.io/webhid/) the headset drivers use.
// TypeScript's DOM library does not describe it yet. Usages in report items
// are Chromium's extended usages: usage page in the high 16 bits.

export interface HidReportItem {
  usages?: number[];
  usageMinimum?: number;
  usageMaximum?: number;
  reportSize?: number;
  reportCount?: number;
  logicalMinimum?: number;
  logicalMaximum?: number;
  isAbsolute?: boolean;
  isArray?: boolean;
  isRange?: boolean;
  isConstant?: boolean;
}

export interface HidReportInfo {
  reportId?: number;
  items?: HidReportItem[];
}

export interface HidCollectionInfo {
  usagePage?: number;
  usage?: number;
  type?: number;
  children?: HidCollectionInfo[];
  inputReports?: HidReportInfo[];
  outputReports?: HidReportInfo[];
  featureReports?: HidReportInfo[];
}

export interface HidInputReportEvent extends Event {
  readonly device: HidDevice;
  readonly reportId: number;
  readonly data: DataView;
}

export interface HidDevice extends EventTarget {
  readonly opened: boolean;
  readonly vendorId: number;
  readonly productId: number;
  readonly productName: string;
  readonly collections: HidCollectionInfo[];
  open(): Promise<void>;
  close(): Promise<void>;
  sendReport(reportId: number, data: BufferSource): Promise<void>;
}

export interface HidConnectionEvent extends Event {
  readonly device: HidDevice;
}

export interface HidDeviceFilter {
  vendorId?: number;
  productId?: number;
  usagePage?: number;
  usage?: number;
}

export interface Hid extends EventTarget {
  getDevices(): Promise<HidDevice[]>;
  requestDevice(options: { filters: HidDeviceFilter[] }): Promise<HidDevice[]>;
}

/** navigator.hid where the browser has WebHID (Chromium, Electron). */
export function webHid(): Hid | null {
  return (navigator as Navigator & { hid?: Hid }).hid ?? null;
}

/** Extended usage: page and usage in one number, as WebHID reports them. */
export const usageOf = (page: number, usage: number): number => ((page << 16) | usage) >>> 0;
