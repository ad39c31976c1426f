/**
 * A minimal SIP user agent over UDP on 127.0.0.1, for harness checks that need
 * a dialog the browser app cannot (yet) make: e.g. SIP INFO DTMF to the
 * baresip far end through Kamailio's plain-SIP listener. It places one call
 * (INVITE with the 407 digest round, ACK), sends in-dialog requests with the
 * route set from the 200 OK, and hangs up. Media is not handled: the SDP
 * offers a port nobody listens on, which is fine for signalling checks.
 *
 * Why by hand, as in sip-raw.ts: every header is under the test's control, so
 * a failure points at the Kamailio config or the far end.
 */
import { createSocket, type Socket } from 'node:dgram';
import { buildMessage, digestAuthorization, parseSip, randomToken, type SipMessage } from './sip-raw';

export interface UdpDialog {
  callId: string;
  /** Sends an in-dialog request and resolves with its final reply. */
  request(method: string, opts?: { contentType?: string; body?: string }): Promise<SipMessage>;
  /** Sends SIP INFO with application/dtmf-relay ("Signal=D\r\nDuration=ms") per digit, one after another. */
  sendInfoDtmf(digits: string, durationMs?: number): Promise<void>;
  /** BYE; resolves with its final reply's status. */
  hangUp(): Promise<number>;
}

export interface SipUdpUa {
  readonly port: number;
  /** Calls `target` (user part) at Kamailio's udp:127.0.0.1:`kamailioPort`; resolves once answered and ACKed. */
  call(target: string, timeoutMs?: number): Promise<UdpDialog>;
  close(): void;
}

const uriOf = (nameAddr: string | undefined): string =>
  /<([^>]+)>/.exec(nameAddr ?? '')?.[1] ?? nameAddr ?? '';

