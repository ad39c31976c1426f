import { numberKind, type RawEntry } from './entry';
import {
  CardSyntaxError,
  components,
  parseContentLine,
  unescapeText,
  unfold,
  type ContentLine,
} from './vcard-lines';

// vCard 3.0 (RFC 2426) and 4.0 (RFC 6350) directories: usually one file
// with one card per person. A card that cannot be read must cost only that
// card, so the file is cut into cards first (BEGIN:VCARD … END:VCARD lines)
// and each is read on its own (vcard-lines.ts). Not ical.js: its MPL-2.0
// licence is outside what the installer may bundle (scripts/sbom.mjs), and
// a directory needs five properties of vCard, not a calendar engine.

/** Far more than one person's details; a card this long is skipped. */
const MAX_CARD_CHARS = 64 * 1024;

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
  let lines: ContentLine[];
  try {
    lines = unfold(card).map(parseContentLine);
  } catch (error) {
    if (error instanceof CardSyntaxError) return null;
    throw error;
  }
  const all = (name: string) => lines.filter((line) => line.name === name);
  const first = (name: string) => all(name)[0];

  const org = components(first('org')?.value ?? '').filter(Boolean);
  const name = unescapeText(first('fn')?.value ?? '') || nameFromN(first('n')?.value) || org[0] || '';
  const numbers: RawEntry['numbers'] = [];
  for (const tel of all('tel')) {
    const kind = numberKind(tel.params.get('type') ?? []);
    const value = unescapeText(tel.value);
    if (kind && value) numbers.push({ value, kind });
  }
  const entry: RawEntry = { name, numbers };
  // ORG is "Company;Unit;Sub-unit": the unit is what tells colleagues apart.
  const department = org.slice(1).join(' / ') || org[0];
  if (department) entry.department = department;
  const email = unescapeText(first('email')?.value ?? '');
  if (email) entry.email = email;
  return entry;
}

/** N is "Family;Given;Additional;Prefix;Suffix": shown as "Given Family". */
function nameFromN(value: string | undefined): string {
  const [family = '', given = '', additional = ''] = components(value ?? '');
  return [given, additional, family].filter(Boolean).join(' ');
}
