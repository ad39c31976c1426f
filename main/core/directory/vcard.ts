import ICAL from 'ical.js';
import type { RawEntry } from './entry';
import { numberKind } from './entry';

// vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) directories: usually one file
// with one card per person. ical.js reads a card; a card it cannot read
// must cost only that card, so the file is cut into cards first (BEGIN:VCARD
// … END:VCARD lines) and each is parsed on its own.

/** Far more than one person's details; a card this long is skipped. */
const MAX_CARD_CHARS = 64 * 1024;

type JCardProperty = [name: string, params: Record<string, unknown>, type: string, ...values: unknown[]];

export function splitCards(text: string): string[] {
  const cards: string[] = [];
  let current: string[] | null = null;
  for (const line of text.split(/\r\n|\r|\n/)) {
    if (/^BEGIN:VCARD\s*$/i.test(line)) current = [line];
    else if (current) {
      current.push(line);
      if (/^END:VCARD\s*$/i.test(line)) {
        cards.push(current.join('\r\n'));
        current = null;
      }
    }
  }
  return cards;
}

export function looksLikeVCard(text: string): boolean {
  return /^\s*BEGIN:VCARD\s*$/im.test(text.slice(0, 4096));
}

/** One card's person, or null when the card cannot be read (it is then skipped). */
export function readCard(card: string): RawEntry | null {
  if (card.length > MAX_CARD_CHARS) return null;
  let parsed: unknown;
  try {
    parsed = ICAL.parse(card);
  } catch {
    return null;
  }
  const component = Array.isArray(parsed) && parsed[0] === 'vcard' ? parsed : null;
  const properties = component && Array.isArray(component[1]) ? (component[1] as JCardProperty[]) : [];
  if (properties.length === 0) return null;
  const all = (name: string) => properties.filter((p) => Array.isArray(p) && p[0] === name);
  const first = (name: string) => all(name)[0];

  const org = components(first('org')?.[3]);
  const name = text(first('fn')?.[3]) || nameFromN(first('n')?.[3]) || org[0] || '';
  const numbers: RawEntry['numbers'] = [];
  for (const tel of all('tel')) {
    const kind = numberKind(listOf(tel[1].type));
    const value = text(tel[3]);
    if (kind && value) numbers.push({ value, kind });
  }
  const entry: RawEntry = { name, numbers };
  // ORG is "Company;Unit;Sub-unit": the unit is what tells colleagues apart.
  const department = org.slice(1).filter(Boolean).join(' / ') || org[0];
  if (department) entry.department = department;
  const email = text(first('email')?.[3]);
  if (email) entry.email = email;
  return entry;
}

/** N is "Family;Given;Additional;Prefix;Suffix": shown as "Given Family". */
function nameFromN(value: unknown): string {
  const [family = '', given = '', additional = ''] = components(value);
  return [given, additional, family].filter(Boolean).join(' ');
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return text(value[0]);
  return '';
}

function listOf(value: unknown): string[] {
  if (typeof value === 'string') return value.split(',').map((part) => part.trim());
  if (Array.isArray(value)) return value.flatMap((part) => (typeof part === 'string' ? [part.trim()] : []));
  return [];
}

/** A structured value (N, ORG): several components as an array, one as a string (commas and all). */
function components(value: unknown): string[] {
  if (typeof value === 'string') return [value.trim()];
  return listOf(value);
}
