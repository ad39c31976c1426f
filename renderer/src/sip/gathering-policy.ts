// When an offer or answer has enough ICE candidates to be sent. Waiting for
// Chromium to declare gathering "complete" costs the TCP host candidate
// (≈ 120 ms on an idle machine) and, with a STUN server that never answers,
// the whole cap; neither buys a better call. What the warm-up learned about
// this network decides instead.

/** What the last warm-up saw on this network with these ICE servers. */
export interface NetworkKnowledge {
  /** Host candidates one transport gets here (UDP and TCP, every interface). */
  hostCandidates: number;
  /** STUN/TURN URLs that produced a candidate during the warm-up. */
  answering: ReadonlySet<string>;
  /** STUN/TURN URLs that produced nothing within the warm-up's wait: not waited for at call time. */
  silent: ReadonlySet<string>;
}

/** Every STUN/TURN URL of a configuration, one per entry (a server may list several). */
export function iceServerUrls(configuration: RTCConfiguration): string[] {
  return (configuration.iceServers ?? []).flatMap((server) =>
    Array.isArray(server.urls) ? server.urls : [server.urls],
  );
}

export interface GatheringRules {
  /** iceTransportPolicy 'relay': only relay candidates count, and one must arrive. */
  relayOnly: boolean;
  /** The account's STUN/TURN URLs. */
  serverUrls: readonly string[];
  /** How long to wait for server candidates once the host candidates are in. */
  graceMs: number;
  /** The account's upper bound (iceGatheringTimeoutMs); 0 means no bound. */
  capMs: number;
}

export interface SeenCandidate {
  /** The m-section (transport) it belongs to. */
  mid: string;
  type: 'host' | 'srflx' | 'prflx' | 'relay' | string;
  /** The STUN/TURN URL it came from, when the browser says. */
  url?: string;
}

export interface GatheringProgress {
  /** m-sections of the local description: each needs its candidates. */
  mids: readonly string[];
  candidates: readonly SeenCandidate[];
  /** The browser says gathering is complete. */
  complete: boolean;
  elapsedMs: number;
}

export type GatheringVerdict =
  | { send: true; why: 'complete' | 'enough' | 'grace' | 'cap' }
  | { send: false; recheckInMs: number | undefined };

const WAIT_FOREVER = undefined;

function remaining(deadline: number, elapsed: number): number {
  return Math.max(0, deadline - elapsed);
}

/** Server URLs still worth waiting for: not found silent by the warm-up, not yet heard from. */
function awaitedServers(
  rules: GatheringRules,
  knowledge: NetworkKnowledge | undefined,
  seen: readonly SeenCandidate[],
) {
  const heard = new Set(seen.map((c) => c.url).filter((url): url is string => Boolean(url)));
  const anyServerCandidate = seen.some((c) => c.type === 'srflx' || c.type === 'relay');
  return rules.serverUrls.filter((url) => {
    if (knowledge?.silent.has(url)) return false;
    if (rules.relayOnly && !/^turns?:/i.test(url)) return false;
    // A browser that does not name the URL: any server candidate counts for all.
    if (heard.size === 0 && anyServerCandidate) return false;
    return !heard.has(url);
  });
}

function hostsIn(progress: GatheringProgress, knowledge: NetworkKnowledge | undefined): boolean {
  const perMid = new Map<string, number>();
  for (const c of progress.candidates) if (c.type === 'host') perMid.set(c.mid, (perMid.get(c.mid) ?? 0) + 1);
  const mids = progress.mids.length ? progress.mids : [...perMid.keys()];
  if (!mids.length) return false;
  const expected = knowledge?.hostCandidates ?? 0;
  return mids.every((mid) => (perMid.get(mid) ?? 0) >= Math.max(1, expected));
}

/**
 * Decides whether to send now. Without knowledge (no warm-up yet), the host
 * candidates count as in after the grace period; a relay-only account waits
 * for a relay candidate up to the cap, since without one no call can connect.
 */
export function gatheringVerdict(
  rules: GatheringRules,
  knowledge: NetworkKnowledge | undefined,
  progress: GatheringProgress,
): GatheringVerdict {
  const { elapsedMs } = progress;
  if (progress.complete) return { send: true, why: 'complete' };
  if (rules.capMs > 0 && elapsedMs >= rules.capMs) return { send: true, why: 'cap' };
  const capLeft = rules.capMs > 0 ? remaining(rules.capMs, elapsedMs) : WAIT_FOREVER;
  const awaited = awaitedServers(rules, knowledge, progress.candidates);

  if (rules.relayOnly) {
    const relays = progress.candidates.filter((c) => c.type === 'relay').length;
    if (relays === 0) return { send: false, recheckInMs: capLeft };
    if (awaited.length === 0) return { send: true, why: 'enough' };
    if (elapsedMs >= rules.graceMs) return { send: true, why: 'grace' };
    return { send: false, recheckInMs: remaining(rules.graceMs, elapsedMs) };
  }

  const knownHosts = knowledge !== undefined && knowledge.hostCandidates > 0;
  const hostsReady = hostsIn(progress, knowledge);
  if (knownHosts && hostsReady && awaited.length === 0) return { send: true, why: 'enough' };
  if (elapsedMs >= rules.graceMs && (hostsReady || progress.candidates.length > 0)) {
    return { send: true, why: 'grace' };
  }
  if (elapsedMs < rules.graceMs) return { send: false, recheckInMs: remaining(rules.graceMs, elapsedMs) };
  // Past the grace period with no candidate at all: only the cap is left.
  return { send: false, recheckInMs: capLeft };
}
