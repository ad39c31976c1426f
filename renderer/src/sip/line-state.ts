import { describeCallRejection } from './errors';
import type { CallDirection, CallStatus } from './types';
import { t } from '../i18n/i18n.svelte';

// The state of one line (one call) as a pure function of what happened, so
// every transition, failures included, is unit-tested without a SIP stack.

/** The reason phrase this phone sends with 486 when the user presses Decline. */
export const DECLINE_REASON = 'Declined';

export interface LineState {
  status: CallStatus;
  answeredAt?: number;
  endedAt?: number;
  /** Plain-language reason, only when the end is worth telling. */
  endReason?: string;
  endCode?: number;
  /** The call ends from this side (Hang up, a transfer): nobody needs telling that the far end hung up. */
  endingHere?: boolean;
}

export type LineEvent =
  | { type: 'progress'; code: number }
  | { type: 'answer-pressed' }
  | { type: 'established'; at: number }
  | { type: 'rejected'; code: number; reason: string }
  | { type: 'declined-here' }
  | { type: 'refused-here'; reason: string; at: number; code?: number }
  | { type: 'ending-here'; expected?: boolean }
  | { type: 'cancelled-here' }
  | { type: 'media-failed'; message: string }
  | { type: 'terminated'; at: number };

export interface LineContext {
  direction: CallDirection;
  remoteName: string;
}

export function initialLineState(direction: CallDirection): LineState {
  return { status: direction === 'outgoing' ? 'dialing' : 'incoming' };
}

export function lineTransition(state: LineState, event: LineEvent, context: LineContext): LineState {
  const ended = state.status === 'ended';
  switch (event.type) {
    case 'progress':
      return (event.code === 180 || event.code === 183) && state.status === 'dialing'
        ? { ...state, status: 'ringing' }
        : state;
    case 'answer-pressed':
      return state.status === 'incoming' ? { ...state, status: 'connecting' } : state;
    case 'established':
      return ended || state.status === 'active'
        ? state
        : { ...state, status: 'active', answeredAt: event.at };
    case 'rejected': {
      // SIP.js may report the final response after the session already ended: keep the reason either way.
      if (event.code === 487 && state.endReason) return { ...state, endCode: event.code };
      const endReason =
        event.code === 486 && event.reason === DECLINE_REASON
          ? `${context.remoteName} declined the call.`
          : describeCallRejection(event.code, event.reason, context.remoteName);
      return { ...state, endCode: event.code, endReason };
    }
    case 'declined-here':
      return context.direction === 'incoming' && state.status === 'incoming'
        ? { ...state, endReason: t('engine.youDeclined') }
        : state;
    case 'refused-here':
      // Refused before it rang (do not disturb, an offer this phone cannot take): over at once.
      return state.status === 'incoming'
        ? {
            ...state,
            status: 'ended',
            endedAt: event.at,
            endReason: event.reason,
            ...(event.code ? { endCode: event.code } : {}),
          }
        : state;
    case 'ending-here':
      return ended ? state : { ...state, endingHere: event.expected ?? true };
    case 'cancelled-here':
      return state.status === 'dialing' || state.status === 'ringing'
        ? { ...state, endReason: t('engine.callCancelled') }
        : state;
    case 'media-failed':
      // SIP.js reports the session Terminated a few microtasks before the failed
      // offer reaches us: the reason still belongs to that ending.
      return ended && state.endReason ? state : { ...state, status: 'ended', endReason: event.message };
    case 'terminated': {
      if (ended) return state;
      const missed = context.direction === 'incoming' && state.status === 'incoming' && !state.endReason;
      const farEndHungUp =
        state.status === 'active' && !state.endingHere && !state.endReason && state.answeredAt !== undefined;
      let endReason = state.endReason;
      if (missed) endReason = t('engine.missedFrom', { name: context.remoteName });
      else if (farEndHungUp)
        endReason = t('engine.hungUpAfter', {
          name: context.remoteName,
          time: formatDuration(event.at - state.answeredAt!),
        });
      return { ...state, status: 'ended', endedAt: event.at, endReason };
    }
  }
}

/** 0:07, 12:30, 1:02:03: how long a call lasted, as a person reads it. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return hours ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}

export interface HoldState {
  held: boolean;
  pending: boolean;
  /** Why the last hold or resume failed; cleared by the next attempt. */
  error?: string;
}

export type HoldEvent =
  | { type: 'requested'; held: boolean }
  | { type: 'accepted'; held: boolean }
  | { type: 'refused'; message: string };

/** A call shows Held only after the far end accepted; a refusal leaves it as it was, with the reason. */
export function holdTransition(state: HoldState, event: HoldEvent): HoldState {
  switch (event.type) {
    case 'requested':
      return { held: state.held, pending: true };
    case 'accepted':
      return { held: event.held, pending: false };
    case 'refused':
      return { held: state.held, pending: false, error: event.message };
  }
}
