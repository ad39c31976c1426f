import type { Registerer } from 'sip.js';
import type { AttemptResult } from './reconnect';

// One REGISTER (with its digest challenge, which SIP.js answers by itself),
// bounded in time. Two deadlines, because two things can go wrong:
// - nothing at all comes back (a PBX still starting accepts the WebSocket but
//   drops the request): judged on the first answer of any kind, within a few
//   round trips of the connection;
// - the exchange starts but never completes.
// Either way SIP.js's Registerer stays "waiting" for its lost request for 32 s
// and refuses to send another, so the caller replaces it after a timeout.

export interface RegisterOnceOptions {
  /** Counts SIP messages received on the connection so far. */
  inboundCount(): number;
  /** Without any answer within this, the attempt is 'no-answer'. */
  answerWithinMs?: number;
  /** Without a final outcome within this, the attempt is 'retry'. */
  completeWithinMs: number;
  /** The PBX answered with a failure (the credentials, or anything else). */
  onRefused(code: number, reason: string): void;
}

export type RegisterOutcome = AttemptResult | 'timed-out';

export function registerOnce(registerer: Registerer, options: RegisterOnceOptions): Promise<RegisterOutcome> {
  return new Promise<RegisterOutcome>((resolve) => {
    const timers: ReturnType<typeof setTimeout>[] = [];
    let settled = false;
    const done = (result: RegisterOutcome) => {
      if (settled) return;
      settled = true;
      timers.forEach(clearTimeout);
      resolve(result);
    };
    const before = options.inboundCount();
    if (options.answerWithinMs !== undefined) {
      timers.push(
        setTimeout(() => {
          if (options.inboundCount() === before) done('no-answer');
        }, options.answerWithinMs),
      );
    }
    timers.push(setTimeout(() => done('timed-out'), options.completeWithinMs));
    registerer
      .register({
        requestDelegate: {
          onAccept: () => done('registered'),
          onReject: (response) => {
            const code = response.message.statusCode ?? 0;
            options.onRefused(code, response.message.reasonPhrase ?? '');
            done(code === 401 || code === 403 || code === 407 ? 'auth-failed' : 'retry');
          },
        },
      })
      .catch(() => done('retry'));
  });
}

/**
 * How long to wait for the first answer to a REGISTER on a fresh connection:
 * a few times what opening it took (TCP, TLS and the upgrade are about three
 * round trips), never under half a second or over four.
 */
export function firstAnswerWindow(connectMs: number | undefined): number {
  if (connectMs === undefined) return 2000;
  return Math.min(4000, Math.max(500, Math.round(connectMs * 4)));
}
