import { UserAgent, type Invitation } from 'sip.js';
import type { CallController } from './call';
import { incomingCall, outgoingCall } from './call-factory';
import { CallFeatures } from './call-features';
import type { DtmfMode } from './dtmf';
import type { MediaPreferences } from './call-controls';
import { normaliseDialString } from './dial';
import { playNoticeTone } from './media';
import { CallReadouts } from './call-readouts';
import { Messaging } from './messaging';
import { SignallingLink, type LinkHooks } from './link';
import { WarmMedia } from './warm-media';
import { PbxWatches } from './pbx-watches';
import { CallForwarding, type ForwardRules } from './forwarding';
import { checkIncomingOffer, NOT_ACCEPTABLE_HERE, refusedOfferText } from './offer-check';
import type { TrustRules } from './trust';
import type {
  EngineConfig,
  EngineListener,
  EngineSnapshot,
  MessageOutcome,
  DeliveryListener,
  PhoneEngine,
  TextListener,
  TransportDiagnoser,
} from './types';
import { t } from '../i18n/i18n.svelte';

/** How long an ended call stays visible so the user can read why it ended. */
const ENDED_CALL_LINGER_MS = 4000;

/** The phone: one account, its registration and its calls, over SIP.js. */
export class SipPhoneEngine extends CallReadouts implements PhoneEngine {
  private readonly listeners = new Set<EngineListener>();
  private media: MediaPreferences = { microphoneId: '', speakerId: '', cameraId: '' };
  private doNotDisturb: { on: boolean; code: 486 | 480 } = { on: false, code: 486 };
  private readonly prefs = () => this.media;
  private dtmf: DtmfMode = 'rfc4733';
  private readonly features = new CallFeatures({
    get: (id) => this.calls.get(id),
    all: () => [...this.calls.values()],
    add: (call) => {
      this.calls.set(call.id, call);
      this.emit();
    },
    answer: (id) => this.answer(id),
    userAgent: () => this.link.ua,
    domain: () => this.link.domain,
    dtmfMode: () => this.dtmf,
    prefs: this.prefs,
    onCallChanged: (id) => this.onCallChanged(id),
    onMessage: (call, message) => this.messaging.receiveInCall(message, call.snapshot()),
  });

  private readonly link: SignallingLink;
  private readonly messaging = new Messaging({
    userAgent: () => this.link.ua,
    domain: () => this.link.domain,
    registered: () => this.link.registration.status === 'registered',
  });
  private readonly warm = new WarmMedia(); // the standby connection that makes calls start at once
  private readonly watches = new PbxWatches(() => this.emit());
  private readonly forwarding = new CallForwarding(() => ({
    domain: this.link.domain,
    ownUri: this.link.ua?.configuration.uri.toString() ?? '',
  }));

  constructor(diagnose: TransportDiagnoser, logConnector?: LinkHooks['logConnector']) {
    super();
    this.link = new SignallingLink({
      diagnose,
      onStatus: (state) => {
        this.watches.followRegistration(state.status === 'registered', this.link.ua, this.link.domain);
        this.warm.follow(state.status === 'registered');
        this.emit();
      },
      onInvite: (invitation) => this.onInvite(invitation),
      onNotify: (notification) => this.watches.onNotification(notification),
      onMessage: (message) => this.messaging.receive(message),
      descriptionHandlers: this.warm.factory,
      logConnector,
    });
  }

  async start(config: EngineConfig): Promise<void> {
    this.dtmf = config.dtmfMode ?? 'rfc4733';
    this.watches.configure(config);
    this.warm.configure(config);
    await this.link.start(config);
  }

  async stop(): Promise<void> {
    this.watches.stop();
    this.warm.stop();
    await this.link.stop();
  }

  networkChanged(event: 'online' | 'resume'): void {
    this.link.nudge();
    this.warm.networkChanged();
    // After a network change the old media path may be gone even if ICE has not noticed yet.
    if (event === 'online') for (const call of this.calls.values()) call.ice.networkBack();
  }

  retryNow(): void {
    this.link.retryNow();
  }

  async call(target: string, options: { video?: boolean } = {}): Promise<string> {
    const pressedAt = Date.now();
    const ua = this.link.ua;
    if (!ua || this.link.registration.status !== 'registered') {
      throw new Error(t('engine.notRegistered'));
    }
    const dial = normaliseDialString(target, this.link.domain);
    if (!dial.ok) throw new Error(dial.reason);
    const uri = UserAgent.makeURI(dial.uri);
    if (!uri) throw new Error(`"${target}" cannot be turned into a SIP address.`);
    const call = outgoingCall(
      ua,
      uri,
      dial.display,
      pressedAt,
      this.prefs,
      () => this.onCallChanged(call.id),
      options.video ?? false,
    );
    this.features.watch(call);
    this.calls.set(call.id, call);
    // The INVITE before the screen (drawing it delays the offer); a slow offer is shown after 30 ms.
    const show = setTimeout(() => this.emit(), 30);
    await call.place().finally(() => clearTimeout(show));
    this.emit();
    return call.id;
  }

  async answer(callId: string, options: { video?: boolean } = {}): Promise<void> {
    await this.requireCall(callId).answer(options.video ?? false);
  }

