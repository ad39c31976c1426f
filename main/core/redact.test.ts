import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from './logger';
import { isSecretKey, redactText } from './redact';

// An adversarial corpus: every way a credential has been seen to reach a log
// or trace in softphones (and a few invented ones). Each entry's secret must
// be gone after redactText, whether the text is raw, JSON-encoded once, or
// JSON-encoded twice (a trace inside a stats object inside a bundle).

const S = 'Zq9-secret-VALUE';
const HEX = '6f1ed002ab5595859014ebf0951522d9';

const CORPUS: Array<[name: string, text: string, secret: string]> = [
  ['Authorization header', `Authorization: Digest username="1001", realm="pbx", response="${HEX}"`, HEX],
  ['Proxy-Authorization header', `Proxy-Authorization: Digest response="${HEX}", nonce="n"`, HEX],
  [
    'folded Authorization continuation lines',
    `REGISTER sip:pbx SIP/2.0\r\nAuthorization: Digest username="1001",\r\n   realm="pbx",\r\n\tresponse="${HEX}"\r\nContent-Length: 0`,
    HEX,
  ],
  ['lower-case header name', `authorization:Digest response="${HEX}"`, HEX],
  ['Bearer token header', `Authorization: Bearer ${S}`, S],
  ['JSON password', `{"password":"${S}"}`, S],
  ['JSON password with spaces', `{ "authorizationPassword" : "${S}" }`, S],
  [
    'JSON TURN credential',
    `{"iceServers":[{"urls":"turn:t.example","username":"u","credential":"${S}"}]}`,
    S,
  ],
  ['JSON ha1', `{"authorizationHa1":"${HEX}"}`, HEX],
  ['JSON api key', `{"apiKey":"${S}"}`, S],
  ['key=value', `password=${S}&next=1`, S],
  ['quoted key="value"', `password="${S} with spaces"`, S],
  ["single-quoted key='value'", `secret='${S}'`, S],
  ['key: value (YAML/log style)', `turn credential: ${S}`, S],
  ['key: value with prefix', `sipPassword: ${S}`, S],
  ['ha1=hex', `ha1=${HEX}`, HEX],
  ['token in query string', `https://p.example/x?a=1&token=${S}`, S],
  ['wss URL userinfo', `connecting to wss://1001:${S}@pbx.example.com:8089/ws`, S],
  ['https URL userinfo', `GET https://admin:${S}@prov.example.com/cfg`, S],
  ['sip URI with password', `To: <sip:1001:${S}@pbx.example.com>`, S],
  ['turn URL userinfo', `turns://user:${S}@turn.example.com:5349`, S],
  ['digest response outside a header', `computed response="${HEX}" cnonce="${S}"`, HEX],
  ['bare hex response', `response=${HEX}`, HEX],
];

describe('redactText: adversarial corpus', () => {
  for (const [name, text, secret] of CORPUS) {
    it(`masks ${name}`, () => {
      expect(redactText(text)).not.toContain(secret);
    });
    it(`masks ${name} after JSON encoding`, () => {
      expect(redactText(JSON.stringify({ line: text }))).not.toContain(secret);
    });
    it(`masks ${name} after double JSON encoding`, () => {
      expect(redactText(JSON.stringify({ stats: JSON.stringify({ line: text }) }))).not.toContain(secret);
    });
  }
});

describe('redactText keeps what support needs', () => {
  const KEEP = [
    'SIP/2.0 401 Unauthorized',
    'Via: SIP/2.0/WSS abc.invalid;branch=z9hG4bK1',
    'WWW-Authenticate: Digest realm="asterisk", nonce="17a9"',
    'wss://pbx.example.com:8089/ws',
    'sip:1001@pbx.example.com:5060',
    'ipc credentials:digest rejected',
    '{"user":"1001","server":"wss://pbx.example.com:8089/ws"}',
    'Content-Length: 0',
    'status=408 reason=Request Timeout',
  ];
  for (const line of KEEP) {
    it(`leaves "${line}" alone`, () => expect(redactText(line)).toBe(line));
  }

  it('keeps header names and the lines after a folded Authorization header', () => {
    const out = redactText('Authorization: Digest a="1",\r\n  response="x"\r\nCSeq: 2 REGISTER');
    expect(out).toBe('Authorization: [redacted]\r\nCSeq: 2 REGISTER');
  });

  it('keeps the user name of a URL with a password', () => {
    expect(redactText(`wss://1001:${S}@pbx:8089/ws`)).toBe('wss://1001:[redacted]@pbx:8089/ws');
  });

  it('recognises secret key names and ignores ordinary ones', () => {
    for (const key of ['password', 'turnCredential', 'authorizationHa1', 'api_key', 'refreshToken']) {
      expect(isSecretKey(key)).toBe(true);
    }
    for (const key of ['user', 'server', 'displayName', 'realm', 'nonce'])
      expect(isSecretKey(key)).toBe(false);
  });
});

describe('the logger applies the patterns too', () => {
  it('masks an Authorization header and a secret-named field nobody registered', () => {
    const logger = createMemoryLogger();
    const { lines } = logger;
    logger.info(`sent\r\nAuthorization: Digest response="${HEX}"`, { turnCredential: S, user: '1001' });
    expect(lines.join('\n')).not.toContain(HEX);
    expect(lines.join('\n')).not.toContain(S);
    expect(lines.join('\n')).toContain('"user":"1001"');
  });
});
