import type { Core, UserAgent } from 'sip.js';

// One REGISTER exchange over SIP.js's core (which answers the digest
// challenge by itself), with every outcome reported, refreshes included.
// SIP.js's Registerer is not used: it schedules its own refreshes, drops
// their outcome, goes silently to Unregistered on a failed refresh (SIP.js
// issue #1071), refuses to send while a lost request is pending for 32 s,
// and turns expires=0 or garbage from a registrar into a REGISTER storm.

export type RegisterResult =
  /** `expires`: what the registrar granted our contact; null when it granted nothing usable. */
  | { kind: 'ok'; expires: number | null }
  | { kind: 'refused'; code: number; reason: string; retryAfterS?: number; minExpiresS?: number }
  /** Nothing came back at all within a few round trips of the connection. */
  | { kind: 'no-answer' }
  /** The exchange began (a challenge came back) but never finished. */
  | { kind: 'timed-out' }
  /** The connection went away while the REGISTER was out. */
  | { kind: 'dropped' };

export interface SendOptions {
  /** Counts SIP messages received on the connection: proof that the server answers. */
  inboundCount(): number;
  answerWithinMs: number;
  completeWithinMs: number;
}

const ALLOW = 'ACK,CANCEL,INVITE,MESSAGE,BYE,OPTIONS,INFO,NOTIFY,REFER';

export class RegisterClient {
  private readonly request: Core.OutgoingRequestMessage;
  /** Settles the REGISTER in flight, if any. */
  private settlePending: ((result: RegisterResult) => void) | null = null;
  constructor(
    private readonly ua: UserAgent,
    private readonly identity: { regId: number; instanceId: string },
  ) {
    const core = ua.userAgentCore;
    const registrar = ua.configuration.uri.clone();
    registrar.user = undefined;
    // One Call-ID for every registration to this registrar, CSeq going up (RFC 3261 §10.2).
    this.request = core.makeOutgoingRequestMessage(
      'REGISTER',
      registrar,
      core.configuration.aor,
      ua.configuration.uri,
      {},
      [],
      undefined,
    );
  }

  /** Resolves once, with the first of: the answer, no answer in time, no end in time. */
  send(expires: number, options: SendOptions): Promise<RegisterResult> {
    this.request.cseq++;
    this.request.setHeader('cseq', `${this.request.cseq} REGISTER`);
    this.request.extraHeaders = [`Contact: ${this.contact(expires)}`, `Allow: ${ALLOW}`];
    return new Promise<RegisterResult>((resolve) => {
      const timers: ReturnType<typeof setTimeout>[] = [];
      let settled = false;
      const done = (result: RegisterResult) => {
        if (settled) return;
        settled = true;
        timers.forEach(clearTimeout);
        if (this.settlePending === done) this.settlePending = null;
        resolve(result);
      };
      this.settlePending = done;
      const before = options.inboundCount();
      timers.push(
        setTimeout(() => {
          if (options.inboundCount() === before) done({ kind: 'no-answer' });
        }, options.answerWithinMs),
        setTimeout(() => done({ kind: 'timed-out' }), options.completeWithinMs),
      );
      try {
        this.ua.userAgentCore.register(this.request, {
          onAccept: (response) => done({ kind: 'ok', expires: this.grantedExpires(response.message) }),
          onReject: (response) => done(refusal(response.message)),
          onRedirect: (response) => done(refusal(response.message)),
        });
      } catch {
        // The transport is gone: the loop will open a new one.
        done({ kind: 'no-answer' });
      }
    });
  }

  /** The socket closed under the REGISTER in flight: no answer can come on it any more. */
  abandon(): void {
    this.settlePending?.({ kind: 'dropped' });
  }

  /** Removes our binding (expires=0) on the way out; best effort, never waits long. */
  unregister(): Promise<void> {
    return this.send(0, { inboundCount: () => 0, answerWithinMs: 1000, completeWithinMs: 1000 }).then(
      () => undefined,
    );
  }

  private contact(expires: number): string {
    // What SIP.js's Registerer would send: our contact, reg-id with a stable
    // +sip.instance (so the PBX replaces our old contact), and the interval.
    const { regId, instanceId } = this.identity;
    const base = this.ua.contact.toString({ register: true });
    return `${base};reg-id=${regId};+sip.instance="<urn:uuid:${instanceId}>";expires=${expires}`;
  }

  /** The interval the registrar granted our contact (RFC 3261 §10.2.4), else the Expires header. */
  private grantedExpires(message: Core.IncomingResponseMessage): number | null {
    const ours = this.ua.contact.uri.user;
    const count = message.getHeaders('contact').length;
    for (let index = 0; index < count; index++) {
      const contact = message.parseHeader('contact', index) as
        { uri: { user?: string }; getParam(name: string): string | undefined } | undefined;
      if (contact && contact.uri.user === ours) return seconds(contact.getParam('expires'));
    }
    return seconds(message.getHeader('expires'));
  }
}

function refusal(message: Core.IncomingResponseMessage): RegisterResult {
  const code = message.statusCode ?? 0;
  const retryAfterS = seconds(message.getHeader('retry-after')?.split(/[\s;(]/)[0]);
  const minExpiresS = seconds(message.getHeader('min-expires'));
  return {
    kind: 'refused',
    code,
    reason: message.reasonPhrase ?? '',
    ...(retryAfterS !== null ? { retryAfterS } : {}),
    ...(minExpiresS !== null ? { minExpiresS } : {}),
  };
}

/** A whole number of seconds from a header, or null for anything else ("", "abc", "-5", "1e9x"). */
export function seconds(value: string | undefined): number | null {
  if (value === undefined || !/^\s*\d{1,10}\s*$/.test(value)) return null;
  return Number(value);
}
