import { describe, expect, it } from 'vitest';
import { assessQuality, estimateMos, NO_AUDIO_MS, PATH_SILENT_MS, rate, type QualitySample } from './quality';

const sample = (over: Partial<QualitySample> = {}): QualitySample => ({
  bytesReceived: 1000,
  transportBytesReceived: 1200,
  packetsReceived: 100,
  packetsLost: 0,
  jitter: 0.002,
  roundTripTime: 0.02,
  codec: 'opus',
  at: 10_000,
  ...over,
});

describe('estimateMos (E-model)', () => {
  it('rates a clean LAN call near the top of the scale', () => {
    expect(estimateMos(1, 1, 0)).toBeGreaterThanOrEqual(4.3);
    expect(rate(estimateMos(1, 1, 0))).toBe('excellent');
  });

  it('falls with loss, jitter and delay, in that order of harm for typical values', () => {
    const clean = estimateMos(40, 5, 0);
    expect(estimateMos(40, 5, 5)).toBeLessThan(clean);
    expect(estimateMos(40, 60, 0)).toBeLessThan(clean);
    expect(estimateMos(600, 5, 0)).toBeLessThan(estimateMos(200, 5, 0));
    expect(rate(estimateMos(300, 40, 10))).toMatch(/poor|bad/);
  });

  it('stays within 1..4.5 for absurd inputs', () => {
    expect(estimateMos(100_000, 10_000, 100)).toBe(1);
    expect(estimateMos(0, 0, 0)).toBeLessThanOrEqual(4.5);
  });
});

describe('assessQuality', () => {
  it('measures loss over the last interval only', () => {
    const before = sample({ packetsReceived: 1000, packetsLost: 100 });
    const after = sample({ packetsReceived: 1090, packetsLost: 110, at: 11_000 });
    expect(assessQuality(before, after, fresh(11_000), true).lossPercent).toBe(10);
    const calm = sample({ packetsReceived: 1190, packetsLost: 110, at: 12_000 });
    expect(assessQuality(after, calm, fresh(12_000), true).lossPercent).toBe(0);
  });

  it('reports jitter and round trip in milliseconds, and the codec', () => {
    const quality = assessQuality(
      undefined,
      sample({ jitter: 0.0123, roundTripTime: 0.0456 }),
      fresh(10_000),
      true,
    );
    expect(quality).toMatchObject({ jitterMs: 12.3, rttMs: 46, codec: 'opus', noAudio: false });
  });

  it('says nothing while audio packets arrive, silent or not', () => {
    const quality = assessQuality(undefined, sample({ at: 20_000 }), fresh(20_000), true);
    expect(quality).toMatchObject({ noAudio: false, farEndSilent: false });
  });

  it('no audio for 3 s while the path still carries RTCP: the far end is silent, not the network', () => {
    const now = 20_000;
    const marks = (audioGap: number, packetGap: number) => ({
      lastAudioAt: now - audioGap,
      lastPacketAt: now - packetGap,
    });
    const at = sample({ at: now });
    expect(assessQuality(undefined, at, marks(NO_AUDIO_MS - 1, 0), true)).toMatchObject({
      noAudio: false,
      farEndSilent: false,
    });
    // A silent Opus prompt on Asterisk: no RTP, RTCP every 5 s.
    expect(assessQuality(undefined, at, marks(60_000, 4_000), true)).toMatchObject({
      noAudio: false,
      farEndSilent: true,
    });
    // Nothing at all for longer than the RTCP interval: the path is broken.
    expect(assessQuality(undefined, at, marks(60_000, PATH_SILENT_MS), true)).toMatchObject({
      noAudio: true,
      farEndSilent: false,
    });
    // On hold nothing is expected.
    expect(assessQuality(undefined, at, marks(60_000, 60_000), false)).toMatchObject({
      noAudio: false,
      farEndSilent: false,
    });
  });
});

function fresh(at: number) {
  return { lastAudioAt: at, lastPacketAt: at };
}
