import { Web, type BodyAndContentType, type Invitation } from 'sip.js';
import { applyCheckedAnswer } from './answer-check';
import { asDtlsServer, canAnswerEarly } from './early-answer';
import { CandidateTracker } from './candidate-tracker';
import type { GatheringRules, NetworkKnowledge } from './gathering-policy';
import { RELAY_UNAVAILABLE, relayProblem } from './relay-guard';
import type { WarmConnection } from './standby';

type Logger = ConstructorParameters<typeof Web.SessionDescriptionHandler>[0];
type MediaStreamFactory = ConstructorParameters<typeof Web.SessionDescriptionHandler>[1];
type Configuration = NonNullable<ConstructorParameters<typeof Web.SessionDescriptionHandler>[2]>;
type Options = Web.SessionDescriptionHandlerOptions;
type Modifier = (description: RTCSessionDescriptionInit) => Promise<RTCSessionDescriptionInit>;

export interface InstantSetup {
  /** The standby connection, when one was ready. */
  warm: WarmConnection | undefined;
  rules: Omit<GatheringRules, 'capMs'>;
  knowledge: () => NetworkKnowledge | undefined;
}

function wanted(options: Options | undefined): MediaStreamConstraints {
  const constraints = { ...options?.constraints };
  if (constraints.audio === undefined && constraints.video === undefined) return { audio: true };
  return constraints;
}

/**
 * SIP.js's session description handler, made instant: it starts on a warm
 * peer connection, sends the description once the gathering rules are met
 * rather than when Chromium calls gathering complete, and never makes the
 * INVITE or the 200 OK wait for the microphone — the device opens in
 * parallel and its track is put in place with replaceTrack when it arrives.
 */
export class InstantSessionDescriptionHandler extends Web.SessionDescriptionHandler {
  private readonly tracker: CandidateTracker;
  private requested: MediaStreamConstraints | undefined;
  private pending: MediaStream | undefined;
  private sendEnabled = true;
  private failed: ((error: unknown) => void) | undefined;
  private failure: unknown;
  private readonly setup: InstantSetup;
  /** The caller's offer, applied while the phone rang, and whether our answer was applied too. */
  private early: { sdp: string; applied: Promise<void>; answered: boolean } | undefined;
  /** Answer pressed on an early answer: getDescription hands out the one already applied. */
  private answerReady = false;
  /** Settles once the devices asked for are on their senders, or failed to open. */
  private devicesSettled: Promise<void> = Promise.resolve();

  constructor(
    logger: Logger,
    factory: MediaStreamFactory,
    configuration: Configuration,
    setup: InstantSetup,
  ) {
    super(logger, factory, configuration);
    this.setup = setup;
    if (setup.warm) {
      // The library made a connection of its own; the warm one replaces it before anything touched it.
      this._peerConnection?.close();
      this._peerConnection = setup.warm.pc;
      (this as unknown as { initPeerConnectionEventHandlers(): void }).initPeerConnectionEventHandlers();
      this.tracker = setup.warm.tracker;
    } else {
      this.tracker = new CandidateTracker(this._peerConnection!);
    }
  }

  /**
   * Called with the error if the microphone (or camera) cannot be opened after
   * the call went out, or if the far end's answer cannot be used (answer-check.ts).
   */
  onLocalMediaFailure(listener: (error: unknown) => void): void {
    this.failed = listener;
    if (this.failure !== undefined) listener(this.failure);
  }

  localMediaSettled(): Promise<void> {
    return this.devicesSettled;
  }

  override close(): void {
    this.tracker.detach();
    this.pending?.getTracks().forEach((track) => track.stop());
    this.pending = undefined;
    super.close();
  }

  override enableSenderTracks(enable: boolean): void {
    this.sendEnabled = enable;
    super.enableSenderTracks(enable);
  }

  /**
   * While the phone rings: applies the caller's offer and, where the offer
   * allows (early-answer.ts), our answer too — no microphone, nothing sent —
   * so Answer only has to send the 200 OK.
   */
  prepareAnswer(sdp: string, modifiers: Modifier[]): void {
    if (this._peerConnection?.signalingState !== 'stable' || this.early) return;
    const early = { sdp, applied: Promise.resolve(), answered: false };
    early.applied = this.applyModifiers({ sdp, type: 'offer' }, modifiers)
      .then((offer) => this.setRemoteSessionDescription(offer))
      .then(() => this.answerEarly(early, modifiers))
      // Answer applies the offer again (if it did not take) and reports what is wrong with it.
      .catch(() => undefined);
    this.early = early;
  }

  private async answerEarly(early: { sdp: string; answered: boolean }, modifiers: Modifier[]): Promise<void> {
    const pc = this._peerConnection;
    if (pc?.signalingState !== 'have-remote-offer' || !canAnswerEarly(early.sdp)) return;
    await this.updateDirection();
    const answer = await this.applyModifiers(asDtlsServer(await pc.createAnswer()), modifiers);
    if (this.early !== early || pc.signalingState !== 'have-remote-offer') return;
    await this.setLocalSessionDescription(answer);
    early.answered = true;
  }

  override getDescription(options?: Options, modifiers?: Modifier[]): Promise<BodyAndContentType> {
    if (!this.answerReady) return super.getDescription(options, modifiers);
    this.answerReady = false;
    const timeout =
      options?.iceGatheringTimeout ?? this.sessionDescriptionHandlerConfiguration?.iceGatheringTimeout;
    this.attachPending();
    return this.waitForIceGatheringComplete(false, timeout)
      .then(() => this.getLocalSessionDescription())
      .then((description) => ({ body: description.sdp ?? '', contentType: 'application/sdp' }));
  }

