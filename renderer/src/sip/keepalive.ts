// Detects a dead connection to the server. SIP.js 0.21's CRLF keep-alive only
// sends, it never checks that the server answered, so a half-open connection
// (the PBX host vanished, a NAT dropped the mapping, the laptop slept) would
// look healthy until the next REGISTER refresh minutes later. Instead, an
// OPTIONS request goes to the server every interval; any answer, even an
// error status, proves the server is there. No answer within the timeout
// means the connection is dead.

import { t } from '../i18n/i18n.svelte';

export interface KeepAliveOptions {
  /** Time between pings. */
  intervalMs: number;
  /** How long an unanswered ping may wait before the connection counts as dead. */
  timeoutMs: number;
  /** Sends one ping; resolves when anything came back, rejects when it could not be sent. */
  ping(): Promise<void>;
  /** Called once per start(), when a ping went unanswered or failed. */
  onDead(reason: string): void;
}

/** Interval 15 s + timeout 10 s: a dead connection is noticed within 25 s. */
export const KEEPALIVE_INTERVAL_MS = 15_000;
export const KEEPALIVE_TIMEOUT_MS = 10_000;

export class KeepAlive {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private round = 0;
  private running = false;

  constructor(private readonly options: KeepAliveOptions) {}

  get isRunning(): boolean {
    return this.running;
  }

  start(): void {
    this.stop();
    this.running = true;
    this.schedule();
  }

  /** Pings at once (after a resume or a network change) instead of at the next interval. */
  checkNow(): void {
    if (!this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.pingOnce();
  }

  stop(): void {
    this.running = false;
    // A ping still in flight belongs to an old round and is ignored when it settles.
    this.round++;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    this.timer = setTimeout(() => this.pingOnce(), this.options.intervalMs);
  }

  private pingOnce(): void {
    const round = ++this.round;
    let settled = false;
    const deadline = setTimeout(() => {
      if (settled || round !== this.round) return;
      settled = true;
      this.die(t('engine.keepaliveTimeout', { seconds: this.options.timeoutMs / 1000 }));
    }, this.options.timeoutMs);
    this.timer = deadline;
    this.options.ping().then(
      () => {
        if (settled || round !== this.round) return;
        settled = true;
        clearTimeout(deadline);
        this.schedule();
      },
      (error: unknown) => {
        if (settled || round !== this.round) return;
        settled = true;
        clearTimeout(deadline);
        this.die(
          t('engine.keepaliveFailed', { detail: error instanceof Error ? error.message : String(error) }),
        );
      },
    );
  }

  private die(reason: string): void {
    this.stop();
    this.options.onDead(reason);
  }
}
