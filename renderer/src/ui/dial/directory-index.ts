import type { DirectoryEntry } from '../../../../contract/directory';
import { digitsOf } from '../../state/phone-number';
import { fold, searchEntries, type SearchEntry, type SearchMatch } from './dial-search';

// The company directory's search index, built once when the directory
// loads: tens of thousands of entries are too many to walk on every key
// press. Names: every word (and the whole name) in one sorted array, so a
// prefix is a binary search. Numbers: all digits in one string, so "contains
// these digits" is the engine's own indexOf. Scores follow dial-search.ts:
// 3 exact, 2 prefix, 1 word starts or contained digits.

interface Item {
  entry: SearchEntry;
  name: string;
  words: string[];
  digits: string;
}

export class DirectoryIndex {
  readonly size: number;
  private readonly items: Item[] = [];
  /** Sorted word → item pairs, in two arrays. */
  private readonly tokens: string[] = [];
  private readonly tokenItems: Int32Array;
  /** "|digits|digits|…" and where each item's digits start in it. */
  private readonly haystack: string;
  private readonly starts: Int32Array;

  constructor(entries: readonly DirectoryEntry[]) {
    const pairs: Array<[string, number]> = [];
    for (const person of entries) {
      const name = fold(person.name);
      const words = [...new Set(name.split(/[^\p{L}\p{N}]+/u).filter(Boolean))];
      for (const { number, kind } of person.numbers) {
        const at = this.items.length;
        const detail = person.department ? { department: person.department, kind } : { kind };
        this.items.push({
          entry: { name: person.name, number, target: number, source: 'directory', detail },
          name,
          words,
          digits: digitsOf(number),
        });
        pairs.push([name, at]);
        for (const word of words) if (word !== name) pairs.push([word, at]);
      }
    }
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    this.tokenItems = new Int32Array(pairs.length);
    pairs.forEach(([token, item], i) => {
      this.tokens.push(token);
      this.tokenItems[i] = item;
    });
    this.starts = new Int32Array(this.items.length);
    let offset = 0;
    const parts: string[] = [];
    this.items.forEach((item, i) => {
      this.starts[i] = offset + 1;
      parts.push(`|${item.digits}`);
      offset += item.digits.length + 1;
    });
    this.haystack = parts.join('') + '|';
    this.size = this.items.length;
  }

  /** Best first, then in the directory's order; at most `limit`, one per number. */
  search(query: string, limit: number): SearchMatch[] {
    const folded = fold(query);
    if (!folded) return [];
    const scores = new Map<number, number>();
    const raise = (item: number, score: number) => {
      if (score > (scores.get(item) ?? 0)) scores.set(item, score);
    };
    if (/\p{L}/u.test(folded)) this.matchNames(folded, raise);
    else {
      const digits = digitsOf(folded);
      if (digits.length >= 2) this.matchDigits(digits, raise);
      this.matchNames(folded, raise);
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([item, score]) => ({ ...this.items[item]!.entry, score }));
  }

  private matchNames(query: string, raise: (item: number, score: number) => void): void {
    const parts = query.split(' ').filter(Boolean);
    // The longest part narrows the most; the others are checked on each candidate.
    const lead = parts.reduce((a, b) => (b.length > a.length ? b : a));
    for (let i = this.lowerBound(lead); i < this.tokens.length && this.tokens[i]!.startsWith(lead); i++) {
      const at = this.tokenItems[i]!;
      const item = this.items[at]!;
      if (item.name === query) raise(at, 3);
      else if (item.name.startsWith(query)) raise(at, 2);
      else if (parts.every((part) => item.words.some((word) => word.startsWith(part)))) raise(at, 1);
    }
  }

  private matchDigits(digits: string, raise: (item: number, score: number) => void): void {
    for (let at = this.haystack.indexOf(digits); at >= 0; at = this.haystack.indexOf(digits, at + 1)) {
      // The digits never hold "|", so a match lies inside one number.
      const item = this.itemAt(at);
      raise(item, this.items[item]!.digits === digits ? 3 : at === this.starts[item] ? 2 : 1);
    }
  }

  /** The item whose digits hold haystack position `at`. */
  private itemAt(at: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= at) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  private lowerBound(prefix: string): number {
    let low = 0;
    let high = this.tokens.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.tokens[mid]! < prefix) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

/**
 * The dial field's list: the user's own contacts and Recent first when as
 * good, then the directory; one suggestion per number dialled.
 */
export function mergeMatches(
  personal: readonly SearchMatch[],
  directory: readonly SearchMatch[],
  limit: number,
): SearchMatch[] {
  const all = [...personal, ...directory].sort(
    (a, b) => b.score - a.score || Number(a.source === 'directory') - Number(b.source === 'directory'),
  );
  const seen = new Set<string>();
  const out: SearchMatch[] = [];
  for (const match of all) {
    const key = fold(match.target);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(match);
    if (out.length === limit) break;
  }
  return out;
}

/** The User Timing measure each search leaves (the latest only), for DevTools and the e2e suite. */
export const SEARCH_MEASURE = 'deskphone:dial-search';

/** What the dial field suggests for `query`: contacts, Recent and the company directory. */
export function suggest(
  query: string,
  personal: readonly SearchEntry[],
  directory: DirectoryIndex | null,
  limit: number,
): SearchMatch[] {
  const started = performance.now();
  const mine = searchEntries(query, personal, limit);
  if (!directory || !query.trim()) return mine;
  const matches = mergeMatches(mine, directory.search(query, limit), limit);
  performance.clearMeasures(SEARCH_MEASURE);
  performance.measure(SEARCH_MEASURE, { start: started, end: performance.now() });
  return matches;
}
