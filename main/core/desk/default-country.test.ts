import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDeskSettings } from '../../../contract/desk';
import { createMemoryLogger } from '../logger';
import { NoticeBoard } from '../notices';
import { SettingsStore } from '../settings-store';
import { tempDir } from '../test-helpers';
import { countryFromLocale } from './default-country';

describe('countryFromLocale', () => {
  it('takes the OS country when libphonenumber knows it', () => {
    expect(countryFromLocale('DE')).toBe('DE');
    expect(countryFromLocale('gb')).toBe('GB');
    expect(countryFromLocale(' AT ')).toBe('AT');
  });

  it('falls back to US when the OS says nothing or names no dialling country', () => {
    expect(countryFromLocale('')).toBe('US');
    expect(countryFromLocale(undefined)).toBe('US');
    expect(countryFromLocale(null)).toBe('US');
    expect(countryFromLocale('EU')).toBe('US');
    expect(countryFromLocale('419')).toBe('US');
    expect(countryFromLocale('ZZ')).toBe('US');
    expect(countryFromLocale('DEU')).toBe('US');
  });
});

describe('the settings store with a locale country', () => {
  let dir = '';
  const open = async (defaultCountry: string) =>
    SettingsStore.open(dir, { logger: createMemoryLogger(), notices: new NoticeBoard(), defaultCountry });

  it('starts a new profile with that country', async () => {
    dir = await tempDir('deskphone-country-');
    const store = await open(countryFromLocale('FR'));
    expect(store.get().desk.clickToDial.defaultCountry).toBe('FR');
  });

  it('keeps the country the user saved', async () => {
    dir = await tempDir('deskphone-country-');
    const desk = { ...defaultDeskSettings(), clickToDial: { defaultCountry: 'GB', confirmFirst: true } };
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ version: 3, account: null, vaultConsent: false, desk }),
    );
    const store = await open('DE');
    expect(store.get().desk.clickToDial.defaultCountry).toBe('GB');
  });

  it('fills a desk section written before the country was saved', async () => {
    dir = await tempDir('deskphone-country-');
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ version: 3, account: null, vaultConsent: false, desk: { closeToTray: false } }),
    );
    const store = await open('ES');
    expect(store.get().desk.clickToDial.defaultCountry).toBe('ES');
    expect(store.get().desk.closeToTray).toBe(false);
  });

  it('gives settings from before the desk section (version 2) the locale country', async () => {
    dir = await tempDir('deskphone-country-');
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ version: 2, account: null, vaultConsent: true }),
    );
    const store = await open('IT');
    expect(store.get().desk.clickToDial.defaultCountry).toBe('IT');
    expect(store.get().vaultConsent).toBe(true);
  });
});
