import { describe, expect, it } from 'vitest';
import { decideDial, MAX_MATCHES, searchEntries, type SearchEntry } from './dial-search';

const zoe: SearchEntry = {
  name: 'Zoë Zimmer',
  number: '+1 (555) 123-4567',
  target: '+15551234567',
  source: 'contact',
};
const bob: SearchEntry = { name: 'Bob Builder', number: 'bob', target: 'bob', source: 'recent' };
const anna: SearchEntry = { name: 'Anna Zoller', number: '1002', target: '1002', source: 'recent' };
const zora: SearchEntry = { name: 'Zora', number: '1003', target: '1003', source: 'recent' };

const names = (query: string, entries: SearchEntry[]) => searchEntries(query, entries).map((m) => m.name);

describe('dial field search', () => {
  it('matches numbers on digits only, however they are written', () => {
    expect(names('555 12', [zoe, bob])).toEqual(['Zoë Zimmer']);
    expect(names('5551', [zoe])).toEqual(['Zoë Zimmer']);
    expect(names('(555) 123-4567', [zoe])).toEqual(['Zoë Zimmer']);
    expect(names('4567', [zoe])).toEqual(['Zoë Zimmer']);
    expect(names('9999', [zoe])).toEqual([]);
  });

  it('matches names on word starts, ignoring case and accents', () => {
    expect(names('zo', [zoe, bob])).toEqual(['Zoë Zimmer']);
    expect(names('ZOË', [zoe])).toEqual(['Zoë Zimmer']);
    expect(names('zim', [zoe])).toEqual(['Zoë Zimmer']);
    expect(names('zo zi', [zoe])).toEqual(['Zoë Zimmer']);
    expect(names('imm', [zoe])).toEqual([]);
    expect(names('bob', [bob])).toEqual(['Bob Builder']);
  });

  it('ranks exact over prefix over word start; contacts first when equal', () => {
    expect(names('zora', [anna, zoe, zora])).toEqual(['Zora']);
    expect(names('zo', [anna, zora, zoe])).toEqual(['Zoë Zimmer', 'Zora', 'Anna Zoller']);
    const recentZoe = { ...zoe, source: 'recent' as const, target: '5550000', number: '5550000' };
    expect(searchEntries('zoe', [recentZoe, zoe]).map((m) => m.source)).toEqual(['contact', 'recent']);
  });

  it('lists each target once and at most eight', () => {
    expect(names('zo', [zoe, { ...zoe, source: 'recent' }])).toEqual(['Zoë Zimmer']);
    const many = Array.from({ length: 20 }, (_, i) => ({
      ...zora,
      name: `Zora ${i}`,
      target: `${1000 + i}`,
    }));
    expect(searchEntries('zora', many)).toHaveLength(MAX_MATCHES);
    expect(searchEntries('  ', many)).toEqual([]);
  });
});

describe('what Call does with the text', () => {
  const match = (query: string, entries: SearchEntry[]) => decideDial(query, searchEntries(query, entries));

  it('dials numbers and SIP addresses as typed', () => {
    expect(match('555 12', [zoe])).toEqual({ kind: 'raw', target: '555 12' });
    expect(match('Zoe@pbx.example.com', [zoe])).toEqual({ kind: 'raw', target: 'Zoe@pbx.example.com' });
    expect(match('  ', [zoe])).toEqual({ kind: 'empty' });
  });

  it('calls the one entry that fits, or the exact one', () => {
    expect(match('zo', [zoe, bob])).toMatchObject({ kind: 'match', match: { target: '+15551234567' } });
    expect(match('zora', [anna, zora, zoe])).toMatchObject({ kind: 'match', match: { name: 'Zora' } });
    expect(match('bob', [bob])).toMatchObject({ kind: 'match', match: { target: 'bob' } });
  });

  it('asks to choose when several fit', () => {
    expect(match('Zo', [zoe, zora, anna])).toEqual({ kind: 'choose', count: 3 });
    expect(match('zo', [zora, anna])).toEqual({ kind: 'raw', target: 'zo' });
    expect(match('zo', [zoe, { ...zoe, name: 'Zoltan', target: '1009' }])).toEqual({
      kind: 'choose',
      count: 2,
    });
  });

  it('never dials a name as a SIP user; a lower-case user name still goes out', () => {
    expect(match('Zoe Nobody', [bob])).toEqual({ kind: 'none' });
    expect(match('Zoe', [bob])).toEqual({ kind: 'none' });
    expect(match('carol', [bob])).toEqual({ kind: 'raw', target: 'carol' });
    expect(match('front-desk', [])).toEqual({ kind: 'raw', target: 'front-desk' });
  });

  it('lets a typed PBX user win over a far end’s name in Recent, but not over a contact', () => {
    const paged: SearchEntry = {
      name: 'Bob Baker',
      number: 'page-bob',
      target: 'page-bob',
      source: 'recent',
    };
    expect(match('bob', [paged])).toEqual({ kind: 'raw', target: 'bob' });
    expect(match('Bob', [paged])).toMatchObject({ kind: 'match', match: { target: 'page-bob' } });
    expect(match('bob', [{ ...paged, source: 'contact' }])).toMatchObject({ kind: 'match' });
  });
});
