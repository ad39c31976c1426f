// The "instant answer" option: the microphone is kept open while the phone
// is registered, so a call's first words are not lost while the device
// wakes up. Off by default: a microphone open at rest is something the user
// must choose (the system shows it as in use).

type Open = (constraints: MediaStreamConstraints) => Promise<MediaStream>;

interface Held {
  key: string;
  stream: Promise<MediaStream | null>;
}

function stop(held: Held | null): void {
  void held?.stream.then((stream) => stream?.getTracks().forEach((track) => track.stop()));
}

export class WarmMicrophone {
  private held: Held | null = null;
  private wanted: { audio: boolean | MediaTrackConstraints } | null = null;

  constructor(private readonly open: Open) {}

  /** Whether a microphone is being kept open right now. */
  get holding(): boolean {
    return this.held !== null;
  }

  /** Keep `audio` open (or nothing: null). The same constraints keep the same stream. */
  keep(audio: boolean | MediaTrackConstraints | null): void {
    this.wanted = audio === null ? null : { audio };
    if (audio === null) return this.release();
    if (this.held?.key === JSON.stringify(audio)) return;
    this.release();
    this.hold();
  }

  release(): void {
    stop(this.held);
    this.held = null;
  }

  /** For a call's media: the held microphone when it is what the call asks for, otherwise a fresh one. */
  readonly mediaStream = async (constraints: MediaStreamConstraints): Promise<MediaStream> => {
    if (!constraints.audio && !constraints.video) return new MediaStream();
    const held = this.held;
    if (held && !constraints.video && JSON.stringify(constraints.audio) === held.key) {
      this.held = null;
      const stream = await held.stream;
      // The next call gets one too; this one belongs to the call now.
      if (this.wanted) this.hold();
      if (stream && stream.getAudioTracks().every((track) => track.readyState === 'live')) return stream;
      stream?.getTracks().forEach((track) => track.stop());
    }
    return this.open(constraints);
  };

  private hold(): void {
    if (!this.wanted) return;
    const audio = this.wanted.audio;
    const held: Held = {
      key: JSON.stringify(audio),
      stream: this.open({ audio }).then(
        (stream) => {
          // A headset unplugged at rest: let go, the next call opens whatever is there.
          stream.getAudioTracks().forEach((track) =>
            track.addEventListener('ended', () => {
              if (this.held === held) this.held = null;
            }),
          );
          return stream;
        },
        (error: unknown) => {
          console.warn('The microphone could not be kept open; calls open it when they start.', error);
          if (this.held === held) this.held = null;
          return null;
        },
      ),
    };
    this.held = held;
  }
}
