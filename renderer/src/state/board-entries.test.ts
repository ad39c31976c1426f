// Who is on the colleagues' board, in what order, under which name.
import { describe, expect, it } from 'vitest';
import type { Contact } from '../../../contract/history';
import type { Lamp } from '../sip/types';
import { boardEntries, extensionOf, NO_STATES, sameColleagueKey, startedRinging } from './board-entries';

const contact = (name: string, number: string, colleague = false): Contact => ({
  id: name,
  name,
  number,
  favourite: false,
  colleague,
});

describe('boardEntries', () => {
  it('puts the team first, then the user’s list, then colleague contacts, each colleague once', () => {
    const entries = boardEntries(
      { teamColleagues: ['1002'], colleagues: ['sip:1002@pbx.example.com', '1003', '1004'] },
      [contact('Bob Baker', '1002'), contact('Dave Dunn', '1004', true), contact('Erin Ellis', '1009', true)],
      [{ target: '1003', state: 'busy', via: 'dialog' }],
      'pbx.example.com',
    );
    expect(entries.map((e) => [e.target, e.name, e.source, e.lamp?.state])).toEqual([
      ['1002', 'Bob Baker', 'team', undefined],
      ['1003', '1003', 'user', 'busy'],
      ['1004', 'Dave Dunn', 'user', undefined],
      ['1009', 'Erin Ellis', 'contact', undefined],
    ]);
  });

  it('a colleague on another domain stays distinct and keeps its address', () => {
    const entries = boardEntries(
      { teamColleagues: [], colleagues: ['1002', 'sip:1002@other.example'] },
      [],
      [],
      'pbx',
    );
    expect(entries.map((e) => [e.target, e.number])).toEqual([
      ['1002', '1002'],
      ['sip:1002@other.example', '1002'],
    ]);
  });
});

describe('colleague keys', () => {
  it('match one colleague however it is written on the account domain', () => {
    for (const written of [
      '1002',
      ' SIP:1002@PBX.example.com ',
      '1002@pbx.example.com',
      'sips:1002@pbx.example.com',
    ]) {
      expect(sameColleagueKey(written, 'pbx.example.com')).toBe('1002');
    }
    expect(sameColleagueKey('1002@pbx.example.com', 'pbx.example.com:5061')).toBe('1002');
    expect(extensionOf('sip:1002@pbx')).toBe('1002');
  });
});

describe('startedRinging', () => {
  const entry = (state: Lamp['state']) => ({
    target: '1002',
    number: '1002',
    name: 'Bob',
    source: 'user' as const,
    lamp: { target: '1002', state, via: 'dialog' as const },
  });
  it('reports a lamp once when it turns to ringing, not while it keeps ringing', () => {
    const first = startedRinging([entry('ringing')], NO_STATES);
    expect(first.rang.map((e) => e.name)).toEqual(['Bob']);
    expect(startedRinging([entry('ringing')], first.states).rang).toEqual([]);
    const idle = startedRinging([entry('idle')], first.states);
    expect(startedRinging([entry('ringing')], idle.states).rang).toHaveLength(1);
  });
});
