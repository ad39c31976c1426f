import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IceWatchdog, MAX_ICE_RESTARTS } from './ice-restart';

/** Just enough of an RTCPeerConnection: an ICE state and its change event. */
class FakePeer extends EventTarget {
  iceConnectionState: RTCIceConnectionState = 'connected';
  set(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
}

function setup(options: { restartWorks: boolean; canSignal?: () => boolean }) {
  const pc = new FakePeer();
  const onGiveUp = vi.fn();
  const restart = vi.fn(async () => {
    if (!options.restartWorks) throw new Error('408 Request Timeout');
    // The far end answered: ICE checks run and succeed.
    queueMicrotask(() => pc.set('connected'));
  });
  const watchdog = new IceWatchdog({
    peerConnection: () => pc as unknown as RTCPeerConnection,
    restart,
    canSignal: options.canSignal ?? (() => true),
    onChange: () => undefined,
    onGiveUp,
  });
  watchdog.attach();
  return { pc, watchdog, restart, onGiveUp };
}

describe('ICE watchdog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('restarts ICE when it fails, shows Reconnecting, and recovers', async () => {
    const { pc, watchdog, restart, onGiveUp } = setup({ restartWorks: true });
    pc.set('failed');
    expect(restart).toHaveBeenCalledTimes(1);
    expect(watchdog.reconnecting).toBe(true);
    await vi.advanceTimersByTimeAsync(10);
    expect(watchdog.reconnecting).toBe(false);
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it('lets a short disconnection heal by itself, restarts after 3 s', async () => {
    const { pc, restart } = setup({ restartWorks: true });
    pc.set('disconnected');
    await vi.advanceTimersByTimeAsync(2000);
    expect(restart).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    expect(restart).toHaveBeenCalledTimes(1);
  });

  it('ends the call with an explanation after a bounded number of failed restarts', async () => {
    const { pc, restart, onGiveUp } = setup({ restartWorks: false });
    pc.set('failed');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(restart).toHaveBeenCalledTimes(MAX_ICE_RESTARTS);
    expect(onGiveUp).toHaveBeenCalledTimes(1);
    expect(onGiveUp.mock.calls[0]![0]).toMatch(/The call was lost/);
  });

  it('waits for the signalling instead of wasting attempts while it is down', async () => {
    let up = false;
    const { pc, restart, onGiveUp } = setup({ restartWorks: true, canSignal: () => up });
    pc.set('failed');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(restart).not.toHaveBeenCalled();
    up = true;
    await vi.advanceTimersByTimeAsync(1000);
    expect(restart).toHaveBeenCalledTimes(1);
    expect(onGiveUp).not.toHaveBeenCalled();
  });

  it('coming back online with audio that still flows and no signalling changes nothing', async () => {
    const { watchdog, restart } = setup({ restartWorks: true, canSignal: () => false });
    watchdog.networkBack();
    await vi.advanceTimersByTimeAsync(5000);
    expect(restart).not.toHaveBeenCalled();
    expect(watchdog.reconnecting).toBe(false);
  });

  it('restarts on coming back online when the signalling is up', () => {
    const { watchdog, restart } = setup({ restartWorks: true });
    watchdog.networkBack();
    expect(restart).toHaveBeenCalledTimes(1);
  });
});
