import { DOMParser } from '@xmldom/xmldom';
import { Grammar, type Message, type UserAgent } from 'sip.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Messaging } from './messaging';
import type { LateDeliveryReport, ReceivedText } from './types';

// The Messaging class with SIP.js's message objects faked at their edge:
// a later delivery report goes to the report listeners (never shown as
// text), and a message sent out of a call carries our id as its Call-ID.

const ID = '2b1f0c9e-6a4d-4a8e-9f1b-1d2c3e4f5a6b';
const IMDN = `<imdn xmlns="urn:ietf:params:xml:ns:imdn"><message-id>${ID}</message-id>
<delivery-notification><status><failed/></status></delivery-notification></imdn>`;

function incoming(body: string, type: string, from = '<sip:1004@pbx>') {
  const accept = vi.fn(() => Promise.resolve());
  const reject = vi.fn((_options?: { statusCode: number }) => Promise.resolve());
  const request = {
    body,
    getHeader: (name: string) => (name === 'Content-Type' ? type : undefined),
    from: Grammar.nameAddrHeaderParse(from)!,
  };
  return { message: { request, accept, reject } as unknown as Message, accept, reject };
}

function messaging(ua: unknown = null) {
  const m = new Messaging({ userAgent: () => ua as UserAgent, domain: () => 'pbx', registered: () => true });
  const texts: ReceivedText[] = [];
  const reports: LateDeliveryReport[] = [];
  m.listen((t) => texts.push(t));
  m.listenForReports((r) => reports.push(r));
  return { m, texts, reports };
}

beforeAll(() => {
  vi.stubGlobal('DOMParser', DOMParser);
});
afterAll(() => {
  vi.unstubAllGlobals();
});

describe('a delivery report arriving as a MESSAGE', () => {
  it('is accepted and reaches the report listeners with its sender, not the conversation', () => {
    const { m, texts, reports } = messaging();
    const { message, accept } = incoming(IMDN, 'message/imdn+xml');
    m.receive(message);
    expect(accept).toHaveBeenCalled();
    expect(reports).toEqual([{ ref: ID, delivered: false, peer: '1004' }]);
    expect(texts).toEqual([]);
  });

  it('is refused (400) when it cannot be read, and shows nothing', () => {
    const { m, texts, reports } = messaging();
    const { message, reject } = incoming('<imdn>not really</imdn>', 'message/imdn+xml');
    m.receive(message);
    expect(reject).toHaveBeenCalledWith({ statusCode: 400 });
    expect(reports).toEqual([]);
    expect(texts).toEqual([]);
  });

  it('is not mistaken for text when it comes as text/plain', () => {
    const { m, texts, reports } = messaging();
    m.receive(incoming(IMDN, 'text/plain').message);
    expect(reports).toEqual([]);
    expect(texts).toHaveLength(1);
  });
});

describe('a message sent out of a call', () => {
  it('carries our id as its Call-ID and resolves with the 202', async () => {
    const aor = Grammar.URIParse('sip:1001@pbx')!;
    const made: Array<{ method: string; options: { callId?: string } }> = [];
    const core = {
      configuration: { aor },
      makeOutgoingRequestMessage: (
        method: string,
        _r: unknown,
        _f: unknown,
        _t: unknown,
        options: object,
      ) => {
        made.push({ method, options });
        return { method };
      },
      request: (_request: unknown, delegate: { onAccept(r: unknown): void }) =>
        delegate.onAccept({ message: { statusCode: 202 } }),
    };
    const { m } = messaging({ userAgentCore: core });
    await expect(m.send('1004', 'Are you in today?', undefined, ID)).resolves.toEqual({
      delivered: true,
      code: 202,
    });
    expect(made).toEqual([{ method: 'MESSAGE', options: { callId: ID } }]);
  });
});
