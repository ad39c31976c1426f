import type { CallOutcome, HistoryEntry } from '../../../contract/history';
import type { ReportedCall } from '../desk/calls';

// How a call that ended is remembered. The renderer reports what happened
// (answered or not, the SIP code, the sentence it showed); these rules turn
// that into one of the outcomes the Recent view shows. The sentences matched
// here are the ones renderer/src/sip/call.ts writes.

/** What the phone says when the user pressed Decline. */
export const DECLINED_BY_US = 'You declined the call.';
/** What the phone says for an incoming call nobody answered (also under do not disturb). */
const MISSED_PREFIX = 'Missed call from ';
/** What the phone says when the user hung up an outgoing call before it was answered. */
const CANCELLED_BY_US = 'Call cancelled.';
/** SIP 487 Request Terminated: the INVITE was cancelled. */
const REQUEST_TERMINATED = 487;
/** SIP 302 Moved Temporarily: what the phone answers a call it forwards. */
const MOVED_TEMPORARILY = 302;

export interface CallFacts {
  direction: ReportedCall['direction'];
  answeredAt?: number;
  endedAt: number;
  endReason?: string;
  endCode?: number;
  /** The user answered (the call reached 'connecting'), even if it never connected. */
  acceptedHere: boolean;
}

export interface Outcome {
  outcome: CallOutcome;
  /** Whole seconds from answer to end; 0 when never answered. */
  duration: number;
  reason?: string;
  code?: number;
}

export function deriveOutcome(facts: CallFacts): Outcome {
  const { answeredAt, endedAt } = facts;
  if (answeredAt !== undefined) {
    return { outcome: 'answered', duration: Math.max(0, Math.round((endedAt - answeredAt) / 1000)) };
  }
  const outcome = facts.direction === 'incoming' ? incomingOutcome(facts) : outgoingOutcome(facts);
  const result: Outcome = { outcome, duration: 0 };
  if (facts.endReason) result.reason = facts.endReason;
  if (facts.endCode !== undefined) result.code = facts.endCode;
  return result;
}

function incomingOutcome(facts: CallFacts): CallOutcome {
  // The phone forwarded it (renderer/src/sip/forwarding.ts): nobody missed it.
  if (facts.endCode === MOVED_TEMPORARILY) return 'forwarded';
  const reason = facts.endReason ?? '';
  if (reason === DECLINED_BY_US) return 'declined';
  // Includes calls refused under do not disturb: the caller was still missed.
  if (reason.startsWith(MISSED_PREFIX)) return 'missed';
  // Answered here but the call never connected (microphone blocked, media failed).
  if (facts.acceptedHere && reason) return 'failed';
  return 'missed';
}

function outgoingOutcome(facts: CallFacts): CallOutcome {
  if (facts.endCode === REQUEST_TERMINATED || facts.endReason === CANCELLED_BY_US) return 'cancelled';
  if (facts.endCode !== undefined && facts.endCode >= 300) return 'failed';
  // No SIP answer but a reason (microphone, connection lost): it failed here.
  if (facts.endReason) return 'failed';
  return 'cancelled';
}

/** The finished entry for a call, from its first and last reports. */
export function entryFor(
  id: string,
  call: ReportedCall,
  start: number,
  endedAt: number,
  acceptedHere: boolean,
): HistoryEntry {
  const facts: CallFacts = { direction: call.direction, endedAt, acceptedHere };
  if (call.answeredAt !== undefined) facts.answeredAt = call.answeredAt;
  if (call.endReason !== undefined) facts.endReason = call.endReason;
  if (call.endCode !== undefined) facts.endCode = call.endCode;
  return {
    id,
    direction: call.direction,
    number: call.remoteNumber,
    name: call.remoteName,
    remoteUri: call.remoteUri ?? '',
    start,
    end: endedAt,
    ...deriveOutcome(facts),
    ...(call.quality ? { quality: call.quality } : {}),
  };
}
