import { Invitation, Inviter, SessionState, type Core, type Session } from 'sip.js';
import { audioOptions, CallControls, type MediaPreferences } from './call-controls';
import { describeMediaFailure, endsCallItself } from './errors';
import {
  DECLINE_REASON,
  initialLineState,
  lineTransition,
  type LineEvent,
  type LineState,
} from './line-state';
import type { AutoAnswerRequest } from './intercom';
import { watchCallMedia, type IceWatchdog } from './ice-restart';
import * as video from './video';
import type { TransferProgress } from './transfer';
import { inboundAudio, peerConnectionOf, RemoteAudioPlayer, remoteStreamOf, waitForFirstRtp } from './media';
import { localMediaSettled, watchLocalMedia } from './instant-sdh';
import { QualityMonitor } from './quality-monitor';
import { ChangeGate } from './change-gate';
import { auditAsteriskCompatibility } from './sdp-audit';
import { RemoteParty } from './remote-party';
import { describeCall } from './call-snapshot';
import type { CallDirection, CallSnapshot, CallStreams, CallTimings } from './types';
import { t } from '../i18n/i18n.svelte';

/** What a call is made of; see call-factory.ts for the three ways calls begin. */
export interface CallInit {
  session: Session;
  direction: CallDirection;
  far: RemoteParty;
  startedAt: number;
  prefs: () => MediaPreferences;
  onChange: () => void;
  /** The media options the call was placed with (default: audio only, from prefs). */
  mediaOptions?: ReturnType<typeof audioOptions>;
}

let nextCallNumber = 1;
/** The longest the screen waits to show an Answer click (the 200 OK normally leaves within a few ms). */
const ANSWER_REDRAW_WAIT_MS = 100;

/** One call (one SIP session) and the plain facts the UI shows about it. */
export class CallController {
  readonly id = `call-${nextCallNumber++}`;
  readonly timings: CallTimings = {};
  private line: LineState;
  private localSdp?: string;
  private readonly player = new RemoteAudioPlayer();
  private readonly monitor = new QualityMonitor(
    () => peerConnectionOf(this.session),
    () => this.onChange(),
  );
  readonly controls: CallControls;
  /** Fixed when the call is placed or answered, so renegotiations never reopen devices. */
  private mediaOptions: ReturnType<typeof audioOptions>;
  /** Repairs the media path when the network under the call breaks (networkBack() after going online). */
  readonly ice: IceWatchdog;

  constructor(init: CallInit) {
    this.session = init.session;
    this.direction = init.direction;
    this.far = init.far;
    this.startedAt = init.startedAt;
    this.prefs = init.prefs;
    this.gate = new ChangeGate(init.onChange);
    this.onChange = this.gate.changed;
    this.line = initialLineState(init.direction);
    this.mediaOptions = init.mediaOptions ?? audioOptions(init.prefs());
    this.controls = new CallControls(this.session, () => this.mediaOptions, this.onChange);
    this.ice = watchCallMedia(this.session, this.controls, this.onChange, (message) =>
      this.dispatch({ type: 'media-failed', message }),
    );
    this.session.stateChange.addListener((state) => this.onSessionState(state));
    this.session.delegate = {
      ...this.session.delegate,
      onInvite: (request, _response, statusCode) => {
        if (statusCode !== 200) return;
        this.far.offerAccepted(request);
        this.onChange();
      },
    };
  }

  readonly session: Session;
  private readonly direction: CallDirection;
  private readonly far: RemoteParty;
  private readonly startedAt: number;
  private readonly prefs: () => MediaPreferences;
  private readonly onChange: () => void;
  private readonly gate: ChangeGate;

  /** Set for an incoming intercom/paging call that asks to be answered automatically. */
  autoAnswer: AutoAnswerRequest | null = null;
  /** Progress of a transfer of this call, shown on its screen. */
  transfer?: TransferProgress;
  /** The far end asks us to call someone else; waits for the user's answer. */
  transferRequest?: { target: string; requestedBy: string };
  inConference = false;

  get remoteName(): string {
    return this.far.identity.name;
  }

  isEstablished(): boolean {
    return this.session.state === SessionState.Established;
  }

  notifyChanged(): void {
    this.onChange();
  }

  /** Sends the INVITE. Resolves once it is on the wire; the outcome arrives by state. */
  async place(): Promise<void> {
    const inviter = this.session as Inviter;
    try {
      await inviter.invite({
        requestDelegate: {
          onProgress: (response) => this.onProgress(response),
          onAccept: (response) => {
            this.timings.answeredAt = Date.now();
            this.far.learnFrom(response.message);
          },
          onReject: (response) => this.onReject(response),
        },
      });
      this.timings.inviteSentAt = Date.now();
      this.captureLocalSdp();
      watchLocalMedia(this.session, (error) => this.localMediaFailed(error));
    } catch (error) {
      this.localMediaFailed(error);
    }
  }

  async answer(video = false): Promise<void> {
    if (!(this.session instanceof Invitation) || this.line.status !== 'incoming') return;
    this.timings.callPressedAt = Date.now();
    this.mediaOptions = audioOptions(this.prefs(), video);
    // The screen is redrawn once the 200 OK is out and the microphone is on the call: drawn first,
    // it would hold up both (the answer was made while it rang; the redraw is the slow part).
    const release = this.gate.hold(ANSWER_REDRAW_WAIT_MS);
    this.dispatch({ type: 'answer-pressed' });
    try {
      await this.session.accept(this.mediaOptions);
      this.timings.answeredAt = Date.now();
      void localMediaSettled(this.session).finally(release);
      this.captureLocalSdp();
      watchLocalMedia(this.session, (error) => this.localMediaFailed(error));
    } catch (error) {
      release();
      this.localMediaFailed(error);
    }
  }

