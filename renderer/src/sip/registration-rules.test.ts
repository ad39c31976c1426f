import { describe, expect, it } from 'vitest';
import {
  AUTH_REFUSALS_TO_STOP,
  decide,
  MIN_REFRESH_MS,
  type RegistrationContext,
} from './registration-rules';
import { seconds } from './register-client';

const fresh: RegistrationContext = { everRegistered: false, authRefusals: 0, requestedExpires: 300 };
const known: RegistrationContext = { ...fresh, everRegistered: true };
const refused = (code: number, extra: { retryAfterS?: number; minExpiresS?: number } = {}) =>
  ({ kind: 'refused', code, reason: 'X', ...extra }) as const;

describe('what one REGISTER outcome leads to', () => {
  it('registered: refresh at half the granted interval, never sooner than 2 s', () => {
    expect(decide({ kind: 'ok', expires: 300 }, fresh)).toEqual({ kind: 'registered', refreshInMs: 150_000 });
    expect(decide({ kind: 'ok', expires: 4 }, fresh)).toEqual({
      kind: 'registered',
      refreshInMs: MIN_REFRESH_MS,
    });
    expect(decide({ kind: 'ok', expires: 1 }, fresh)).toEqual({
      kind: 'registered',
      refreshInMs: MIN_REFRESH_MS,
    });
  });

  it('a registrar that grants zero or garbage is retried on the schedule, never in a storm', () => {
    for (const expires of [0, null]) {
      expect(decide({ kind: 'ok', expires }, known)).toMatchObject({ kind: 'retry', then: 'retry' });
    }
  });

  it('503/500/504/408 are retried, after Retry-After when the server gives one', () => {
    expect(decide(refused(503, { retryAfterS: 5 }), known)).toMatchObject({
      kind: 'retry',
      then: { retryAfterMs: 5000 },
    });
    for (const code of [500, 504, 408]) expect(decide(refused(code), fresh)).toMatchObject({ then: 'retry' });
    expect(decide(refused(503), fresh).kind).toBe('retry');
  });

  it('423 asks again at once with the Min-Expires, unless that is no minimum at all', () => {
    expect(decide(refused(423, { minExpiresS: 600 }), fresh)).toEqual({ kind: 'again', expires: 600 });
    expect(decide(refused(423, { minExpiresS: 300 }), fresh).kind).toBe('retry');
    expect(decide(refused(423, { minExpiresS: 10_000_000 }), fresh).kind).toBe('retry');
    expect(decide(refused(423), fresh).kind).toBe('retry');
  });

  it('wrong credentials stop at once on a first registration, and only after 3 in a row once they had worked', () => {
    for (const code of [401, 403, 407]) {
      expect(decide(refused(code), fresh)).toMatchObject({
        kind: 'stop',
        message: /Wrong user name or password/,
      });
    }
    expect(decide(refused(403), known)).toMatchObject({ kind: 'retry', authRefusal: true });
    expect(decide(refused(403), { ...known, authRefusals: AUTH_REFUSALS_TO_STOP - 1 }).kind).toBe('stop');
  });

  it('settings problems (404, 400) stop a first registration; after one that worked they are retried', () => {
    expect(decide(refused(404), fresh).kind).toBe('stop');
    expect(decide(refused(400), fresh).kind).toBe('stop');
    expect(decide(refused(404), known).kind).toBe('retry');
  });

  it('no answer at all is retried very soon; an exchange that never ends, on the schedule', () => {
    expect(decide({ kind: 'no-answer' }, known)).toMatchObject({ kind: 'retry', then: 'no-answer' });
    expect(decide({ kind: 'timed-out' }, known)).toMatchObject({ kind: 'retry', then: 'retry' });
  });

  it('reads only whole seconds from headers', () => {
    expect(seconds('5')).toBe(5);
    expect(seconds(' 3600 ')).toBe(3600);
    for (const junk of [undefined, '', 'abc', '-5', '1e9', '2.5', '99999999999'])
      expect(seconds(junk)).toBeNull();
  });
});
