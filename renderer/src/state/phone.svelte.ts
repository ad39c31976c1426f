import type { Credentials, SettingsView } from '../../../contract/ipc';
import type {
  CallSnapshot,
  EngineConfig,
  Lamp,
  PhoneEngine,
  RegistrationState,
  VoicemailState,
} from '../sip/types';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Asks main for the digest key of one realm (see renderer/src/sip/digest-keys.ts). */
export const digestKeyFromMain = (realm: string): Promise<string> =>
  window.deskphone.invoke('credentials:digest', { realm }).then((key) => key.ha1);

export function engineConfigFrom(
  view: SettingsView,
  credentials: Credentials,
  digestKey: (realm: string) => Promise<string> = digestKeyFromMain,
): EngineConfig | null {
  const account = view.account;
  if (!account || !view.hasPassword) return null;
  return {
    displayName: account.displayName,
    sipAddress: account.sipAddress,
    authUser: account.authUser || undefined,
    digestKey,
    wsUrl: account.wsUrl,
    iceGatheringTimeoutMs: account.iceGatheringTimeoutMs,
    iceTransportPolicy: account.iceTransportPolicy,
    dtmfMode: account.dtmfMode,
    mwiSubscribe: account.mwiSubscribe,
    lampExpiresS: account.lampExpiresS,
    iceServers: account.iceServers.map((server, index) => ({
      urls: server.urls,
      username: server.username || undefined,
      credential: credentials.iceCredentials[index] ?? undefined,
    })),
  };
}

/** What the phone is doing right now, for the UI; all actions go through the engine. */
export class PhoneState {
  registration = $state<RegistrationState>({ status: 'unregistered' });
  calls = $state<CallSnapshot[]>([]);
  /** Waiting voicemail as the PBX reports it; undefined until it has said anything. */
  voicemail = $state<VoicemailState | undefined>(undefined);
  /** Colleagues' and park-slot lamps as the PBX reports them (see sip/lamp-watch.ts). */
  lamps = $state<Lamp[]>([]);
  /** Why the last call ended, when that is worth telling (declined, busy, failed). */
  lastOutcome = $state<string | null>(null);
  actionError = $state<string | null>(null);
  /** A click-to-dial request waiting for the user's go-ahead. */
  pendingDial = $state<{ target: string; display: string } | null>(null);

  constructor(readonly engine: PhoneEngine) {
    // Bookkeeping of which endings were already told, not UI state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const reported = new Set<string>();
    engine.subscribe((snapshot) => {
      for (const call of snapshot.calls) {
        if (call.status === 'ended' && call.endReason && !reported.has(call.id)) {
          reported.add(call.id);
          this.lastOutcome = call.endReason;
        }
      }
      // A call gone from the engine never comes back: forget it (one id per call, for good, otherwise).
      for (const id of reported) if (!snapshot.calls.some((call) => call.id === id)) reported.delete(id);
      this.registration = snapshot.registration;
      this.calls = snapshot.calls;
      this.voicemail = snapshot.voicemail;
      this.lamps = snapshot.lamps ?? [];
    });
  }

  get incoming(): CallSnapshot | undefined {
    return this.calls.find((call) => call.status === 'incoming');
  }

  /** The call on screen: the newest one that is not merely ringing here. */
  get current(): CallSnapshot | undefined {
    const live = this.calls.filter((call) => call.status !== 'incoming' && call.status !== 'ended');
    const talking = live.filter((call) => !call.held);
    return talking[talking.length - 1] ?? live[live.length - 1];
  }

  /** `digestKey`: where challenges get their key (default: ask main when challenged). */
  async connect(
    view: SettingsView,
    credentials: Credentials,
    digestKey: (realm: string) => Promise<string> = digestKeyFromMain,
  ): Promise<void> {
    const config = engineConfigFrom(view, credentials, digestKey);
    if (!config) {
      await this.engine.stop();
      return;
    }
    try {
      await this.engine.start(config);
    } catch (error) {
      this.registration = { status: 'failed', message: messageOf(error) };
    }
  }

  /** Accept or decline a transfer the far end asked for. */
  answerTransferRequest(callId: string, accept: boolean): Promise<void> {
    return this.act(async () => this.engine.answerTransferRequest?.(callId, accept));
  }

  /** "Retry now" on the offline banner. */
  retryNow(): void {
    this.engine.retryNow?.();
  }

  async dial(target: string, options: { video?: boolean } = {}): Promise<boolean> {
    this.actionError = null;
    this.lastOutcome = null;
    try {
      // The wide window keeps the keypad beside a live call: dialling from it
      // holds that call first, as answering a second call does.
      const talking = this.calls.filter((c) => c.status === 'active' && !c.held);
      for (const call of talking) await this.engine.setHeld(call.id, true);
      await this.engine.call(target, options);
      return true;
    } catch (error) {
      this.actionError = messageOf(error);
      return false;
    }
  }

  /** Answering while on another call puts that call on hold first, as a desk phone does. */
  answer(callId: string, options: { video?: boolean } = {}): Promise<void> {
    return this.act(async () => {
      const talking = this.calls.filter((c) => c.id !== callId && c.status === 'active' && !c.held);
      for (const call of talking) await this.engine.setHeld(call.id, true);
      await this.engine.answer(callId, options);
    });
  }

  setCamera(callId: string, on: boolean): Promise<void> {
    return this.act(() => this.engine.setCamera(callId, on));
  }

  toggleMute(callId: string): Promise<void> {
    const call = this.calls.find((c) => c.id === callId);
    return this.act(async () => this.engine.setMuted(callId, !call?.muted));
  }

  toggleHold(callId: string): Promise<void> {
    const call = this.calls.find((c) => c.id === callId);
    return this.act(() => this.engine.setHeld(callId, !call?.held));
  }

  sendDtmf(callId: string, digits: string): Promise<void> {
    return this.act(() => this.engine.sendDtmf(callId, digits));
  }

  switchTo(callId: string): Promise<void> {
    return this.act(() => this.engine.switchTo(callId));
  }

  transfer(callId: string, target: string): Promise<void> {
    return this.act(() => this.engine.transfer(callId, target));
  }

  /** Attended transfer, step one: hold this call and call the target to announce it. */
  async consult(callId: string, target: string): Promise<void> {
    await this.act(() => this.engine.setHeld(callId, true));
    if (!this.actionError) await this.dial(target);
  }

  completeTransfer(heldCallId: string, consultCallId: string): Promise<void> {
    return this.act(() => this.engine.completeTransfer(heldCallId, consultCallId));
  }

  merge(callIds: [string, string]): Promise<void> {
    return this.act(() => this.engine.merge(callIds));
  }

  split(): Promise<void> {
    return this.act(() => this.engine.split());
  }

  /** Calls still going on (ringing here included), oldest first: the lines. */
  get lines(): CallSnapshot[] {
    return this.calls.filter((call) => call.status !== 'ended');
  }

  requestDial(target: string, display: string, confirm: boolean): Promise<void> {
    if (confirm) {
      this.pendingDial = { target, display };
      return Promise.resolve();
    }
    return this.dial(target).then(() => undefined);
  }

  async confirmDial(go: boolean): Promise<void> {
    const pending = this.pendingDial;
    this.pendingDial = null;
    if (go && pending) await this.dial(pending.target);
  }

  decline(callId: string): Promise<void> {
    return this.act(() => this.engine.decline(callId));
  }

  hangup(callId: string): Promise<void> {
    return this.act(() => this.engine.hangup(callId));
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.actionError = null;
    try {
      await action();
    } catch (error) {
      this.actionError = messageOf(error);
    }
  }
}
