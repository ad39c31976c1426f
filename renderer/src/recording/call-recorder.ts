import type { CallStreams } from '../sip/types';

// Records one call, both directions mixed: the microphone track being sent
// and the far end's audio go through WebAudio into one MediaRecorder (Opus),
// which hands over a chunk every second. Each chunk goes to the sink (main,
// which writes it to disk) before the next one, so the file on disk is never
// more than a chunk or two behind the call.

export interface RecordingSink {
  /** Writes chunk `seq`; a problem means the file is closed and nothing more is taken. */
  append(seq: number, base64: string): Promise<{ problem?: string }>;
  finish(): Promise<void>;
}

export const CHUNK_MS = 1000;

/** Opus in WebM is what Chromium's MediaRecorder writes; Ogg where only that is offered. */
export function recordingMimeType(isSupported: (type: string) => boolean): 'audio/webm' | 'audio/ogg' {
  return !isSupported('audio/webm;codecs=opus') && isSupported('audio/ogg;codecs=opus')
    ? 'audio/ogg'
    : 'audio/webm';
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes arguments: a slice at a time keeps the stack small.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export class CallRecorder {
  private readonly context = new AudioContext();
  private readonly mix = this.context.createMediaStreamDestination();
  private readonly recorder: MediaRecorder;
  /** Source nodes by track id: a track replaced mid-call (new microphone, conference) is re-wired. */
  private readonly sources = new Map<string, MediaStreamAudioSourceNode>();
  private seq = 0;
  private uploads: Promise<void> = Promise.resolve();
  private stopped: Promise<void>;
  private failed = false;

  constructor(
    private readonly streams: () => CallStreams,
    private readonly sink: RecordingSink,
    private readonly onProblem: (problem: string) => void,
    mimeType: 'audio/webm' | 'audio/ogg',
  ) {
    this.follow();
    this.recorder = new MediaRecorder(this.mix.stream, {
      mimeType: `${mimeType};codecs=opus`,
      audioBitsPerSecond: 32_000,
    });
    this.stopped = new Promise((resolve) => this.recorder.addEventListener('stop', () => resolve()));
    this.recorder.addEventListener('dataavailable', (event) => this.upload(event.data));
  }

  start(): void {
    void this.context.resume();
    this.recorder.start(CHUNK_MS);
  }

  /** Stops, writes the last chunk and closes the file. */
  async stop(): Promise<void> {
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    await this.stopped;
    await this.uploads;
    for (const node of this.sources.values()) node.disconnect();
    this.sources.clear();
    await this.context.close().catch(() => undefined);
    if (!this.failed) await this.sink.finish();
  }

  /** Connects the call's current audio tracks to the mix, and drops those that left. */
  private follow(): void {
    const { local, remote } = this.streams();
    const tracks = [...(local?.getAudioTracks() ?? []), ...(remote?.getAudioTracks() ?? [])];
    for (const track of tracks) {
      if (this.sources.has(track.id) || track.readyState === 'ended') continue;
      const node = this.context.createMediaStreamSource(new MediaStream([track]));
      node.connect(this.mix);
      this.sources.set(track.id, node);
    }
    for (const [id, node] of this.sources) {
      if (!tracks.some((track) => track.id === id)) {
        node.disconnect();
        this.sources.delete(id);
      }
    }
  }

  private upload(data: Blob): void {
    if (data.size === 0) return;
    const seq = this.seq++;
    this.uploads = this.uploads.then(async () => {
      if (this.failed) return;
      this.follow();
      try {
        const result = await this.sink.append(seq, toBase64(new Uint8Array(await data.arrayBuffer())));
        if (result.problem) this.fail(result.problem);
      } catch (error) {
        this.fail(error instanceof Error ? error.message : String(error));
      }
    });
  }

  /** The recording ends; the call does not. */
  private fail(problem: string): void {
    this.failed = true;
    if (this.recorder.state !== 'inactive') this.recorder.stop();
    this.onProblem(problem);
  }
}
