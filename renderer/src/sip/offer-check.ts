// An incoming call this phone could never connect should be refused at once,
// with the reason, instead of ringing and failing only when the user answers.
// Chromium's WebRTC takes only encrypted media: DTLS-SRTP keys (a=fingerprint)
// negotiated over ICE (a=ice-ufrag). A desk phone's endpoint on Asterisk
// (no webrtc=yes) offers plain RTP/AVP with neither.

export type OfferVerdict = { ok: true } | { ok: false; problem: string };

/** RFC 3261's answer for an offer we cannot accept. */
export const NOT_ACCEPTABLE_HERE = 488;

export function checkIncomingOffer(body: string | undefined): OfferVerdict {
  // No offer in the INVITE (late offer): we make the offer ourselves in the 200 OK.
  if (!body || !/^m=/m.test(body)) return { ok: true };
  const audio = /^m=audio \d+(?:\/\d+)? (\S+)/m.exec(body);
  const profile = audio?.[1] ?? '';
  if (!audio) return { ok: false, problem: 'it offered no audio' };
  const hasDtls = /^a=fingerprint:/m.test(body);
  const hasIce = /^a=ice-ufrag:/m.test(body);
  if (hasDtls && hasIce) return { ok: true };
  const missing = [hasDtls ? '' : 'DTLS-SRTP encryption', hasIce ? '' : 'ICE'].filter(Boolean).join(' or ');
  return { ok: false, problem: `it offered plain audio (${profile}) without ${missing}` };
}

/** What the user reads (and Recent keeps) about a call refused for its offer. */
export function refusedOfferText(remoteName: string, problem: string): string {
  return (
    `Missed call from ${remoteName}: refused (488) without ringing, as ${problem}; ` +
    'this phone only takes encrypted WebRTC calls. On Asterisk, the endpoint that sends calls to this phone needs webrtc=yes.'
  );
}
