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

/** The microphone track being sent and the far end's audio, each as a stream (absent while there is none). */
export function audioStreamsOf(session: Session): { local?: MediaStream; remote?: MediaStream } {
  const pc = peerConnectionOf(session);
  if (!pc) return {};
  const sent = pc.getSenders().flatMap((s) => (s.track?.kind === 'audio' ? [s.track] : []));
  const heard = pc.getReceivers().flatMap((r) => (r.track.kind === 'audio' ? [r.track] : []));
  return {
    ...(sent.length ? { local: new MediaStream(sent) } : {}),
    ...(heard.length ? { remote: new MediaStream(heard) } : {}),
  };
}

export { playNoticeTone } from './notice-tone';

export interface InboundAudio {
  bytes: number;
  packets: number;
  /** Sum of squared sample levels over time: grows only while sound (not silence) arrives. */
  energy: number;
}

interface InboundStats {
  type?: string;
  kind?: string;
  bytesReceived?: number;
  packetsReceived?: number;
  totalAudioEnergy?: number;
}

export async function inboundAudio(pc: RTCPeerConnection | undefined): Promise<InboundAudio> {
  const total: InboundAudio = { bytes: 0, packets: 0, energy: 0 };
  if (!pc) return total;
  const report = await pc.getStats();
  report.forEach((entry: InboundStats) => {
    if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
      total.bytes += entry.bytesReceived ?? 0;
      total.packets += entry.packetsReceived ?? 0;
      total.energy += entry.totalAudioEnergy ?? 0;
    }
  });
  return total;
}

/** Video frames decoded from the far end so far: grows while their picture arrives. */
export async function inboundVideoFrames(pc: RTCPeerConnection | undefined): Promise<number> {
  if (!pc) return 0;
  let frames = 0;
  (await pc.getStats()).forEach((entry: { type?: string; kind?: string; framesDecoded?: number }) => {
    if (entry.type === 'inbound-rtp' && entry.kind === 'video') frames += entry.framesDecoded ?? 0;
  });
  return frames;
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
 * Resolves with the epoch time of the first inbound audio packet: the far
 * end's track unmutes when its first packet arrives. Polling getStats every
 * few milliseconds instead competed with the DTLS handshake for the very
 * threads that set the call up; a slow poll remains for a browser that never
 * unmutes. Gives up after `timeoutMs`.
 */
export function waitForFirstRtp(
  pc: () => RTCPeerConnection | undefined,
  timeoutMs = 10_000,
  pollMs = 250,
): Promise<number | undefined> {
  return new Promise((resolve) => {
    const tracks = (pc()?.getReceivers() ?? []).map((r) => r.track).filter((t) => t.kind === 'audio');
    let poll: ReturnType<typeof setTimeout> | undefined;
    let done = false;
    const finish = (at: number | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(poll);
      clearTimeout(deadline);
      tracks.forEach((track) => track.removeEventListener('unmute', onUnmute));
      resolve(at);
    };
    const onUnmute = () => finish(Date.now());
    const deadline = setTimeout(() => finish(undefined), timeoutMs);
    tracks.forEach((track) => track.addEventListener('unmute', onUnmute));
    const check = async () => {
      if ((await inboundAudio(pc())).packets > 0) return finish(Date.now());
      if (!done) poll = setTimeout(() => void check(), pollMs);
    };
    poll = setTimeout(() => void check(), tracks.some((t) => !t.muted) ? 0 : pollMs);
  });
}

/** getStats of each call's media (RTP, candidate pairs, codecs only), for the support bundle. */
export async function callStatsSnapshot(
  calls: readonly { id: string; pc: RTCPeerConnection | undefined }[],
): Promise<unknown[]> {
  const keep = new Set(['inbound-rtp', 'outbound-rtp', 'remote-inbound-rtp', 'candidate-pair', 'codec']);
  const snapshots: unknown[] = [];
  for (const { id, pc } of calls) {
    if (!pc) continue;
    const entries: unknown[] = [];
    (await pc.getStats()).forEach((entry: { type?: string }) => {
      if (entry.type && keep.has(entry.type)) entries.push(entry);
    });
    snapshots.push({ callId: id, at: new Date().toISOString(), entries });
  }
  return snapshots;
}
