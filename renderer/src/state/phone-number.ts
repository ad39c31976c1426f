import {
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';

// Phone numbers as the user's country writes them: "(202) 555-0143" at a US
// desk, "+44 20 7946 0018" for a London number there. Extensions, SIP users
// and SIP addresses are names, not numbers, and stay exactly as stored.

/** Shorter than this (without a leading +) is an internal extension such as 1002. */
const MIN_NATIONAL_DIGITS = 7;
const NUMBER_CHARACTERS = /^\+?[0-9\s\-().\u00a0/]+$/;

/** The desk setting's country when it is one libphonenumber knows, else the locale's region. */
export function countryFor(
  deskCountry: string | null | undefined,
  localeTag: string,
): CountryCode | undefined {
  if (deskCountry && isSupportedCountry(deskCountry)) return deskCountry;
  try {
    const region = new Intl.Locale(localeTag).maximize().region;
    return region && isSupportedCountry(region) ? region : undefined;
  } catch {
    return undefined;
  }
}

export function formatNumber(number: string, country: CountryCode | undefined): string {
  const text = number.trim();
  if (!NUMBER_CHARACTERS.test(text)) return number;
  const digits = text.replace(/\D/g, '');
  if (!text.startsWith('+') && digits.length < MIN_NATIONAL_DIGITS) return number;
  const parsed = parsePhoneNumberFromString(text, country);
  if (!parsed?.isPossible()) return number;
  const home = country ? getCountryCallingCode(country) : undefined;
  return parsed.countryCallingCode === home ? parsed.formatNational() : parsed.formatInternational();
}

/** Only the digits, for matching "555 12" against "+1 (555) 123-4567". */
export function digitsOf(text: string): string {
  return text.replace(/\D/g, '');
}
