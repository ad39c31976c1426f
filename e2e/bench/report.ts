// The bench's table: each figure's median for DeskPhone and for the bare
// SIP.js page, the ratio between them, and issue 14's target. No Playwright
// here, so the arithmetic has unit tests (report.test.ts).

export interface Figure {
  label: string;
  ours: number[];
  /** The bare SIP.js page's runs of the same figure; empty when it has no counterpart. */
  bare: number[];
  /** Our median must be at most this (ms). */
  targetMs?: number;
  /** bare median / our median must be at least this. */
  minRatio?: number;
  /** Said under the table (how the figure is measured, what is special about it). */
  note?: string;
  /** A count rather than milliseconds (shown without a unit, no ratio). */
  count?: boolean;
}

export function median(values: number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '–');
const shown = (figure: Figure, value: number) =>
  figure.count ? (Number.isFinite(value) ? String(value) : '–') : ms(value);

export function ratioOf(figure: Figure): number {
  return median(figure.bare) / median(figure.ours);
}

function ratioText(figure: Figure): string {
  if (!figure.bare.length || figure.count) return '–';
  const ratio = ratioOf(figure);
  if (!Number.isFinite(ratio)) return '–';
  return ratio >= 1 ? `${ratio.toFixed(1)}× faster` : `${(1 / ratio).toFixed(1)}× slower`;
}

function targetText(figure: Figure): string {
  const parts: string[] = [];
  if (figure.targetMs !== undefined) parts.push(`≤ ${figure.targetMs} ms`);
  if (figure.minRatio !== undefined) parts.push(`≥ ${figure.minRatio}× bare`);
  return parts.join(', ') || '–';
}

/** Which of the figure's targets its medians miss (empty: all met, or it has none). */
export function missed(figure: Figure): string[] {
  const misses: string[] = [];
  const ours = median(figure.ours);
  if (figure.targetMs !== undefined && !(ours <= figure.targetMs)) {
    misses.push(`${figure.label}: ${ms(ours)} > ${figure.targetMs} ms`);
  }
  if (figure.minRatio !== undefined && !(ratioOf(figure) >= figure.minRatio)) {
    misses.push(`${figure.label}: ${ratioOf(figure).toFixed(1)}× < ${figure.minRatio}× the bare page`);
  }
  return misses;
}

function verdict(figure: Figure): string {
  if (figure.targetMs === undefined && figure.minRatio === undefined) return '';
  return missed(figure).length ? 'FAIL' : 'pass';
}

function markdownTable(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** The table (Markdown, so it can go into the README as printed), then every run. */
export function renderReport(title: string, figures: Figure[], notes: string[]): string {
  const rows = figures.map((f) => [
    f.label,
    shown(f, median(f.ours)),
    f.bare.length ? shown(f, median(f.bare)) : '–',
    ratioText(f),
    targetText(f),
    verdict(f),
  ]);
  const lines = [
    title,
    '',
    ...markdownTable(['Figure', 'DeskPhone', 'bare SIP.js 0.21', 'ratio', 'target', ''], rows),
    '',
    ...notes.map((n) => `- ${n}`),
    ...figures.filter((f) => f.note).map((f) => `- ${f.label}: ${f.note}`),
    '',
    'Every run (ms):',
  ];
  const runs = (values: number[]) => values.map((v) => v.toFixed(1)).join(', ');
  for (const f of figures) {
    lines.push(`  ${f.label}`);
    lines.push(`    DeskPhone  [${runs(f.ours)}]`);
    if (f.bare.length) lines.push(`    bare       [${runs(f.bare)}]`);
  }
  return lines.join('\n');
}

/**
 * Every missed target, and every target figure measured fewer than `minRuns`
 * times (a median of fewer runs does not count); empty when all are met.
 */
export function targetMisses(figures: Figure[], minRuns: number): string[] {
  const misses: string[] = [];
  for (const f of figures) {
    if (f.targetMs === undefined && f.minRatio === undefined) continue;
    if (f.ours.length < minRuns) misses.push(`${f.label}: ${f.ours.length} runs < ${minRuns}`);
    if (f.minRatio !== undefined && f.bare.length < minRuns) {
      misses.push(`${f.label}: ${f.bare.length} bare runs < ${minRuns}`);
    }
    misses.push(...missed(f));
  }
  return misses;
}
