import { Registerer, RegistererState, UserAgent, type Invitation } from 'sip.js';
import { describeConnectionLost, describeSipResponse, describeTransportFailure } from './errors';
import { stableInstanceId } from './instance-id';
import { KEEPALIVE_INTERVAL_MS, KEEPALIVE_TIMEOUT_MS, KeepAlive } from './keepalive';
import { Reconnector, type AttemptResult, type ReconnectState } from './reconnect';
import { firstAnswerWindow, registerOnce } from './register-once';
import { buildUserAgentOptions } from './ua-options';
import type { EngineConfig, RegistrationState, TransportDiagnoser } from './types';

const REGISTER_EXPIRES_S = 300;
/** A reconnection attempt that hears nothing for this long counts as failed. */
const ATTEMPT_TIMEOUT_MS = 8000;

export interface LinkHooks {
  diagnose: TransportDiagnoser;
  onStatus(state: RegistrationState): void;
  onInvite(invitation: Invitation): void;
  /** Receives SIP.js log lines, for the support bundle's SIP trace. */
  logConnector?: (level: string, category: string, label: string | undefined, content: string) => void;
}

/**
 * The phone's signalling: one UserAgent, its registration, the keep-alive
 * that notices a dead connection and the reconnection loop that brings it
 * back. Calls are not touched here: UserAgent.reconnect() opens a new socket
 * under the same UserAgent, so every session and dialog survives.
 */
export class SignallingLink {
  ua: UserAgent | null = null;
  domain = '';
  private registerer: Registerer | null = null;
  private generation = 0;
  private status: RegistrationState = { status: 'unregistered' };
  private keepAlive: KeepAlive | null = null;
  private reconnector: Reconnector | null = null;
  private config: EngineConfig | null = null;
  /** The last failure was the connection, not the account: worth a new try when the network returns. */
  private retryable = false;
  /** SIP messages received on the current UserAgent: proof that the server answers. */
  private inbound = 0;

  constructor(private readonly hooks: LinkHooks) {}

  get registration(): RegistrationState {
    return this.status;
  }

  async start(config: EngineConfig): Promise<void> {
    await this.stop();
    const generation = ++this.generation;
    this.config = config;
    this.retryable = false;
    const { user, domain, ...uaOptions } = buildUserAgentOptions(config);
    this.domain = domain;
    this.set({ status: 'connecting' });
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (!uri) throw new Error(`"${config.sipAddress}" is not a SIP address (user@domain).`);
    const ua = new UserAgent({
      ...uaOptions,
      // The last SIP messages go to the support bundle's trace (SIP.js logs them at 'log').
      ...(this.hooks.logConnector ? { logLevel: 'log' as const, logConnector: this.hooks.logConnector } : {}),
      uri,
      instanceId: stableInstanceId(config.sipAddress),
      delegate: {
        onInvite: (invitation) => this.hooks.onInvite(invitation),
        onDisconnect: (error) => {
          if (error && generation === this.generation) this.onConnectionLost(error.message);
        },
      },
    });
    this.ua = ua;
    const deliver = ua.transport.onMessage;
    ua.transport.onMessage = (message: string) => {
      this.inbound++;
      deliver?.(message);
    };
    this.keepAlive = new KeepAlive({
      intervalMs: KEEPALIVE_INTERVAL_MS,
      timeoutMs: KEEPALIVE_TIMEOUT_MS,
      ping: () => pingServer(ua, domain),
      onDead: (reason) => {
        if (generation !== this.generation) return;
        // A half-open socket never reports a close: drop it ourselves.
        void withTimeout(ua.transport.disconnect(), 2000);
        this.onConnectionLost(reason);
      },
    });
    this.reconnector = new Reconnector({
      attempt: () => this.attempt(generation),
      onChange: (state) => {
        if (generation === this.generation) this.onReconnectState(state, config);
      },
    });
    try {
      await ua.start();
    } catch (error) {
      if (generation !== this.generation) return;
      const detail = error instanceof Error ? error.message : String(error);
      const diagnosis = await this.hooks.diagnose(config.wsUrl).catch(() => null);
      if (generation !== this.generation) return;
      this.retryable = true;
      this.set({
        status: 'failed',
        message: diagnosis?.message ?? describeTransportFailure(config.wsUrl, 1006),
        detail: diagnosis ? `${diagnosis.detail}; ${detail}` : detail,
      });
      return;
    }
    this.registerer = this.newRegisterer(ua, generation);
    const outcome = await this.register(this.registerer);
    if (outcome === 'timed-out' && generation === this.generation) {
      this.retryable = true;
      this.set({
        status: 'failed',
        message: describeSipResponse(408, 'Request Timeout', 'register'),
        detail: `No answer to REGISTER within ${ATTEMPT_TIMEOUT_MS} ms`,
      });
    }
  }

  private newRegisterer(ua: UserAgent, generation: number): Registerer {
    // reg-id with the stable +sip.instance lets the PBX replace our old contact.
    const registerer = new Registerer(ua, { expires: REGISTER_EXPIRES_S, regId: 1 });
    registerer.stateChange.addListener((state) => {
      if (generation !== this.generation || this.status.status === 'reconnecting') return;
      if (state === RegistererState.Registered) this.onRegistered();
      else if (state === RegistererState.Unregistered && this.status.status === 'registered') {
        this.set({ status: 'unregistered' });
      }
    });
    return registerer;
  }