  setCamera(callId: string, on: boolean): Promise<void> {
    return this.requireCall(callId).setCamera(on);
  }

  async decline(callId: string): Promise<void> {
    await this.requireCall(callId).decline();
  }

  async hangup(callId: string): Promise<void> {
    await this.requireCall(callId).hangup();
  }

  snapshot(): EngineSnapshot {
    return {
      registration: { ...this.link.registration },
      calls: [...this.calls.values()].map((c) => c.snapshot()),
      ...(this.watches.voicemailState ? { voicemail: this.watches.voicemailState } : {}),
      lamps: this.watches.lamps,
    };
  }

  /** During a call with `target`, the message goes inside that call (in-dialog). */
  sendMessage(target: string, text: string, ref?: string): Promise<MessageOutcome> {
    const call = [...this.calls.values()].find(
      (c) => c.isEstablished() && c.snapshot().remoteNumber === target,
    );
    return this.messaging.send(target, text, call?.session, ref);
  }

  onTextMessage(listener: TextListener): () => void {
    return this.messaging.listen(listener);
  }

  onDeliveryReport(listener: DeliveryListener): () => void {
    return this.messaging.listenForReports(listener);
  }

  setLampTargets(group: string, targets: readonly string[]): void {
    this.watches.setLampTargets(group, targets);
  }

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  playNotice(callId: string): Promise<boolean> {
    return playNoticeTone(this.requireCall(callId).peerConnection());
  }

  setMuted(callId: string, muted: boolean): void {
    this.features.setMuted(callId, muted);
  }

  sendDtmf(callId: string, digits: string): Promise<void> {
    return this.features.sendDtmf(callId, digits);
  }

  switchTo(callId: string): Promise<void> {
    return this.features.switchTo(callId);
  }

  transfer(callId: string, target: string): Promise<void> {
    return this.features.transfer(callId, target);
  }

  completeTransfer(heldCallId: string, consultCallId: string): Promise<void> {
    return this.features.completeTransfer(heldCallId, consultCallId);
  }

  merge(callIds: [string, string]): Promise<void> {
    return this.features.merge(callIds);
  }

  split(): Promise<void> {
    return this.features.split();
  }

  setAutoAnswerPolicy(policy: 'off' | 'on' | 'idle'): void {
    this.features.setAutoAnswerPolicy(policy);
  }

  setTrust(rules: TrustRules): void {
    this.features.setTrust(rules);
  }

  answerTransferRequest(callId: string, accept: boolean): Promise<void> {
    return this.features.answerTransferRequest(callId, accept);
  }

  setHeld(callId: string, held: boolean): Promise<void> {
    return this.requireCall(callId).controls.setHeld(held);
  }

  setDoNotDisturb(on: boolean, refusalCode: 486 | 480 = 486): void {
    this.doNotDisturb = { on, code: refusalCode };
  }

  setForwarding(rules: ForwardRules | null): void {
    this.forwarding.configure(rules);
  }

  setAudioDevices(devices: MediaPreferences): void {
    this.media = { ...devices };
    this.warm.useDevices(this.media);
    // Calls in progress move to the new speaker at once; a new microphone applies from the next call.
    for (const call of this.calls.values()) call.useSpeaker(devices.speakerId);
  }

  // An incoming INVITE. SIP.js does not send 180 by itself here (sendInitialProvisionalResponse
  // is off): a call this phone refuses is refused before anything rings, here or at the caller's.
  private onInvite(invitation: Invitation): void {
    const call = incomingCall(invitation, this.prefs, () => this.onCallChanged(call.id));
    const forward = this.forwarding.decide(this.calls.values(), this.doNotDisturb.on, invitation);
    this.calls.set(call.id, call);
    if (forward.action === 'forward') return void this.forwarding.forward(call, forward);
    const offer = checkIncomingOffer(invitation.body);
    const refusal = !offer.ok
      ? { code: NOT_ACCEPTABLE_HERE, reason: refusedOfferText(call.remoteName, offer.problem) }
      : forward.action === 'do-not-disturb'
        ? { code: this.doNotDisturb.code, reason: t('engine.missedDnd', { name: call.remoteName }) }
        : null;
    if (refusal) {
      if (!offer.ok) console.warn(`Refused an incoming call (488): ${offer.problem}.`);
      // Ended before the first snapshot, so the call is never seen ringing.
      void call.refuse(refusal.code, refusal.reason);
      return;
    }
    this.emit();
    invitation.progress().catch(() => undefined);
    this.forwarding.ringing(call, forward);
    void this.features.onIncoming(call, invitation);
  }

  private onCallChanged(callId: string): void {
    const call = this.calls.get(callId);
    if (call) this.forwarding.changed(call);
    if (call?.isEnded()) {
      this.features.onEnded(call);
      // A short call (a cancelled attempt, a wrong number) may end before the next standby was made.
      this.warm.standby.refill();
      setTimeout(() => this.calls.delete(callId) && this.emit(), ENDED_CALL_LINGER_MS);
    }
    this.emit();
  }

  private requireCall(callId: string): CallController {
    const call = this.calls.get(callId);
    if (!call) throw new Error(t('engine.callGone'));
    return call;
  }

  private emit(): void {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
