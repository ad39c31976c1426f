import { assessQuality, sampleAudio, type CallQuality, type QualitySample } from './quality';

const INTERVAL_MS = 1000;

/** Samples a call's audio statistics once a second while it is connected. */
export class QualityMonitor {
  quality?: CallQuality;
  private timer: ReturnType<typeof setInterval> | null = null;
  private previous?: QualitySample;
  private lastBytes = 0;
  private lastAudioAt = Date.now();

  constructor(
    private readonly peerConnection: () => RTCPeerConnection | undefined,
    private readonly onChange: () => void,
  ) {}

  start(): void {
    if (this.timer) return;
    this.lastAudioAt = Date.now();
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
    if (sample.bytesReceived > this.lastBytes || !receiving) this.lastAudioAt = sample.at;
    this.lastBytes = sample.bytesReceived;
    const before = this.quality;
    this.quality = assessQuality(this.previous, sample, this.lastAudioAt, receiving);
    this.previous = sample;
    if (JSON.stringify(before) !== JSON.stringify(this.quality)) this.onChange();
  }
}

/** False while either side holds the call: silence is then expected, not a fault. */
function expectsAudio(pc: RTCPeerConnection): boolean {
  const audio = pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
  const direction = audio?.currentDirection;
  return direction === 'sendrecv' || direction === 'recvonly';
}
