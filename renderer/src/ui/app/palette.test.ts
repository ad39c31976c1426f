import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The colour variables of app.css in both themes, checked against WCAG 2.2:
// text 4.5:1 (1.4.3), focus ring and field borders 3:1 (1.4.11, 2.4.13).
// axe-core checks text it sees on screen; this checks what it cannot: the
// focus ring and the borders that show where a field is.

const css = readFileSync(new URL('./app.css', import.meta.url), 'utf8');

function palette(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(
    [...block.matchAll(/--([a-z-]+):\s*(#[0-9a-f]{6})/gi)].map((m) => [m[1]!, m[2]!]),
  );
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const light = palette(':root');
const themes = { light, dark: { ...light, ...palette(":root[data-theme='dark']") } };

describe.each(Object.entries(themes))('the %s theme', (_name, colours) => {
  const pairs: Array<[string, string, number]> = [
    ['text', 'panel', 4.5],
    ['text', 'bg', 4.5],
    ['muted', 'panel', 4.5],
    ['muted', 'bg', 4.5],
    ['accent', 'panel', 4.5],
    ['accent', 'accent-soft', 4.5],
    ['danger', 'danger-soft', 4.5],
    ['danger', 'panel', 4.5],
    ['warn', 'warn-soft', 4.5],
    ['ok', 'panel', 4.5],
    ['on-accent', 'accent', 4.5],
    ['on-accent', 'ok', 4.5],
    ['on-accent', 'danger', 4.5],
    ['text', 'field', 4.5],
    ['focus', 'panel', 3],
    ['focus', 'bg', 3],
    ['field-border', 'field', 3],
    ['field-border', 'panel', 3],
    ['field-border', 'bg', 3],
  ];
  it.each(pairs)('--%s on --%s reaches %s:1', (fg, bg, minimum) => {
    expect(colours[fg], `--${fg}`).toBeDefined();
    expect(colours[bg], `--${bg}`).toBeDefined();
    expect(contrast(colours[fg]!, colours[bg]!)).toBeGreaterThanOrEqual(minimum);
  });
});

it('measures contrast as WCAG does (the old focus ring on white was 2.05:1)', () => {
  expect(contrast('#ffffff', '#000000')).toBeCloseTo(21, 5);
  expect(contrast('#ff9f1a', '#ffffff')).toBeCloseTo(2.05, 1);
  expect(contrast('#d5dae1', '#ffffff')).toBeLessThan(3);
});