  async decline(): Promise<void> {
    if (this.session instanceof Invitation && this.session.state === SessionState.Initial) {
      this.dispatch({ type: 'declined-here' });
      await this.session.reject({ statusCode: 486, reasonPhrase: DECLINE_REASON });
    }
  }

  /**
   * Refused before it rings (do not disturb, an offer this phone cannot
   * take): the call is over at once, so nothing ever rings or notifies, and
   * Recent keeps it as missed with `reason`.
   */
  async refuse(statusCode: number, reason: string, extraHeaders?: string[]): Promise<void> {
    if (this.session instanceof Invitation && this.session.state === SessionState.Initial) {
      // A redirect (302, forwarding) keeps its code: Recent shows it as forwarded, not missed.
      const code = statusCode < 400 ? { code: statusCode } : {};
      this.dispatch({ type: 'refused-here', reason, at: Date.now(), ...code });
      await this.session.reject({ statusCode, ...(extraHeaders ? { extraHeaders } : {}) });
    }
  }

  /** We were transferred away (REFER accepted) or are handing the call on: its end is expected. */
  endingHere(expected = true): void {
    this.dispatch({ type: 'ending-here', expected });
  }

  /** Turns the camera on or off mid-call; the far end learns of it by re-INVITE. */
  async setCamera(on: boolean): Promise<void> {
    if (!this.isEstablished()) throw new Error(t('engine.cameraNeedsCall'));
    await video.switchCamera(this.session, on, this.prefs().cameraId ?? '', this.controls, this.onChange);
  }

  /** The streams the screen shows: our camera preview and the far end's picture. */
  streams(kind: 'audio' | 'video'): CallStreams {
    return video.streamsOf(this.session, kind);
  }

  useSpeaker(speakerId: string): void {
    this.player.setSink(speakerId);
  }

  async hangup(): Promise<void> {
    const state = this.session.state;
    if (state === SessionState.Established) {
      this.dispatch({ type: 'ending-here' });
      await this.session.bye();
    } else if (
      this.session instanceof Inviter &&
      (state === SessionState.Initial || state === SessionState.Establishing)
    ) {
      this.dispatch({ type: 'cancelled-here' });
      await this.session.cancel();
    } else if (this.session instanceof Invitation) await this.decline();
  }

  /** RTP counters and energy of the far end's audio so far. */
  inboundAudio(): ReturnType<typeof inboundAudio> {
    return inboundAudio(peerConnectionOf(this.session));
  }

  peerConnection(): RTCPeerConnection | undefined {
    return peerConnectionOf(this.session);
  }

  sdp(): string | undefined {
    return this.localSdp;
  }

  isEnded(): boolean {
    return this.line.status === 'ended';
  }

  snapshot(): CallSnapshot {
    const { direction, startedAt, line, far, controls, monitor, ice } = this;
    return describeCall(this, { direction, startedAt, line, far, controls, monitor, ice });
  }

  private onProgress(response: Core.IncomingResponse): void {
    // The PBX names who rings or answers: "1002" becomes "Bob Baker".
    this.far.learnFrom(response.message);
    const code = response.message.statusCode ?? 0;
    if ((code === 180 || code === 183) && this.line.status === 'dialing') this.timings.ringingAt = Date.now();
    this.dispatch({ type: 'progress', code });
  }

  private onReject(response: Core.IncomingResponse): void {
    const code = response.message.statusCode ?? 0;
    this.dispatch({ type: 'rejected', code, reason: response.message.reasonPhrase ?? '' });
  }

  private onSessionState(state: SessionState): void {
    if (state === SessionState.Established) {
      this.dispatch({ type: 'established', at: Date.now() });
      const stream = remoteStreamOf(this.session);
      if (stream) this.player.attach(stream, this.prefs().speakerId);
      // On the call's own seconds, so the quality figures change with the timer.
      this.monitor.start(this.line.answeredAt);
      void this.controls.applySenderTracks();
      void waitForFirstRtp(() => peerConnectionOf(this.session)).then((at) => {
        if (at) this.timings.firstRtpAt = at;
      });
    } else if (state === SessionState.Terminated) {
      // SIP.js moves to Terminated before it hands the final response to
      // onReject, so wait a microtask for the reason to arrive.
      queueMicrotask(() => this.dispatch({ type: 'terminated', at: Date.now() }));
    }
  }

  /** The microphone opens while the call goes out (or the answer is unusable): the call ends with the reason. */
  private localMediaFailed(error: unknown): void {
    this.dispatch({ type: 'media-failed', message: describeMediaFailure(error) });
    if (!endsCallItself(error)) void this.hangup().catch(() => undefined);
  }

  private captureLocalSdp(): void {
    const sdp = peerConnectionOf(this.session)?.localDescription?.sdp;
    if (!sdp) return;
    this.localSdp = sdp;
    const problems = auditAsteriskCompatibility(sdp);
    if (problems.length) console.warn('Local SDP may be refused by Asterisk:', problems.join(' '));
  }

  private dispatch(event: LineEvent): void {
    const before = this.line;
    this.line = lineTransition(before, event, { direction: this.direction, remoteName: this.remoteName });
    if (this.line === before) return;
    if (this.line.status === 'ended' && before.status !== 'ended') {
      this.player.release();
      this.monitor.stop();
    }
    this.onChange();
  }
}
