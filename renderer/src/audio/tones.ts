// Ring and call-waiting tones synthesised at run time: no audio files, so no
// licence to track, and the cadence is exact.

export type ToneName = 'ringtone' | 'call-waiting';

interface Segment {
  /** Frequencies mixed during this segment; empty means silence. */
  hz: number[];
  seconds: number;
}

/** A double ring (two 0.4 s bursts, then a pause), the pattern desk phones use. */
const RINGTONE: Segment[] = [
  { hz: [400, 450], seconds: 0.4 },
  { hz: [], seconds: 0.2 },
  { hz: [400, 450], seconds: 0.4 },
  { hz: [], seconds: 2.0 },
];

/** One short, quiet beep every few seconds: noticeable, never drowns the current call. */
const CALL_WAITING: Segment[] = [
  { hz: [440], seconds: 0.3 },
  { hz: [], seconds: 3.7 },
];

export const TONES: Record<ToneName, { segments: Segment[]; gain: number }> = {
  ringtone: { segments: RINGTONE, gain: 0.5 },
  'call-waiting': { segments: CALL_WAITING, gain: 0.25 },
};

export function toneDurationSeconds(name: ToneName): number {
  return TONES[name].segments.reduce((sum, segment) => sum + segment.seconds, 0);
}

/** Renders one period of a tone into PCM samples, with short ramps so bursts do not click. */
export function renderTone(name: ToneName, sampleRate: number): Float32Array {
  const { segments, gain } = TONES[name];
  const total = Math.round(toneDurationSeconds(name) * sampleRate);
  const samples = new Float32Array(total);
  const ramp = Math.round(0.01 * sampleRate);
  let offset = 0;
  for (const segment of segments) {
    const length = Math.round(segment.seconds * sampleRate);
    if (segment.hz.length) {
      for (let i = 0; i < length && offset + i < total; i++) {
        const t = (offset + i) / sampleRate;
        let value = 0;
        for (const hz of segment.hz) value += Math.sin(2 * Math.PI * hz * t);
        const envelope = Math.min(1, i / ramp, (length - i) / ramp);
        samples[offset + i] = (value / segment.hz.length) * gain * envelope;
      }
    }
    offset += length;
  }
  return samples;
}
