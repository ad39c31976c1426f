import { Inviter, SessionState, type Session } from 'sip.js';
import { t } from '../i18n/i18n.svelte';
import { iceServerUrls } from './gathering-policy';
import { peerConnectionOf } from './media';

// A relay-only account (iceTransportPolicy 'relay', for networks where call
// media gets out only through TURN) has no path at all when its TURN server
// gives no relay address: a wrong TURN password, or a server that does not
// answer. Without this guard such a call rang, connected and stayed silent,
// with only a generic "nothing has arrived" hint. The guard ends it as soon as
// the browser has given up on the relay, and says why and what to check.

/**
 * How long a relay-only call may wait for its relay address, from the moment
 * its connection exists: a TURN allocation takes a few round trips, so this
 * is far beyond any working server, and short enough to end a call that is
 * still ringing instead of one already answered in silence.
 */
export const RELAY_WAIT_MS = 5000;

export interface RelayFacts {
  policy: RTCIceTransportPolicy | undefined;
  /** The browser has finished gathering (every server answered or gave up). */
  gatheringComplete: boolean;
  /** How long the call's connection has been waiting for a relay address. */
  waitedMs: number;
  localSdp: string;
  serverUrls: readonly string[];
}

const TURN = /^turns?:/i;

/** The error name of a relay-only call refused before its INVITE or 200 OK left: its message is for the user. */
export const RELAY_UNAVAILABLE = 'RelayUnavailableError';

export function hasRelayCandidate(sdp: string): boolean {
  return /^a=candidate:.* typ relay(?:\s|$)/m.test(sdp);
}

/** Why this relay-only call can carry no media, in the user's words; null when it can (or may yet). */
export function relayProblem(facts: RelayFacts): string | null {
  if (facts.policy !== 'relay' || hasRelayCandidate(facts.localSdp)) return null;
  if (!facts.gatheringComplete && facts.waitedMs < RELAY_WAIT_MS) return null;
  const servers = facts.serverUrls.filter((url) => TURN.test(url));
  return t('settings.relayCallNoRelay', { servers: servers.join(', ') || '—' });
}

/**
 * Watches one call: when its connection is relay-only and ends up without a
 * relay address, `onProblem` gets the reason once and the call is ended
 * (CANCEL while it rings, BYE once connected).
 */
export function guardRelayOnly(session: Session, onProblem: (reason: string) => void): void {
  let pc: RTCPeerConnection | undefined;
  let attachedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;

  const stop = (): void => {
    done = true;
    pc?.removeEventListener('icegatheringstatechange', check);
    if (timer) clearTimeout(timer);
  };
  function check(): void {
    if (done || !pc) return;
    if (!pc.localDescription) {
      // Still opening the microphone or the answer: the wait starts with the description.
      attachedAt = performance.now();
      if (timer) clearTimeout(timer);
      timer = setTimeout(check, RELAY_WAIT_MS);
      return;
    }
    const problem = relayProblem({
      policy: pc.getConfiguration().iceTransportPolicy,
      gatheringComplete: pc.iceGatheringState === 'complete',
      waitedMs: performance.now() - attachedAt,
      localSdp: pc.localDescription.sdp,
      serverUrls: iceServerUrls(pc.getConfiguration()),
    });
    if (!problem) return;
    stop();
    onProblem(problem);
    end(session);
  }
  const attach = (): void => {
    const current = peerConnectionOf(session);
    if (done || !current || current === pc) return;
    pc?.removeEventListener('icegatheringstatechange', check);
    pc = current;
    if (pc.getConfiguration().iceTransportPolicy !== 'relay') return stop();
    attachedAt = performance.now();
    pc.addEventListener('icegatheringstatechange', check);
    timer ??= setTimeout(check, RELAY_WAIT_MS);
    check();
  };

  session.stateChange.addListener((state) => {
    if (state === SessionState.Terminated) return stop();
    // The description handler (and its connection) is made just after this transition.
    if (state === SessionState.Establishing) setTimeout(attach, 0);
    if (state === SessionState.Established) attach();
  });
}

function end(session: Session): void {
  if (session.state === SessionState.Established) void session.bye().catch(() => undefined);
  else if (session instanceof Inviter && session.state === SessionState.Establishing) {
    cancelWhenProceeding(session);
  } else {
    // An answer on its way out: hang up once it is through.
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) void session.bye().catch(() => undefined);
    });
  }
}

/**
 * Gathering can end before the INVITE leaves, and the first INVITE is often
 * answered with a digest challenge and sent again. SIP.js's cancel() before
 * the INVITE is out, or while the challenged one is current, ends only our
 * side and leaves the far end ringing. So the CANCEL waits until the INVITE
 * that counts has a provisional answer (its transaction is Proceeding);
 * SIP.js has no public signal for that, hence the look at its request.
 */
function cancelWhenProceeding(inviter: Inviter, triesLeft = 500): void {
  if (inviter.state !== SessionState.Establishing) return;
  const request = (inviter as unknown as { outgoingInviteRequest?: { transaction?: { state?: string } } })
    .outgoingInviteRequest;
  if (request?.transaction?.state === 'Proceeding' || triesLeft === 0) {
    void inviter.cancel().catch(() => undefined);
  } else setTimeout(() => cancelWhenProceeding(inviter, triesLeft - 1), 10);
}
