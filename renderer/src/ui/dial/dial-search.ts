import { digitsOf } from '../../state/phone-number';

// Search as you type in the dial field: contacts and Recent by name (word
// starts, ignoring case and accents) and by number (digits only, so the
// way a number is written never matters), and what Call does with the text.

export interface SearchEntry {
  name: string;
  /** As stored: shown formatted, matched on its digits. */
  number: string;
  /** What to dial for this entry. */
  target: string;
  source: 'contact' | 'recent' | 'directory';
  /** A Recent call's note: a word of it finds the call too. */
  note?: string;
  /** Company directory: the department and which of the person's numbers this is. */
  detail?: { department?: string; kind: 'work' | 'mobile' | 'home' | 'other' };
}

export interface SearchMatch extends SearchEntry {
  /** 3 exact, 2 prefix, 1 word start or contained digits. */
  score: number;
}

export const MAX_MATCHES = 8;

/** Lower case without accents: "Zoë" and "zoe" are the same to a searcher. */
export function fold(text: string): string {
  // Plain ASCII (most names and every number) has nothing to decompose.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase().trim().replace(/\s+/g, ' ');
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/\s+/g, ' ');
}

/** An entry's name and number made ready for matching, once per list rather than per key press. */
interface Prepared {
  name: string;
  words: string[];
  number: string;
  digits: string;
  noteWords: string[];
}

const preparedLists = new WeakMap<readonly SearchEntry[], Prepared[]>();

function prepare(entries: readonly SearchEntry[]): Prepared[] {
  let prepared = preparedLists.get(entries);
  if (!prepared) {
    prepared = entries.map((entry) => {
      const name = fold(entry.name);
      return {
        name,
        words: name.split(/[^\p{L}\p{N}]+/u).filter(Boolean),
        number: fold(entry.number),
        digits: digitsOf(entry.number),
        noteWords: entry.note
          ? fold(entry.note)
              .split(/[^\p{L}\p{N}]+/u)
              .filter(Boolean)
          : [],
      };
    });
    preparedLists.set(entries, prepared);
  }
  return prepared;
}

function nameScore({ name: folded, words }: Prepared, query: string): number {
  if (!folded) return 0;
  if (folded === query) return 3;
  if (folded.startsWith(query)) return 2;
  const parts = query.split(' ');
  // Every part of the query starts some word: "zi" and "zo zi" find "Zoë Zimmer".
  return parts.every((part) => words.some((word) => word.startsWith(part))) ? 1 : 0;
}

/**
 * Every part of the query starts a word of the note: found, but after any
 * name or number match. Only for queries with letters: digits typed in the
 * dial field are a number to call, not a search of notes.
 */
function noteScore({ noteWords }: Prepared, query: string): number {
  if (noteWords.length === 0 || !/\p{L}/u.test(query)) return 0;
  return query.split(' ').every((part) => noteWords.some((word) => word.startsWith(part))) ? 1 : 0;
}

function numberScore({ number: text, digits }: Prepared, query: string, queryDigits: string): number {
  if (text === query) return 3;
  if (/\p{L}/u.test(query)) return text.startsWith(query) ? 2 : 0;
  if (queryDigits.length < 2) return 0;
  if (digits === queryDigits) return 3;
  if (digits.startsWith(queryDigits)) return 2;
  return digits.includes(queryDigits) ? 1 : 0;
}

/** Best first; contacts before Recent when equally good; one entry per target. */
export function searchEntries(
  query: string,
  entries: readonly SearchEntry[],
  limit = MAX_MATCHES,
): SearchMatch[] {
  const folded = fold(query);
  if (!folded) return [];
  const queryDigits = /\p{L}/u.test(folded) ? '' : digitsOf(folded);
  const prepared = prepare(entries);
  const scored = entries
    .map((entry, order) => ({
      entry,
      order,
      score: Math.max(
        nameScore(prepared[order]!, folded),
        numberScore(prepared[order]!, folded, queryDigits),
        noteScore(prepared[order]!, folded),
      ),
    }))
    .filter((item) => item.score > 0)
    .sort(
      (a, b) =>
        b.score - a.score ||
        Number(a.entry.source === 'recent') - Number(b.entry.source === 'recent') ||
        a.order - b.order,
    );
  const seen = new Set<string>();
  const matches: SearchMatch[] = [];
  for (const { entry, score } of scored) {
    const key = fold(entry.target);
    if (seen.has(key)) continue;
    seen.add(key);
    matches.push({ ...entry, score });
    if (matches.length === limit) break;
  }
  return matches;
}

export type DialDecision =
  | { kind: 'empty' }
  | { kind: 'raw'; target: string }
  | { kind: 'match'; match: SearchMatch }
  /** Several entries fit and none stands out: the user picks one. */
  | { kind: 'choose'; count: number }
  /** Letters that are neither a SIP user nor anyone known: never dialled raw. */
  | { kind: 'none' };

const SIP_ADDRESS = /@|^(sips?|tel):/i;
/** How SIP user names are written on the PBXs we meet: lower case, no spaces (bob, echo, front-desk). */
const SIP_USER = /^[a-z0-9][a-z0-9._~+-]*$/;

export function decideDial(text: string, matches: readonly SearchMatch[]): DialDecision {
  const target = text.trim();
  if (!target) return { kind: 'empty' };
  if (SIP_ADDRESS.test(target) || !/\p{L}/u.test(target)) return { kind: 'raw', target };
  const sipUser = SIP_USER.test(target);
  // A lower-case word may be a user on the PBX (bob, echo): a far end's display
  // name in Recent ("Bob Baker" at page-bob) does not outrank it; the user's
  // own contacts and exact matches do.
  const candidates = sipUser ? matches.filter((m) => m.score === 3 || m.source === 'contact') : matches;
  const [best, second] = candidates;
  if (best && (!second || (best.score === 3 && second.score < 3))) return { kind: 'match', match: best };
  if (best) return { kind: 'choose', count: candidates.length };
  return sipUser ? { kind: 'raw', target } : { kind: 'none' };
}
