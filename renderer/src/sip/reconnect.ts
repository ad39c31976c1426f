// The reconnection state machine, free of SIP.js so every path is unit-tested.
// After a registered connection drops, the phone keeps trying on a backoff
// schedule instead of showing a failure; a sign that the network is back
// (the browser went online, the computer woke up or was unlocked) skips the
// wait. A refusal of the credentials stops the loop: retrying a wrong password
// every few seconds would only lock the account on many PBXes.

import { backoffDelay } from './backoff';

/**
 * What one attempt (reconnect the socket, then REGISTER) came to.
 * 'no-answer': the socket opened but the REGISTER got no answer at all, as
 * while a PBX is still starting (Asterisk accepts WebSockets before its SIP
 * stack is loaded): worth trying again very soon.
 */
export type AttemptResult = 'registered' | 'auth-failed' | 'retry' | 'no-answer';

/** After a 'no-answer', the next try comes this soon… */
export const NO_ANSWER_RETRY_MS = 300;
/** …this many times in a row at most; then the usual schedule. */
export const NO_ANSWER_QUICK_TRIES = 5;

export type ReconnectState =
  | { phase: 'idle' }
  /** `attempt` is the number of the next try; `nextAt` its epoch-ms time. */
  | { phase: 'waiting'; attempt: number; nextAt: number }
  | { phase: 'trying'; attempt: number }
  | { phase: 'gave-up'; reason: 'auth' };

export interface ReconnectorOptions {
  attempt(): Promise<AttemptResult>;
  onChange(state: ReconnectState): void;
  /** Delay before try number `attempt`; the backoff schedule by default. */
  delay?(attempt: number): number;
  now?(): number;
}

export class Reconnector {
  private current: ReconnectState = { phase: 'idle' };
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by stop() and succeeded(), so an attempt that settles late changes nothing. */
  private epoch = 0;
  /** Position in the backoff schedule; a nudge starts it over, the attempt count goes on. */
  private step = 0;
  /** 'no-answer' results in a row. */
  private unanswered = 0;

  constructor(private readonly options: ReconnectorOptions) {}

  get state(): ReconnectState {
    return this.current;
  }

  /** The connection dropped (or was found dead): start trying, unless already doing so. */
  lost(): void {
    if (this.current.phase === 'waiting' || this.current.phase === 'trying') return;
    this.step = 0;
    this.unanswered = 0;
    this.wait(1);
  }

  /** The network is probably back: try at once instead of waiting out the delay. */
  nudge(): void {
    if (this.current.phase !== 'waiting') return;
    // The network may need a moment more than the event suggests: should this
    // try fail, the next ones come quickly again (0.5 s, 1 s …).
    this.step = 0;
    this.tryNow(this.current.attempt);
  }

  /** Registered by another path (e.g. a fresh start): nothing left to do. */
  succeeded(): void {
    this.reset({ phase: 'idle' });
  }

  stop(): void {
    this.reset({ phase: 'idle' });
  }

  private reset(state: ReconnectState): void {
    this.epoch++;
    this.clearTimer();
    this.set(state);
  }

  private wait(attempt: number, quickly = false): void {
    this.clearTimer();
    const delay = quickly ? NO_ANSWER_RETRY_MS : (this.options.delay ?? backoffDelay)(++this.step);
    const now = (this.options.now ?? Date.now)();
    this.set({ phase: 'waiting', attempt, nextAt: now + delay });
    this.timer = setTimeout(() => this.tryNow(attempt), delay);
  }

  private tryNow(attempt: number): void {
    this.clearTimer();
    const epoch = this.epoch;
    this.set({ phase: 'trying', attempt });
    this.options
      .attempt()
      .catch((): AttemptResult => 'retry')
      .then((result) => {
        if (epoch !== this.epoch) return;
        if (result === 'registered') this.reset({ phase: 'idle' });
        else if (result === 'auth-failed') this.reset({ phase: 'gave-up', reason: 'auth' });
        else {
          this.unanswered = result === 'no-answer' ? this.unanswered + 1 : 0;
          this.wait(attempt + 1, this.unanswered > 0 && this.unanswered <= NO_ANSWER_QUICK_TRIES);
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