  async stop(): Promise<void> {
    this.generation++;
    this.keepAlive?.stop();
    this.reconnector?.stop();
    this.keepAlive = null;
    this.reconnector = null;
    const ua = this.ua;
    this.ua = null;
    this.registerer = null;
    // UserAgent.stop() ends every call (BYE/CANCEL) and unregisters every
    // registerer at once; on quit the page may not live long enough for more.
    if (ua) await withTimeout(ua.stop(), 2000);
    this.set({ status: 'unregistered' });
  }

  /** The network is probably back (online, resume, unlock): retry now, or check a live link. */
  nudge(): void {
    const status = this.status.status;
    if (status === 'reconnecting') this.reconnector?.nudge();
    else if (status === 'registered') this.keepAlive?.checkNow();
    // E.g. the app started while the laptop had no network: start over once it has.
    else if (status === 'failed' && this.retryable && this.config)
      void this.start(this.config).catch(() => undefined);
  }

  private onConnectionLost(detail: string): void {
    const status = this.status.status;
    this.keepAlive?.stop();
    if (status === 'registered' || status === 'reconnecting') {
      this.reconnector?.lost();
      return;
    }
    // Never registered on this start: a settings problem, not a blip; say so.
    this.retryable = true;
    this.set({ status: 'failed', message: describeConnectionLost(), detail });
  }

  private onRegistered(): void {
    this.set({ status: 'registered' });
    this.keepAlive?.start();
  }

  private onReconnectState(state: ReconnectState, config: EngineConfig): void {
    if (state.phase === 'waiting') {
      this.set({
        status: 'reconnecting',
        message: `Lost the connection to the phone server. Trying again (attempt ${state.attempt}).`,
        attempt: state.attempt,
        nextAttemptAt: state.nextAt,
      });
    } else if (state.phase === 'trying') {
      this.set({
        status: 'reconnecting',
        message: `Lost the connection to the phone server. Trying again now (attempt ${state.attempt}).`,
        attempt: state.attempt,
      });
    } else if (state.phase === 'gave-up') {
      this.set({
        status: 'failed',
        message: describeSipResponse(403, 'Forbidden', 'register'),
        detail: `Reconnected to ${config.wsUrl}, but the server refused the credentials; not retrying.`,
      });
    }
  }

  /** One reconnection try: a new socket if needed, then REGISTER. */
  private async attempt(generation: number): Promise<AttemptResult> {
    const ua = this.ua;
    const registerer = this.registerer;
    if (!ua || !registerer || generation !== this.generation) return 'retry';
    let connectMs: number | undefined;
    if (!ua.isConnected()) {
      const opening = Date.now();
      await ua.reconnect();
      connectMs = Date.now() - opening;
    }
    const outcome = await this.register(registerer, firstAnswerWindow(connectMs));
    if (generation !== this.generation) return 'retry';
    if (outcome === 'registered') this.onRegistered();
    if (outcome !== 'no-answer' && outcome !== 'timed-out') return outcome;
    // The request is lost, and SIP.js would wait 32 s for it before sending
    // another: start the next try with a fresh registration on a fresh socket.
    void registerer.dispose().catch(() => undefined);
    this.registerer = this.newRegisterer(ua, generation);
    void withTimeout(ua.transport.disconnect(), 2000);
    return outcome === 'no-answer' ? 'no-answer' : 'retry';
  }

  private register(registerer: Registerer, answerWithinMs?: number) {
    return registerOnce(registerer, {
      inboundCount: () => this.inbound,
      answerWithinMs,
      completeWithinMs: ATTEMPT_TIMEOUT_MS,
      onRefused: (code, reason) => {
        // While reconnecting, only a credentials refusal is final; the loop
        // tells the user. Anything else is retried.
        if (this.status.status === 'reconnecting') return;
        this.set({
          status: 'failed',
          message: describeSipResponse(code, reason, 'register'),
          detail: `REGISTER answered ${code} ${reason}`,
        });
      },
    });
  }

  private set(state: RegistrationState): void {
    this.status = state;
    this.hooks.onStatus(state);
  }
}

/** OPTIONS to the server itself; any final answer, even an error, proves it is there. */
function pingServer(ua: UserAgent, domain: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const target = UserAgent.makeURI(`sip:${domain}`);
    if (!target) return reject(new Error(`"${domain}" is not a SIP domain.`));
    const core = ua.userAgentCore;
    const message = core.makeOutgoingRequestMessage('OPTIONS', target, ua.configuration.uri, target, {});
    core.request(message, {
      onAccept: () => resolve(),
      onReject: () => resolve(),
      onRedirect: () => resolve(),
    });
  });
}

export function withTimeout(work: Promise<unknown>, ms: number): Promise<void> {
  return Promise.race([
    work.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => setTimeout(resolve, ms)),
  ]);
}
