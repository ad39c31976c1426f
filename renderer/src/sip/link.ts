import { UserAgent, UserAgentState, type Invitation, type Message, type Notification } from 'sip.js';
import type { SessionDescriptionHandlerFactory } from 'sip.js';
import { describeConnectionLost, describeTransportFailure } from './errors';
import { stableInstanceId } from './instance-id';
import { KEEPALIVE_INTERVAL_MS, KEEPALIVE_TIMEOUT_MS, KeepAlive } from './keepalive';
import { Reconnector, type AttemptResult, type ReconnectState } from './reconnect';
import { RegisterClient } from './register-client';
import { decide, REQUESTED_EXPIRES_S } from './registration-rules';
import { installDigestKeys } from './digest-keys';
import { countInbound, firstAnswerWindow, pingServer, withTimeout } from './link-helpers';
import { buildUserAgentOptions } from './ua-options';
import type { EngineConfig, LogConnector, RegistrationState, TransportDiagnoser } from './types';

/** A REGISTER exchange that has begun but not ended within this counts as failed. */
const EXCHANGE_TIMEOUT_MS = 8000;

export interface LinkHooks {
  diagnose: TransportDiagnoser;
  onStatus(state: RegistrationState): void;
  onInvite(invitation: Invitation): void;
  /** A NOTIFY outside any subscription of ours (Asterisk's unsolicited message-summary). */
  onNotify(notification: Notification): void;
  /** A MESSAGE outside any call (text from a colleague). */
  onMessage?(message: Message): void;
  /** Receives SIP.js log lines, for the support bundle's SIP trace. */
  logConnector?: LogConnector;
  /** Makes each call's media handler: the warm standby path. */
  descriptionHandlers?: SessionDescriptionHandlerFactory;
}

/**
 * The phone's signalling: one UserAgent, its registration and its refreshes,
 * the keep-alive that notices a dead connection, and one retry loop that owns
 * every state other than Registered, stopped, and wrong credentials: a dropped
 * socket, a refused or unanswered refresh, a first REGISTER that failed.
 * Calls are not touched: UserAgent.reconnect() opens a new socket under the
 * same UserAgent, so every session and dialog survives.
 */
export class SignallingLink {
  ua: UserAgent | null = null;
  domain = '';
  private client: RegisterClient | null = null;
  private generation = 0;
  private status: RegistrationState = { status: 'unregistered' };
  private keepAlive: KeepAlive | null = null;
  private loop: Reconnector | null = null;
  private config: EngineConfig | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  /** SIP messages received on the current UserAgent: proof that the server answers. */
  private inbound = 0;
  /** Accepted by this server during this run: later refusals are more likely passing faults. */
  private everRegistered = false;
  private authRefusals = 0;
  private expires = REQUESTED_EXPIRES_S;
  /** How long the last REGISTER took to be answered: the yardstick for a refresh's answer window. */
  private lastExchangeMs: number | undefined;
  /** Why the phone is not registered, for the banner while the loop waits. */
  private problem: { message: string; detail: string } | null = null;
  /** Tries in a row that could not open a socket at all. */
  private connectFailures = 0;

  constructor(private readonly hooks: LinkHooks) {}

  get registration(): RegistrationState {
    return this.status;
  }