export async function openSipUdpUa(opts: {
  user: string;
  password: string;
  kamailioPort: number;
  domain?: string;
}): Promise<SipUdpUa> {
  const domain = opts.domain ?? '127.0.0.1';
  const sock: Socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    sock.once('error', reject);
    sock.bind(0, '127.0.0.1', () => resolve());
  });
  const port = sock.address().port;
  const waiters: Array<{ pred: (m: SipMessage) => boolean; resolve: (m: SipMessage) => void }> = [];
  const inbox: SipMessage[] = [];

  const send = (text: string): void => {
    sock.send(text, opts.kamailioPort, '127.0.0.1');
  };
  sock.on('message', (buf) => {
    const msg = parseSip(buf.toString());
    // Requests from the far end (e.g. a BYE): answer 200 at once.
    if (msg.isRequest && msg.method !== 'ACK') {
      const h: Array<[string, string]> = msg.headerAll('Via').map((v): [string, string] => ['Via', v]);
      h.push(
        ['From', msg.header('From') ?? ''],
        ['To', msg.header('To') ?? ''],
        ['Call-ID', msg.header('Call-ID') ?? ''],
        ['CSeq', msg.header('CSeq') ?? ''],
      );
      send(buildMessage('SIP/2.0 200 OK', h));
    }
    const i = waiters.findIndex((w) => w.pred(msg));
    if (i >= 0) waiters.splice(i, 1)[0]?.resolve(msg);
    else inbox.push(msg);
  });
  const next = (pred: (m: SipMessage) => boolean, what: string, timeoutMs: number): Promise<SipMessage> => {
    const i = inbox.findIndex(pred);
    if (i >= 0) return Promise.resolve(inbox.splice(i, 1)[0] as SipMessage);
    return new Promise((resolve, reject) => {
      const w = {
        pred,
        resolve: (m: SipMessage) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(w), 1);
        reject(new Error(`SIP UDP UA: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      waiters.push(w);
    });
  };
  const finalReply = (callId: string, cseq: string) => (m: SipMessage) =>
    !m.isRequest && m.status >= 200 && m.header('Call-ID') === callId && m.header('CSeq') === cseq;
  const via = (): string => `SIP/2.0/UDP 127.0.0.1:${port};rport;branch=z9hG4bK${randomToken()}`;
  const contact = `<sip:${opts.user}@127.0.0.1:${port};transport=udp>`;

  return {
    port,
    async call(target, timeoutMs = 5_000) {
      const callId = randomToken(10);
      const ruri = `sip:${target}@${domain}`;
      const from = `<sip:${opts.user}@${domain}>;tag=${randomToken()}`;
      const sdp = [
        'v=0',
        'o=- 1 1 IN IP4 127.0.0.1',
        's=-',
        'c=IN IP4 127.0.0.1',
        't=0 0',
        'm=audio 9 RTP/AVP 0 101',
        'a=rtpmap:0 PCMU/8000',
        'a=rtpmap:101 telephone-event/8000',
        'a=sendrecv',
        '',
      ].join('\r\n');
      const invite = (cseq: number, v: string, auth?: string): void => {
        const h: Array<[string, string]> = [
          ['Via', v],
          ['Max-Forwards', '70'],
          ['To', `<${ruri}>`],
          ['From', from],
          ['Call-ID', callId],
          ['CSeq', `${cseq} INVITE`],
          ['Contact', contact],
        ];
        if (auth) h.push(['Proxy-Authorization', auth]);
        h.push(['Content-Type', 'application/sdp']);
        send(buildMessage(`INVITE ${ruri} SIP/2.0`, h, sdp));
      };
      const via1 = via();
      invite(1, via1);
      const r1 = await next(finalReply(callId, '1 INVITE'), 'reply to INVITE 1', timeoutMs);
      send(
        buildMessage(`ACK ${ruri} SIP/2.0`, [
          ['Via', via1],
          ['Max-Forwards', '70'],
          ['To', r1.header('To') ?? ''],
          ['From', from],
          ['Call-ID', callId],
          ['CSeq', '1 ACK'],
        ]),
      );
      if (r1.status !== 407) throw new Error(`expected 407 to the first INVITE, got ${r1.status}`);
      const auth = digestAuthorization({
        challenge: r1.header('Proxy-Authenticate') ?? '',
        method: 'INVITE',
        uri: ruri,
        username: opts.user,
        password: opts.password,
      });
      invite(2, via(), auth);
      const ok = await next(finalReply(callId, '2 INVITE'), 'final reply to INVITE 2', timeoutMs);
      if (ok.status !== 200) throw new Error(`call to ${target} failed: ${ok.status}`);
      const to = ok.header('To') ?? '';
      const target2 = uriOf(ok.header('Contact'));
      const routes = ok.headerAll('Record-Route').reverse();
      let cseq = 2;
      const inDialog = (
        method: string,
        seq: number,
        extra: Array<[string, string]> = [],
        body = '',
      ): void => {
        send(
          buildMessage(
            `${method} ${target2} SIP/2.0`,
            [
              ['Via', via()],
              ['Max-Forwards', '70'],
              ...routes.map((r): [string, string] => ['Route', r]),
              ['To', to],
              ['From', from],
              ['Call-ID', callId],
              ['CSeq', `${seq} ${method}`],
              ['Contact', contact],
              ...extra,
            ],
            body,
          ),
        );
      };
      inDialog('ACK', 2);
      const request: UdpDialog['request'] = async (method, o = {}) => {
        cseq++;
        const extra: Array<[string, string]> = o.contentType ? [['Content-Type', o.contentType]] : [];
        inDialog(method, cseq, extra, o.body ?? '');
        return next(finalReply(callId, `${cseq} ${method}`), `final reply to ${method} ${cseq}`, timeoutMs);
      };
      return {
        callId,
        request,
        async sendInfoDtmf(digits, durationMs = 160) {
          for (const d of digits) {
            const r = await request('INFO', {
              contentType: 'application/dtmf-relay',
              body: `Signal=${d}\r\nDuration=${durationMs}\r\n`,
            });
            if (r.status !== 200) throw new Error(`INFO ${d} answered ${r.status}`);
          }
        },
        async hangUp() {
          return (await request('BYE')).status;
        },
      };
    },
    close: () => sock.close(),
  };
}
