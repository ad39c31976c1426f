import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QualityMonitor } from './quality-monitor';
import { SecondClock } from './second-clock';

const ANSWERED = 1_700_000_000_250;

/** A connected call's peer connection whose inbound audio grows by `perRead` bytes at each getStats. */
function peerConnection(perRead: number) {
  let bytes = 0;
  const reads: number[] = [];
  const pc = {
    getStats: () => {
      reads.push(Date.now());
      bytes += perRead;
      const entries = [
        {
          type: 'inbound-rtp',
          kind: 'audio',
          bytesReceived: bytes,
          packetsReceived: bytes / 100,
          jitter: 0.002,
        },
        { type: 'transport', bytesReceived: bytes + reads.length * 100 },
      ];
      return Promise.resolve(new Map(entries.map((entry, i) => [String(i), entry])));
    },
    getTransceivers: () => [{ receiver: { track: { kind: 'audio' } }, currentDirection: 'sendrecv' }],
  };
  return { pc: pc as unknown as RTCPeerConnection, reads };
}

describe('QualityMonitor on the shared clock', () => {
  beforeEach(() => void vi.useFakeTimers({ now: ANSWERED }));
  afterEach(() => void vi.useRealTimers());

  it('reads the statistics every other second of the call, on its second boundaries, and stops with it', async () => {
    const { pc, reads } = peerConnection(1600);
    const clock = new SecondClock();
    const monitor = new QualityMonitor(
      () => pc,
      () => undefined,
      clock,
    );
    monitor.start(ANSWERED);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reads.map((at) => at - ANSWERED)).toEqual([1000, 3000, 5000, 7000, 9000]);
    monitor.stop();
    expect(clock.running).toBe(false);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reads).toHaveLength(5);
  });

  it('tells of a change only when what the display shows changes', async () => {
    const { pc } = peerConnection(1600);
    const onChange = vi.fn();
    const monitor = new QualityMonitor(() => pc, onChange, new SecondClock());
    monitor.start(ANSWERED);
    await vi.advanceTimersByTimeAsync(12_000);
    // The first reading shows the quality; five more with the same figures change nothing.
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(monitor.quality).toMatchObject({
      codec: undefined,
      noAudio: false,
      farEndSilent: false,
      jitterMs: 2,
    });
    monitor.stop();
  });

  it('still says within its threshold that no sound arrives from the far end', async () => {
    const { pc } = peerConnection(0);
    const monitor = new QualityMonitor(
      () => pc,
      () => undefined,
      new SecondClock(),
    );
    monitor.start(ANSWERED);
    await vi.advanceTimersByTimeAsync(3_100);
    expect(monitor.quality?.farEndSilent).toBe(true);
    monitor.stop();
  });
});
