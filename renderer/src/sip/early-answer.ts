// An answer made while the phone rings and applied to the peer connection,
// but sent only when the user presses Answer. Applying it starts ICE, so the
// connectivity checks are done by the time the 200 OK leaves; what is left
// after the click is one DTLS handshake and the far end's next audio frame.
//
// Nothing is heard or sent before Answer: no microphone track is attached
// until then, and this side takes the DTLS server role (a=setup:passive), so
// no handshake starts before the far end has our answer. That role matters:
// a far end that verifies our certificate only once it has our fingerprint
// (Asterisk with dtlsverify=fingerprint) would fail a handshake that
// finished before the 200 OK reached it.

/** Attribute lines of the session and of every media section. */
function attributes(sdp: string, name: string): string[] {
  const prefix = `a=${name}:`;
  return sdp
    .split(/\r?\n/)
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length).trim().toLowerCase());
}

function mediaKinds(sdp: string): string[] {
  return sdp
    .split(/\r?\n/)
    .filter((line) => line.startsWith('m='))
    .map((line) => line.slice(2).split(' ')[0] ?? '');
}

/**
 * Whether an incoming offer can be answered ahead of the click: one audio
 * section and nothing else (the user's choice of camera is not known yet),
 * DTLS-SRTP offered with actpass everywhere (so the answer may pick passive),
 * and not on hold or inactive (such an answer would need the user's intent).
 */
export function canAnswerEarly(offer: string): boolean {
  const kinds = mediaKinds(offer);
  if (kinds.length !== 1 || kinds[0] !== 'audio') return false;
  const setups = attributes(offer, 'setup');
  if (setups.length === 0 || setups.some((setup) => setup !== 'actpass')) return false;
  if (attributes(offer, 'fingerprint').length === 0) return false;
  return !/^a=(sendonly|inactive)\s*$/m.test(offer);
}

/** The answer with this side as the DTLS server, so the far end starts the handshake once it has it. */
export function asDtlsServer(answer: RTCSessionDescriptionInit): RTCSessionDescriptionInit {
  return {
    type: answer.type,
    sdp: (answer.sdp ?? '').replace(/^a=setup:active(\r?)$/gm, 'a=setup:passive$1'),
  };
}