  async start(config: EngineConfig): Promise<void> {
    await this.stop();
    const generation = ++this.generation;
    this.config = config;
    this.everRegistered = false;
    this.connectFailures = 0;
    this.lastExchangeMs = undefined;
    this.authRefusals = 0;
    this.expires = REQUESTED_EXPIRES_S;
    this.problem = null;
    const { user, domain, ...uaOptions } = buildUserAgentOptions(config);
    this.domain = domain;
    this.set({ status: 'connecting' });
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (!uri) throw new Error(`"${config.sipAddress}" is not a SIP address (user@domain).`);
    const instanceId = stableInstanceId(config.sipAddress);
    const ua = new UserAgent({
      ...uaOptions,
      // The last SIP messages go to the support bundle's trace (SIP.js logs them at 'log').
      ...(this.hooks.logConnector ? { logLevel: 'log' as const, logConnector: this.hooks.logConnector } : {}),
      sessionDescriptionHandlerFactory: this.hooks.descriptionHandlers,
      uri,
      instanceId,
      delegate: {
        onInvite: (invitation) => this.hooks.onInvite(invitation),
        onNotify: (notification) => this.hooks.onNotify(notification),
        onMessage: (message) => this.hooks.onMessage?.(message),
        onDisconnect: (error) => {
          if (!error || generation !== this.generation) return;
          // A REGISTER out on that socket will never be answered: settle it now, not in 8 s.
          this.client?.abandon();
          this.lost(describeConnectionLost(), error.message);
        },
      },
    });
    this.ua = ua;
    this.client = new RegisterClient(ua, { regId: 1, instanceId });
    installDigestKeys(ua, config.digestKey);
    countInbound(ua, () => this.inbound++);
    this.keepAlive = new KeepAlive({
      intervalMs: KEEPALIVE_INTERVAL_MS,
      timeoutMs: KEEPALIVE_TIMEOUT_MS,
      ping: () => pingServer(ua, domain),
      onDead: (reason) => {
        if (generation !== this.generation) return;
        // A half-open socket never reports a close: drop it ourselves.
        void withTimeout(ua.transport.disconnect(), 2000);
        this.lost(describeConnectionLost(), reason);
      },
    });
    this.loop = new Reconnector({
      attempt: () => this.attempt(generation),
      onChange: (state) => {
        if (generation === this.generation) this.onLoopState(state);
      },
    });
    this.loop.tryNow();
  }

  async stop(): Promise<void> {
    this.generation++;
    clearTimeout(this.refreshTimer);
    this.keepAlive?.stop();
    this.loop?.stop();
    this.keepAlive = null;
    this.loop = null;
    const ua = this.ua;
    const client = this.client;
    this.ua = null;
    this.client = null;
    // Remove our binding, then end every call (BYE/CANCEL); on quit the page may not live long enough for more.
    if (ua && client && this.status.status === 'registered' && ua.isConnected()) {
      await withTimeout(client.unregister(), 1000);
    }
    if (ua) await withTimeout(ua.stop(), 2000);
    this.set({ status: 'unregistered' });
  }

  /** The network is probably back (online, resume, unlock): try now, or check a live link. */
  nudge(): void {
    if (this.status.status === 'registered') this.keepAlive?.checkNow();
    else this.loop?.nudge();
  }

  /** The user pressed "Retry now": try at once, even after the server refused the credentials. */
  retryNow(): void {
    if (this.status.status === 'registered') return;
    this.authRefusals = 0;
    this.loop?.tryNow();
  }

  /** The connection, or the registration on it, is gone: the loop takes over. */
  private lost(message: string, detail: string, firstDelayMs?: number): void {
    clearTimeout(this.refreshTimer);
    this.keepAlive?.stop();
    if (this.loop?.state.phase === 'trying' || this.loop?.state.phase === 'waiting') return;
    this.problem = { message, detail };
    this.loop?.lost(firstDelayMs);
  }

  /** One try: a socket if there is none, then REGISTER. */
  private async attempt(generation: number): Promise<AttemptResult> {
    const ua = this.ua;
    const client = this.client;
    if (!ua || !client || generation !== this.generation) return 'retry';
    let connectMs: number | undefined;
    if (!ua.isConnected()) {
      // Chromium slows down every new WebSocket to a host after each failed
      // one (measured: 5 s per try after a minute), so while the server stays
      // away main checks it first, and the socket is opened only once it answers.
      if (this.connectFailures > 0 && (await this.stillDown(generation))) return 'retry';
      const opening = Date.now();
      try {
        if (ua.state === UserAgentState.Started) await ua.reconnect();
        else await ua.start();
      } catch (error) {
        this.connectFailures++;
        if (generation === this.generation && this.connectFailures === 1) {
          await this.explainTransportFailure(error, generation);
        }
        return 'retry';
      }
      connectMs = Date.now() - opening;
    }
    this.connectFailures = 0;
    return this.register(generation, connectMs);
  }

