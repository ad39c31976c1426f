/**
 * SIP building blocks for the harness smoke check (smoke.ts, smoke-calls.ts):
 * pass/fail reporting, REGISTER and INVITE with the digest round, and
 * in-dialog requests built by the RFC 3261 rules (route set, target, tags).
 *
 * Why by hand: each message is fully controlled, so a failure points at the
 * Kamailio config rather than at a SIP stack's own behaviour.
 */
import {
  buildMessage,
  digestAuthorization,
  randomToken,
  type SipMessage,
  type SipWsEndpoint,
} from './sip-raw';

let failures = 0;
export const failureCount = (): number => failures;

export function check(name: string, ok: boolean, detail = ''): void {
  if (!ok) failures++;
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${detail ? `  (${detail})` : ''}`);
}
export const ms = (n: number): string => `${n.toFixed(1)} ms`;

export const uriOf = (nameAddr: string | undefined): string =>
  /<([^>]+)>/.exec(nameAddr ?? '')?.[1] ?? nameAddr ?? '';
export const tagOf = (hdr: string | undefined): string => /;tag=([^;>\s]+)/.exec(hdr ?? '')?.[1] ?? '';
export const SDP = (mode: string): string =>
  [
    'v=0',
    'o=- 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 9 RTP/AVP 0',
    `a=${mode}`,
    '',
  ].join('\r\n');

export const replyTo = (callId: string, method: string, status?: number) => (m: SipMessage) =>
  !m.isRequest &&
  m.header('Call-ID') === callId &&
  (m.header('CSeq') ?? '').endsWith(method) &&
  (status === undefined ? m.status >= 200 : m.status === status);
export const requestIn = (callId: string, method: string) => (m: SipMessage) =>
  m.isRequest && m.method === method && m.header('Call-ID') === callId;

/** Sends REGISTER (optionally answering `challenge`) and returns the final reply. */
export async function register(
  ep: SipWsEndpoint,
  user: string,
  password: string,
  cseq: number,
  callId: string,
  challenge?: string,
): Promise<SipMessage> {
  const uri = 'sip:127.0.0.1';
  const h: Array<[string, string]> = [
    ['Via', `SIP/2.0/WSS ${ep.host};branch=z9hG4bK${randomToken()}`],
    ['Max-Forwards', '70'],
    ['To', `<sip:${user}@127.0.0.1>`],
    ['From', `<sip:${user}@127.0.0.1>;tag=${randomToken()}`],
    ['Call-ID', callId],
    ['CSeq', `${cseq} REGISTER`],
    ['Contact', `<sip:${user}@${ep.host};transport=ws>;expires=300`],
    ['Expires', '300'],
  ];
  if (challenge)
    h.push([
      'Authorization',
      digestAuthorization({ challenge, method: 'REGISTER', uri, username: user, password }),
    ]);
  ep.send(buildMessage(`REGISTER ${uri} SIP/2.0`, h));
  return ep.next(replyTo(callId, 'REGISTER'), `REGISTER ${cseq} reply`);
}

/** REGISTER including the 401 round; returns the elapsed time. */
export async function registerWithAuth(ep: SipWsEndpoint, user: string, password: string): Promise<number> {
  const t0 = performance.now();
  const callId = randomToken(10);
  const r1 = await register(ep, user, password, 1, callId);
  const r2 = await register(ep, user, password, 2, callId, r1.header('WWW-Authenticate'));
  if (r2.status !== 200) throw new Error(`REGISTER ${user} failed with ${r2.status}`);
  return performance.now() - t0;
}

export interface OutgoingInvite {
  callId: string;
  ruri: string;
  via: string;
  from: string;
  to: string;
  cseq: number;
  /** performance.now() when the authenticated INVITE was sent. */
  sentAt: number;
}

/** INVITE, 407, ACK, INVITE with Proxy-Authorization: what SIP.js does. */
export async function inviteWithAuth(
  ep: SipWsEndpoint,
  user: string,
  password: string,
  callee: string,
): Promise<OutgoingInvite> {
  const callId = randomToken(10);
  const ruri = `sip:${callee}@127.0.0.1`;
  const from = `<sip:${user}@127.0.0.1>;tag=${randomToken()}`;
  const to = `<${ruri}>`;
  const send = (cseq: number, via: string, auth?: string): void => {
    const h: Array<[string, string]> = [
      ['Via', via],
      ['Max-Forwards', '70'],
      ['To', to],
      ['From', from],
      ['Call-ID', callId],
      ['CSeq', `${cseq} INVITE`],
      ['Contact', `<sip:${user}@${ep.host};transport=ws;ob>`],
    ];
    if (auth) h.push(['Proxy-Authorization', auth]);
    h.push(['Content-Type', 'application/sdp']);
    ep.send(buildMessage(`INVITE ${ruri} SIP/2.0`, h, SDP('sendrecv')));
  };
  const via1 = `SIP/2.0/WSS ${ep.host};branch=z9hG4bK${randomToken()}`;
  send(1, via1);
  const r407 = await ep.next(replyTo(callId, 'INVITE'), 'INVITE 407');
  if (r407.status !== 407) throw new Error(`expected 407 to first INVITE, got ${r407.status}`);
  ep.send(
    buildMessage(`ACK ${ruri} SIP/2.0`, [
      ['Via', via1],
      ['Max-Forwards', '70'],
      ['To', r407.header('To') ?? ''],
      ['From', from],
      ['Call-ID', callId],
      ['CSeq', '1 ACK'],
    ]),
  );
  const challenge = r407.header('Proxy-Authenticate') ?? '';
  const auth = digestAuthorization({ challenge, method: 'INVITE', uri: ruri, username: user, password });
  const via = `SIP/2.0/WSS ${ep.host};branch=z9hG4bK${randomToken()}`;
  const sentAt = performance.now();
  send(2, via, auth);
  return { callId, ruri, via, from, to, cseq: 2, sentAt };
}

/** An in-dialog request (RFC 3261 §12.2.1.1): target URI, route set, tags. */
export function inDialog(
  ep: SipWsEndpoint,
  method: string,
  target: string,
  routes: string[],
  from: string,
  to: string,
  callId: string,
  cseq: number,
  body?: string,
): void {
  const h: Array<[string, string]> = [
    ['Via', `SIP/2.0/WSS ${ep.host};branch=z9hG4bK${randomToken()}`],
    ['Max-Forwards', '70'],
    ...routes.map((r): [string, string] => ['Route', r]),
    ['To', to],
    ['From', from],
    ['Call-ID', callId],
    ['CSeq', `${cseq} ${method}`],
  ];
  if (body) h.push(['Contact', `<sip:x@${ep.host};transport=ws>`], ['Content-Type', 'application/sdp']);
  ep.send(buildMessage(`${method} ${target} SIP/2.0`, h, body));
}
