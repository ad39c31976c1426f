import { Web, type Session } from 'sip.js';

// Media helpers for one SIP session: remote audio playback and the RTP
// counters that prove audio is really flowing.

export function peerConnectionOf(session: Session): RTCPeerConnection | undefined {
  const handler = session.sessionDescriptionHandler;
  return handler instanceof Web.SessionDescriptionHandler ? handler.peerConnection : undefined;
}

export function remoteStreamOf(session: Session): MediaStream | undefined {
  const handler = session.sessionDescriptionHandler;
  return handler instanceof Web.SessionDescriptionHandler ? handler.remoteMediaStream : undefined;
}

export async function inboundAudio(
  pc: RTCPeerConnection | undefined,
): Promise<{ bytes: number; packets: number }> {
  if (!pc) return { bytes: 0, packets: 0 };
  const report = await pc.getStats();
  let bytes = 0;
  let packets = 0;
  report.forEach(
    (entry: { type?: string; kind?: string; bytesReceived?: number; packetsReceived?: number }) => {
      if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
        bytes += entry.bytesReceived ?? 0;
        packets += entry.packetsReceived ?? 0;
      }
    },
  );
  return { bytes, packets };
}

/** Plays the far end's audio; one hidden element per call, released when the call ends. */
export class RemoteAudioPlayer {
  private element: HTMLAudioElement | null = null;

  attach(stream: MediaStream, speakerId = ''): void {
    if (!this.element) {
      this.element = document.createElement('audio');
      this.element.autoplay = true;
      this.element.dataset.role = 'remote-audio';
      document.body.appendChild(this.element);
    }
    if (this.element.srcObject !== stream) this.element.srcObject = stream;
    this.setSink(speakerId);
    // Autoplay is allowed by the app's policy; a refusal is logged, not fatal.
    this.element.play().catch((error: unknown) => console.warn('Remote audio did not start', error));
  }

  /** Routes call audio to the chosen output; '' is the system default. */
  setSink(speakerId: string): void {
    const element = this.element as (HTMLAudioElement & { setSinkId?(id: string): Promise<void> }) | null;
    if (!element?.setSinkId || element.sinkId === speakerId) return;
    element.setSinkId(speakerId).catch((error: unknown) => {
      console.warn('Call audio stays on the default output', error);
      void element.setSinkId?.('');
    });
  }

  release(): void {
    if (!this.element) return;
    this.element.pause();
    this.element.srcObject = null;
    this.element.remove();
    this.element = null;
  }
}

/**
 * Resolves with the epoch time of the first inbound RTP packet, polling
 * getStats at a short interval; gives up after `timeoutMs`.
 */
export async function waitForFirstRtp(
  pc: () => RTCPeerConnection | undefined,
  timeoutMs = 10_000,
  intervalMs = 10,
): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { packets } = await inboundAudio(pc());
    if (packets > 0) return Date.now();
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  return undefined;
}
