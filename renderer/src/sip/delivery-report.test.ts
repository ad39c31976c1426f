import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { readDeliveryReport, REPORT_BODY_MAX_BYTES, type XmlParse } from './delivery-report';

// The page parses with the browser's DOMParser; here xmldom stands in for it.
const parse: XmlParse = (xml) =>
  new DOMParser({ errorHandler: () => undefined }).parseFromString(
    xml,
    'application/xml',
  ) as unknown as Document;

const ID = '2b1f0c9e-6a4d-4a8e-9f1b-1d2c3e4f5a6b';

function imdn(status: string, id = ID, ns = 'urn:ietf:params:xml:ns:imdn'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<imdn xmlns="${ns}">
  <message-id>${id}</message-id>
  <datetime>2026-12-06T21:00:00Z</datetime>
  <delivery-notification><status><${status}/></status></delivery-notification>
</imdn>`;
}

describe('a delivery report (RFC 5438 IMDN)', () => {
  it('names the message and says whether it got there', () => {
    expect(readDeliveryReport(imdn('failed'), parse)).toEqual({ ref: ID, delivered: false });
    expect(readDeliveryReport(imdn('forbidden'), parse)).toEqual({ ref: ID, delivered: false });
    expect(readDeliveryReport(imdn('error'), parse)).toEqual({ ref: ID, delivered: false });
    expect(readDeliveryReport(imdn('delivered'), parse)).toEqual({ ref: ID, delivered: true });
  });

  it('accepts a namespace prefix, as the RFC allows', () => {
    const prefixed = imdn('failed')
      .replace('<imdn xmlns=', '<i:imdn xmlns:i=')
      .replace('</imdn>', '</i:imdn>')
      .replace(/<(\/?)(message-id|datetime|delivery-notification|status|failed)/g, '<$1i:$2');
    expect(readDeliveryReport(prefixed, parse)).toEqual({ ref: ID, delivered: false });
  });

  it('is nothing when it is not an IMDN, or does not say clearly', () => {
    expect(readDeliveryReport('', parse)).toBeNull();
    expect(readDeliveryReport('Your message could not be delivered', parse)).toBeNull();
    expect(readDeliveryReport(imdn('failed', ID, 'urn:example:other'), parse)).toBeNull();
    expect(readDeliveryReport(imdn('processed'), parse)).toBeNull();
    expect(readDeliveryReport(imdn('failed').replace(/<message-id>.*<\/message-id>/, ''), parse)).toBeNull();
    expect(
      readDeliveryReport(imdn('failed').replace('<status><failed/></status>', '<status/>'), parse),
    ).toBeNull();
  });

  it('refuses ids that are not a Call-ID token, DTDs and oversized bodies', () => {
    expect(readDeliveryReport(imdn('failed', 'a b'), parse)).toBeNull();
    expect(readDeliveryReport(imdn('failed', '<x/>'), parse)).toBeNull();
    expect(readDeliveryReport(imdn('failed', 'x'.repeat(65)), parse)).toBeNull();
    const entity = `<?xml version="1.0"?><!DOCTYPE imdn [<!ENTITY id "${ID}">]>${imdn('failed', '&id;').replace(/^<\?xml[^>]*>/, '')}`;
    expect(readDeliveryReport(entity, parse)).toBeNull();
    const padded = imdn('failed').replace('<datetime>', `<datetime>${' '.repeat(REPORT_BODY_MAX_BYTES)}`);
    expect(readDeliveryReport(padded, parse)).toBeNull();
  });

  it('is nothing when the parser throws', () => {
    const throwing: XmlParse = () => {
      throw new Error('bad');
    };
    expect(readDeliveryReport(imdn('failed'), throwing)).toBeNull();
  });
});
