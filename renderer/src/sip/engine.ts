import { Registerer, RegistererState, UserAgent, type Invitation } from 'sip.js';
import { CallController } from './call';
import { CallFeatures } from './call-features';
import type { DtmfMode } from './dtmf';
import type { MediaPreferences } from './call-controls';
import { normaliseDialString } from './dial';
import { describeConnectionLost, describeSipResponse, describeTransportFailure } from './errors';
import { inboundVideoFrames } from './media';
import { buildUserAgentOptions } from './ua-options';
import type {
  CallTimings,
  EngineConfig,
  EngineListener,
  EngineSnapshot,
  PhoneEngine,
  RegistrationState,
  TransportDiagnoser,
} from './types';

/** How long an ended call stays visible so the user can read why it ended. */
const ENDED_CALL_LINGER_MS = 4000;
const REGISTER_EXPIRES_S = 300;

/** The phone: one account, its registration and its calls, over SIP.js. */
export class SipPhoneEngine implements PhoneEngine {
  private ua: UserAgent | null = null;
  private registerer: Registerer | null = null;
  private domain = '';
  private registration: RegistrationState = { status: 'unregistered' };
  private readonly calls = new Map<string, CallController>();
  private readonly listeners = new Set<EngineListener>();
  private generation = 0;
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
    userAgent: () => this.ua,
    domain: () => this.domain,
    dtmfMode: () => this.dtmf,
    prefs: this.prefs,
    onCallChanged: (id) => this.onCallChanged(id),
  });

  constructor(private readonly diagnose: TransportDiagnoser) {}

  async start(config: EngineConfig): Promise<void> {
    await this.stop();
    const generation = ++this.generation;
    const options = buildUserAgentOptions(config);
    this.dtmf = config.dtmfMode ?? 'rfc4733';
    const { user, domain, ...uaOptions } = options;
    this.domain = domain;
    this.setRegistration({ status: 'connecting' });
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (!uri) throw new Error(`"${config.sipAddress}" is not a SIP address (user@domain).`);
    const ua = new UserAgent({
      ...uaOptions,
      uri,
      delegate: {
        onInvite: (invitation) => this.onInvite(invitation),
        onDisconnect: (error) => {
          if (error && generation === this.generation) {
            this.setRegistration({
              status: 'failed',
              message: describeConnectionLost(),
              detail: error.message,
            });
          }
        },
      },
    });
    this.ua = ua;
    try {
      await ua.start();
    } catch (error) {
      if (generation !== this.generation) return;
      const detail = error instanceof Error ? error.message : String(error);
      const diagnosis = await this.diagnose(config.wsUrl).catch(() => null);
      this.setRegistration({
        status: 'failed',
        message: diagnosis?.message ?? describeTransportFailure(config.wsUrl, 1006),
        detail: diagnosis ? `${diagnosis.detail}; ${detail}` : detail,
      });
      return;
    }
    const registerer = new Registerer(ua, { expires: REGISTER_EXPIRES_S });
    this.registerer = registerer;
    registerer.stateChange.addListener((state) => {
      if (generation !== this.generation) return;
      if (state === RegistererState.Registered) this.setRegistration({ status: 'registered' });
      else if (state === RegistererState.Unregistered && this.registration.status === 'registered') {
        this.setRegistration({ status: 'unregistered' });
      }
    });
    await registerer.register({
      requestDelegate: {
        onReject: (response) => {
          const statusCode = response.message.statusCode ?? 0;
          const reasonPhrase = response.message.reasonPhrase ?? '';
          this.setRegistration({
            status: 'failed',
            message: describeSipResponse(statusCode, reasonPhrase, 'register'),
            detail: `REGISTER answered ${statusCode} ${reasonPhrase}`,
          });
        },
      },
    });
  }

  async stop(): Promise<void> {
    this.generation++;
    const ua = this.ua;
    this.ua = null;
    this.registerer = null;
    // UserAgent.stop() ends every call (BYE/CANCEL) and unregisters every
    // registerer at once; on quit the page may not live long enough for more.
    if (ua) await withTimeout(ua.stop(), 2000);
    this.setRegistration({ status: 'unregistered' });
  }

  async call(target: string, options: { video?: boolean } = {}): Promise<string> {
    const pressedAt = Date.now();
    const ua = this.ua;
    if (!ua || this.registration.status !== 'registered') {
      throw new Error('The phone is not registered, so it cannot place calls. Check the account settings.');
    }
    const dial = normaliseDialString(target, this.domain);
    if (!dial.ok) throw new Error(dial.reason);
    const uri = UserAgent.makeURI(dial.uri);
    if (!uri) throw new Error(`"${target}" cannot be turned into a SIP address.`);
    const call = CallController.outgoing(
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
    this.emit();
    await call.place();
    return call.id;
  }

  async answer(callId: string, options: { video?: boolean } = {}): Promise<void> {
    await this.requireCall(callId).answer(options.video ?? false);
  }

  setCamera(callId: string, on: boolean): Promise<void> {
    return this.requireCall(callId).setCamera(on);
  }

  videoStreams(callId: string): { local?: MediaStream; remote?: MediaStream } {
    return this.calls.get(callId)?.videoStreams() ?? {};
  }

  inboundVideoFrames(callId: string): Promise<number> {
    return inboundVideoFrames(this.calls.get(callId)?.peerConnection());
  }

  async decline(callId: string): Promise<void> {
    await this.requireCall(callId).decline();
  }

  async hangup(callId: string): Promise<void> {
    await this.requireCall(callId).hangup();
  }

  snapshot(): EngineSnapshot {
    return {
      registration: { ...this.registration },
      calls: [...this.calls.values()].map((c) => c.snapshot()),
    };
  }

  subscribe(listener: EngineListener): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  inboundAudioBytes(callId: string): Promise<number> {
    return this.calls.get(callId)?.inboundAudioBytes() ?? Promise.resolve(0);
  }

  inboundAudioEnergy(callId: string): Promise<number> {
    return this.calls.get(callId)?.inboundAudioEnergy() ?? Promise.resolve(0);
  }

  timings(callId: string): CallTimings | undefined {
    const timings = this.calls.get(callId)?.timings;
    return timings ? { ...timings } : undefined;
  }

  localSdp(callId: string): string | undefined {
    return this.calls.get(callId)?.sdp();
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

  setHeld(callId: string, held: boolean): Promise<void> {
    return this.requireCall(callId).controls.setHeld(held);
  }

  setDoNotDisturb(on: boolean, refusalCode: 486 | 480 = 486): void {
    this.doNotDisturb = { on, code: refusalCode };
  }

  setAudioDevices(devices: MediaPreferences): void {
    this.media = { ...devices };
    // Calls in progress move to the new speaker at once; a new microphone applies from the next call.
    for (const call of this.calls.values()) call.useSpeaker(devices.speakerId);
  }

  private onInvite(invitation: Invitation): void {
    const call = CallController.incoming(invitation, this.prefs, () => this.onCallChanged(call.id));
    this.calls.set(call.id, call);
    this.emit();
    if (this.doNotDisturb.on && !invitation.replacee) void call.refuse(this.doNotDisturb.code);
    else void this.features.onIncoming(call, invitation);
  }

  private onCallChanged(callId: string): void {
    const call = this.calls.get(callId);
    if (call?.isEnded()) {
      this.features.onEnded(call);
      setTimeout(() => {
        this.calls.delete(callId);
        this.emit();
      }, ENDED_CALL_LINGER_MS);
    }
    this.emit();
  }

  private requireCall(callId: string): CallController {
    const call = this.calls.get(callId);
    if (!call) throw new Error('That call has already ended.');
    return call;
  }

  private setRegistration(state: RegistrationState): void {
    this.registration = state;
    this.emit();
  }

  private emit(): void {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  return Promise.race([work.catch(() => undefined), new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}
