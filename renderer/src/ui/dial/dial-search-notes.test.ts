import { describe, expect, it } from 'vitest';
import { searchEntries, type SearchEntry } from './dial-search';

// The dial field finds a Recent call by a word of its note, after names and numbers.

const entries: SearchEntry[] = [
  { name: 'Refund Desk', number: '2000', target: '2000', source: 'contact' },
  {
    name: 'Alice Archer',
    number: 'alice',
    target: 'alice',
    source: 'recent',
    note: 'Wants a refund, invoice 4711',
  },
  { name: 'Bob Baker', number: 'bob', target: 'bob', source: 'recent' },
];

describe('dial search by note', () => {
  it('a word of a note finds its call', () => {
    expect(searchEntries('invoice', entries).map((m) => m.name)).toEqual(['Alice Archer']);
    expect(searchEntries('inv 47', entries).map((m) => m.name)).toEqual(['Alice Archer']);
  });

  it('a name match outranks a note match', () => {
    expect(searchEntries('refund', entries).map((m) => m.name)).toEqual(['Refund Desk', 'Alice Archer']);
  });

  it('a note never makes digits match', () => {
    expect(searchEntries('4711', entries)).toEqual([]);
  });
});
