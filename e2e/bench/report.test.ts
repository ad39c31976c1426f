import { describe, expect, it } from 'vitest';
import { median, missed, ratioOf, renderReport, targetMisses, type Figure } from './report';

const seven = (value: number) => Array.from({ length: 7 }, (_, i) => value + i - 3);

describe('bench report', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it('gives the ratio as bare median over ours', () => {
    expect(ratioOf({ label: 'x', ours: seven(20), bare: seven(5000) })).toBe(250);
  });

  it('misses a time target above it and a ratio target below it', () => {
    const fast: Figure = {
      label: 'dead STUN',
      ours: seven(20),
      bare: seven(5000),
      targetMs: 30,
      minRatio: 15,
    };
    const slow: Figure = { ...fast, ours: seven(540) };
    expect(missed(fast)).toEqual([]);
    expect(missed(slow)).toEqual(['dead STUN: 540.0 ms > 30 ms', 'dead STUN: 9.3× < 15× the bare page']);
  });

  it('counts a target figure with too few runs as missed, and ignores figures without targets', () => {
    const figures: Figure[] = [
      { label: 'Call', ours: [10, 12], bare: [], targetMs: 30 },
      { label: 'ratio only', ours: seven(20), bare: [900], minRatio: 15 },
      { label: 'info', ours: [], bare: [] },
    ];
    expect(targetMisses(figures, 7)).toEqual(['Call: 2 runs < 7', 'ratio only: 1 bare runs < 7']);
  });

  it('prints a Markdown row with both medians, the ratio and the verdict', () => {
    const text = renderReport(
      'title',
      [{ label: 'Call click → INVITE sent', ours: seven(20), bare: seven(150), targetMs: 30 }],
      [],
    );
    expect(text).toMatch(
      /\| Call click → INVITE sent \| 20\.0 ms +\| 150\.0 ms +\| 7\.5× faster \| ≤ 30 ms +\| pass \|/,
    );
  });
});
