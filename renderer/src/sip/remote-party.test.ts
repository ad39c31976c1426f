import { Grammar } from 'sip.js';
import { describe, expect, it } from 'vitest';
import { audioDirection, connectedLineFrom, offerHoldsUs, plainName, plainNumber } from './remote-party';

const headers = (map: Record<string, string>) => ({
  getHeader: (name: string) => map[name],
});

describe('what the far end says about itself', () => {
  it('reads the connected line from P-Asserted-Identity, then Remote-Party-ID', () => {
    expect(
      connectedLineFrom(headers({ 'P-Asserted-Identity': '"Carol Cole" <sip:1003@pbx.example>' })),
    ).toEqual({
      name: 'Carol Cole',
      number: '1003',
      uri: 'sip:1003@pbx.example',
    });
    expect(
      connectedLineFrom(
        headers({ 'Remote-Party-ID': '"Front desk" <sip:200@pbx>;party=calling;privacy=off' }),
      ),
    ).toMatchObject({ name: 'Front desk', number: '200' });
    // No display name: the number stands in for it.
    expect(connectedLineFrom(headers({ 'P-Asserted-Identity': '<sip:1003@pbx>' }))).toMatchObject({
      name: '1003',
      number: '1003',
    });
    expect(connectedLineFrom(headers({}))).toBeNull();
    expect(connectedLineFrom(headers({ 'P-Asserted-Identity': 'garbage <<<' }))).toBeNull();
  });

  it('cleans names: no controls, no bidi overrides or zero-width tricks, one line, bounded', () => {
    expect(plainName('Bank\u202Eevil\u202C')).toBe('Bank evil');
    expect(plainName('Line1\r\nLine2\u0007')).toBe('Line1 Line2');
    expect(plainName('a\u200Bb')).toBe('a b');
    expect(plainName('x'.repeat(500))).toHaveLength(64);
    expect(plainName(undefined)).toBe('');
    // Letters of every script stay.
    expect(plainName('Zoë Ångström 王')).toBe('Zoë Ångström 王');
  });

  it('cleans numbers down to what a dial string can hold', () => {
    expect(plainNumber('+44 (20) 7946-0018')).toBe('+44207946-0018');
    expect(plainNumber('1003<script>')).toBe('1003script');
    expect(plainNumber('9'.repeat(200))).toHaveLength(64);
  });

  it('a hostile display name from the network comes out clean through the SIP grammar too', () => {
    const parsed = Grammar.nameAddrHeaderParse('"\u202Egnp.exe\u202C Support" <sip:666@evil.example>');
    expect(parsed).toBeDefined();
    const party = connectedLineFrom(
      headers({ 'P-Asserted-Identity': '"\u202Egnp.exe\u202C Support" <sip:666@evil.example>' }),
    );
    expect(party?.name).toBe('gnp.exe Support');
  });

  it('knows when the far end holds us: sendonly or inactive audio in its offer', () => {
    const offer = (direction: string) =>
      `v=0\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=${direction}\r\n`;
    expect(offerHoldsUs(offer('sendonly'))).toBe(true);
    expect(offerHoldsUs(offer('inactive'))).toBe(true);
    expect(offerHoldsUs(offer('sendrecv'))).toBe(false);
    expect(offerHoldsUs(offer('recvonly'))).toBe(false);
    expect(offerHoldsUs('v=0\r\n')).toBeNull();
    expect(offerHoldsUs(undefined)).toBeNull();
    // A session-level attribute applies when the media section says nothing.
    expect(audioDirection('v=0\r\na=sendonly\r\nm=audio 9 RTP/AVP 0\r\n')).toBe('sendonly');
    expect(audioDirection('v=0\r\nm=audio 9 RTP/AVP 0\r\n')).toBe('sendrecv');
    // Only the audio section counts.
    expect(
      audioDirection('v=0\r\nm=video 9 RTP/AVP 96\r\na=inactive\r\nm=audio 9 RTP/AVP 0\r\na=sendrecv\r\n'),
    ).toBe('sendrecv');
  });
});
