import { describe, expect, it } from 'vitest';
import { countryFor, digitsOf, formatNumber } from './phone-number';

describe('phone numbers for the user’s country', () => {
  it('writes numbers of the home country nationally', () => {
    expect(formatNumber('+12025550143', 'US')).toBe('(202) 555-0143');
    expect(formatNumber('2025550143', 'US')).toBe('(202) 555-0143');
    expect(formatNumber('+442079460018', 'GB')).toBe('020 7946 0018');
    expect(formatNumber('+4930901820', 'DE')).toBe('030 901820');
  });

  it('writes foreign numbers internationally', () => {
    expect(formatNumber('+442079460018', 'US')).toBe('+44 20 7946 0018');
    expect(formatNumber('+12025550143', 'DE')).toBe('+1 202 555 0143');
    expect(formatNumber('+4930901820', 'GB')).toBe('+49 30 901820');
  });

  it('keeps extensions, SIP users, SIP addresses and keypad codes as they are', () => {
    expect(formatNumber('1002', 'US')).toBe('1002');
    expect(formatNumber('bob', 'US')).toBe('bob');
    expect(formatNumber('bob@pbx.example.com', 'GB')).toBe('bob@pbx.example.com');
    expect(formatNumber('sip:+442079460018@pbx.example.com', 'GB')).toBe('sip:+442079460018@pbx.example.com');
    expect(formatNumber('*97#', 'DE')).toBe('*97#');
  });

  it('leaves a number it cannot read, or without a country, unchanged or international', () => {
    expect(formatNumber('12345678901234567', 'US')).toBe('12345678901234567');
    expect(formatNumber('+442079460018', undefined)).toBe('+44 20 7946 0018');
  });

  it('takes the desk setting first, then the locale’s region', () => {
    expect(countryFor('GB', 'de-DE')).toBe('GB');
    expect(countryFor(null, 'de-AT')).toBe('AT');
    expect(countryFor(undefined, 'de')).toBe('DE');
    expect(countryFor('ZZ', 'fr-FR')).toBe('FR');
    expect(countryFor(null, 'en-XA')).toBeUndefined();
  });

  it('matches numbers on digits only', () => {
    expect(digitsOf('+1 (555) 123-4567')).toBe('15551234567');
  });
});
