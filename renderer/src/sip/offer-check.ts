// An incoming call this phone could never connect should be refused at once,
// with the reason, instead of ringing and failing only when the user answers.
// Chromium's WebRTC takes only encrypted media: DTLS-SRTP keys (a=fingerprint)
// negotiated over ICE (a=ice-ufrag). A desk phone's endpoint on Asterisk
// (no webrtc=yes) offers plain RTP/AVP with neither.

import { t } from '../i18n/i18n.svelte';

export type OfferVerdict = { ok: true } | { ok: false; problem: string };

/** RFC 3261's answer for an offer we cannot accept. */
export const NOT_ACCEPTABLE_HERE = 488;

export function checkIncomingOffer(body: string | undefined): OfferVerdict {
  // No offer in the INVITE (late offer): we make the offer ourselves in the 200 OK.
  if (!body || !/^m=/m.test(body)) return { ok: true };
  const audio = /^m=audio \d+(?:\/\d+)? (\S+)/m.exec(body);
  const profile = audio?.[1] ?? '';
  if (!audio) return { ok: false, problem: t('engine.offerNoAudio') };
  const hasDtls = /^a=fingerprint:/m.test(body);
  const hasIce = /^a=ice-ufrag:/m.test(body);
  // Chromium requires rtcp-mux (a chan_sip peer with rtcp_mux=no): answering would only fail.
  if (hasDtls && hasIce)
    return /^a=rtcp-mux\s*$/m.test(body) ? { ok: true } : { ok: false, problem: t('engine.offerNoRtcpMux') };
  const missing = !hasDtls && !hasIce ? 'both' : hasDtls ? 'ice' : 'dtls';
  return { ok: false, problem: t('engine.offerPlain', { profile, missing }) };
}

/** What the user reads (and Recent keeps) about a call refused for its offer. */
export function refusedOfferText(remoteName: string, problem: string): string {
  return t('engine.refusedOffer', { name: remoteName, problem });
}
