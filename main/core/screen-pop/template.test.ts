import { describe, expect, it } from 'vitest';
import {
  checkTemplate,
  e164Of,
  expandTemplate,
  finalUrl,
  placeholderValues,
  type CallFacts,
} from './template';

// Template expansion: every value is data, never URL structure, whatever the
// caller put in their display name.

const TEMPLATE =
  'https://crm.example.com/calls/{name}?from={number}&e164={e164}&dir={direction}&id={callId}&note={note}#top';

function facts(over: Partial<CallFacts> = {}): CallFacts {
  return {
    number: '+44 20 7946 0018',
    name: 'Zoë Zimmer',
    direction: 'incoming',
    callId: 'call-3',
    note: '',
    ...over,
  };
}

function open(template: string, over: Partial<CallFacts> = {}, country = 'GB') {
  const checked = checkTemplate(template, false);
  if (!checked.ok) throw new Error(checked.problem);
  return finalUrl(expandTemplate(template, placeholderValues(facts(over), country)), checked.base);
}

describe('screen-pop template expansion', () => {
  it('fills every placeholder, URL-encoded', () => {
    const result = open(TEMPLATE, { note: 'Wants a refund & a call back' });
    expect(result).toEqual({
      ok: true,
      url: 'https://crm.example.com/calls/Zo%C3%AB%20Zimmer?from=%2B442079460018&e164=%2B442079460018&dir=incoming&id=call-3&note=Wants%20a%20refund%20%EF%BC%86%20a%20call%20back#top',
    });
  });

  it('{e164} uses the desk country for national numbers and is empty for extensions and SIP users', () => {
    expect(e164Of('020 7946 0018', 'GB')).toBe('+442079460018');
    expect(e164Of('(202) 555-0143', 'US')).toBe('+12025550143');
    expect(e164Of('+49 30 901820', 'GB')).toBe('+4930901820');
    expect(e164Of('alice', 'GB')).toBe('');
    expect(e164Of('1002', 'GB')).toBe('');
    expect(e164Of('*97', 'GB')).toBe('');
  });

  const HOSTILE = [
    '../../admin',
    '?x=1&admin=true',
    '#/evil',
    '@evil.com',
    'a/b\\c',
    'evil.com:8080',
    '\u202Emoc.live\u202C',
    '%2e%2e%2f',
    'x'.repeat(5000),
    'https://evil.com/',
  ];

  it.each(HOSTILE)('a display name %j stays one path segment on the same host', (name) => {
    const result = open(TEMPLATE, { name });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const url = new URL(result.url);
    expect(url.host).toBe('crm.example.com');
    expect(url.username + url.password).toBe('');
    // Still exactly one path segment after /calls/, the same query keys and fragment.
    expect(url.pathname.split('/')).toHaveLength(3);
    expect(url.pathname.startsWith('/calls/')).toBe(true);
    expect([...url.searchParams.keys()]).toEqual(['from', 'e164', 'dir', 'id', 'note']);
    expect(url.hash).toBe('#top');
    const segment = decodeURIComponent(url.pathname.slice('/calls/'.length));
    // Cleaned (no bidi controls), at most 128 characters.
    expect(segment).not.toMatch(/[\u202a-\u202e]/);
    expect([...segment].length).toBeLessThanOrEqual(128);
  });

  it('a hostile value in a query parameter cannot add parameters', () => {
    const result = open('https://crm.example.com/search?q={name}&team=support', { name: 'x&team=admin#' });
    const url = new URL((result as { url: string }).url);
    expect(url.searchParams.getAll('team')).toEqual(['support']);
    expect(url.searchParams.get('q')).toBe('x＆team=admin#');
    expect(url.hash).toBe('');
  });

  it('a number with letters, markup or spaces keeps only dial characters', () => {
    const values = placeholderValues(facts({ number: '<1002>; drop table' }), 'GB');
    expect(values.number).toBe('1002droptable');
  });

  it('{note} is empty unless given', () => {
    const result = open('https://crm.example.com/?n={note}');
    expect(result).toEqual({ ok: true, url: 'https://crm.example.com/?n=' });
  });
});

describe('screen-pop template rules', () => {
  it.each([
    ['', 'no-template'],
    ['crm.example.com/{number}', 'invalid'],
    ['javascript:alert(1)//{number}', 'scheme'],
    ['file:///etc/passwd', 'scheme'],
    ['http://crm.example.com/{number}', 'scheme'],
    ['https://{name}.example.com/', 'placeholder-host'],
    ['https://crm.example.com:{number}/', 'placeholder-host'],
    ['https://allowed.com@evil.com/{number}', 'userinfo'],
    ['https://user:pw@crm.example.com/', 'userinfo'],
  ])('%j is refused: %s', (template, problem) => {
    expect(checkTemplate(template, false)).toEqual({ ok: false, problem });
  });

  it('a backslash ends the host, as browsers read it: the link stays on the template host', () => {
    expect(open('https://crm.example.com\\@evil.com/{number}')).toEqual({
      ok: true,
      url: 'https://crm.example.com/@evil.com/%2B442079460018',
    });
  });

  it('http only where the administrator allows it', () => {
    expect(checkTemplate('http://crm.example.com/{number}', true)).toMatchObject({
      ok: true,
      base: { protocol: 'http:', hostname: 'crm.example.com', port: '' },
    });
  });

  it('IDN hosts are compared in punycode, ports are kept', () => {
    expect(checkTemplate('https://Bücher.Example:8443/{number}', false)).toMatchObject({
      ok: true,
      base: { hostname: 'xn--bcher-kva.example', port: '8443' },
    });
  });

  it('an expanded address longer than browsers take is refused, not cut', () => {
    const template = `https://crm.example.com/${'a'.repeat(4000)}/{name}`;
    const checked = checkTemplate(template, false);
    if (!checked.ok) throw new Error('template');
    const long = expandTemplate(template, placeholderValues(facts({ name: '€'.repeat(128) }), 'GB'));
    expect(finalUrl(long, checked.base)).toEqual({ ok: false, problem: 'too-long' });
  });
});
