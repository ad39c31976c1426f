import { Subscriber, SubscriptionState, UserAgent, type Notification } from 'sip.js';
import { DialogInfoTracker, type DialogSummary } from './dialog-info';
import { parsePidf, type PresenceState } from './pidf';

// One subscription of one lamp: `dialog` or `presence` to one target. It
// keeps what the last NOTIFY said and, when the PBX refuses or ends the
// subscription, tries again later with exponential backoff and jitter, so a
// board of fifty refused lamps costs the PBX a handful of requests an hour.
//
// SIP.js does not tell a subscriber why its SUBSCRIBE was refused (489 Bad
// Event, 404, 403 and a Timer N timeout all end as Terminated), so "ended
// before any NOTIFY" counts as refused, whatever the code.

const PACKAGES = {
  dialog: 'application/dialog-info+xml',
  presence: 'application/pidf+xml',
} as const;

export type LampPackage = keyof typeof PACKAGES;

/** The first retry after a refusal; doubles with each further one. */
export const RETRY_FIRST_MS = 30_000;
export const RETRY_MAX_MS = 15 * 60_000;
/** A subscription that worked and then ended is asked again sooner: the PBX knows the package. */
export const RESUBSCRIBE_FIRST_MS = 5_000;

export class LampChannel {
  private subscriber: Subscriber | null = null;
  private notified = false;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly dialogs = new DialogInfoTracker();
  private presence: PresenceState | undefined;

  constructor(
    readonly eventPackage: LampPackage,
    private readonly onChange: () => void,
    private readonly random: () => number = Math.random,
  ) {}

  /** The PBX accepted this subscription and has sent at least one NOTIFY. */
  get subscribed(): boolean {
    return this.subscriber !== null && this.notified;
  }

  get dialogSummary(): DialogSummary | undefined {
    return this.subscribed ? this.dialogs.summary : undefined;
  }

  get presenceState(): PresenceState | undefined {
    return this.subscribed ? this.presence : undefined;
  }

  /** Subscribe now (any earlier subscription or pending retry is dropped). */
  open(ua: UserAgent, uri: string, expiresS: number): void {
    this.close(false);
    const target = UserAgent.makeURI(uri);
    if (!target) return;
    const subscriber = new Subscriber(ua, target, this.eventPackage, {
      expires: expiresS,
      extraHeaders: [`Accept: ${PACKAGES[this.eventPackage]}`],
    });
    subscriber.delegate = { onNotify: (notification) => this.onNotify(subscriber, notification) };
    subscriber.stateChange.addListener((state) => {
      if (state !== SubscriptionState.Terminated || this.subscriber !== subscriber) return;
      subscriber.dispose().catch(() => undefined);
      this.ended(ua, uri, expiresS);
    });
    this.subscriber = subscriber;
    subscriber.subscribe().catch(() => undefined);
  }

  /**
   * Drop the subscription and any pending retry. `unsubscribe` sends the
   * un-SUBSCRIBE; after a lost connection it would go nowhere, and the
   * PBX's copy simply expires.
   */
  close(unsubscribe: boolean): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const subscriber = this.subscriber;
    const wasShowing = this.subscribed;
    this.subscriber = null;
    this.forget();
    if (subscriber) {
      if (!unsubscribe) subscriber.delegate = undefined;
      subscriber.dispose().catch(() => undefined);
    }
    if (wasShowing) this.onChange();
  }

  private onNotify(subscriber: Subscriber, notification: Notification): void {
    // Never throw into SIP.js: the body is read defensively and the NOTIFY always answered.
    notification.accept().catch(() => undefined);
    if (this.subscriber !== subscriber) return;
    const first = !this.notified;
    this.notified = true;
    this.failures = 0;
    const body = notification.request.body;
    let changed = first;
    if (this.eventPackage === 'dialog') changed = this.dialogs.apply(body) || changed;
    else {
      const state = parsePidf(body) ?? undefined;
      if (state !== undefined && state !== this.presence) {
        this.presence = state;
        changed = true;
      }
    }
    if (changed) this.onChange();
  }

  private ended(ua: UserAgent, uri: string, expiresS: number): void {
    const refused = !this.notified;
    const wasShowing = this.subscribed;
    this.subscriber = null;
    this.forget();
    this.failures += 1;
    const first = refused ? RETRY_FIRST_MS : RESUBSCRIBE_FIRST_MS;
    const base = Math.min(RETRY_MAX_MS, first * 2 ** (this.failures - 1));
    const wait = Math.round(base * (0.8 + this.random() * 0.4));
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.open(ua, uri, expiresS);
    }, wait);
    if (wasShowing) this.onChange();
  }

  private forget(): void {
    this.notified = false;
    this.presence = undefined;
    this.dialogs.reset();
  }
}
