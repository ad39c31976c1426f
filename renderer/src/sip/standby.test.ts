import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  LIFETIME_HOST_ONLY_MS,
  LIFETIME_WITH_SERVERS_MS,
  REFILL_DELAY_MS,
  StandbyMedia,
  type StandbySettings,
} from './standby';
import type { NetworkKnowledge } from './gathering-policy';

/** A peer connection that only knows whether it is open. */
class FakePc extends EventTarget {
  signalingState: RTCSignalingState = 'stable';
  constructor(readonly configuration: RTCConfiguration) {
    super();
  }
  close(): void {
    this.signalingState = 'closed';
  }
}

function harness() {
  let clock = 1_000_000;
  const made: FakePc[] = [];
  const probes: { configuration: RTCConfiguration; resolve: (k: NetworkKnowledge) => void }[] = [];
  const standby = new StandbyMedia({
    createPeerConnection: (configuration) => {
      const pc = new FakePc(configuration);
      made.push(pc);
      return pc as unknown as RTCPeerConnection;
    },
    generateCertificate: async () => ({ expires: clock + 30 * 86_400_000 }) as RTCCertificate,
    probe: (configuration) => new Promise((resolve) => probes.push({ configuration, resolve })),
    now: () => clock,
  });
  const open = () => made.filter((pc) => pc.signalingState !== 'closed');
  return {
    standby,
    made,
    probes,
    open,
    advanceWallClock: (ms: number) => (clock += ms),
  };
}

const plain: StandbySettings = { configuration: { iceServers: [], rtcpMuxPolicy: 'require' }, capMs: 2000 };
const withStun: StandbySettings = { configuration: { iceServers: [{ urls: 'stun:10.0.0.1' }] }, capMs: 2000 };
const knowledge: NetworkKnowledge = { hostCandidates: 2, answering: new Set(), silent: new Set() };

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('standby connection', () => {
  it('keeps exactly one warm connection with a candidate pool and the shared certificate', async () => {
    const { standby, made, open } = harness();
    standby.configure(plain);
    await vi.advanceTimersByTimeAsync(0);
    expect(open()).toHaveLength(1);
    expect(made[0]!.configuration.iceCandidatePoolSize).toBe(1);
    expect(made[0]!.configuration.certificates).toHaveLength(1);
    expect(standby.openStandbys).toBe(1);
  });

  it('hands the standby to a call and prepares the next one later, never two at once', async () => {
    const { standby, made, open } = harness();
    standby.configure(plain);
    await vi.advanceTimersByTimeAsync(0);
    const warm = standby.take();
    expect(warm?.pc).toBe(made[0]);
    expect(standby.openStandbys).toBe(0);
    expect(standby.take()).toBeUndefined();
    await vi.advanceTimersByTimeAsync(REFILL_DELAY_MS - 1);
    expect(made).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(made).toHaveLength(2);
    expect(standby.openStandbys).toBe(1);
    // The call's connection is the call's to close; only one is the standby.
    expect(open()).toHaveLength(2);
  });

  it('a call that ends before the refill gets its successor at once; a refill with a standby there changes nothing', async () => {
    const { standby, made } = harness();
    standby.configure(plain);
    await vi.advanceTimersByTimeAsync(0);
    standby.take();
    standby.refill();
    await vi.advanceTimersByTimeAsync(0);
    expect(made).toHaveLength(2);
    expect(standby.openStandbys).toBe(1);
    standby.refill();
    await vi.advanceTimersByTimeAsync(REFILL_DELAY_MS * 2);
    expect(made).toHaveLength(2);
  });

  it('leaves nothing open after stop, even with a refill or a warm-up pending', async () => {
    const { standby, open, probes } = harness();
    standby.configure(plain);
    await vi.advanceTimersByTimeAsync(0);
    standby.take()?.pc.close();
    standby.stop();
    await vi.advanceTimersByTimeAsync(LIFETIME_HOST_ONLY_MS * 2);
    probes.forEach((p) => p.resolve(knowledge));
    await vi.advanceTimersByTimeAsync(0);
    expect(open()).toHaveLength(0);
    expect(standby.openStandbys).toBe(0);
    expect(standby.knowledge).toBeUndefined();
  });

  it('stop while the certificate is still being made does not leave a connection behind', async () => {
    const { standby, open } = harness();
    standby.configure(plain);
    standby.stop();
    await vi.advanceTimersByTimeAsync(0);
    expect(open()).toHaveLength(0);
  });

  it('re-creates the standby when the ICE servers change or the network changes, closing the old one', async () => {
    const { standby, made, open, probes } = harness();
    standby.configure(plain);
    await vi.advanceTimersByTimeAsync(0);
    standby.configure(plain);
    await vi.advanceTimersByTimeAsync(0);
    expect(made).toHaveLength(1);
    standby.configure(withStun);
    await vi.advanceTimersByTimeAsync(0);
    expect(made).toHaveLength(2);
    expect(made[0]!.signalingState).toBe('closed');
    standby.networkChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(made).toHaveLength(3);
    expect(open()).toEqual([made[2]]);
    // Each change learns the network again.
    expect(probes).toHaveLength(3);
  });

  it('ignores what an outdated warm-up learned', async () => {
    const { standby, probes } = harness();
    standby.configure(plain);
    standby.networkChanged();
    probes[0]!.resolve({ ...knowledge, hostCandidates: 9 });
    await vi.advanceTimersByTimeAsync(0);
    expect(standby.knowledge).toBeUndefined();
    probes[1]!.resolve(knowledge);
    await vi.advanceTimersByTimeAsync(0);
    expect(standby.knowledge).toBe(knowledge);
  });

  it('renews a standby before its server candidates age, and refuses one that aged while the machine slept', async () => {
    const { standby, made, open } = harness();
    standby.configure(withStun);
    await vi.advanceTimersByTimeAsync(LIFETIME_WITH_SERVERS_MS);
    expect(made).toHaveLength(2);
    expect(open()).toEqual([made[1]]);
    // Asleep: the wall clock jumps, no timer ran.
    const sleeper = harness();
    sleeper.standby.configure(withStun);
    await vi.advanceTimersByTimeAsync(0);
    sleeper.advanceWallClock(LIFETIME_WITH_SERVERS_MS + 1);
    expect(sleeper.standby.take()).toBeUndefined();
    expect(sleeper.made[0]!.signalingState).toBe('closed');
    await vi.advanceTimersByTimeAsync(0);
    expect(sleeper.open()).toHaveLength(1);
  });

  it('drops everything when the phone is no longer registered', async () => {
    const { standby, open } = harness();
    standby.configure(plain);
    await vi.advanceTimersByTimeAsync(0);
    standby.configure(null);
    expect(open()).toHaveLength(0);
    expect(standby.take()).toBeUndefined();
  });
});
