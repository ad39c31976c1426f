// The recording notice: a short beep the far end hears when a recording
// starts (where policy or the user asks for it). The beep is mixed with the
// microphone for half a second by swapping the sent track, then the
// microphone track goes back exactly as it was (muted stays muted).

const BEEP_HZ = 1400;
const BEEP_MS = 400;

export async function playNoticeTone(pc: RTCPeerConnection | undefined): Promise<boolean> {
  const sender = pc?.getSenders().find((s) => s.track?.kind === 'audio');
  const microphone = sender?.track;
  // On hold (no track attached) or without media there is nobody to tell.
  if (!sender || !microphone) return false;
  const context = new AudioContext();
  try {
    await context.resume();
    const mix = context.createMediaStreamDestination();
    if (microphone.enabled) context.createMediaStreamSource(new MediaStream([microphone])).connect(mix);
    const beep = context.createOscillator();
    const level = context.createGain();
    beep.frequency.value = BEEP_HZ;
    const start = context.currentTime;
    level.gain.setValueAtTime(0, start);
    level.gain.linearRampToValueAtTime(0.4, start + 0.02);
    level.gain.setValueAtTime(0.4, start + BEEP_MS / 1000 - 0.02);
    level.gain.linearRampToValueAtTime(0, start + BEEP_MS / 1000);
    beep.connect(level).connect(mix);
    const [mixed] = mix.stream.getAudioTracks();
    if (!mixed) return false;
    await sender.replaceTrack(mixed);
    beep.start(start);
    beep.stop(start + BEEP_MS / 1000);
    await new Promise((resolve) => setTimeout(resolve, BEEP_MS + 150));
    // Unless something else changed the sent track meanwhile (hold, a conference), put the microphone back.
    if (sender.track === mixed) await sender.replaceTrack(microphone);
    mixed.stop();
    return true;
  } finally {
    await context.close().catch(() => undefined);
  }
}
