import { describe, expect, it, vi } from 'vitest';
import { WarmMicrophone } from './warm-microphone';

class FakeTrack extends EventTarget {
  readyState: 'live' | 'ended' = 'live';
  stop = vi.fn(() => {
    this.readyState = 'ended';
  });
}

function fakeStream() {
  const track = new FakeTrack();
  return {
    track,
    stream: {
      getTracks: () => [track],
      getAudioTracks: () => [track],
    } as unknown as MediaStream,
  };
}

function harness() {
  const opened: ReturnType<typeof fakeStream>[] = [];
  const open = vi.fn(async () => {
    const made = fakeStream();
    opened.push(made);
    return made.stream;
  });
  return { mic: new WarmMicrophone(open), open, opened };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('instant answer microphone', () => {
  it('opens nothing unless asked (no microphone at rest by default)', async () => {
    const { mic, open } = harness();
    mic.keep(null);
    await flush();
    expect(open).not.toHaveBeenCalled();
    expect(mic.holding).toBe(false);
  });

  it('hands the kept microphone to a call that asks for the same device, and keeps a new one ready', async () => {
    const { mic, open, opened } = harness();
    mic.keep({ deviceId: { ideal: 'headset' } });
    await flush();
    const stream = await mic.mediaStream({ audio: { deviceId: { ideal: 'headset' } }, video: false });
    expect(stream).toBe(opened[0]!.stream);
    expect(open).toHaveBeenCalledTimes(2);
    expect(mic.holding).toBe(true);
  });

  it('opens a fresh stream for another device or a video call, leaving the kept one alone', async () => {
    const { mic, open, opened } = harness();
    mic.keep(true);
    await flush();
    const other = await mic.mediaStream({ audio: { deviceId: { ideal: 'usb' } } });
    expect(other).toBe(opened[1]!.stream);
    await mic.mediaStream({ audio: true, video: true });
    expect(open).toHaveBeenCalledTimes(3);
    expect(opened[0]!.track.stop).not.toHaveBeenCalled();
  });

  it('closes the kept microphone when turned off, when the device changes, and after stop', async () => {
    const { mic, opened } = harness();
    mic.keep(true);
    await flush();
    mic.keep(true);
    expect(opened).toHaveLength(1);
    mic.keep({ deviceId: { ideal: 'usb' } });
    await flush();
    expect(opened[0]!.track.stop).toHaveBeenCalled();
    mic.keep(null);
    await flush();
    expect(opened[1]!.track.stop).toHaveBeenCalled();
    expect(mic.holding).toBe(false);
  });

  it('lets go of a microphone that was unplugged at rest, and does not hand a dead one to a call', async () => {
    const { mic, opened, open } = harness();
    mic.keep(true);
    await flush();
    opened[0]!.track.readyState = 'ended';
    opened[0]!.track.dispatchEvent(new Event('ended'));
    expect(mic.holding).toBe(false);
    const stream = await mic.mediaStream({ audio: true });
    expect(stream).toBe(opened[1]!.stream);
    expect(open).toHaveBeenCalledTimes(2);
  });

  it('a microphone that cannot be opened at rest is not an error: the call opens its own', async () => {
    const open = vi.fn().mockRejectedValueOnce(new DOMException('no', 'NotAllowedError'));
    const made = fakeStream();
    open.mockResolvedValue(made.stream);
    const mic = new WarmMicrophone(open);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    mic.keep(true);
    await flush();
    expect(mic.holding).toBe(false);
    expect(await mic.mediaStream({ audio: true })).toBe(made.stream);
  });
});
