import type { CallQuality } from './quality';
import type { VoicemailState } from './message-summary';
import type { ForwardRules } from './forwarding';
import type { Lamp, LampState } from './lamp-watch';
import type { MessageFailure } from '../../../contract/messages';

export type { VoicemailState, Lamp, LampState };

// The phone engine's public surface. The UI depends on these types only, never
// on SIP.js, so the SIP stack can be replaced without touching a component.

/** reconnecting: was registered, lost the server, and is trying again by itself. */
export type RegistrationStatus = 'unregistered' | 'connecting' | 'registered' | 'reconnecting' | 'failed';

export interface RegistrationState {
  status: RegistrationStatus;
  /** Plain-language reason, set when status is 'failed' or 'reconnecting'. */
  message?: string;
  /** Technical detail for support (status line, error code). */
  detail?: string;
  /** While reconnecting: the number of the next (or current) try. */
  attempt?: number;
  /** While waiting to try again: epoch ms of the next try. */
  nextAttemptAt?: number;
  /** 'failed' for good: nothing will try again until the user does (wrong credentials, unknown account). */
  final?: boolean;
}

export type CallDirection = 'outgoing' | 'incoming';

/**
 * dialing: INVITE being prepared or sent; ringing: the far end is alerting;
 * incoming: ringing here, waiting for the user; connecting: answered, media
 * being set up; active: talking; ended: over (see endReason).
 */
export type CallStatus = 'dialing' | 'ringing' | 'incoming' | 'connecting' | 'active' | 'ended';

export interface CallSnapshot {
  id: string;
  direction: CallDirection;
  status: CallStatus;
  remoteName: string;
  remoteNumber: string;
  remoteUri: string;
  /** Epoch ms when the call was placed or arrived. */
  startedAt: number;
  /** Epoch ms when the call was answered. */
  answeredAt?: number;
  endedAt?: number;
  /** Plain-language reason shown when the call ended abnormally. */
  endReason?: string;
  endCode?: number;
  muted: boolean;
  /** True only after the far end accepted the hold re-INVITE (200 OK). */
  held: boolean;
  /** The far end has put this call on hold (its last offer was sendonly or inactive). */
  heldByRemote?: boolean;
  /** A hold or resume re-INVITE is in flight. */
  holdPending: boolean;
  /** Why the last hold/resume failed, if it did; cleared on the next attempt. */
  holdError?: string;
  transfer?: { state: 'requested' | 'trying' | 'succeeded' | 'failed'; message: string };
  /** The far end asks this phone to call `target` instead (REFER); nothing is dialled until the user accepts. */
  transferRequest?: { target: string; requestedBy: string };
  inConference?: boolean;
  /** An intercom/paging call that asked to be answered automatically. */
  autoAnswer?: boolean;
  /** Our camera is being sent. */
  localVideo?: boolean;
  /** The far end's picture is arriving. */
  remoteVideo?: boolean;
  /** An incoming call that offers video. */
  videoOffered?: boolean;
  /** Live quality, measured once a second while connected. */
  quality?: CallQuality;
  /** The audio path broke and an ICE restart is trying to bring it back. */
  reconnecting?: boolean;
}

/** Epoch-millisecond marks for one call, for the benchmark and diagnostics. */
export interface CallTimings {
  callPressedAt?: number;
  inviteSentAt?: number;
  ringingAt?: number;
  answeredAt?: number;
  firstRtpAt?: number;
}

export interface EngineIceServer {
  urls: string;
  username?: string;
  credential?: string;
}

export interface EngineConfig {
  displayName: string;
  /** user@domain */
  sipAddress: string;
  authUser?: string;
  /** Answers a digest challenge's realm with its HA1, from main: the password never reaches the renderer. */
  digestKey: (realm: string) => Promise<string>;
  wsUrl: string;
  iceServers: EngineIceServer[];
  iceGatheringTimeoutMs: number;
  /** 'relay': media only through TURN (a TURN-only network); absent means 'all'. */
  iceTransportPolicy?: RTCIceTransportPolicy;
  /** How keypad tones are sent during calls. */
  dtmfMode?: 'rfc4733' | 'info';
  /** SUBSCRIBE to message-summary as well as accepting the PBX's unsolicited NOTIFYs. */
  mwiSubscribe?: boolean;
  /** How long each lamp subscription is asked to last (s). */
  lampExpiresS?: number;
}

export interface EngineSnapshot {
  registration: RegistrationState;
  calls: CallSnapshot[];
  /** Waiting voicemail as the PBX last reported it; absent until it has said anything. */
  voicemail?: VoicemailState;
  /** Colleagues' and park-slot lamps, one per watched target (see lamp-watch.ts). */
  lamps?: Lamp[];
}

export type EngineListener = (snapshot: EngineSnapshot) => void;

/** Asks main why a WebSocket failed: a renderer only ever sees code 1006. */
export type TransportDiagnoser = (wsUrl: string) => Promise<{ message: string; detail: string } | null>;

