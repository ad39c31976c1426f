import { t } from '../i18n/i18n.svelte';
import type { DoctorStep } from '../../../contract/doctor';
import type { EngineIceServer } from '../sip/types';

// Gathers ICE candidates with the account's STUN/TURN servers, the way a call
// would, and says what each server gave: a public address from STUN (srflx),
// a relay from TURN. Gathering is capped (~3 s) just as calls cap it, so a
// dead STUN server shows up here as "no answer" rather than as a slow call.

export const ICE_CHECK_CAP_MS = 3000;

export interface CandidateCounts {
  host: number;
  srflx: number;
  relay: number;
  /** Host candidates that are loopback (127.0.0.1, ::1). */
  loopback: number;
}

export async function gatherCandidates(
  iceServers: EngineIceServer[],
  capMs = ICE_CHECK_CAP_MS,
  policy: RTCIceTransportPolicy = 'all',
): Promise<{ counts: CandidateCounts; complete: boolean; elapsedMs: number }> {
  const pc = new RTCPeerConnection({
    // As calls gather: a relay-only account gets relay candidates or nothing.
    iceTransportPolicy: policy,
    iceServers: iceServers.map((server) => ({
      urls: server.urls,
      ...(server.username ? { username: server.username } : {}),
      ...(server.credential ? { credential: server.credential } : {}),
    })),
  });
  const counts: CandidateCounts = { host: 0, srflx: 0, relay: 0, loopback: 0 };
  const started = performance.now();
  try {
    const complete = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), capMs);
      pc.onicecandidate = (event) => {
        if (!event.candidate) {
          clearTimeout(timer);
          resolve(true);
          return;
        }
        const { type, address } = event.candidate;
        if (type === 'host' || type === 'srflx' || type === 'relay') counts[type] += 1;
        if (type === 'host' && (address === '127.0.0.1' || address === '::1')) counts.loopback += 1;
      };
      pc.addTransceiver('audio', { direction: 'sendrecv' });
      void pc
        .createOffer()
        .then((offer) => pc.setLocalDescription(offer))
        .catch(() => resolve(false));
    });
    return { counts, complete, elapsedMs: Math.round(performance.now() - started) };
  } finally {
    pc.close();
  }
}

const isTurn = (url: string): boolean => /^turns?:/i.test(url);
const isStun = (url: string): boolean => /^stuns?:/i.test(url);

/** The step's verdict from what was gathered; pure, so it is unit-tested. */
export function iceVerdict(
  iceServers: EngineIceServer[],
  result: { counts: CandidateCounts; complete: boolean; elapsedMs: number },
  callCapMs: number,
  policy: RTCIceTransportPolicy = 'all',
): DoctorStep {
  const base = { id: 'ice' as const, title: t('doctor.stepIce') };
  const urls = iceServers.map((s) => s.urls);
  const stun = urls.filter(isStun);
  const turn = urls.filter(isTurn);
  const { counts } = result;
  const detail = `${policy === 'relay' ? 'relay only; ' : ''}host ${counts.host} (loopback ${counts.loopback}), srflx ${counts.srflx}, relay ${counts.relay}; ${result.complete ? 'complete' : 'cut off'} after ${result.elapsedMs} ms`;
  // Relay-only: host and STUN candidates are never gathered, so only the relay counts.
  if (policy === 'relay') {
    const servers = turn.join(', ') || '—';
    return counts.relay > 0
      ? { ...base, status: 'pass', message: t('doctor.iceRelayOnlyFound', { servers }), detail }
      : { ...base, status: 'fail', message: t('doctor.iceRelayOnlyNoRelay', { servers }), detail };
  }
  const hostNote =
    counts.host === 0
      ? ` ${t('doctor.iceNoHost')}`
      : counts.loopback === counts.host
        ? ` ${t('doctor.iceLoopbackOnly')}`
        : '';

  const problems: string[] = [];
  if (stun.length > 0 && counts.srflx === 0) {
    problems.push(
      t('doctor.iceStunSilent', {
        servers: stun.join(', '),
        seconds: ICE_CHECK_CAP_MS / 1000,
        capMs: callCapMs,
      }),
    );
  }
  if (turn.length > 0 && counts.relay === 0) {
    problems.push(t('doctor.iceTurnNoRelay', { servers: turn.join(', ') }));
  }
  if (problems.length > 0) return { ...base, status: 'fail', message: problems.join(' ') + hostNote, detail };

  if (urls.length === 0) {
    return {
      ...base,
      status: 'pass',
      message: `${t('doctor.iceNone')}${hostNote}`,
      detail,
    };
  }
  const found = counts.srflx > 0 && counts.relay > 0 ? 'both' : counts.srflx > 0 ? 'stun' : 'turn';
  return { ...base, status: 'pass', message: `${t('doctor.iceFound', { found })}${hostNote}`, detail };
}

// Listens to the microphone for a moment and measures the level, so "the
// other side cannot hear me" can be told apart from a muted or dead headset
// before a call. The level goes to the UI as it is measured (a live meter).

export const MIC_CHECK_MS = 1500;
/** RMS level (0–1) above which the microphone counts as picking something up. */
export const SILENCE_THRESHOLD = 0.01;

export async function micCheck(
  microphoneId: string,
  onLevel: (level: number) => void,
  durationMs = MIC_CHECK_MS,
): Promise<DoctorStep> {
  const base = { id: 'microphone' as const, title: t('doctor.stepMic') };
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({
      audio: microphoneId ? { deviceId: { exact: microphoneId } } : true,
    });
  } catch (error) {
    const name = error instanceof DOMException ? error.name : '';
    const message =
      name === 'NotAllowedError'
        ? t('doctor.micNotAllowed')
        : name === 'NotFoundError' || name === 'OverconstrainedError'
          ? t('doctor.micNotFound')
          : t('doctor.micBusy');
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
    const label = stream.getAudioTracks()[0]?.label || t('doctor.micDefaultLabel');
    const detail = `peak level ${peak.toFixed(3)} (threshold ${SILENCE_THRESHOLD})`;
    if (peak > SILENCE_THRESHOLD) {
      return { ...base, status: 'pass', message: t('doctor.micPicksUp', { label }), detail };
    }
    return {
      ...base,
      status: 'fail',
      message: t('doctor.micSilent', { label }),
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
