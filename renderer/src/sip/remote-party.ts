import { Grammar } from 'sip.js';
import { plainNumber, plainText } from '../../../contract/plain-text';

// What the far end (or the PBX on its behalf) tells us about itself during a
// call: who we are now connected to (P-Asserted-Identity / Remote-Party-ID in
// a re-INVITE, as Asterisk sends after a transfer) and whether it has put us
// on hold (the direction of its audio). All of it is untrusted text from the
// network: it is cleaned before anything shows it.

/**
 * A display name from the network, safe to show (see contract/plain-text.ts).
 * SIP.js keeps a quoted-string's escapes (\" and \\); they are undone first.
 */
export const plainName = (raw: string | undefined): string => plainText(raw?.replace(/\\(.)/g, '$1'));
export { plainNumber };

export interface RemoteIdentity {
  name: string;
  number: string;
  uri: string;
}

/** The far end of one call as this phone knows it: who it is now, and whether it holds us. */
export class RemoteParty {
  /** Its last offer put us on hold (sendonly or inactive audio). */
  holdsUs = false;

  constructor(public identity: RemoteIdentity) {}

  /** The caller of an incoming call: every part of it was chosen by the caller, so it is cleaned first. */
  static caller(displayName: string, uri: { user?: string; host: string; toString(): string }): RemoteParty {
    const number = plainNumber(uri.user ?? '') || plainNumber(uri.host);
    return new RemoteParty({ name: plainName(displayName) || number, number, uri: uri.toString() });
  }

  /** Whom we call: what the user typed (or a transferor named), and the target URI. */
  static callee(display: string, number: string, uri: string): RemoteParty {
    return new RemoteParty({ name: plainName(display), number: plainNumber(number), uri });
  }

  /** The PBX names the party (an answer to our INVITE, or a re-INVITE after a transfer). */
  learnFrom(message: WithHeaders): void {
    const party = connectedLineFrom(message);
    if (party) this.identity = party;
  }

  /** A re-INVITE we accepted: it may hold or resume us, and may name a new party. */
  offerAccepted(message: WithHeaders & { body: string }): void {
    const holds = offerHoldsUs(message.body);
    if (holds !== null) this.holdsUs = holds;
    this.learnFrom(message);
  }
}

/** A SIP message as far as identity headers go (requests and responses alike). */
interface WithHeaders {
  getHeader(name: string): string | undefined;
}

/**
 * The party the PBX says we are connected to, from a provisional or final
 * answer to our INVITE or from an in-dialog request; null when it says
 * nothing. P-Asserted-Identity first (Asterisk's send_pai), then
 * Remote-Party-ID (send_rpid).
 */
export function connectedLineFrom(message: WithHeaders): RemoteIdentity | null {
  for (const header of ['P-Asserted-Identity', 'Remote-Party-ID']) {
    const value = message.getHeader(header);
    if (!value) continue;
    const parsed = Grammar.nameAddrHeaderParse(value.split(',')[0]!.trim());
    if (!parsed) continue;
    const number = plainNumber(parsed.uri.user ?? '');
    const name = plainName(parsed.displayName) || number;
    if (!name) continue;
    return { name, number: number || name, uri: parsed.uri.toString() };
  }
  return null;
}

/** The direction of the first audio section of an SDP body, 'sendrecv' when it states none. */
export function audioDirection(sdp: string): 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive' {
  const sections = sdp.split(/\r?\n(?=m=)/);
  const audio = sections.find((section) => section.startsWith('m=audio'));
  const session = sections[0] ?? '';
  const pick = (text: string) => /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(text)?.[1];
  return (pick(audio ?? '') ?? pick(session) ?? 'sendrecv') as ReturnType<typeof audioDirection>;
}

/**
 * Whether an offer from the far end puts us on hold: it will not receive our
 * audio (sendonly: it may still play music to us; inactive: nothing either way).
 */
export function offerHoldsUs(sdp: string | undefined): boolean | null {
  if (!sdp || !/^m=audio/m.test(sdp)) return null;
  const direction = audioDirection(sdp);
  return direction === 'sendonly' || direction === 'inactive';
}
