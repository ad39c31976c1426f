import { describeConnectionLost, describeSipResponse } from './errors';
import type { RegisterResult } from './register-client';
import type { AttemptResult } from './reconnect';

// What to do with the outcome of one REGISTER, as a pure function, so every
// fault a registrar can throw at the phone is unit-tested without a network.

/** What the phone asks for; Asterisk's default maximum is 3600, its default 3600. */
export const REQUESTED_EXPIRES_S = 300;
/** No refresh comes sooner than this, whatever the registrar grants: no REGISTER storm. */
export const MIN_REFRESH_MS = 2000;
/** A Min-Expires above a day is not a minimum anyone means. */
const MAX_EXPIRES_S = 86_400;
/** Credentials refused this many times in a row, after having worked, end the loop. */
export const AUTH_REFUSALS_TO_STOP = 3;

export interface RegistrationContext {
  /** These credentials were accepted by this server earlier in this run. */
  everRegistered: boolean;
  /** Credential refusals in a row so far (before this one). */
  authRefusals: number;
  /** The interval this REGISTER asked for. */
  requestedExpires: number;
}

export type Decision =
  /** Refresh at about half the granted interval, as desk phones do: one lost answer never lets the binding lapse. */
  | { kind: 'registered'; refreshInMs: number }
  /** Ask again at once with a longer interval (423 Interval Too Brief). */
  | { kind: 'again'; expires: number }
  | { kind: 'retry'; message: string; detail: string; then: AttemptResult; authRefusal?: boolean }
  | { kind: 'stop'; message: string; detail: string };

export function decide(result: RegisterResult, context: RegistrationContext): Decision {
  switch (result.kind) {
    case 'ok':
      if (result.expires === null || result.expires <= 0) {
        return retry(
          'The phone server accepted the registration but granted it no time. Trying again.',
          `200 OK with expires=${result.expires ?? 'missing or not a number'}`,
        );
      }
      return { kind: 'registered', refreshInMs: Math.max(MIN_REFRESH_MS, result.expires * 500) };
    case 'no-answer':
      return {
        kind: 'retry',
        message: 'The phone server accepted the connection but did not answer the registration.',
        detail: 'No answer to REGISTER',
        then: 'no-answer',
      };
    case 'timed-out':
      return retry(
        describeSipResponse(408, 'Request Timeout', 'register'),
        'REGISTER did not complete in time',
      );
    case 'dropped':
      return retry(describeConnectionLost(), 'The connection closed during REGISTER');
    case 'refused':
      return refused(result, context);
  }
}

function refused(
  result: Extract<RegisterResult, { kind: 'refused' }>,
  context: RegistrationContext,
): Decision {
  const { code, reason } = result;
  const detail = `REGISTER answered ${code} ${reason}`.trim();
  const message = describeSipResponse(code, reason, 'register');
  if (code === 423) {
    const minimum = result.minExpiresS;
    if (minimum !== undefined && minimum > context.requestedExpires && minimum <= MAX_EXPIRES_S) {
      return { kind: 'again', expires: minimum };
    }
    return retry(
      'The phone server asked for a registration interval it then refused.',
      `${detail}; Min-Expires ${minimum ?? 'missing'}`,
    );
  }
  if (code === 401 || code === 403 || code === 407) {
    // A password that worked minutes ago is more likely a passing fault than a wrong one.
    const final = !context.everRegistered || context.authRefusals + 1 >= AUTH_REFUSALS_TO_STOP;
    if (final) return { kind: 'stop', message, detail };
    return { kind: 'retry', message, detail, then: 'retry', authRefusal: true };
  }
  if (code === 408 || code === 429 || code >= 500) {
    const waitMs = result.retryAfterS !== undefined ? result.retryAfterS * 1000 : undefined;
    if (code >= 600 && !context.everRegistered) return { kind: 'stop', message, detail };
    return {
      kind: 'retry',
      message,
      detail,
      then: waitMs !== undefined ? { retryAfterMs: waitMs } : 'retry',
    };
  }
  // Other refusals (404 unknown account, 400 malformed…) are the settings' fault on a
  // first registration; after one that worked, the server's.
  if (!context.everRegistered) return { kind: 'stop', message, detail };
  return retry(message, detail);
}

function retry(message: string, detail: string): Decision {
  return { kind: 'retry', message, detail, then: 'retry' };
}
