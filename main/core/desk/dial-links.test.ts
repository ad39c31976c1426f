import { describe, expect, it } from 'vitest';
import { findDialTarget, parseDialLink } from './dial-links';

const GB = { defaultCountry: 'GB' };
const US = { defaultCountry: 'US' };

describe('parseDialLink', () => {
  it.each([
    ['sip:alice@example.com;transport=ws', 'sip:alice@example.com', 'alice@example.com'],
    ['sip:alice@Example.COM?Subject=hi&Replaces=x', 'sip:alice@example.com', 'alice@example.com'],
    ['sips:bob@pbx.example.com:5061', 'sips:bob@pbx.example.com:5061', 'bob@pbx.example.com:5061'],
    ['SIP:carol@10.0.0.5', 'sip:carol@10.0.0.5', 'carol@10.0.0.5'],
    ['sip:alice:secret@example.com', 'sip:alice@example.com', 'alice@example.com'],
    ['sip:*97#@pbx.example.com', 'sip:*97%23@pbx.example.com', '*97#@pbx.example.com'],
    [
      'sip:+442079460018@example.com;user=phone',
      'sip:+442079460018@example.com',
      '+442079460018@example.com',
    ],
    ['sip:alice%40example.com', 'sip:alice@example.com', 'alice@example.com'],
    ['sip:1000', '1000', '1000'],
  ])('reads the SIP link %s', (link, target, display) => {
    expect(parseDialLink(link, GB)).toEqual({ ok: true, target, display });
  });

  it.each([
    ['tel:+44 20 7946 0018', '+442079460018', '+44 20 7946 0018'],
    ['tel:+44-20-7946-0018', '+442079460018', '+44 20 7946 0018'],
    ['tel:+44.(20).7946.0018;ext=12', '+442079460018', '+44 20 7946 0018'],
    ['tel:7946-0018;phone-context=+44-20', '+442079460018', '+44 20 7946 0018'],
    ['tel:1234;phone-context=example.com', '1234', '1234'],
    ['tel:020%207946%200018', '+442079460018', '+44 20 7946 0018'],
    ['tel:%2B44%2020%207946%200018', '+442079460018', '+44 20 7946 0018'],
    ['tel://+12125550100', '+12125550100', '+1 212 555 0100'],
    ['tel:*97', '*97', '*97'],
    ['tel:+9991234567', '+9991234567', '+9991234567'],
    ['callto:+1 212 555 0100', '+12125550100', '+1 212 555 0100'],
    ['callto://+12125550100', '+12125550100', '+1 212 555 0100'],
    ['callto:bob@pbx.example.com', 'sip:bob@pbx.example.com', 'bob@pbx.example.com'],
  ])('reads the number link %s', (link, target, display) => {
    expect(parseDialLink(link, GB)).toEqual({ ok: true, target, display });
  });

  it('places national numbers with the default country', () => {
    expect(parseDialLink('callto://2125550100', US)).toMatchObject({ target: '+12125550100' });
    expect(parseDialLink('tel:020 7946 0018', GB)).toMatchObject({ target: '+442079460018' });
    // Not a US number: dialled as written rather than guessed.
    expect(parseDialLink('tel:020 7946 0018', US)).toMatchObject({ target: '02079460018' });
  });

  it.each([
    ['javascript:alert(1)', /only calls sip:, sips:, tel: and callto: links, not "javascript:"/],
    ['http://example.com/?tel=123', /not "http:"/],
    ['file:///etc/passwd', /not "file:"/],
    ['', /empty/],
    ['   ', /empty/],
    ['alice', /not a call link/],
    ['tel:', /no phone number/],
    ['tel:call-me-maybe', /only letters/],
    ['callto:skypename', /only letters/],
    ['sip:example.com', /not a complete SIP address/],
    ['sip:@example.com', /no valid user name/],
    ['sip:alice smith@example.com', /no valid user name/],
    ['sip:alice@exa mple.com', /no valid domain/],
    ['sip:alice@example.com:99999', /port above 65535/],
    ['tel:%E0%A4%A', /broken % code/],
    ['tel:123%0A456', /characters that cannot be part/],
    ['tel:+1234567890123456789', /not a valid international/],
    [`tel:+${'1'.repeat(600)}`, /too long/],
  ])('refuses %j', (link, reason) => {
    const result = parseDialLink(link, GB);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('does not echo a long refused scheme in full', () => {
    const result = parseDialLink(`${'x'.repeat(100)}:1`, GB);
    expect(!result.ok && result.reason.length < 120).toBe(true);
  });
});

describe('findDialTarget (selected or copied text)', () => {
  it('finds a national number in a sentence with the default country', () => {
    expect(findDialTarget('Call me on 020 7946 0018 after lunch', GB)).toEqual({
      ok: true,
      target: '+442079460018',
      display: '+44 20 7946 0018',
    });
  });

  it('finds international and US-style numbers', () => {
    expect(findDialTarget('Office: +1 (212) 555-0100', GB)).toMatchObject({ target: '+12125550100' });
    expect(findDialTarget('(212) 555-0100', US)).toMatchObject({ target: '+12125550100' });
  });

  it('uses a call link inside the text', () => {
    expect(findDialTarget('Reach me at sip:alice@example.com;transport=ws.', GB)).toMatchObject({
      target: 'sip:alice@example.com',
    });
    expect(findDialTarget(' tel:+442079460018 ', US)).toMatchObject({ target: '+442079460018' });
  });

  it('accepts a bare extension or service code', () => {
    expect(findDialTarget('1000', US)).toEqual({ ok: true, target: '1000', display: '1000' });
    expect(findDialTarget('*97', US)).toMatchObject({ target: '*97' });
  });

  it('explains a foreign national number under the wrong country', () => {
    const result = findDialTarget('Call me on 020 7946 0018', US);
    expect(result).toEqual({
      ok: false,
      reason:
        'No phone number found in “Call me on 020 7946 0018”. Numbers from outside US need their + country code.',
    });
  });

  it.each([
    ['', /Nothing is selected/],
    ['just some words', /No phone number found/],
    ['javascript:alert(1)', /No phone number found/],
    ['x'.repeat(513), /too long/],
  ])('refuses %j', (text, reason) => {
    const result = findDialTarget(text, GB);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('works without a known default country for + numbers', () => {
    expect(findDialTarget('+44 20 7946 0018', { defaultCountry: 'ZZ' })).toMatchObject({
      target: '+442079460018',
    });
  });
});
