// Call quality from WebRTC statistics: jitter, loss, round-trip time, codec
// and a MOS estimate from a simplified ITU-T G.107 E-model, plus the "no
// audio is arriving" check that explains silent calls.

export interface QualitySample {
  /** Cumulative counters from inbound-rtp. */
  bytesReceived: number;
  /**
   * Everything that arrived on the selected ICE pair (RTP, RTCP, DTLS), from
   * candidate-pair: grows while the path works, even when the far end sends
   * no audio at all (its RTCP reports keep coming).
   */
  transportBytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, as getStats reports it. */
  jitter: number;
  /** Seconds; undefined until RTCP or ICE has measured it. */
  roundTripTime?: number;
  codec?: string;
  at: number;
}

export interface CallQuality {
  mos: number;
  rating: 'excellent' | 'good' | 'fair' | 'poor' | 'bad';
  jitterMs: number;
  lossPercent: number;
  rttMs?: number;
  codec?: string;
  /**
   * Nothing at all has arrived for PATH_SILENT_MS (no audio, no RTCP) on an
   * active, unheld call: the media path itself is broken.
   */
  noAudio: boolean;
  /**
   * No audio for NO_AUDIO_MS, but the path works (the far end's RTCP still
   * arrives): the other side sends no sound (a silent prompt, a muted or
   * broken microphone there). Worth a quiet word, not an alarm.
   */
  farEndSilent: boolean;
}

export const NO_AUDIO_MS = 3000;
/** Longer than RTCP's report interval (5 s in Asterisk and Chromium), so a working path always shows within it. */
export const PATH_SILENT_MS = 7000;

/** When audio (RTP payload) and anything at all (the transport) last arrived, in ms since the epoch. */
export interface ArrivalMarks {
  lastAudioAt: number;
  lastPacketAt: number;
}

/** E-model R factor → MOS, with delay and loss impairments (codec impairment ~0 for Opus and G.711). */
export function estimateMos(rttMs: number, jitterMs: number, lossPercent: number): number {
  const latency = rttMs / 2 + jitterMs * 2 + 10;
  const delayImpairment = latency < 160 ? latency / 40 : (latency - 120) / 10;
  const r = Math.max(0, Math.min(100, 93.2 - delayImpairment - lossPercent * 2.5));
  const mos = 1 + 0.035 * r + 0.000007 * r * (r - 60) * (100 - r);
  return Math.round(Math.max(1, Math.min(4.5, mos)) * 10) / 10;
}

export function rate(mos: number): CallQuality['rating'] {
  if (mos >= 4.3) return 'excellent';
  if (mos >= 4.0) return 'good';
  if (mos >= 3.6) return 'fair';
  if (mos >= 3.1) return 'poor';
  return 'bad';
}

/**
 * Quality over the interval between two samples (loss counts only this
 * interval, so an old burst does not colour the whole call), and whether
 * audio stopped and, if so, whether the path or the far end is silent.
 * Silence that arrives as packets (G.711 silence, Opus comfort noise) is audio
 * arriving: a silent prompt is a healthy call.
 */
export function assessQuality(
  previous: QualitySample | undefined,
  current: QualitySample,
  marks: ArrivalMarks,
  receiving: boolean,
): CallQuality {
  const received = previous ? current.packetsReceived - previous.packetsReceived : current.packetsReceived;
  const lost = previous ? current.packetsLost - previous.packetsLost : current.packetsLost;
  const lossPercent = received + lost > 0 ? Math.max(0, (lost / (received + lost)) * 100) : 0;
  const jitterMs = current.jitter * 1000;
  const rttMs = current.roundTripTime !== undefined ? current.roundTripTime * 1000 : undefined;
  const mos = estimateMos(rttMs ?? 0, jitterMs, lossPercent);
  return {
    mos,
    rating: rate(mos),
    jitterMs: Math.round(jitterMs * 10) / 10,
    lossPercent: Math.round(lossPercent * 10) / 10,
    rttMs: rttMs !== undefined ? Math.round(rttMs) : undefined,
    codec: current.codec,
    ...silenceOf(current.at, marks, receiving),
  };
}

function silenceOf(at: number, marks: ArrivalMarks, receiving: boolean) {
  const quiet = receiving && at - marks.lastAudioAt >= NO_AUDIO_MS;
  const pathDead = quiet && at - marks.lastPacketAt >= PATH_SILENT_MS;
  return { noAudio: pathDead, farEndSilent: quiet && !pathDead };
}

interface StatEntry {
  type?: string;
  kind?: string;
  bytesReceived?: number;
  packetsReceived?: number;
  packetsLost?: number;
  jitter?: number;
  codecId?: string;
  mimeType?: string;
  roundTripTime?: number;
  currentRoundTripTime?: number;
  state?: string;
  nominated?: boolean;
  selectedCandidatePairId?: string;
  id?: string;
}

/** One reading of the audio statistics of a peer connection. */
export async function sampleAudio(pc: RTCPeerConnection): Promise<QualitySample> {
  const report = await pc.getStats();
  const entries: StatEntry[] = [];
  report.forEach((entry: StatEntry) => entries.push(entry));
  const sample: QualitySample = {
    bytesReceived: 0,
    transportBytesReceived: 0,
    packetsReceived: 0,
    packetsLost: 0,
    jitter: 0,
    at: Date.now(),
  };
  for (const entry of entries) {
    if (entry.type === 'inbound-rtp' && entry.kind === 'audio') {
      sample.bytesReceived += entry.bytesReceived ?? 0;
      sample.packetsReceived += entry.packetsReceived ?? 0;
      sample.packetsLost += entry.packetsLost ?? 0;
      sample.jitter = Math.max(sample.jitter, entry.jitter ?? 0);
      const codec = entries.find((e) => e.type === 'codec' && (e as { id?: string }).id === entry.codecId);
      if (codec?.mimeType) sample.codec = codec.mimeType.replace(/^audio\//i, '');
    }
    if (entry.type === 'remote-inbound-rtp' && entry.kind === 'audio' && entry.roundTripTime !== undefined) {
      sample.roundTripTime = entry.roundTripTime;
    }
    if (entry.type === 'candidate-pair' && entry.nominated && entry.currentRoundTripTime !== undefined) {
      sample.roundTripTime ??= entry.currentRoundTripTime;
    }
    // Summed over every transport: an ICE restart moves traffic to a new pair.
    if (entry.type === 'transport') sample.transportBytesReceived += entry.bytesReceived ?? 0;
  }
  return sample;
}