export interface CallStreams {
  local?: MediaStream;
  remote?: MediaStream;
}

export interface PhoneEngine {
  start(config: EngineConfig): Promise<void>;
  stop(): Promise<void>;
  call(target: string, options?: { video?: boolean }): Promise<string>;
  answer(callId: string, options?: { video?: boolean }): Promise<void>;
  decline(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  snapshot(): EngineSnapshot;
  subscribe(listener: EngineListener): () => void;
  inboundAudioBytes(callId: string): Promise<number>;
  timings(callId: string): CallTimings | undefined;
  /** The SDP this phone last offered or answered with, for compatibility checks. */
  localSdp(callId: string): string | undefined;
  setMuted(callId: string, muted: boolean): void;
  /** A short beep to the far end (a recording started); false when nothing is being sent (on hold). */
  playNotice?(callId: string): Promise<boolean>;
  /** Resolves when the far end accepted; rejects with a plain reason when it refused. */
  setHeld(callId: string, held: boolean): Promise<void>;
  /** While on, incoming calls are refused (486 or 480) and reported as missed. */
  setDoNotDisturb(on: boolean, refusalCode?: 486 | 480): void;
  /** Call forwarding rules (sip/forwarding.ts); applied to the next incoming call. */
  setForwarding?(rules: ForwardRules | null): void;
  setAudioDevices(devices: {
    microphoneId: string;
    speakerId: string;
    cameraId?: string;
    keepMicrophoneOpen?: boolean;
  }): void;
  sendDtmf(callId: string, digits: string): Promise<void>;
  /** Makes callId the one you talk on: every other connected call is held first. */
  switchTo(callId: string): Promise<void>;
  /** Blind transfer (REFER) to a number or address; resolves when the target answered. */
  transfer(callId: string, target: string): Promise<void>;
  /** Attended transfer: joins the held call with the consultation call (REFER with Replaces). */
  completeTransfer(heldCallId: string, consultCallId: string): Promise<void>;
  /** Local 3-way conference: each party hears the other two, mixed here. */
  merge(callIds: [string, string]): Promise<void>;
  split(): Promise<void>;
  setAutoAnswerPolicy(policy: 'off' | 'on' | 'idle'): void;
  /** Whom the phone trusts without asking: intercom callers, transfer targets. */
  setTrust?(rules: {
    autoAnswerFrom: readonly string[];
    transferRequests: 'ask' | 'refuse';
    transferAllow: readonly string[];
  }): void;
  /** The user's answer to a transfer the far end requested. */
  answerTransferRequest?(callId: string, accept: boolean): Promise<void>;
  setCamera(callId: string, on: boolean): Promise<void>;
  /** The call's own and the far end's media of one kind (audio: what a recording mixes). */
  streams(callId: string, kind: 'audio' | 'video'): CallStreams;
  inboundVideoFrames(callId: string): Promise<number>;
  /**
   * The network changed: 'online' (the browser is back online) and 'resume'
   * (the computer woke up or was unlocked) retry the server at once and repair
   * the media of calls in progress.
   */
  networkChanged?(event: 'online' | 'resume'): void;
  /** The user's "Retry now": register again at once, whatever the phone was waiting for. */
  retryNow?(): void;
  /** Lamps to watch for one owner ('board', 'park'); the engine subscribes to the union of all owners' lists. */
  setLampTargets?(group: string, targets: readonly string[]): void;
  /** Sends a text message; resolves with the outcome (never rejects). */
  /** `ref`: our id for the message, which a later delivery report names. */
  sendMessage?(target: string, text: string, ref?: string): Promise<MessageOutcome>;
  /** Delivery reports that arrive after the answer; returns the function that stops listening. */
  onDeliveryReport?(listener: DeliveryListener): () => void;
  /** Text messages as they arrive, in and out of calls; returns the function that stops listening. */
  onTextMessage?(listener: TextListener): () => void;
}

/** A text message from a colleague (SIP MESSAGE), already cleaned (sip/message-text.ts). */
export interface ReceivedText {
  /** The sender's number or extension: the conversation it belongs to. */
  peer: string;
  name: string;
  text: string;
  at: number;
  /** Arrived inside a call with the sender (in-dialog MESSAGE). */
  inCall?: boolean;
}

export type TextListener = (message: ReceivedText) => void;

/** A later report on a message we sent (sip/delivery-report.ts): `ref` is the id it was sent with. */
export interface LateDeliveryReport {
  /** Who the report came from: it must be the conversation the message went to. */
  peer: string;
  ref: string;
  delivered: boolean;
}
export type DeliveryListener = (report: LateDeliveryReport) => void;

/** How a sent message ended: a 2xx (code 202 means the PBX took it, not that a phone showed it) or why not. */
export type MessageOutcome =
  { delivered: true; code: number } | { delivered: false; reason: MessageFailure; code?: number };

/** Receives SIP.js log lines (level, category, label, content). */
export type LogConnector = (
  level: string,
  category: string,
  label: string | undefined,
  content: string,
) => void;
