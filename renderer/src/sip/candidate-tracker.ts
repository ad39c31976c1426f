import {
  gatheringVerdict,
  type GatheringRules,
  type NetworkKnowledge,
  type SeenCandidate,
} from './gathering-policy';

/** The candidate fields this code reads: Chromium names the server on the event (url). */
interface IceEventLike {
  candidate: { candidate: string; sdpMid: string | null; type?: string | null; url?: string | null } | null;
  url?: string | null;
}

/** The candidate type from an `a=candidate` line, for browsers that leave `type` out. */
function typeOf(line: string): string {
  return / typ (\w+)/.exec(line)?.[1] ?? 'host';
}

export function seenCandidate(event: IceEventLike): SeenCandidate | undefined {
  const candidate = event.candidate;
  if (!candidate || !candidate.candidate) return undefined;
  const url = event.url || candidate.url || undefined;
  return {
    mid: candidate.sdpMid ?? '0',
    type: candidate.type ?? typeOf(candidate.candidate),
    ...(url ? { url } : {}),
  };
}

/**
 * Records the candidates of one peer connection from before its first local
 * description on: a warm connection hands over its pooled candidates the
 * moment the description is set, before anyone could start listening later.
 */
export class CandidateTracker {
  private seen: SeenCandidate[] = [];
  private wake: (() => void) | undefined;

  constructor(private readonly pc: RTCPeerConnection) {
    pc.addEventListener('icecandidate', this.onCandidate);
    pc.addEventListener('icegatheringstatechange', this.onState);
  }

  /** An ICE restart gathers anew: what came before does not count. */
  restart(): void {
    this.seen = [];
  }

  get candidates(): readonly SeenCandidate[] {
    return this.seen;
  }

  /** Resolves when the rules say the description can go; never waits past the cap. */
  async enough(rules: GatheringRules, knowledge: NetworkKnowledge | undefined): Promise<string> {
    const since = performance.now();
    for (;;) {
      if (this.pc.signalingState === 'closed') throw new Error('Peer connection closed.');
      const verdict = gatheringVerdict(rules, knowledge, {
        mids: this.pc
          .getTransceivers()
          .flatMap((t) => (t.mid === null || t.currentDirection === 'stopped' ? [] : [t.mid])),
        candidates: this.seen,
        complete: this.pc.iceGatheringState === 'complete',
        elapsedMs: performance.now() - since,
      });
      if (verdict.send) return verdict.why;
      await new Promise<void>((resolve) => {
        const timer =
          verdict.recheckInMs === undefined ? undefined : setTimeout(resolve, verdict.recheckInMs + 1);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = undefined;
    }
  }

  detach(): void {
    this.pc.removeEventListener('icecandidate', this.onCandidate);
    this.pc.removeEventListener('icegatheringstatechange', this.onState);
    this.wake?.();
  }

  private readonly onCandidate = (event: Event): void => {
    const seen = seenCandidate(event as unknown as IceEventLike);
    if (seen) this.seen.push(seen);
    this.wake?.();
  };

  private readonly onState = (): void => {
    this.wake?.();
  };
}
