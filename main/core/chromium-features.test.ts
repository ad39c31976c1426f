import { describe, expect, it } from 'vitest';
import { chromiumArguments, chromiumSwitches, DISABLED_CHROMIUM_FEATURES } from './chromium-features';

describe('Chromium features', () => {
  it('one disable-features switch, the same for the app and for a browser the tests launch', () => {
    expect(chromiumSwitches()).toEqual([['disable-features', 'BackgroundResourceFetch']]);
    expect(chromiumArguments()).toEqual(['--disable-features=BackgroundResourceFetch']);
    // Chromium reads one comma-separated list: a second switch of the same name would replace it.
    expect(chromiumSwitches().filter(([name]) => name === 'disable-features')).toHaveLength(1);
    expect(DISABLED_CHROMIUM_FEATURES.every((feature) => /^[A-Za-z]+$/.test(feature))).toBe(true);
  });
});
