import type { AccountSettings } from '../../../contract/account';
import type { Contact } from '../../../contract/history';
import type { Lamp, LampState } from '../sip/types';

// Who is on the colleagues' board, and in what order: the administrator's
// team first (fixed), then the user's own list, then contacts marked as
// colleagues. The same colleague written two ways ('1002' and
// 'sip:1002@pbx') is one row and one subscription.

/** The lamp owner name the board uses with the engine (the park slots use another). */
export const BOARD_GROUP = 'board';

export type BoardSource = 'team' | 'user' | 'contact';

export interface BoardEntry {
  /** What is subscribed and dialled: '1002' or 'sip:1002@pbx'. */
  target: string;
  /** The extension to show and to put after the pickup prefix. */
  number: string;
  /** The contact's name when one has this number, else the number. */
  name: string;
  source: BoardSource;
  lamp: Lamp | undefined;
}

/** '1002', 'sip:1002@pbx.example.com' and '1002@pbx.example.com' are the same colleague on that domain. */
export function sameColleagueKey(target: string, domain: string): string {
  let text = target
    .trim()
    .toLowerCase()
    .replace(/^sips?:/, '');
  const at = text.indexOf('@');
  if (at >= 0 && text.slice(at + 1).split(/[;:>]/)[0] === domain.toLowerCase().split(':')[0]) {
    text = text.slice(0, at);
  }
  return text;
}

/** The user part of a target: what a pickup code is followed by. */
export function extensionOf(target: string): string {
  return target
    .trim()
    .replace(/^sips?:/i, '')
    .split('@')[0]!;
}

export function boardEntries(
  account: Pick<AccountSettings, 'teamColleagues' | 'colleagues'>,
  contacts: readonly Contact[],
  lamps: readonly Lamp[],
  domain: string,
): BoardEntry[] {
  const seen = new Set<string>();
  const names = new Map(contacts.map((c) => [sameColleagueKey(c.number, domain), c.name]));
  const byTarget = new Map(lamps.map((lamp) => [lamp.target, lamp]));
  const out: BoardEntry[] = [];
  const add = (target: string, source: BoardSource, name?: string) => {
    const key = sameColleagueKey(target, domain);
    if (!key || seen.has(key)) return;
    seen.add(key);
    const number = extensionOf(target);
    out.push({ target, number, name: name ?? names.get(key) ?? number, source, lamp: byTarget.get(target) });
  };
  for (const target of account.teamColleagues) add(target, 'team');
  for (const target of account.colleagues) add(target, 'user');
  for (const contact of contacts) if (contact.colleague) add(contact.number, 'contact', contact.name);
  return out;
}

export const NO_STATES: ReadonlyMap<string, LampState> = new Map();

/** The rows whose lamp has just turned to ringing, and the states to compare the next time with. */
export function startedRinging(
  entries: readonly BoardEntry[],
  before: ReadonlyMap<string, LampState>,
): { rang: BoardEntry[]; states: Map<string, LampState> } {
  const states = new Map<string, LampState>();
  const rang: BoardEntry[] = [];
  for (const entry of entries) {
    const state = entry.lamp?.state ?? 'unknown';
    states.set(entry.target, state);
    if (state === 'ringing' && before.get(entry.target) !== 'ringing') rang.push(entry);
  }
  return { rang, states };
}