  override setDescription(sdp: string, options?: Options, modifiers?: Modifier[]): Promise<void> {
    return applyCheckedAnswer(
      this._peerConnection,
      sdp,
      () => this.applyRemote(sdp, options, modifiers),
      (error) => {
        this.failure = error;
        this.failed?.(error);
      },
    );
  }

  private applyRemote(sdp: string, options?: Options, modifiers?: Modifier[]): Promise<void> {
    const early = this.early;
    this.early = undefined;
    if (!early || early.sdp !== sdp) return super.setDescription(sdp, options, modifiers);
    return early.applied.then(() => {
      const state = this._peerConnection?.signalingState;
      if (state !== 'have-remote-offer' && !(early.answered && state === 'stable')) {
        return super.setDescription(sdp, options, modifiers);
      }
      this.answerReady = early.answered;
      return this.getLocalMediaStream(options);
    });
  }

  protected override getLocalMediaStream(options?: Options): Promise<void> {
    if (!this._peerConnection) return Promise.reject(new Error('Peer connection closed.'));
    const constraints = wanted(options);
    if (this.requested) {
      const audio = constraints.audio || this.requested.audio;
      const video = constraints.video || this.requested.video;
      if (JSON.stringify([audio, video]) === JSON.stringify([this.requested.audio, this.requested.video])) {
        return Promise.resolve();
      }
      // A camera added mid-call: the library's way (the call is up, nobody waits on this).
      this.requested = { audio, video };
      return this.mediaStreamFactory(this.requested, this, options).then((s) => this.setLocalMediaStream(s));
    }
    this.requested = constraints;
    this.devicesSettled = this.mediaStreamFactory(constraints, this, options).then(
      (stream) => {
        if (!this._peerConnection) return stream.getTracks().forEach((track) => track.stop());
        this.pending = stream;
        this.attachPending();
      },
      (error: unknown) => {
        this.failure = error;
        this.failed?.(error);
      },
    );
    return Promise.resolve();
  }

  protected override createLocalOfferOrAnswer(options?: Options): Promise<RTCSessionDescriptionInit> {
    const pc = this._peerConnection;
    if (pc?.signalingState === 'stable' && this.requested) {
      // The offer needs its media sections before the tracks exist.
      for (const kind of ['audio', 'video'] as const) {
        if (this.requested[kind] && !this.transceiverFor(kind)) {
          pc.addTransceiver(kind, { direction: 'sendrecv', streams: [this.localMediaStream] });
        }
      }
    }
    this.attachPending();
    return super.createLocalOfferOrAnswer(options);
  }

  protected override waitForIceGatheringComplete(restart = false, timeout = 0): Promise<void> {
    if (!this._peerConnection) return Promise.reject(new Error('Peer connection closed.'));
    if (restart) this.tracker.restart();
    const rules: GatheringRules = { ...this.setup.rules, capMs: timeout };
    return this.tracker.enough(rules, this.setup.knowledge()).then(() => {
      if (!rules.relayOnly || this.tracker.candidates.some((c) => c.type === 'relay')) return;
      // Relay-only and no relay address: no media can flow, so the INVITE (or 200 OK) never leaves.
      const problem = relayProblem({
        policy: 'relay',
        gatheringComplete: true,
        waitedMs: timeout,
        localSdp: this._peerConnection?.localDescription?.sdp ?? '',
        serverUrls: rules.serverUrls,
      });
      if (problem) throw Object.assign(new Error(problem), { name: RELAY_UNAVAILABLE });
    });
  }

  private transceiverFor(kind: 'audio' | 'video'): RTCRtpTransceiver | undefined {
    return this._peerConnection
      ?.getTransceivers()
      .find((t) => t.direction !== 'stopped' && t.receiver.track.kind === kind);
  }

  /** Puts the opened devices on their transceivers, once both exist. */
  private attachPending(): void {
    const stream = this.pending;
    if (!stream) return;
    const tracks = stream.getTracks();
    if (tracks.some((track) => !this.transceiverFor(track.kind as 'audio' | 'video'))) return;
    this.pending = undefined;
    for (const track of tracks) {
      const transceiver = this.transceiverFor(track.kind as 'audio' | 'video')!;
      // Muted (or held) before the microphone arrived: it arrives muted.
      track.enabled = this.sendEnabled;
      this.localMediaStream.addTrack(track);
      this.localMediaStream.dispatchEvent(new MediaStreamTrackEvent('addtrack', { track }));
      transceiver.sender.replaceTrack(track).catch((error: unknown) => {
        this.failure = error;
        this.failed?.(error);
      });
    }
  }
}

/** Calls `listener` if the session's microphone (or camera) fails to open after the call went out. */
export function watchLocalMedia(
  session: { sessionDescriptionHandler?: unknown },
  listener: (e: unknown) => void,
) {
  const handler = session.sessionDescriptionHandler;
  if (handler instanceof InstantSessionDescriptionHandler) handler.onLocalMediaFailure(listener);
}

/** Settles once the call's microphone (or camera) is on its sender, or failed to open. */
export function localMediaSettled(session: { sessionDescriptionHandler?: unknown }): Promise<void> {
  const handler = session.sessionDescriptionHandler;
  return handler instanceof InstantSessionDescriptionHandler
    ? handler.localMediaSettled()
    : Promise.resolve();
}

/** While an incoming call rings: take the standby and apply the caller's offer to it. */
export function prepareAnswer(invitation: Invitation, modifiers: Modifier[]): void {
  const sdp = invitation.body;
  // An INVITE without an offer gets ours in the 200 OK: nothing to prepare.
  if (!sdp) return;
  const session = invitation as unknown as { setupSessionDescriptionHandler(): unknown };
  const handler = session.setupSessionDescriptionHandler();
  if (handler instanceof InstantSessionDescriptionHandler) handler.prepareAnswer(sdp, modifiers);
}
