import type { Session } from 'sip.js';
import { peerConnectionOf, remoteStreamOf } from './media';
import { t } from '../i18n/i18n.svelte';

interface Leg {
  session: Session;
  sender: RTCRtpSender;
  originalTrack: MediaStreamTrack | null;
  destination: MediaStreamAudioDestinationNode;
}

/**
 * A 3-way conference mixed on this machine: each party is sent our
 * microphone plus the other party's audio, so everyone hears everyone.
 * Mute in a conference silences only our microphone in the mix.
 */
export class ConferenceMixer {
  private context: AudioContext | null = null;
  private legs: Leg[] = [];
  private micGain: GainNode | null = null;

  get active(): boolean {
    return this.legs.length > 0;
  }

  includes(session: Session): boolean {
    return this.legs.some((leg) => leg.session === session);
  }

  async merge(sessions: Session[]): Promise<void> {
    if (this.active) throw new Error('A conference is already running. Split it first.');
    const context = new AudioContext();
    if (context.state === 'suspended') await context.resume();
    const senders = sessions.map((session) => {
      const sender = peerConnectionOf(session)
        ?.getSenders()
        .find((s) => s.track?.kind === 'audio');
      if (!sender?.track) throw new Error(t('engine.mergeNeedsAudio'));
      return sender;
    });
    const micTrack = senders[0]!.track!;
    const mic = context.createMediaStreamSource(new MediaStream([micTrack]));
    this.micGain = context.createGain();
    mic.connect(this.micGain);

    const legs: Leg[] = sessions.map((session, index) => ({
      session,
      sender: senders[index]!,
      originalTrack: senders[index]!.track,
      destination: context.createMediaStreamDestination(),
    }));
    for (const leg of legs) {
      this.micGain.connect(leg.destination);
      for (const other of legs) {
        if (other === leg) continue;
        const remote = remoteStreamOf(other.session);
        if (remote && remote.getAudioTracks().length) {
          context.createMediaStreamSource(remote).connect(leg.destination);
        }
      }
    }
    for (const leg of legs) {
      const mixed = leg.destination.stream.getAudioTracks()[0]!;
      await leg.sender.replaceTrack(mixed);
    }
    this.context = context;
    this.legs = legs;
  }

  setMicMuted(muted: boolean): void {
    if (this.micGain) this.micGain.gain.value = muted ? 0 : 1;
  }

  /** Gives every call its own microphone track back. */
  async split(): Promise<void> {
    const legs = this.legs;
    this.legs = [];
    for (const leg of legs) {
      await leg.sender.replaceTrack(leg.originalTrack).catch(() => undefined);
    }
    this.micGain = null;
    await this.context?.close().catch(() => undefined);
    this.context = null;
  }
}
