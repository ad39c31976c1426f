import type { DoctorStep } from '../../../contract/doctor';

// Listens to the microphone for a moment and measures the level, so "the
// other side cannot hear me" can be told apart from a muted or dead headset
// before a call. The level goes to the UI as it is measured (a live meter).

export const MIC_CHECK_MS = 1500;
/** RMS level (0–1) above which the microphone counts as picking something up. */
export const SILENCE_THRESHOLD = 0.01;
const TITLE = 'Microphone';

export async function micCheck(
  microphoneId: string,
  onLevel: (level: number) => void,
  durationMs = MIC_CHECK_MS,
): Promise<DoctorStep> {
  const base = { id: 'microphone' as const, title: TITLE };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: microphoneId ? { deviceId: { exact: microphoneId } } : true,
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    const message =
      name === 'NotAllowedError'
        ? 'DeskPhone may not use the microphone. Allow microphone access for DeskPhone in the system privacy settings.'
        : name === 'NotFoundError' || name === 'OverconstrainedError'
          ? 'No microphone was found (or the chosen one is unplugged). Plug in a headset, or choose another microphone under Settings → Audio devices.'
          : 'The microphone could not be opened. Another program may be using it exclusively.';
    return {
      ...base,
      status: 'fail',
      message,
      detail: error instanceof Error ? `${name}: ${error.message}` : '',
    };
  }

  const context = new AudioContext();
  try {
    const analyser = context.createAnalyser();
    analyser.fftSize = 1024;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const deadline = performance.now() + durationMs;
    while (performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      analyser.getFloatTimeDomainData(samples);
      const level = rms(samples);
      peak = Math.max(peak, level);
      onLevel(level);
    }
    const label = stream.getAudioTracks()[0]?.label || 'the microphone';
    const detail = `peak level ${peak.toFixed(3)} (threshold ${SILENCE_THRESHOLD})`;
    if (peak > SILENCE_THRESHOLD) {
      return { ...base, status: 'pass', message: `${label} picks up sound.`, detail };
    }
    return {
      ...base,
      status: 'fail',
      message: `${label} heard only silence. Check that it is not muted (a switch on the headset or cable), that it is the right microphone under Settings → Audio devices, and speak while the check runs.`,
      detail,
    };
  } finally {
    onLevel(0);
    stream.getTracks().forEach((track) => track.stop());
    void context.close();
  }
}

export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const value of samples) sum += value * value;
  return samples.length > 0 ? Math.sqrt(sum / samples.length) : 0;
}
