import { assessQuality, sampleAudio, type CallQuality, type QualitySample } from './quality';
import { secondClock, type SecondClock } from './second-clock';

/**
 * How often the call's statistics are read, in seconds of the call: as often
 * as the quality display refreshes. The silence checks (NO_AUDIO_MS,
 * PATH_SILENT_MS) are judged on these samples, so a warning shows within
 * this much of its threshold.
 */
export const QUALITY_SAMPLE_SECONDS = 2;

/**
 * Samples a call's audio statistics while it is connected, on the shared
 * second clock (the call timer's ticks): at seconds 1, 3, 5… of the call, so
 * the quality figures change in the same frame as the timer.
 */
export class QualityMonitor {
  quality?: CallQuality;
  private leave: (() => void) | null = null;
  private seconds = 0;
  private previous?: QualitySample;
  private lastBytes = 0;
  private lastTransportBytes = 0;
  private marks = { lastAudioAt: Date.now(), lastPacketAt: Date.now() };

  constructor(
    private readonly peerConnection: () => RTCPeerConnection | undefined,
    private readonly onChange: () => void,
    private readonly clock: SecondClock = secondClock,
  ) {}

  /** `origin`: when the call was answered (epoch ms), whose seconds the timer counts. */
  start(origin = Date.now()): void {
    if (this.leave) return;
    this.marks = { lastAudioAt: origin, lastPacketAt: origin };
    this.seconds = 0;
    this.leave = this.clock.keep(origin, () => {
      this.seconds++;
      if (this.seconds % QUALITY_SAMPLE_SECONDS !== 1 % QUALITY_SAMPLE_SECONDS) return;
      return this.tick().catch(() => undefined);
    });
  }

  stop(): void {
    this.leave?.();
    this.leave = null;
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
