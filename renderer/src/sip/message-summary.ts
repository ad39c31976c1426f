// RFC 3842 message-summary bodies. Whatever the PBX (or anyone who can reach
// the phone) sends is untrusted: the parser reads a bounded prefix, takes only
// the fields it knows and returns null for anything it cannot make sense of.

export interface VoicemailState {
  /** The PBX says there are messages waiting (Messages-Waiting: yes). */
  waiting: boolean;
  /** New (unheard) voice messages, urgent ones included. */
  newMessages: number;
  /** Old (heard, kept) voice messages, urgent ones included. */
  oldMessages: number;
  urgentNew: number;
  urgentOld: number;
}

/** A summary is a handful of short lines; anything larger is not one. */
export const MAX_SUMMARY_BYTES = 4096;
const MAX_LINES = 64;
/** No mailbox holds more; bigger numbers are clamped rather than believed. */
const MAX_COUNT = 9999;

const COUNTS = /^(\d{1,9})\s*\/\s*(\d{1,9})(?:\s*\(\s*(\d{1,9})\s*\/\s*(\d{1,9})\s*\))?\s*$/;

function clamp(text: string | undefined): number {
  if (text === undefined) return 0;
  return Math.min(MAX_COUNT, Number.parseInt(text, 10));
}

/** Reads a message-summary body; null when it has no valid Messages-Waiting line. */
export function parseMessageSummary(body: unknown): VoicemailState | null {
  if (typeof body !== 'string' || body.length === 0 || body.length > MAX_SUMMARY_BYTES) return null;
  let waiting: boolean | null = null;
  let voice: Pick<VoicemailState, 'newMessages' | 'oldMessages' | 'urgentNew' | 'urgentOld'> | null = null;
  for (const raw of body.split(/\r?\n/, MAX_LINES)) {
    const colon = raw.indexOf(':');
    if (colon <= 0) continue;
    const name = raw.slice(0, colon).trim().toLowerCase();
    const value = raw.slice(colon + 1).trim();
    if (name === 'messages-waiting') {
      const answer = value.toLowerCase();
      if (answer === 'yes' || answer === 'no') waiting = answer === 'yes';
    } else if (name === 'voice-message' && voice === null) {
      const match = COUNTS.exec(value);
      if (match) {
        voice = {
          newMessages: clamp(match[1]),
          oldMessages: clamp(match[2]),
          urgentNew: clamp(match[3]),
          urgentOld: clamp(match[4]),
        };
      }
    }
  }
  if (waiting === null) return null;
  if (!voice) {
    // Only the lamp, no counts: the UI says "messages waiting" rather than guessing a number.
    return { waiting, newMessages: 0, oldMessages: 0, urgentNew: 0, urgentOld: 0 };
  }
  // "no" with leftover counts means nothing new; the PBX's flag wins for the lamp.
  return { waiting, ...voice, newMessages: waiting ? voice.newMessages : 0 };
}

export function sameVoicemail(a: VoicemailState | undefined, b: VoicemailState | undefined): boolean {
  if (!a || !b) return a === b;
  return (
    a.waiting === b.waiting &&
    a.newMessages === b.newMessages &&
    a.oldMessages === b.oldMessages &&
    a.urgentNew === b.urgentNew &&
    a.urgentOld === b.urgentOld
  );
}
