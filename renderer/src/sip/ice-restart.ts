import { SessionState, type Session } from 'sip.js';
import type { CallControls } from './call-controls';
import { peerConnectionOf } from './media';
import { guardRelayOnly } from './relay-guard';
import { t } from '../i18n/i18n.svelte';

// Mid-call recovery. When the network under a call changes or breaks, the
// media path dies while the call itself is fine; Chromium then reports the
// peer connection's ICE state as 'disconnected' and later 'failed', and
// nothing comes back by itself. The cure is an ICE restart: a re-INVITE with
// fresh ICE credentials, so both sides look for a new path. The attempts are
// bounded, and when they run out the call ends with an explanation instead of
// staying on screen in silence.

/** How long 'disconnected' may last before we act: brief blips heal alone. */
export const DISCONNECTED_GRACE_MS = 3000;
export const MAX_ICE_RESTARTS = 3;
/** How often to look again while the signalling needed for a restart is down. */
const SIGNAL_WAIT_MS = 1000;
/** How long one restart may take to bring the media back. */
export const ICE_RESTART_TIMEOUT_MS = 6000;

export type IceDecision = 'healthy' | 'wait' | 'restart' | 'give-up';

export interface IceFacts {
  state: RTCIceConnectionState;
  /** How long the state has been 'disconnected', 0 otherwise. */
  disconnectedForMs: number;
  restartsSoFar: number;
  /** The browser just came back online after being offline. */
  networkBack: boolean;
}

/** What to do about a call's media path right now. */
export function iceDecision(facts: IceFacts, max = MAX_ICE_RESTARTS): IceDecision {
  const { state } = facts;
  if (state === 'closed' || state === 'new' || state === 'checking') return 'wait';
  const broken =
    state === 'failed' ||
    (state === 'disconnected' && facts.disconnectedForMs >= DISCONNECTED_GRACE_MS) ||
    facts.networkBack;
  if (!broken) return state === 'disconnected' ? 'wait' : 'healthy';
  return facts.restartsSoFar >= max ? 'give-up' : 'restart';
}

/**
 * The watchdog for one call. The restart re-INVITE reuses the call's own media
 * options and hold state, so it never reopens devices or resumes a held call.
 */
export function watchCallMedia(
  session: Session,
  controls: CallControls,
  onChange: () => void,
  onGiveUp: (reason: string) => void,
): IceWatchdog {
  const watchdog = new IceWatchdog({
    peerConnection: () => peerConnectionOf(session),
    canSignal: () => session.userAgent.isConnected(),
    restart: () =>
      controls.renegotiate({ offerOptions: { iceRestart: true }, hold: controls.held }, (code, reason) =>
        t('engine.reconnectRefused', { code, reason }),
      ),
    onChange,
    onGiveUp: (reason) => {
      onGiveUp(reason);
      // Best effort: the far end may be unreachable, which is why we gave up.
      if (session.state === SessionState.Established) void session.bye().catch(() => undefined);
    },
  });
  // A relay-only call whose TURN server gives no relay address can never have media.
  guardRelayOnly(session, onGiveUp);
  // Watching starts once media flows and ends with the session, whoever ends it.
  session.stateChange.addListener((state) => {
    if (state === SessionState.Established) watchdog.attach();
    else if (state === SessionState.Terminated) watchdog.stop();
  });
  return watchdog;
}

export interface IceWatchdogHooks {
  peerConnection(): RTCPeerConnection | undefined;
  /** Sends the ICE-restart re-INVITE; resolves on 200 OK. */
  restart(): Promise<void>;
  /** The signalling socket is up, so a re-INVITE can leave at all. */
  canSignal(): boolean;
  /** `reconnecting` changed. */
  onChange(): void;
  /** Every restart failed: end the call with this reason. */
  onGiveUp(reason: string): void;
}

