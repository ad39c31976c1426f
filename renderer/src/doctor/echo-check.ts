import { t } from '../i18n/i18n.svelte';
import { Inviter, SessionState, UserAgent, type Session } from 'sip.js';
import type { DoctorStep } from '../../../contract/doctor';
import { checkAnswer, describeUnusableAnswer } from '../sip/answer-check';
import { normaliseDialString } from '../sip/dial';
import { installDigestKeys } from '../sip/digest-keys';
import { describeSipResponse } from '../sip/errors';
import { inboundAudio, peerConnectionOf, remoteStreamOf } from '../sip/media';
import type { EngineConfig } from '../sip/types';
import { buildUserAgentOptions } from '../sip/ua-options';
import { messageOf, stopUserAgent, withTimeout, type SipTrace } from './register-check';

// The doctor's echo test: a real call to the number the user names (an
// extension that plays back what it hears), placed by a short-lived
// UserAgent of its own like the sign-in check. A PBX that answers with media
// WebRTC cannot use gets the same words as a call would (answer-check.ts),
// a refusal the same words as a refused call; a call that connects passes
// only if the user's own sound comes back.

export const ECHO_CHECK_TIMEOUT_MS = 10_000;
/** How long the doctor listens for the echo once the call is up. */
export const ECHO_LISTEN_MS = 2500;
/** Growth of inbound audio energy over the listening time that counts as sound (silence stays near 0). */
const HEARD_ENERGY = 0.001;

type Step = Omit<DoctorStep, 'id' | 'title'>;

export async function echoCheck(
  config: EngineConfig,
  number: string,
  trace: SipTrace,
  timeoutMs = ECHO_CHECK_TIMEOUT_MS,
): Promise<DoctorStep> {
  const base = { id: 'echo' as const, title: t('doctor.stepEcho') };
  let ua: UserAgent;
  let target;
  try {
    const { user, domain, ...options } = buildUserAgentOptions(config);
    const dial = normaliseDialString(number, domain);
    if (!dial.ok) throw new Error(dial.reason);
    target = UserAgent.makeURI(dial.uri);
    const uri = UserAgent.makeURI(`sip:${user}@${domain}`);
    if (!uri || !target) throw new Error(t('engine.notSipAddress', { text: number }));
    ua = new UserAgent({ ...options, uri, logLevel: 'log', logConnector: trace.connector });
    installDigestKeys(ua, config.digestKey);
  } catch (error) {
    return { ...base, status: 'fail', message: messageOf(error) };
  }
  try {
    await withTimeout(ua.start(), timeoutMs, 'connect');
  } catch (error) {
    await stopUserAgent(ua);
    return { ...base, status: 'fail', message: t('doctor.registerNoConnection'), detail: messageOf(error) };
  }
  const inviter = new Inviter(ua, target, {
    sessionDescriptionHandlerOptions: { constraints: { audio: true, video: false } },
  });
  const outcome = await callAndListen(inviter, number, timeoutMs);
  if (inviter.state === SessionState.Established)
    await withTimeout(inviter.bye(), 2000, 'bye').catch(() => {});
  else if (inviter.state !== SessionState.Terminated) await inviter.cancel().catch(() => undefined);
  await stopUserAgent(ua);
  return { ...base, ...outcome };
}

function callAndListen(inviter: Inviter, number: string, timeoutMs: number): Promise<Step> {
  return new Promise<Step>((resolve) => {
    const timer = setTimeout(
      () =>
        resolve({ status: 'fail', message: t('doctor.echoNoAnswer', { number, seconds: timeoutMs / 1000 }) }),
      timeoutMs + ECHO_LISTEN_MS,
    );
    const finish = (step: Step) => {
      clearTimeout(timer);
      resolve(step);
    };
    inviter.stateChange.addListener((state) => {
      if (state === SessionState.Established) void listen(inviter, number).then(finish);
    });
    inviter
      .invite({
        requestDelegate: {
          // Called once SIP.js has applied the answer, or failed to and sent ACK and BYE.
          onAccept: (response) => {
            const offer = peerConnectionOf(inviter)?.localDescription?.sdp;
            const problems = checkAnswer(response.message.body ?? '', offer);
            if (problems.length) {
              finish({
                status: 'fail',
                message: describeUnusableAnswer(problems),
                detail: problems.join(', '),
              });
            } else if (inviter.state === SessionState.Terminated) {
              finish({
                status: 'fail',
                message: describeUnusableAnswer([], 'the answer could not be applied'),
              });
            }
          },
          onReject: (response) => {
            const code = response.message.statusCode ?? 0;
            const reason = response.message.reasonPhrase ?? '';
            finish({
              status: 'fail',
              message: describeSipResponse(code, reason, 'call'),
              detail: `SIP ${code} ${reason}`,
            });
          },
        },
      })
      .catch((error: unknown) => finish({ status: 'fail', message: messageOf(error) }));
  });
}

/** Plays the echo (the user hears it too) and measures whether sound comes back. */
async function listen(session: Session, number: string): Promise<Step> {
  const audio = new Audio();
  const stream = remoteStreamOf(session);
  if (stream) audio.srcObject = stream;
  audio.play().catch(() => undefined);
  try {
    const before = (await inboundAudio(peerConnectionOf(session))).energy;
    await new Promise((r) => setTimeout(r, ECHO_LISTEN_MS));
    const after = await inboundAudio(peerConnectionOf(session));
    const detail = `inbound audio: ${after.packets} packets, energy +${(after.energy - before).toFixed(4)}`;
    return after.energy - before > HEARD_ENERGY
      ? { status: 'pass', message: t('doctor.echoHeard', { number }), detail }
      : { status: 'fail', message: t('doctor.echoSilent', { number }), detail };
  } finally {
    audio.pause();
    audio.srcObject = null;
  }
}
