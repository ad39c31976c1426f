import { Subscriber, SubscriptionState, UserAgent, type Notification } from 'sip.js';
import { parseMessageSummary, sameVoicemail, type VoicemailState } from './message-summary';

const EVENT = 'message-summary';
/** Asked of the PBX; SIP.js refreshes the subscription at 90 % of what the PBX grants. */
const SUBSCRIBE_EXPIRES_S = 600;
const RETRY_FIRST_MS = 30_000;
const RETRY_MAX_MS = 10 * 60_000;

/**
 * Waiting voicemail for the account: unsolicited message-summary NOTIFYs (Asterisk
 * sends them after each REGISTER to an AOR with mailboxes=), and, when the account
 * asks for it, a SUBSCRIBE for PBXes that only tell subscribers. The last known
 * state is kept across a reconnect: only the PBX clears it.
 */
export class VoicemailWatch {
  private current: VoicemailState | undefined;
  private subscribe = false;
  private subscriber: Subscriber | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = RETRY_FIRST_MS;
  private live = false;

  constructor(private readonly onChange: () => void) {}

  get state(): VoicemailState | undefined {
    return this.current ? { ...this.current } : undefined;
  }

  /** A new account (or the same one started again): forget the old mailbox. */
  configure(subscribe: boolean): void {
    this.stop();
    this.subscribe = subscribe;
    if (this.current) {
      this.current = undefined;
      this.onChange();
    }
  }

  /** Any NOTIFY outside a dialog. Only message-summary is ours; other packages get 489 Bad Event. */
  onNotification(notification: Notification): void {
    const event = (notification.request.getHeader('Event') ?? '').split(';')[0]!.trim().toLowerCase();
    if (event !== EVENT) {
      notification.reject({ statusCode: 489 }).catch(() => undefined);
      return;
    }
    notification.accept().catch(() => undefined);
    this.take(notification.request.body);
  }

  /** Registered (first time or again after a loss): subscribe anew if the account asks for it. */
  registered(ua: UserAgent, aor: string): void {
    this.live = true;
    if (!this.subscribe || this.subscriber) return;
    const target = UserAgent.makeURI(aor);
    if (!target) return;
    const subscriber = new Subscriber(ua, target, EVENT, {
      expires: SUBSCRIBE_EXPIRES_S,
      extraHeaders: ['Accept: application/simple-message-summary'],
    });
    subscriber.delegate = {
      onNotify: (notification) => {
        notification.accept().catch(() => undefined);
        this.take(notification.request.body);
      },
    };
    subscriber.stateChange.addListener((state) => {
      if (state !== SubscriptionState.Terminated || this.subscriber !== subscriber) return;
      // Refused or ended by the PBX: try again later, slower each time, never in a storm.
      this.subscriber = null;
      this.scheduleRetry(ua, aor);
    });
    this.subscriber = subscriber;
    subscriber
      .subscribe()
      .then(() => {
        if (this.subscriber === subscriber) this.retryMs = RETRY_FIRST_MS;
      })
      .catch(() => undefined);
  }

  /** The registration is gone (connection lost): the subscription's dialog is stale. */
  lost(): void {
    this.live = false;
    clearTimeout(this.retryTimer);
    this.drop(false);
  }

  /** Unregistered on purpose: end the subscription at the PBX too. */
  stop(): void {
    this.live = false;
    clearTimeout(this.retryTimer);
    this.retryMs = RETRY_FIRST_MS;
    this.drop(true);
  }

  private take(body: unknown): void {
    const next = parseMessageSummary(body);
    if (!next || sameVoicemail(next, this.current)) return;
    this.current = next;
    this.onChange();
  }

  private drop(unsubscribe: boolean): void {
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (!subscriber) return;
    // After a loss the un-SUBSCRIBE may go nowhere; the PBX's copy then simply expires.
    if (!unsubscribe) subscriber.delegate = undefined;
    subscriber.dispose().catch(() => undefined);
  }

  private scheduleRetry(ua: UserAgent, aor: string): void {
    clearTimeout(this.retryTimer);
    const wait = this.retryMs;
    this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs * 2);
    this.retryTimer = setTimeout(() => {
      if (this.live) this.registered(ua, aor);
    }, wait);
  }
}
