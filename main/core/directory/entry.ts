import {
  DIRECTORY_MAX_NUMBERS,
  type DirectoryEntry,
  type DirectoryNumberKind,
} from '../../../contract/directory';
import { plainNumber, plainText } from '../../../contract/plain-text';

// One person as a directory file describes them, made safe and uniform: the
// file comes from a web server, so every field is treated like text a
// caller sent (no controls, no markup, no reordering, bounded length), and
// numbers keep only what a dial string can hold.

export interface RawEntry {
  name: string;
  numbers: Array<{ value: string; kind: DirectoryNumberKind }>;
  department?: string;
  email?: string;
}

/** What people write between digits: spaces, dashes, dots, brackets, slashes. */
const VISUAL_SEPARATORS = /[\s\-().\u00a0\u2010-\u2015/]/g;
const PHONE_LIKE = /^\+?[0-9*#\s\-().\u00a0\u2010-\u2015/]+$/;

/**
 * "+49 (30) 1234-567" → "+49301234567"; "tel:+1-555-0100;ext=12" → "+15550100";
 * "sip:bob@pbx.example.com" stays a SIP address; anything else only loses
 * characters a dial string cannot hold. Empty when nothing dialable is left.
 */
export function normaliseNumber(raw: string): string {
  let text = raw.trim();
  const tel = /^tel:/i.exec(text);
  if (tel) text = text.slice(tel[0].length).split(';')[0]!;
  const sip = /^sips?:/i.exec(text);
  if (sip) {
    const rest = plainNumber(text.slice(sip[0].length), 60);
    return rest ? `${sip[0].toLowerCase()}${rest}` : '';
  }
  if (PHONE_LIKE.test(text)) {
    const plus = text.startsWith('+') ? '+' : '';
    return plus + text.replace(VISUAL_SEPARATORS, '').replace(/^\+/, '').slice(0, 40);
  }
  return plainNumber(text, 64);
}

/** A usable entry, or null when it has no name or no number (it is then skipped). */
export function cleanEntry(raw: RawEntry): DirectoryEntry | null {
  const name = plainText(raw.name, 128);
  const seen = new Set<string>();
  const numbers: DirectoryEntry['numbers'] = [];
  for (const { value, kind } of raw.numbers) {
    const number = normaliseNumber(value);
    if (!number || seen.has(number)) continue;
    seen.add(number);
    numbers.push({ number, kind });
    if (numbers.length === DIRECTORY_MAX_NUMBERS) break;
  }
  if (!name || numbers.length === 0) return null;
  const entry: DirectoryEntry = { name, numbers };
  const department = plainText(raw.department, 128);
  if (department) entry.department = department;
  const email = plainText(raw.email, 254);
  if (email && /^[^\s@]+@[^\s@]+$/.test(email)) entry.email = email;
  return entry;
}

/** vCard TEL types and CSV column names → the kinds the dial field shows. */
export function numberKind(types: readonly string[]): DirectoryNumberKind | null {
  const lower = types.map((type) => type.toLowerCase());
  // A fax or pager cannot take a call.
  if (lower.some((type) => type === 'fax' || type === 'pager')) return null;
  if (lower.some((type) => type === 'cell' || type === 'mobile')) return 'mobile';
  if (lower.includes('home')) return 'home';
  if (lower.includes('work') || lower.length === 0 || lower.every((t) => t === 'voice' || t === 'pref')) {
    return 'work';
  }
  return 'other';
}
