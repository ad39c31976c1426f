// The retry loop that owns every "not registered" state except two: the
// user stopped the phone, or the server refused the credentials (retrying a
// wrong password every few seconds would only lock the account on many
// PBXes). Free of SIP.js, so every path is unit-tested. A sign that the
// network is back (online, wake-up, unlock, "Retry now") skips the wait.

import { retryDelay } from './backoff';

/**
 * What one attempt (connect if needed, then REGISTER) came to.
 * - 'no-answer': the socket opened but the REGISTER got no answer at all, as
 *   while a PBX is still starting (Asterisk accepts WebSockets before its SIP
 *   stack is loaded): worth trying again very soon.
 * - { retryAfterMs }: the server said when to come back (Retry-After).
 * - 'stop': nothing to retry (wrong credentials, an account the server does not know).
 */
export type AttemptResult = 'registered' | 'stop' | 'retry' | 'no-answer' | { retryAfterMs: number };

/** After a 'no-answer', the next try comes this soon… */
export const NO_ANSWER_RETRY_MS = 300;
/** …this many times in a row at most; then the usual schedule. */
export const NO_ANSWER_QUICK_TRIES = 5;
/** A Retry-After longer than this is not believed: an hour of silence is worse than a few refused tries. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

export type ReconnectState =
  | { phase: 'idle' }
  /** `attempt` is the number of the next try; `nextAt` its epoch-ms time. */
  | { phase: 'waiting'; attempt: number; nextAt: number }
  | { phase: 'trying'; attempt: number }
  | { phase: 'stopped' };

export interface ReconnectorOptions {
  attempt(): Promise<AttemptResult>;
  onChange(state: ReconnectState): void;
  /** Delay before try `attempt`, `outageMs` into the outage; the schedule in backoff.ts by default. */
  delay?(attempt: number, outageMs: number): number;
  now?(): number;
}

export class Reconnector {
  private current: ReconnectState = { phase: 'idle' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by stop() and success, so an attempt that settles late changes nothing. */
  private epoch = 0;
  /** When the schedule began; a nudge starts it over, the attempt count goes on. */
  private since = 0;
  /** 'no-answer' results in a row. */
  private unanswered = 0;

  constructor(private readonly options: ReconnectorOptions) {}

  get state(): ReconnectState {
    return this.current;
  }

  /** Not registered any more (or never yet): start trying, unless already doing so. */
  lost(firstDelayMs?: number): void {
    if (this.current.phase === 'waiting' || this.current.phase === 'trying') return;
    this.since = this.now();
    this.unanswered = 0;
    this.wait(1, firstDelayMs);
  }

  /** Try now: the first attempt, or a sign that the network is back, or the user's "Retry now". */
  tryNow(): void {
    if (this.current.phase === 'trying') return;
    const attempt = this.current.phase === 'waiting' ? this.current.attempt : 1;
    // The network may need a moment more than the event suggests: should this
    // try fail, the next ones come quickly again.
    this.since = this.now();
    this.unanswered = 0;
    this.run(attempt);
  }

  /** Only while waiting: online, resume, unlock. */
  nudge(): void {
    if (this.current.phase === 'waiting') this.tryNow();
  }

  succeeded(): void {
    this.reset({ phase: 'idle' });
  }

  stop(): void {
    this.reset({ phase: 'idle' });
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private reset(state: ReconnectState): void {
    this.epoch++;
    this.clearTimer();
    this.set(state);
  }

  private wait(attempt: number, delayMs?: number): void {
    this.clearTimer();
    const delay = delayMs ?? (this.options.delay ?? retryDelay)(attempt, this.now() - this.since);
    this.set({ phase: 'waiting', attempt, nextAt: this.now() + delay });
    this.timer = setTimeout(() => this.run(attempt), delay);
  }

  private run(attempt: number): void {
    this.clearTimer();
    const epoch = ++this.epoch;
    this.set({ phase: 'trying', attempt });
    this.options
      .attempt()
      .catch((): AttemptResult => 'retry')
      .then((result) => {
        if (epoch !== this.epoch) return;
        if (result === 'registered') this.reset({ phase: 'idle' });
        else if (result === 'stop') this.reset({ phase: 'stopped' });
        else if (typeof result === 'object') {
          this.unanswered = 0;
          this.wait(attempt + 1, Math.min(Math.max(0, result.retryAfterMs), MAX_RETRY_AFTER_MS));
        } else {
          this.unanswered = result === 'no-answer' ? this.unanswered + 1 : 0;
          const quickly = this.unanswered > 0 && this.unanswered <= NO_ANSWER_QUICK_TRIES;
          this.wait(attempt + 1, quickly ? NO_ANSWER_RETRY_MS : undefined);
        }
      });
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private set(state: ReconnectState): void {
    this.current = state;
    this.options.onChange(state);
  }
}
