import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js';
import { plainNumber, plainText } from '../../../contract/plain-text';
import { SCREEN_POP_PLACEHOLDERS, type ScreenPopProblem } from '../../../contract/screen-pop';

// Expanding a screen-pop template. The caller chooses their display name
// (and partly their number), so every value is cleaned to plain text and
// percent-encoded as a URL component: "../", "?x=", "#", "@evil.com" arrive
// as data in a path segment or query value, never as URL structure. Only
// the path, query and fragment may hold placeholders; the scheme, host and
// port are the template's own, and the expanded URL is parsed again and
// compared with them before anything is opened.

export type Placeholder = (typeof SCREEN_POP_PLACEHOLDERS)[number];
export type PlaceholderValues = Record<Placeholder, string>;

/** Browsers and CRMs cope with this; a longer address is refused rather than cut. */
export const MAX_EXPANDED_URL = 4096;
const PLACEHOLDER = /\{(number|e164|name|direction|callId|note)\}/g;

export interface CallFacts {
  number: string;
  name: string;
  direction: 'incoming' | 'outgoing';
  callId: string;
  /** Already decided by the caller: '' unless the note is to be included. */
  note: string;
}

export interface TemplateBase {
  protocol: 'https:' | 'http:';
  /** ASCII (punycode) host name, lower case. */
  hostname: string;
  /** '' for the scheme's default port. */
  port: string;
}

export type TemplateCheck = { ok: true; base: TemplateBase } | { ok: false; problem: ScreenPopProblem };

/** The number in E.164 (+442079460018), or '' when it is not a phone number libphonenumber can place. */
export function e164Of(number: string, defaultCountry: string): string {
  const compact = number.replace(/[\s\-.()\u00a0/]/g, '');
  if (!/^\+?[0-9]{3,17}$/.test(compact)) return '';
  const country = isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  const parsed = parsePhoneNumberFromString(compact, country);
  return parsed?.isPossible() ? parsed.number : '';
}

/** The cleaned, not yet encoded, value of every placeholder. */
export function placeholderValues(facts: CallFacts, defaultCountry: string): PlaceholderValues {
  const number = plainNumber(facts.number, 64);
  return {
    number,
    e164: e164Of(number, defaultCountry),
    name: plainText(facts.name, 128),
    direction: facts.direction,
    callId: plainNumber(facts.callId, 64),
    note: plainText(facts.note, 500),
  };
}

/**
 * Checks the template itself: a URL (with placeholders standing in as
 * plain text), https (or http when allowed), no user:password@, and no
 * placeholder before the path.
 */
export function checkTemplate(template: string, allowHttp: boolean): TemplateCheck {
  const text = template.trim();
  if (!text) return { ok: false, problem: 'no-template' };
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (!scheme) return { ok: false, problem: /^[a-z][a-z0-9+.-]*:/i.test(text) ? 'scheme' : 'invalid' };
  const protocol = `${scheme[1]!.toLowerCase()}:`;
  if (protocol !== 'https:' && !(protocol === 'http:' && allowHttp)) return { ok: false, problem: 'scheme' };
  // The authority runs to the first / ? # (or \, which URL parsers treat as /).
  const authority = /^[^/?#\\]*/.exec(text.slice(scheme[0].length))![0];
  if (/[{}]/.test(authority)) return { ok: false, problem: 'placeholder-host' };
  if (authority.includes('@')) return { ok: false, problem: 'userinfo' };
  let url: URL;
  try {
    url = new URL(text.replace(PLACEHOLDER, 'x'));
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.username || url.password) return { ok: false, problem: 'userinfo' };
  if (!url.hostname) return { ok: false, problem: 'invalid' };
  return {
    ok: true,
    base: { protocol: protocol as TemplateBase['protocol'], hostname: url.hostname, port: url.port },
  };
}

/** The template with every placeholder replaced by its percent-encoded value. */
export function expandTemplate(template: string, values: PlaceholderValues): string {
  return template.trim().replace(PLACEHOLDER, (_, key: Placeholder) => encodeURIComponent(values[key]));
}

/**
 * The expanded URL, parsed, when it still has the template's scheme, host
 * and port and no user:password@ (belt and braces: encoding already makes
 * that so); otherwise the problem.
 */
export function finalUrl(
  expanded: string,
  base: TemplateBase,
): { ok: true; url: string } | { ok: false; problem: ScreenPopProblem } {
  if (expanded.length > MAX_EXPANDED_URL) return { ok: false, problem: 'too-long' };
  let url: URL;
  try {
    url = new URL(expanded);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.username || url.password) return { ok: false, problem: 'userinfo' };
  if (url.protocol !== base.protocol || url.hostname !== base.hostname || url.port !== base.port) {
    return { ok: false, problem: 'placeholder-host' };
  }
  if (url.href.length > MAX_EXPANDED_URL) return { ok: false, problem: 'too-long' };
  return { ok: true, url: url.href };
}
