import type { RingerMode } from './ringer-policy';
import { renderTone, type ToneName } from './tones';

type SinkableAudio = HTMLAudioElement & { setSinkId(id: string): Promise<void>; sinkId: string };

export interface RingerOutputs {
  /** Devices the ringtone plays on ('' = system default). */
  ringerSinks: string[];
  /** The device carrying call audio, where the call-waiting beep belongs. */
  callSink: string;
  /** 0..1 */
  volume: number;
}

interface Playing {
  source: AudioBufferSourceNode;
  element: SinkableAudio;
}

/**
 * Plays the synthesised tones through audio elements, so each can be sent to
 * its own output device with setSinkId (the ring on the speakers while the
 * call is in the headset). Elements carry data-role for diagnostics.
 */
export class Ringer {
  private context: AudioContext | null = null;
  private readonly buffers = new Map<ToneName, AudioBuffer>();
  private playing: Playing[] = [];
  private current = '';

  update(mode: RingerMode, outputs: RingerOutputs): void {
    const sinks =
      mode === 'ringtone' ? outputs.ringerSinks : mode === 'call-waiting' ? [outputs.callSink] : [];
    const key = `${mode}|${sinks.join(',')}|${outputs.volume}`;
    if (key === this.current) return;
    this.current = key;
    this.stopAll();
    if (mode === 'silent') return;
    for (const sink of sinks) this.start(mode, sink, outputs.volume);
  }

  dispose(): void {
    this.stopAll();
    void this.context?.close();
    this.context = null;
  }

  private start(tone: ToneName, sinkId: string, volume: number): void {
    const context = (this.context ??= new AudioContext());
    // Autoplay is allowed by the app's policy, so a suspended context resumes without a click.
    if (context.state === 'suspended') void context.resume();
    let buffer = this.buffers.get(tone);
    if (!buffer) {
      const samples = renderTone(tone, context.sampleRate);
      buffer = context.createBuffer(1, samples.length, context.sampleRate);
      buffer.copyToChannel(samples as Float32Array<ArrayBuffer>, 0);
      this.buffers.set(tone, buffer);
    }
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.loop = true;
    const destination = context.createMediaStreamDestination();
    source.connect(destination);
    source.start();

    const element = document.createElement('audio') as SinkableAudio;
    element.dataset.role = tone;
    element.volume = Math.min(1, Math.max(0, volume));
    element.srcObject = destination.stream;
    document.body.appendChild(element);
    const play = () => element.play().catch((error: unknown) => console.warn('Tone did not start', error));
    if (sinkId && typeof element.setSinkId === 'function') {
      element
        .setSinkId(sinkId)
        .catch((error: unknown) =>
          console.warn(`Output ${sinkId} unavailable; ringing on the default`, error),
        )
        .finally(play);
    } else play();
    this.playing.push({ source, element });
  }

  private stopAll(): void {
    for (const { source, element } of this.playing) {
      source.stop();
      source.disconnect();
      element.pause();
      element.srcObject = null;
      element.remove();
    }
    // A stream destination stays in its context's rendering graph, with its
    // MediaStream and track, for as long as the context lives, even
    // disconnected: one of each per ring, for good. Closing the context when
    // nothing plays lets them all go; the next ring opens a new one.
    if (this.playing.length > 0) {
      void this.context?.close();
      this.context = null;
      this.buffers.clear();
    }
    this.playing = [];
  }
}
