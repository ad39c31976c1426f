import { element, elements, stripXmlNoise, textOf } from './xml-lite';

// RFC 3863 application/pidf+xml, read for a lamp. Untrusted like every NOTIFY
// body: capped, read tolerantly, and only a fixed set of words is believed.
//
// What Asterisk 22 sends (res_pjsip_pidf_body_generator.c with
// ast_sip_presence_exten_state_to_str): one <tuple> whose <basic> is "open"
// for NOT_INUSE, INUSE, BUSY, RINGING and ONHOLD and "closed" for
// UNAVAILABLE, and a <note> that names the state: "Ready", "Ringing",
// "On the phone", "On hold", "Unavailable". Other servers say "busy" or use
// RPID activities (<rpid:on-the-phone/>, <rpid:busy/>, <rpid:away/>).

export const MAX_PIDF_BYTES = 32 * 1024;

export type PresenceState = 'idle' | 'ringing' | 'busy' | 'held' | 'unavailable';

function fromNote(note: string): PresenceState | null {
  const text = note.toLowerCase();
  if (/\bringing\b/.test(text)) return 'ringing';
  if (/\bon hold\b|\bonhold\b/.test(text)) return 'held';
  if (/\bon the phone\b|\bon-the-phone\b|\bin use\b|\bbusy\b|\bin a call\b/.test(text)) return 'busy';
  if (/\bunavailable\b|\boffline\b/.test(text)) return 'unavailable';
  if (/\bready\b|\bidle\b|\bavailable\b|\bonline\b/.test(text)) return 'idle';
  return null;
}

/**
 * The watched phone's state by a PIDF body; null when the body is not PIDF
 * or says nothing a lamp can use. "closed" means unreachable whatever a note
 * says; on "open", notes and activities tell ringing, talking and holding.
 */
export function parsePidf(body: unknown): PresenceState | null {
  if (typeof body !== 'string' || body.length === 0 || body.length > MAX_PIDF_BYTES) return null;
  const xml = stripXmlNoise(body);
  const presence = element(xml, 'presence');
  if (!presence) return null;
  const basics = elements(presence.inner, 'basic', 16).map((basic) => textOf(basic.inner).toLowerCase());
  const open = basics.includes('open');
  const closed = !open && basics.includes('closed');
  if (closed) return 'unavailable';
  const notes = elements(presence.inner, 'note', 16).map((note) => textOf(note.inner));
  for (const note of notes) {
    const state = fromNote(note);
    if (state && state !== 'unavailable') return state;
  }
  if (/<(?:[\w.-]+:)?on-the-phone[\s/>]/i.test(presence.inner)) return 'busy';
  if (/<(?:[\w.-]+:)?busy[\s/>]/i.test(presence.inner)) return 'busy';
  if (open) return 'idle';
  // No basic status at all: a note alone may still tell.
  for (const note of notes) {
    const state = fromNote(note);
    if (state) return state;
  }
  return null;
}
