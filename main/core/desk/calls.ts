import type { PhoneReport } from '../../../contract/desk';
import { plainText } from '../../../contract/plain-text';
import { ENGLISH, type DeskText } from '../i18n/desk-text';

// Questions about the phone's reported calls that the tray, notifications and
// hotkeys all ask the same way: which call is ringing, which one is "the" call
// a hang-up or mute applies to, and how to name the other party.

export type ReportedCall = PhoneReport['calls'][number];

/** An incoming call waiting to be answered. */
export function isRingingIn(call: ReportedCall): boolean {
  // The renderer reports an unanswered incoming call as 'incoming'; 'ringing'
  // on an incoming call is accepted too, so a wording change there cannot
  // silently stop the notification.
  return call.direction === 'incoming' && (call.status === 'incoming' || call.status === 'ringing');
}

/** Incoming calls waiting to be answered, oldest first (the order the phone reports). */
export function ringingCalls(report: PhoneReport | null): ReportedCall[] {
  return report?.calls.filter(isRingingIn) ?? [];
}

const IN_PROGRESS = new Set<ReportedCall['status']>(['dialing', 'ringing', 'connecting', 'active']);

/**
 * The call hang-up, mute and hold apply to: an answered call that is not on
 * hold first, then any answered call, then one still being set up. Never a
 * call that is only ringing in (that one is declined, not hung up).
 */
export function currentCall(report: PhoneReport | null): ReportedCall | undefined {
  const calls = (report?.calls ?? []).filter((c) => !isRingingIn(c) && IN_PROGRESS.has(c.status));
  return (
    calls.findLast((c) => c.status === 'active' && !c.held) ??
    calls.findLast((c) => c.status === 'active') ??
    calls.findLast(() => true)
  );
}

/** An answered call (mute and hold only make sense once media flows). */
export function establishedCall(report: PhoneReport | null): ReportedCall | undefined {
  const call = currentCall(report);
  return call?.status === 'active' ? call : undefined;
}

/** The caller's name and number as the tray and notifications may show them: plain text, one line. */
function nameAndNumber(call: ReportedCall): { name: string; number: string } {
  return { name: plainText(call.remoteName), number: plainText(call.remoteNumber) };
}

/** "Alice Archer (alice)", or just the name or number when only one is known or both are equal. */
export function callerLabel(call: ReportedCall, text: DeskText = ENGLISH): string {
  const { name, number } = nameAndNumber(call);
  if (name && number && name !== number) return `${name} (${number})`;
  return name || number || text.t('unknownCaller');
}

/** The short form for "In call with Bob": the name when there is one. */
export function shortLabel(call: ReportedCall, text: DeskText = ENGLISH): string {
  const { name, number } = nameAndNumber(call);
  return name || number || text.t('unknownCaller');
}

/** "Alice Archer — alice"; just one of them when the other is missing or the same. */
export function callerLine(call: ReportedCall, text: DeskText = ENGLISH): string {
  const { name, number } = nameAndNumber(call);
  if (name && number && name !== number) return `${name} — ${number}`;
  return name || number || text.t('unknownCaller');
}
