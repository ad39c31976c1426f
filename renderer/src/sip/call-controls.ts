import { SessionState, Web, type Core, type Session } from 'sip.js';
import { describeSipResponse } from './errors';
import { prepareUndo } from './offer-undo';
import { holdTransition, type HoldState } from './line-state';
import { cameraConstraints, vp8First } from './video';
import { t } from '../i18n/i18n.svelte';

/** What a call's media should use; read at the moment it is needed, so a device change applies to the next call. */
export interface MediaPreferences {
  microphoneId: string;
  speakerId: string;
  cameraId?: string;
  /** "Instant answer": the microphone stays open while registered (off unless the user chose it). */
  keepMicrophoneOpen?: boolean;
}

/** Media options for a call: audio, and the camera only when video was asked for. */
export function audioOptions(prefs: MediaPreferences, video = false) {
  // `ideal`, not `exact`: a headset that was unplugged falls back to the default microphone.
  const audio: boolean | MediaTrackConstraints = prefs.microphoneId
    ? { deviceId: { ideal: prefs.microphoneId } }
    : true;
  return {
    sessionDescriptionHandlerOptions: {
      constraints: { audio, video: video ? cameraConstraints(prefs.cameraId ?? '') : false },
    },
    sessionDescriptionHandlerModifiers: [vp8First],
  };
}

function handlerOf(session: Session): Web.SessionDescriptionHandler | undefined {
  const handler = session.sessionDescriptionHandler;
  return handler instanceof Web.SessionDescriptionHandler ? handler : undefined;
}

/**
 * Mute and hold for one call. Hold is a re-INVITE; the call counts as held
 * only once the far end has answered 200 OK, and a refusal leaves it active
 * with the reason, so the screen never claims a hold that did not happen.
 */
export class CallControls {
  muted = false;
  private hold: HoldState = { held: false, pending: false };

  get held(): boolean {
    return this.hold.held;
  }
  get holdPending(): boolean {
    return this.hold.pending;
  }
  get holdError(): string | undefined {
    return this.hold.error;
  }
  /** In a conference the mixer mutes the microphone; the sender must keep carrying the other party. */
  conference = false;

  constructor(
    private readonly session: Session,
    /** The call's own media options: renegotiating with the same ones keeps the devices open. */
    private readonly options: () => ReturnType<typeof audioOptions>,
    private readonly onChange: () => void,
  ) {}

  /** Sends a re-INVITE with the call's media options; resolves on 200 OK, rejects with a reason. */
  renegotiate(
    extra: Partial<Web.SessionDescriptionHandlerOptions>,
    describeRefusal: (code: number, reason: string) => string,
  ): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const base = this.options();
      const sdhOptions: Web.SessionDescriptionHandlerOptions = {
        ...base.sessionDescriptionHandlerOptions,
        ...extra,
      };
      const undo = prepareUndo(handlerOf(this.session)?.peerConnection);
      this.session
        .invite({
          sessionDescriptionHandlerOptions: sdhOptions,
          sessionDescriptionHandlerModifiers: base.sessionDescriptionHandlerModifiers,
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (response: Core.IncomingResponse) => {
              const refusal = new Error(
                describeRefusal(response.message.statusCode ?? 0, response.message.reasonPhrase ?? ''),
              );
              void undo().finally(() => reject(refusal));
            },
          },
        })
        .catch((error: unknown) => reject(error instanceof Error ? error : new Error(String(error))));
    });
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    void this.applySenderTracks();
    this.onChange();
  }

  async setHeld(held: boolean): Promise<void> {
    if (this.session.state !== SessionState.Established) {
      throw new Error(t('engine.holdNeedsCall'));
    }
    if (this.hold.pending) throw new Error('A hold or resume is already in progress.');
    if (held === this.hold.held) return;
    this.hold = holdTransition(this.hold, { type: 'requested', held });
    this.onChange();
    try {
      await this.renegotiate({ hold: held }, (code, reason) => refusalText(held, code, reason));
      this.hold = holdTransition(this.hold, { type: 'accepted', held });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.hold = holdTransition(this.hold, { type: 'refused', message });
      throw new Error(message, { cause: error });
    } finally {
      await this.applySenderTracks().catch(() => undefined);
      this.onChange();
    }
  }

  /**
   * While held nothing of ours is sent at all (the track is detached, so no
   * RTP flows and the held party cannot hear the office); muted sends silence.
   * Calls are chained: mute, hold and the end of a re-INVITE may each ask at
   * once, and each must see the sender as the one before left it.
   */
  applySenderTracks(): Promise<void> {
    this.applying = this.applying.then(() => this.applyNow()).catch(() => undefined);
    return this.applying;
  }

  private applying: Promise<void> = Promise.resolve();
  private detached?: { sender: RTCRtpSender; track: MediaStreamTrack };

  private async applyNow(): Promise<void> {
    const handler = handlerOf(this.session);
    if (!handler) return;
    const sender = handler.peerConnection
      ?.getSenders()
      .find((s) => s.track?.kind === 'audio' || s === this.detached?.sender);
    if (sender && this.held && sender.track) {
      this.detached = { sender, track: sender.track };
      await sender.replaceTrack(null);
    } else if (sender && !this.held && this.detached) {
      const { track } = this.detached;
      this.detached = undefined;
      if (!sender.track) await sender.replaceTrack(track);
    }
    // After re-attaching: enableSenderTracks only reaches tracks that are attached,
    // so enabling first would leave the returning microphone switched off.
    const sending = !this.held && (this.conference || !this.muted);
    handler.enableSenderTracks(sending);
    if (this.detached) this.detached.track.enabled = false;
  }
}

function refusalText(held: boolean, code: number, reason: string): string {
  if (code === 491) return t('engine.holdRace', { held: String(held) });
  return t('engine.holdRefused', { held: String(held), detail: describeSipResponse(code, reason, 'call') });
}
