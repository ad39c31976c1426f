import { isSupportedCountry } from 'libphonenumber-js';

// Numbers written without a country code ("020 7946 0018") are read in the
// country of the person at the desk. Electron's app.getLocaleCountryCode()
// says which one the OS is set to; it is empty when the OS does not say, and
// may name a region libphonenumber has no plan for (e.g. "EU", "419").

export const FALLBACK_COUNTRY = 'US';

/** The click-to-dial default for an OS locale country code; FALLBACK_COUNTRY when unknown. */
export function countryFromLocale(code: string | null | undefined): string {
  const upper = (code ?? '').trim().toUpperCase();
  return /^[A-Z]{2}$/.test(upper) && isSupportedCountry(upper) ? upper : FALLBACK_COUNTRY;
}
