import { assessQuality, sampleAudio, type CallQuality, type QualitySample } from './quality';

const INTERVAL_MS = 1000;

/** Samples a call's audio statistics once a second while it is connected. */
export class QualityMonitor {
  quality?: CallQuality;
  private timer: ReturnType<typeof setInterval> | null = null;
  private previous?: QualitySample;
  private lastBytes = 0;
  private lastTransportBytes = 0;
  private marks = { lastAudioAt: Date.now(), lastPacketAt: Date.now() };

  constructor(
    private readonly peerConnection: () => RTCPeerConnection | undefined,
    private readonly onChange: () => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.marks = { lastAudioAt: Date.now(), lastPacketAt: Date.now() };
    this.timer = setInterval(() => void this.tick().catch(() => undefined), INTERVAL_MS);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async tick(): Promise<void> {
    const pc = this.peerConnection();
    if (!pc) return;
    const sample = await sampleAudio(pc);
    const receiving = expectsAudio(pc);
    // Time without audio only counts while the far end is supposed to be sending.
    // "Grew" is judged against the last sample, not a running maximum: a
    // renegotiation can swap the stream, and its counters start again.
    if (sample.bytesReceived !== this.lastBytes || !receiving) this.marks.lastAudioAt = sample.at;
    if (sample.transportBytesReceived !== this.lastTransportBytes || !receiving)
      this.marks.lastPacketAt = sample.at;
    this.lastBytes = sample.bytesReceived;
    this.lastTransportBytes = sample.transportBytesReceived;
    const before = this.quality;
    this.quality = assessQuality(this.previous, sample, this.marks, receiving);
    this.previous = sample;
    if (JSON.stringify(before) !== JSON.stringify(this.quality)) this.onChange();
  }
}

/**
 * False while either side holds the call: silence is then expected, not a
 * fault. 'recvonly' here means the far end offered sendonly, i.e. it holds us
 * (and may or may not play music).
 */
function expectsAudio(pc: RTCPeerConnection): boolean {
  const audio = pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
  return audio?.currentDirection === 'sendrecv';
}
