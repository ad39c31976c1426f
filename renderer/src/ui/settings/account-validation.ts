import type { z } from 'zod';
import { AccountSettingsSchema, type AccountSettings } from '../../../../contract/account';
import { MAX_PARK_SLOTS, parseParkSlots } from '../../../../contract/park';
import type { MessageKey } from '../../i18n/catalogues';

// Checks the account form before it goes to main, and says what is wrong in
// the user's language. The contract's schema decides what is valid; this only
// picks the words, field by field, in the order the form shows the fields, so
// the first problem is where focus goes.

export interface FieldProblem {
  key: MessageKey;
  values?: Record<string, string | number>;
}

export type AccountProblems = Record<string, FieldProblem>;

/** The form's fields, top to bottom: focus goes to the first that has a problem. */
export const FIELD_ORDER = [
  'wsUrl',
  'sipAddress',
  'password',
  'displayName',
  'authUser',
  'voicemailNumber',
  'parkExtension',
  'parkSlots',
  'iceGatheringTimeoutMs',
  'iceTransportPolicy',
];

/** The form's element id for a problem's key ('iceServers.2.urls' → 'ice-url-2'). */
export function fieldId(key: string): string {
  const ice = /^iceServers\.(\d+)\.urls$/.exec(key);
  if (ice) return `ice-url-${ice[1]}`;
  return (
    {
      wsUrl: 'ws-url',
      sipAddress: 'sip-address',
      password: 'password',
      displayName: 'display-name',
      authUser: 'auth-user',
      voicemailNumber: 'voicemail-number',
      parkExtension: 'park-extension',
      parkSlots: 'park-slots',
      iceGatheringTimeoutMs: 'ice-timeout',
      iceTransportPolicy: 'ice-relay',
    }[key] ?? key
  );
}

/** Keys sorted as the form shows them; ICE servers sit between the account fields and the limit. */
export function inFormOrder(keys: string[]): string[] {
  const rank = (key: string): number => {
    const index = FIELD_ORDER.indexOf(key);
    if (index >= 0) return index * 100;
    const ice = /^iceServers\.(\d+)/.exec(key);
    return ice ? FIELD_ORDER.indexOf('iceGatheringTimeoutMs') * 100 - 50 + Number(ice[1]) : 10_000;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

function serverProblem(raw: string, allowInsecure: boolean): FieldProblem {
  const text = raw.trim();
  if (!text) return { key: 'settings.errServerEmpty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { key: 'settings.errServerInvalid' };
  }
  if (url.protocol === 'ws:' && !allowInsecure) return { key: 'settings.errServerInsecure' };
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    return { key: 'settings.errServerScheme', values: { scheme: `${url.protocol}//` } };
  }
  if (url.username || url.password) return { key: 'settings.errServerCredentials' };
  return { key: 'settings.errServerInvalid' };
}

function problemFor(issue: z.core.$ZodIssue, input: AccountSettings): FieldProblem | null {
  const field = String(issue.path[0] ?? '');
  switch (field) {
    case 'wsUrl':
      return serverProblem(input.wsUrl, input.allowInsecureWs);
    case 'sipAddress':
      return { key: input.sipAddress.trim() ? 'settings.errSipFormat' : 'settings.errSipEmpty' };
    case 'displayName':
      return { key: input.displayName.length > 64 ? 'settings.errNameLong' : 'settings.errNameControl' };
    case 'authUser':
      return { key: 'settings.errAuthUser' };
    case 'voicemailNumber':
      return { key: 'settings.errVoicemailNumber' };
    case 'parkExtension':
      return { key: 'park.errExtension' };
    case 'parkSlots': {
      const parsed = parseParkSlots(input.parkSlots);
      return !parsed.ok && parsed.reason === 'tooMany'
        ? { key: 'park.errSlotsTooMany', values: { max: MAX_PARK_SLOTS } }
        : { key: 'park.errSlots' };
    }
    case 'iceServers':
      return issue.path.length > 1 ? { key: 'settings.errIceUrl' } : { key: 'settings.errIceCount' };
    case 'iceGatheringTimeoutMs':
      return { key: 'settings.errIceTimeout', values: { min: 100, max: 10_000 } };
    case 'iceTransportPolicy':
      return { key: 'settings.errRelayNeedsTurn' };
    default:
      return null;
  }
}

export interface Checked {
  account: AccountSettings | null;
  problems: AccountProblems;
}

/** Validates the form's values; `needsPassword` when no password is stored yet. */
export function checkAccount(input: AccountSettings, password: string, needsPassword: boolean): Checked {
  const parsed = AccountSettingsSchema.safeParse(input);
  const problems: AccountProblems = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = issue.path.join('.');
      problems[key] ??= problemFor(issue, input) ?? { key: 'settings.errGeneric' };
    }
  }
  if (needsPassword && !password) problems.password = { key: 'settings.errPasswordEmpty' };
  const ok = parsed.success && Object.keys(problems).length === 0;
  return { account: ok ? parsed.data : null, problems };
}
