import { afterEach, describe, expect, it, vi } from 'vitest';
import { i18n } from './i18n.svelte';

/** Node 20 has no Intl.DurationFormat; Chromium has. This stands in with CLDR's English words. */
class EnglishDurationFormat {
  constructor(readonly locale: string) {}
  format(d: { minutes: number; seconds: number }): string {
    const seconds = `${d.seconds} ${d.seconds === 1 ? 'second' : 'seconds'}`;
    return d.minutes ? `${d.minutes} minute, ${seconds}` : seconds;
  }
}

describe('call lengths in words', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    i18n.choice = 'system';
    i18n.system = ['en'];
  });

  it('uses the locale’s words, and accents them in the pseudo-locale so they read as localised', () => {
    vi.stubGlobal(
      'Intl',
      Object.assign(Object.create(Intl) as object, { DurationFormat: EnglishDurationFormat }),
    );
    i18n.system = ['en-GB'];
    expect(i18n.duration(65)).toBe('1 minute, 5 seconds');
    i18n.system = ['en-XA'];
    const pseudo = i18n.duration(1);
    expect(pseudo).not.toMatch(/[A-Za-z]{3,}/);
    expect(pseudo).toMatch(/^1 \S+$/);
  });

  it('falls back to a clock where the runtime has no duration words', () => {
    vi.stubGlobal('Intl', Object.assign(Object.create(Intl) as object, { DurationFormat: undefined }));
    i18n.system = ['en-XA'];
    expect(i18n.duration(125)).toBe('2:05');
  });
});
