import type { Registerer } from 'sip.js';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { firstAnswerWindow, registerOnce } from './register-once';

type Delegate = {
  onAccept(): void;
  onReject(response: { message: { statusCode: number; reasonPhrase: string } }): void;
};

/** A Registerer whose REGISTER the test answers (or not). */
function fakeRegisterer() {
  let delegate: Delegate | undefined;
  const registerer = {
    register: vi.fn((options: { requestDelegate: Delegate }) => {
      delegate = options.requestDelegate;
      return Promise.resolve();
    }),
  } as unknown as Registerer;
  return { registerer, answer: () => delegate! };
}

describe('one bounded REGISTER', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const options = (inbound: { count: number }, refused = vi.fn()) => ({
    inboundCount: () => inbound.count,
    answerWithinMs: 500,
    completeWithinMs: 8000,
    onRefused: refused,
  });

  it('registered when the PBX accepts', async () => {
    const { registerer, answer } = fakeRegisterer();
    const result = registerOnce(registerer, options({ count: 0 }));
    answer().onAccept();
    await expect(result).resolves.toBe('registered');
  });

  it('no answer at all within the window: "no-answer" (a PBX still starting)', async () => {
    const { registerer } = fakeRegisterer();
    const result = registerOnce(registerer, options({ count: 3 }));
    await vi.advanceTimersByTimeAsync(500);
    await expect(result).resolves.toBe('no-answer');
  });

  it('a challenge arrived (something came back) but no final answer: "timed-out" after the long deadline', async () => {
    const { registerer } = fakeRegisterer();
    const inbound = { count: 0 };
    const result = registerOnce(registerer, options(inbound));
    inbound.count++; // the 401
    await vi.advanceTimersByTimeAsync(7999);
    let settled = false;
    void result.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await expect(result).resolves.toBe('timed-out');
  });

  it('credentials refused: "auth-failed"; any other refusal: "retry"; both reported', async () => {
    for (const [code, expected] of [
      [403, 'auth-failed'],
      [401, 'auth-failed'],
      [503, 'retry'],
    ] as const) {
      const { registerer, answer } = fakeRegisterer();
      const refused = vi.fn();
      const result = registerOnce(registerer, options({ count: 0 }, refused));
      answer().onReject({ message: { statusCode: code, reasonPhrase: 'No' } });
      await expect(result).resolves.toBe(expected);
      expect(refused).toHaveBeenCalledWith(code, 'No');
    }
  });

  it('waits a few round trips of the connection for the first answer, within bounds', () => {
    expect(firstAnswerWindow(5)).toBe(500);
    expect(firstAnswerWindow(300)).toBe(1200);
    expect(firstAnswerWindow(5000)).toBe(4000);
    expect(firstAnswerWindow(undefined)).toBe(2000);
  });
});