  private async register(generation: number, connectMs?: number): Promise<AttemptResult> {
    const client = this.client;
    if (!client) return 'retry';
    const sentAt = Date.now();
    const result = await client.send(this.expires, {
      inboundCount: () => this.inbound,
      answerWithinMs: firstAnswerWindow(connectMs ?? this.lastExchangeMs),
      completeWithinMs: EXCHANGE_TIMEOUT_MS,
    });
    if (generation !== this.generation) return 'retry';
    if (result.kind === 'ok') this.lastExchangeMs = Date.now() - sentAt;
    const decision = decide(result, {
      everRegistered: this.everRegistered,
      authRefusals: this.authRefusals,
      requestedExpires: this.expires,
    });
    switch (decision.kind) {
      case 'registered':
        this.onRegistered(generation, decision.refreshInMs);
        return 'registered';
      case 'again':
        this.expires = decision.expires;
        return this.register(generation);
      case 'stop':
        this.problem = { message: decision.message, detail: decision.detail };
        return 'stop';
      case 'retry':
        this.authRefusals = decision.authRefusal ? this.authRefusals + 1 : 0;
        this.problem = { message: decision.message, detail: decision.detail };
        // The request is lost: the next try starts on a fresh socket.
        if (result.kind === 'no-answer' || result.kind === 'timed-out') {
          void withTimeout(this.ua?.transport.disconnect() ?? Promise.resolve(), 2000);
        }
        return decision.then;
    }
  }

  private onRegistered(generation: number, refreshInMs: number): void {
    this.everRegistered = true;
    this.authRefusals = 0;
    this.problem = null;
    this.set({ status: 'registered' });
    this.keepAlive?.start();
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(generation), refreshInMs);
  }

  /** A refresh that fails hands over to the loop, honouring the server's Retry-After. */
  private async refresh(generation: number): Promise<void> {
    if (generation !== this.generation || this.status.status !== 'registered') return;
    const outcome = await this.register(generation);
    if (generation !== this.generation || outcome === 'registered') return;
    if (outcome === 'stop') {
      this.loop?.stop();
      this.onLoopState({ phase: 'stopped' });
      return;
    }
    const problem = this.problem ?? { message: describeConnectionLost(), detail: 'refresh failed' };
    const firstDelay =
      typeof outcome === 'object' ? outcome.retryAfterMs : outcome === 'no-answer' ? 300 : undefined;
    this.lost(problem.message, problem.detail, firstDelay);
  }

  /** Main's probe of the WebSocket URL: true (with the reason kept) while the server does not answer. */
  private async stillDown(generation: number): Promise<boolean> {
    const config = this.config;
    if (!config) return false;
    const diagnosis = await this.hooks.diagnose(config.wsUrl).catch(() => null);
    if (!diagnosis || generation !== this.generation) return false;
    this.problem = { message: diagnosis.message, detail: diagnosis.detail };
    return true;
  }

  private async explainTransportFailure(error: unknown, generation: number): Promise<void> {
    const config = this.config;
    if (!config) return;
    const detail = error instanceof Error ? error.message : String(error);
    const diagnosis = await this.hooks.diagnose(config.wsUrl).catch(() => null);
    if (generation !== this.generation) return;
    this.problem = {
      message: diagnosis?.message ?? describeTransportFailure(config.wsUrl, 1006),
      detail: diagnosis ? `${diagnosis.detail}; ${detail}` : detail,
    };
  }

  private onLoopState(state: ReconnectState): void {
    if (state.phase === 'idle') return;
    const problem = this.problem ?? { message: describeConnectionLost(), detail: '' };
    // Before the first registration this run, trouble reads as "failed"; after it, as "reconnecting".
    const status = this.everRegistered ? 'reconnecting' : 'failed';
    if (state.phase === 'stopped') {
      this.set({ status: 'failed', message: problem.message, detail: problem.detail, final: true });
    } else if (state.phase === 'waiting') {
      this.set({ status, ...problem, attempt: state.attempt, nextAttemptAt: state.nextAt });
    } else if (this.everRegistered || this.problem) {
      this.set({ status, ...problem, attempt: state.attempt });
    }
  }

  private set(state: RegistrationState): void {
    this.status = state;
    this.hooks.onStatus(state);
  }
}
