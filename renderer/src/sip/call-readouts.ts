import type { CallController } from './call';
import { callStatsSnapshot, inboundVideoFrames } from './media';
import type { CallStreams, CallTimings } from './types';

/**
 * The engine's calls and what can be read off them without changing
 * anything: streams, measured audio and video, timings, SDP. The engine
 * extends this, so its own file keeps to the calls' life and the features.
 */
export class CallReadouts {
  protected readonly calls = new Map<string, CallController>();

  statsSnapshot(): Promise<unknown[]> {
    return callStatsSnapshot([...this.calls.values()].map((c) => ({ id: c.id, pc: c.peerConnection() })));
  }

  streams(callId: string, kind: 'audio' | 'video'): CallStreams {
    return this.calls.get(callId)?.streams(kind) ?? {};
  }

  inboundVideoFrames(callId: string): Promise<number> {
    return inboundVideoFrames(this.calls.get(callId)?.peerConnection());
  }

  async inboundAudioBytes(callId: string): Promise<number> {
    return (await this.calls.get(callId)?.inboundAudio())?.bytes ?? 0;
  }

  async inboundAudioEnergy(callId: string): Promise<number> {
    return (await this.calls.get(callId)?.inboundAudio())?.energy ?? 0;
  }

  timings(callId: string): CallTimings | undefined {
    return structuredClone(this.calls.get(callId)?.timings);
  }

  localSdp(callId: string): string | undefined {
    return this.calls.get(callId)?.sdp();
  }
}