/** Watches one established call's ICE state and restarts ICE when the path dies. */
export class IceWatchdog {
  private pc: RTCPeerConnection | undefined;
  private restarts = 0;
  private disconnectedSince = 0;
  private graceTimer: ReturnType<typeof setTimeout> | undefined;
  private busy = false;
  private stopped = false;
  /** The media path is being repaired; the call screen says so. */
  reconnecting = false;
  private readonly onState = () => this.evaluate(false);

  constructor(private readonly hooks: IceWatchdogHooks) {}

  attach(): void {
    const pc = this.hooks.peerConnection();
    if (!pc || pc === this.pc) return;
    this.detach();
    this.stopped = false;
    this.pc = pc;
    pc.addEventListener('iceconnectionstatechange', this.onState);
  }

  /** The browser came back online: the old path may be gone even if ICE has not noticed yet. */
  networkBack(): void {
    this.evaluate(true);
  }

  stop(): void {
    this.stopped = true;
    this.reconnecting = false;
    this.detach();
  }

  private setReconnecting(on: boolean): void {
    if (on === this.reconnecting) return;
    this.reconnecting = on;
    this.hooks.onChange();
  }

  private detach(): void {
    this.pc?.removeEventListener('iceconnectionstatechange', this.onState);
    this.pc = undefined;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = undefined;
  }

  private evaluate(networkBack: boolean): void {
    const pc = this.pc;
    if (!pc || this.stopped || this.busy) return;
    const state = pc.iceConnectionState;
    if (state === 'disconnected') {
      this.disconnectedSince ||= Date.now();
      this.graceTimer ??= setTimeout(() => {
        this.graceTimer = undefined;
        this.evaluate(false);
      }, DISCONNECTED_GRACE_MS);
    } else {
      this.disconnectedSince = 0;
    }
    const decision = iceDecision({
      state,
      disconnectedForMs: this.disconnectedSince ? Date.now() - this.disconnectedSince : 0,
      restartsSoFar: this.restarts,
      networkBack,
    });
    if (decision === 'healthy') {
      this.restarts = 0;
      this.setReconnecting(false);
    } else if (decision === 'restart' && !this.hooks.canSignal()) {
      // A re-INVITE now would be lost and count as a failed attempt. Audio
      // that still flows needs nothing; broken audio waits for the signalling
      // to reconnect, checking again every second.
      if (state === 'connected' || state === 'completed') return;
      this.setReconnecting(true);
      this.graceTimer ??= setTimeout(() => {
        this.graceTimer = undefined;
        this.evaluate(networkBack);
      }, SIGNAL_WAIT_MS);
    } else if (decision === 'restart') void this.restartOnce();
    else if (decision === 'give-up') {
      this.stop();
      this.hooks.onGiveUp(t('engine.callLost', { count: this.restarts }));
    }
  }

  private async restartOnce(): Promise<void> {
    this.busy = true;
    this.restarts++;
    this.setReconnecting(true);
    try {
      await withDeadline(this.hooks.restart(), ICE_RESTART_TIMEOUT_MS);
      await this.waitForConnected(ICE_RESTART_TIMEOUT_MS);
    } catch {
      // Judged below from the ICE state, like any other failure.
    } finally {
      this.busy = false;
    }
    const pc = this.pc;
    if (!pc || this.stopped) return;
    const state = pc.iceConnectionState;
    if (state === 'connected' || state === 'completed') this.evaluate(false);
    // Still broken: count it as failed so the next decision moves on.
    else this.evaluate(true);
  }

  private waitForConnected(ms: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const pc = this.pc;
      if (!pc) return reject(new Error('The call has no media.'));
      const ok = () => pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed';
      if (ok()) return resolve();
      const timer = setTimeout(() => {
        pc.removeEventListener('iceconnectionstatechange', check);
        reject(new Error('ICE did not reconnect in time.'));
      }, ms);
      const check = () => {
        if (!ok()) return;
        clearTimeout(timer);
        pc.removeEventListener('iceconnectionstatechange', check);
        resolve();
      };
      pc.addEventListener('iceconnectionstatechange', check);
    });
  }
}

function withDeadline(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error('No answer to the ICE restart in time.')), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
