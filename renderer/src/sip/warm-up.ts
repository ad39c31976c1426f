import { Core } from 'sip.js';

// SIP.js parses messages with a large generated grammar that the JavaScript
// engine compiles function by function, the first time each is used. On a
// fresh page that first use is the server's 401 to the first REGISTER and
// the 200 after it: tens of milliseconds of compiling between the REGISTER
// and Registered. Parsing look-alike answers while the page waits anyway
// (for main's answer, for the TLS handshake) moves that work out of the way.
// Nothing parsed here is used, and nothing is sent.

const HEADERS = [
  'Via: SIP/2.0/WSS warm.invalid;branch=z9hG4bK0000;received=127.0.0.1;rport=1',
  'From: <sip:1000@warm.invalid>;tag=warm1',
  'To: <sip:1000@warm.invalid>;tag=warm2',
  'Call-ID: warm-up-call-id',
  'CSeq: 1 REGISTER',
  'Server: warm-up',
  'Content-Length: 0',
];

const CHALLENGE = [
  'SIP/2.0 401 Unauthorized',
  ...HEADERS,
  'WWW-Authenticate: Digest realm="warm.invalid", nonce="0000000000000000", qop="auth", algorithm=MD5, opaque="00"',
  '',
  '',
].join('\r\n');

const ACCEPTED = [
  'SIP/2.0 200 OK',
  ...HEADERS,
  'Contact: <sip:warm@warm.invalid;transport=ws>;expires=600;+sip.instance="<urn:uuid:00000000-0000-0000-0000-000000000000>";reg-id=1',
  'Expires: 600',
  'Date: Sun, 06 Dec 2026 00:00:00 GMT',
  '',
  '',
].join('\r\n');

function parse(message: string, header: string): void {
  const factory = new Core.LoggerFactory();
  factory.builtinEnabled = false;
  try {
    Core.Parser.parseMessage(message, factory.getLogger('sip.warm-up'))?.parseHeader(header);
  } catch {
    // A warm-up that fails costs only the time it was meant to save.
  }
}

/**
 * Compiles SIP.js's message parser ahead of the first REGISTER's answers,
 * in two steps (the challenge, the acceptance), each short enough to run in
 * an idle moment without holding up whatever arrives next.
 */
export const sipParserWarmUps: ReadonlyArray<() => void> = [
  () => parse(CHALLENGE, 'www-authenticate'),
  () => parse(ACCEPTED, 'contact'),
];
