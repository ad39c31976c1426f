// Turns what a person types or pastes into a SIP URI for the account's domain.

import { t } from '../i18n/i18n.svelte';

export type DialResult = { ok: true; uri: string; display: string } | { ok: false; reason: string };

const VISUAL_SEPARATORS = /[\s\-().\u00a0\u2010-\u2015/]/g;
const DIALABLE_NUMBER = /^\+?[0-9*#]+$/;
const SIP_USER = /^(?:[A-Za-z0-9\-_.!~*'()&=+$,;?/]|%[0-9A-Fa-f]{2})+$/;
const HOST = /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?$/;

/** `#` is reserved in URIs; everything else a keypad makes may stand as is. */
function escapeUser(user: string): string {
  return user.replace(/#/g, '%23');
}

export function normaliseDialString(input: string, accountDomain: string): DialResult {
  let text = input.trim();
  if (!text) return { ok: false, reason: t('engine.enterTarget') };

  const scheme = /^(sips?|tel):/i.exec(text);
  if (scheme) {
    const schemeName = scheme[1]!.toLowerCase();
    const isTel = schemeName === 'tel';
    text = text.slice(scheme[0].length);
    if (isTel) text = text.split(';')[0]!;
    else {
      const target = /^([^@;?]+)@([^;?>]+)/.exec(text);
      if (!target) return { ok: false, reason: `"${input}" is not a complete SIP address (user@domain).` };
      return fromUserAndHost(target[1]!, target[2]!, input, schemeName === 'sips' ? 'sips' : 'sip');
    }
  }

  const at = text.indexOf('@');
  if (at >= 0) return fromUserAndHost(text.slice(0, at), text.slice(at + 1), input);

  const number = text.replace(VISUAL_SEPARATORS, '');
  if (DIALABLE_NUMBER.test(number)) {
    return { ok: true, uri: `sip:${escapeUser(number)}@${accountDomain}`, display: number };
  }
  if (SIP_USER.test(text) && /[A-Za-z]/.test(text)) {
    return { ok: true, uri: `sip:${text}@${accountDomain}`, display: text };
  }
  return {
    ok: false,
    reason: `"${input}" cannot be dialled: use digits, *, #, a leading + or a SIP address.`,
  };
}

function fromUserAndHost(
  rawUser: string,
  rawHost: string,
  input: string,
  scheme: 'sip' | 'sips' = 'sip',
): DialResult {
  const host = rawHost.trim();
  const user = /^\+?[0-9*#\s\-().]+$/.test(rawUser) ? rawUser.replace(VISUAL_SEPARATORS, '') : rawUser.trim();
  if (!user || !SIP_USER.test(user.replace(/#/g, ''))) {
    return { ok: false, reason: `"${input}" has no valid user part before the @.` };
  }
  const hostMatch = HOST.exec(host);
  if (!hostMatch) return { ok: false, reason: `"${input}" has no valid domain after the @.` };
  if (hostMatch[2] && Number(hostMatch[2].slice(1)) > 65535) {
    return { ok: false, reason: `"${input}" has a port number above 65535.` };
  }
  // An explicit sips: address stays secure end to end (RFC 3261 §19.1).
  return { ok: true, uri: `${scheme}:${escapeUser(user)}@${host}`, display: `${user}@${host}` };
}
