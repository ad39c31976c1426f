// PIDF bodies as Asterisk 22 writes them (pjsip's pjpidf), and others.
import { describe, expect, it } from 'vitest';
import { MAX_PIDF_BYTES, parsePidf } from './pidf';

function asterisk(basic: 'open' | 'closed', note: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n<presence entity="sip:1002@10.213.0.1" xmlns="urn:ietf:params:xml:ns:pidf">\n' +
    ` <note>${note}</note>\n <tuple id="1002">\n  <status>\n   <basic>${basic}</basic>\n  </status>\n` +
    '  <contact priority="1">sip:1002@10.213.0.1</contact>\n </tuple>\n</presence>\n'
  );
}

describe('parsePidf', () => {
  it("reads each of Asterisk's states", () => {
    expect(parsePidf(asterisk('open', 'Ready'))).toBe('idle');
    expect(parsePidf(asterisk('open', 'Ringing'))).toBe('ringing');
    expect(parsePidf(asterisk('open', 'On the phone'))).toBe('busy');
    expect(parsePidf(asterisk('open', 'On hold'))).toBe('held');
    expect(parsePidf(asterisk('closed', 'Unavailable'))).toBe('unavailable');
  });

  it('closed wins over any note; RPID activities tell a call', () => {
    expect(parsePidf(asterisk('closed', 'Ringing'))).toBe('unavailable');
    const rpid =
      '<presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid">' +
      '<tuple id="t"><status><basic>open</basic></status></tuple>' +
      '<dm:person xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"><rpid:activities><rpid:on-the-phone/></rpid:activities></dm:person></presence>';
    expect(parsePidf(rpid)).toBe('busy');
    expect(parsePidf(asterisk('open', 'Something else'))).toBe('idle');
  });

  it('returns null for junk and oversize bodies', () => {
    for (const junk of [undefined, 7, '', 'open', '<dialog-info/>', '<presence>'])
      expect(parsePidf(junk)).toBeNull();
    expect(parsePidf(asterisk('open', 'Ready') + ' '.repeat(MAX_PIDF_BYTES))).toBeNull();
  });
});
