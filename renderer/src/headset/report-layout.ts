import type { HidCollectionInfo, HidReportInfo } from './webhid';

/**
 * Where one usage lives in a device's reports, worked out from WebHID's
 * `collections` (the parsed report descriptor): report ID, bit offset from the
 * start of the report's data (the report ID byte is not part of it) and size.
 */
export interface UsageField {
  reportId: number;
  offset: number;
  size: number;
  absolute: boolean;
  /** Array items: the slots' count and the value that names this usage. */
  slots?: number;
  arrayValue?: number;
}

export interface ReportLayout {
  fields: Map<number, UsageField>;
  /** Each report's data length in bits. */
  bits: Map<number, number>;
}

type ReportKind = 'inputReports' | 'outputReports';

// A descriptor is the device's word: a usage range this long is a broken or hostile one.
const MAX_RANGE = 1024;
const MAX_DEPTH = 16;

function usagesOf(item: NonNullable<HidReportInfo['items']>[number]): number[] {
  if (!item.isRange) return item.usages ?? [];
  const min = item.usageMinimum ?? 0;
  const max = Math.min(item.usageMaximum ?? min, min + MAX_RANGE);
  const range: number[] = [];
  for (let usage = min; usage <= max; usage++) range.push(usage);
  return range;
}

/** The fields of every input or output report, across all collections and their children. */
export function reportLayout(collections: readonly HidCollectionInfo[], kind: ReportKind): ReportLayout {
  const layout: ReportLayout = { fields: new Map(), bits: new Map() };
  const place = (usage: number, field: UsageField) => {
    // A usage listed twice (a second collection, a vendor mirror) keeps its first place.
    if (!layout.fields.has(usage)) layout.fields.set(usage, field);
  };
  const walk = (collection: HidCollectionInfo, depth: number) => {
    if (depth > MAX_DEPTH) return;
    for (const report of collection[kind] ?? []) {
      const reportId = report.reportId ?? 0;
      let offset = layout.bits.get(reportId) ?? 0;
      for (const item of report.items ?? []) {
        const size = Math.max(0, item.reportSize ?? 0);
        const count = Math.max(0, item.reportCount ?? 0);
        const usages = item.isConstant ? [] : usagesOf(item);
        const absolute = item.isAbsolute ?? true;
        if (item.isArray) {
          // An array's slots hold indices: logical minimum names the first usage.
          const first = item.logicalMinimum ?? 0;
          usages.forEach((usage, index) =>
            place(usage, { reportId, offset, size, absolute, slots: count, arrayValue: first + index }),
          );
        } else {
          // One field per usage; usages beyond the count have no room (HID 1.11, 6.2.2.8).
          usages
            .slice(0, count)
            .forEach((usage, index) =>
              place(usage, { reportId, offset: offset + index * size, size, absolute }),
            );
        }
        offset += size * count;
      }
      layout.bits.set(reportId, offset);
    }
    for (const child of collection.children ?? []) walk(child, depth + 1);
  };
  for (const collection of collections) walk(collection, 0);
  return layout;
}

/** Bits read least significant first, as HID packs them. */
export function readBits(data: DataView, offset: number, size: number): number {
  let value = 0;
  for (let bit = 0; bit < size && bit < 32; bit++) {
    const at = offset + bit;
    const byte = at >> 3;
    if (byte >= data.byteLength) break;
    if ((data.getUint8(byte) >> (at & 7)) & 1) value |= 1 << bit;
  }
  return value >>> 0;
}

export function writeBits(bytes: Uint8Array, offset: number, size: number, value: number): void {
  for (let bit = 0; bit < size && bit < 32; bit++) {
    const at = offset + bit;
    const byte = at >> 3;
    if (byte >= bytes.length) return;
    const mask = 1 << (at & 7);
    bytes[byte] = (value >>> bit) & 1 ? bytes[byte]! | mask : bytes[byte]! & ~mask;
  }
}

/** A usage's value in an input report: for an array item, 1 when any slot names it. */
export function fieldValue(field: UsageField, data: DataView): number {
  if (field.slots === undefined) return readBits(data, field.offset, field.size);
  for (let slot = 0; slot < field.slots; slot++) {
    if (readBits(data, field.offset + slot * field.size, field.size) === field.arrayValue) return 1;
  }
  return 0;
}

/**
 * Output reports as the device last got them: setting one LED keeps the
 * others of the same report as they were.
 */
export class OutputReports {
  private readonly current = new Map<number, Uint8Array<ArrayBuffer>>();

  constructor(private readonly layout: ReportLayout) {}

  has(usage: number): boolean {
    return this.layout.fields.has(usage);
  }

  /** The report to send for this usage's new value, or null when the device lacks it. */
  set(usage: number, value: number): { reportId: number; data: Uint8Array<ArrayBuffer> } | null {
    const field = this.layout.fields.get(usage);
    if (!field) return null;
    let bytes = this.current.get(field.reportId);
    if (!bytes) {
      bytes = new Uint8Array(Math.ceil((this.layout.bits.get(field.reportId) ?? 0) / 8));
      this.current.set(field.reportId, bytes);
    }
    if (field.slots === undefined) writeBits(bytes, field.offset, field.size, value);
    else writeBits(bytes, field.offset, field.size, value ? (field.arrayValue ?? 0) : 0);
    return { reportId: field.reportId, data: bytes.slice() };
  }
}
