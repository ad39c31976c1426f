import {
  findPhoneNumbersInText,
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from 'libphonenumber-js';

// Click-to-dial: turns a sip:, sips:, tel: or callto: link (from the OS, a
// browser, a CRM) or selected text into something the phone can call. Links
// come from other programs, so anything else is refused with a plain reason,
// never passed on: no javascript:, no web pages, no SIP headers or passwords.
//
// Targets: E.164 (+442079460018) for phone numbers libphonenumber recognises,
// sip:user@host / sips:user@host for SIP addresses, and the digits as written
// for short numbers it cannot place (extensions like 1000, codes like *97).

export type DialParse = { ok: true; target: string; display: string } | { ok: false; reason: string };

export interface DialOptions {
  /** ISO country for numbers written without +country code (settings: clickToDial.defaultCountry). */
  defaultCountry: string;
}

export const DIAL_SCHEMES = ['sip', 'sips', 'tel', 'callto'] as const;
export const MAX_DIAL_INPUT = 512;

/** RFC 3966 visual separators, plus the spaces people paste. */
const SEPARATORS = /[\s\-.()\u00a0\u2010-\u2015/]/g;
const DIGITS = /^\+?[0-9*#]+$/;
const SIP_USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/#]|%[0-9A-Fa-f]{2})+$/;
const HOST = /^([A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;
/** Control characters (line breaks, NUL…) have no place in a number or address. */
const hasControl = (text: string) =>
  [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const LINK_IN_TEXT = /\b(?:sips?|tel|callto):[^\s<>"']+/i;

/** A link handed to DeskPhone by the OS (command line, open-url). */
export function parseDialLink(raw: string, options: DialOptions): DialParse {
  const text = raw.trim();
  if (!text) return fail('There is nothing to call: the link is empty.');
  if (text.length > MAX_DIAL_INPUT) return fail('That link is too long to be a phone number or SIP address.');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text);
  if (!scheme) return fail('That is not a call link: DeskPhone calls sip:, sips:, tel: and callto: links.');
  const name = scheme[1]!.toLowerCase();
  if (!(DIAL_SCHEMES as readonly string[]).includes(name)) {
    return fail(
      `DeskPhone only calls sip:, sips:, tel: and callto: links, not "${name.slice(0, 20)}:" links.`,
    );
  }

  let rest = text.slice(scheme[0].length).replace(/^\/\//, '');
  try {
    rest = decodeURIComponent(rest);
  } catch {
    return fail('The link is damaged: it contains a broken % code.');
  }
  if (hasControl(rest))
    return fail('The link contains characters that cannot be part of a number or address.');

  if (name === 'sip' || name === 'sips') return parseSip(name, rest, options);
  if (name === 'callto' && rest.includes('@')) return parseSip('sip', rest, options);
  return parseTel(rest, options);
}

/** Selected or copied text: a call link inside it, else the first phone number in it. */
export function findDialTarget(raw: string, options: DialOptions): DialParse {
  const text = raw.trim();
  if (!text) return fail('Nothing is selected or copied. Select or copy a phone number first.');
  if (text.length > MAX_DIAL_INPUT) {
    return fail('The selected text is too long. Select just the phone number and try again.');
  }
  const link = LINK_IN_TEXT.exec(text);
  if (link) return parseDialLink(link[0], options);

  const country = countryOf(options);
  const found = findPhoneNumbersInText(text, country ? { defaultCountry: country } : undefined)[0];
  if (found) return { ok: true, target: found.number.number, display: found.number.formatInternational() };

  // Short numbers and codes the library does not treat as phone numbers.
  const compact = text.replace(SEPARATORS, '');
  if (DIGITS.test(compact) && compact.replace(/\D/g, '').length >= 2) return { ok: true, ...local(compact) };

  const quoted = text.length > 40 ? `${text.slice(0, 39)}…` : text;
  const hint = country
    ? ` Numbers from outside ${country} need their + country code.`
    : ' Include the + country code.';
  return fail(`No phone number found in “${quoted}”.${hint}`);
}

function parseTel(rest: string, options: DialOptions): DialParse {
  const [number = '', ...params] = rest.split(';');
  let compact = number.replace(SEPARATORS, '');
  if (!compact) return fail('The link has no phone number in it.');
  if (!DIGITS.test(compact)) return fail('The link has no phone number in it, only letters or symbols.');

  // RFC 3966: a local number with a global phone-context is that prefix + the number;
  // a domain context (an extension in some company) leaves the digits as they are.
  const context = params.map((p) => /^phone-context=(.*)$/i.exec(p)?.[1] ?? null).find((c) => c !== null);
  if (!compact.startsWith('+') && context?.startsWith('+')) {
    compact = `${context.replace(SEPARATORS, '')}${compact}`;
    if (!DIGITS.test(compact)) return fail('The link’s phone-context is not a number.');
  }
  return international(compact, options);
}

function parseSip(scheme: 'sip' | 'sips', rest: string, options: DialOptions): DialParse {
  // Headers (?Subject=…, ?Replaces=…) and URI parameters (;transport=ws) are
  // dropped: the call always goes over our own connection, with our headers.
  const withoutHeaders = rest.split('?')[0]!;
  const at = withoutHeaders.lastIndexOf('@');
  if (at < 0) {
    const user = withoutHeaders.split(';')[0]!.replace(SEPARATORS, '');
    if (DIGITS.test(user)) return international(user, options);
    return fail('The link is not a complete SIP address (user@domain).');
  }
  // A password in the link (user:secret@host) is never kept.
  const user = withoutHeaders.slice(0, at).split(':')[0]!.trim();
  const host = withoutHeaders
    .slice(at + 1)
    .split(';')[0]!
    .trim()
    .toLowerCase();
  if (!user || !SIP_USER.test(user)) return fail('The SIP address in the link has no valid user name.');
  const hostMatch = HOST.exec(host);
  if (!hostMatch) return fail('The SIP address in the link has no valid domain.');
  if (hostMatch[2] && Number(hostMatch[2]) > 65535) return fail('The SIP address has a port above 65535.');
  const escaped = user.replace(/#/g, '%23');
  return { ok: true, target: `${scheme}:${escaped}@${host}`, display: `${user}@${host}` };
}

/** A number from a link: E.164 when it can be placed, else the digits as written. */
function international(compact: string, options: DialOptions): DialParse {
  const digits = compact.replace(/\D/g, '');
  if (compact.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(compact);
    if (parsed?.isPossible())
      return { ok: true, target: parsed.number, display: parsed.formatInternational() };
    // E.164 allows up to 15 digits; plans the library does not know still dial.
    if (digits.length >= 3 && digits.length <= 15 && !/[*#]/.test(compact))
      return { ok: true, target: `+${digits}`, display: `+${digits}` };
    return fail(`${compact} is not a valid international phone number.`);
  }
  const country = countryOf(options);
  if (country && !/[*#]/.test(compact)) {
    const parsed = parsePhoneNumberFromString(compact, country);
    if (parsed?.isValid()) return { ok: true, target: parsed.number, display: parsed.formatInternational() };
  }
  return { ok: true, ...local(compact) };
}

function local(compact: string): { target: string; display: string } {
  return { target: compact, display: compact };
}

function countryOf(options: DialOptions): CountryCode | undefined {
  const code = options.defaultCountry.toUpperCase();
  return isSupportedCountry(code) ? code : undefined;
}

function fail(reason: string): DialParse {
  return { ok: false, reason };
}
