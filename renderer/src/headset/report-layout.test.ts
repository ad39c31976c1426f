import { describe, expect, it } from 'vitest';
import { JABRA_EVOLVE2_65, POLY_BLACKWIRE_3220 } from '../../../e2e/fixtures/hid-devices';
import { fieldValue, OutputReports, readBits, reportLayout, writeBits } from './report-layout';
import { usageOf } from './webhid';

const TEL = 0x0b;
const LED = 0x08;

describe('reportLayout', () => {
  it('places the Blackwire 3220 telephony inputs by report ID and bit offset', () => {
    const input = reportLayout(POLY_BLACKWIRE_3220.collections, 'inputReports');
    expect(input.fields.get(usageOf(TEL, 0x20))).toEqual({ reportId: 2, offset: 0, size: 1, absolute: true });
    expect(input.fields.get(usageOf(TEL, 0x2f))).toEqual({
      reportId: 2,
      offset: 1,
      size: 1,
      absolute: false,
    });
    expect(input.fields.get(usageOf(TEL, 0x21))).toEqual({
      reportId: 2,
      offset: 2,
      size: 1,
      absolute: false,
    });
    // The consumer collection's report is counted separately, padding included.
    expect(input.bits.get(1)).toBe(8);
    expect(input.bits.get(2)).toBe(8);
  });

  it('expands a usage range into consecutive bits, then continues after it', () => {
    const output = reportLayout(POLY_BLACKWIRE_3220.collections, 'outputReports');
    expect(output.fields.get(usageOf(LED, 0x17))).toMatchObject({ reportId: 3, offset: 0 });
    expect(output.fields.get(usageOf(LED, 0x18))).toMatchObject({ reportId: 3, offset: 1 });
    expect(output.fields.get(usageOf(LED, 0x09))).toMatchObject({ reportId: 3, offset: 2 });
    expect(output.fields.get(usageOf(LED, 0x20))).toMatchObject({ reportId: 3, offset: 3 });
    expect(output.fields.get(usageOf(TEL, 0x9e))).toMatchObject({ reportId: 4, offset: 0 });
    // A usage the range does not cover is not made up.
    expect(output.fields.has(usageOf(LED, 0x19))).toBe(false);
  });

  it("finds Jabra's GN vendor pages apart from its standard telephony collection", () => {
    const output = reportLayout(JABRA_EVOLVE2_65.collections, 'outputReports');
    expect(output.fields.get(usageOf(0xff40, 0x18))).toMatchObject({ reportId: 4, offset: 1 });
    expect(output.fields.get(usageOf(0xff30, 0x9e))).toMatchObject({ reportId: 4, offset: 4 });
    expect(output.fields.get(usageOf(LED, 0x18))).toMatchObject({ reportId: 2, offset: 1 });
    const input = reportLayout(JABRA_EVOLVE2_65.collections, 'inputReports');
    expect(input.fields.get(usageOf(0xff30, 0x2f))).toMatchObject({
      reportId: 4,
      offset: 3,
      absolute: false,
    });
  });

  it('gives usages of an array item their index values, and a short usage list only its own fields', () => {
    const layout = reportLayout(
      [
        {
          inputReports: [
            {
              reportId: 5,
              items: [
                { usages: [usageOf(TEL, 0x20)], reportSize: 4, reportCount: 3 },
                {
                  isArray: true,
                  isRange: true,
                  usageMinimum: usageOf(TEL, 0xb0),
                  usageMaximum: usageOf(TEL, 0xbb),
                  logicalMinimum: 1,
                  reportSize: 8,
                  reportCount: 2,
                },
              ],
            },
          ],
        },
      ],
      'inputReports',
    );
    expect(layout.fields.get(usageOf(TEL, 0x20))).toMatchObject({ offset: 0, size: 4 });
    expect(layout.fields.get(usageOf(TEL, 0xb3))).toMatchObject({
      offset: 12,
      size: 8,
      slots: 2,
      arrayValue: 4,
    });
    expect(layout.bits.get(5)).toBe(28);
    const pressed = new DataView(new ArrayBuffer(4));
    // Slot 0 sits at bits 12..19: value 4 names the fourth usage (0xb3).
    writeBits(new Uint8Array(pressed.buffer), 12, 8, 4);
    expect(fieldValue(layout.fields.get(usageOf(TEL, 0xb3))!, pressed)).toBe(1);
    expect(fieldValue(layout.fields.get(usageOf(TEL, 0xb4))!, pressed)).toBe(0);
  });

  it('ignores a hostile descriptor: a huge range is capped, deep nesting stops', () => {
    const layout = reportLayout(
      [
        {
          inputReports: [
            {
              reportId: 1,
              items: [
                { isRange: true, usageMinimum: 0, usageMaximum: 0xffffffff, reportSize: 1, reportCount: 2 },
              ],
            },
          ],
        },
      ],
      'inputReports',
    );
    expect(layout.fields.size).toBe(2);
  });
});

describe('bits', () => {
  it('reads and writes across byte boundaries, least significant bit first', () => {
    const bytes = new Uint8Array(3);
    writeBits(bytes, 6, 4, 0b1011);
    expect([...bytes]).toEqual([0b1100_0000, 0b0000_0010, 0]);
    expect(readBits(new DataView(bytes.buffer), 6, 4)).toBe(0b1011);
  });

  it('keeps the other lights of a report when one changes', () => {
    const reports = new OutputReports(reportLayout(POLY_BLACKWIRE_3220.collections, 'outputReports'));
    expect(reports.set(usageOf(LED, 0x17), 1)).toEqual({ reportId: 3, data: Uint8Array.from([0b0001]) });
    expect(reports.set(usageOf(LED, 0x09), 1)).toEqual({ reportId: 3, data: Uint8Array.from([0b0101]) });
    expect(reports.set(usageOf(LED, 0x17), 0)).toEqual({ reportId: 3, data: Uint8Array.from([0b0100]) });
    expect(reports.set(usageOf(LED, 0x4b), 1)).toBeNull();
  });
});
