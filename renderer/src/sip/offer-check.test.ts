import { describe, expect, it } from 'vitest';
import { checkIncomingOffer, refusedOfferText } from './offer-check';

// The offers below are what Asterisk 22 sends: first from an endpoint without
// webrtc=yes, then from one with it (both taken from the e2e suite's SIP log).
const PLAIN = [
  'v=0',
  'o=- 1480038967 1480038967 IN IP4 127.0.0.1',
  's=Asterisk',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 26010 RTP/AVP 0 8 101',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:101 telephone-event/8000',
  'a=sendrecv',
  '',
].join('\r\n');

const WEBRTC = [
  'v=0',
  'o=- 1 2 IN IP4 127.0.0.1',
  's=Asterisk',
  't=0 0',
  'm=audio 21710 UDP/TLS/RTP/SAVPF 111 0 8 126',
  'a=setup:actpass',
  'a=fingerprint:SHA-256 F5:49:BD:2E:03:BC:39:7B',
  'a=ice-ufrag:06f8a9da',
  'a=ice-pwd:530d8b7d44782e2a',
  'a=candidate:H7f000001 1 UDP 2130706431 127.0.0.1 21710 typ host',
  'a=rtcp-mux',
  '',
].join('\r\n');

describe('incoming offers this phone can take', () => {
  it('takes a WebRTC offer (DTLS fingerprint and ICE), and an INVITE without an offer', () => {
    expect(checkIncomingOffer(WEBRTC)).toEqual({ ok: true });
    expect(checkIncomingOffer(undefined)).toEqual({ ok: true });
    expect(checkIncomingOffer('')).toEqual({ ok: true });
  });

  it('refuses plain RTP/AVP from a desk-phone endpoint, naming what is missing', () => {
    expect(checkIncomingOffer(PLAIN)).toEqual({
      ok: false,
      problem: 'it offered plain audio (RTP/AVP) without DTLS-SRTP encryption or ICE',
    });
  });

  it('refuses an offer with DTLS but no ICE, or ICE but no DTLS (SDES keys)', () => {
    const noIce = WEBRTC.replace(/a=ice-(ufrag|pwd):.*\r\n/g, '');
    expect(checkIncomingOffer(noIce)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/without ICE$/),
    });
    const sdes = WEBRTC.replace(/a=fingerprint:.*\r\n/, 'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:abc\r\n');
    expect(checkIncomingOffer(sdes)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/without DTLS-SRTP encryption$/),
    });
  });

  it('refuses an offer without rtcp-mux (a chan_sip peer with rtcp_mux=no): answering would only fail', () => {
    expect(checkIncomingOffer(WEBRTC.replace('a=rtcp-mux\r\n', ''))).toEqual({
      ok: false,
      problem: 'it offered audio without rtcp-mux (a=rtcp-mux), which WebRTC requires',
    });
  });

  it('refuses an offer with no audio at all', () => {
    expect(checkIncomingOffer(WEBRTC.replace('m=audio', 'm=video'))).toEqual({
      ok: false,
      problem: 'it offered no audio',
    });
  });

  it('tells the user it was missed, why, and the Asterisk fix', () => {
    const text = refusedOfferText(
      'Bob Baker',
      'it offered plain audio (RTP/AVP) without DTLS-SRTP encryption or ICE',
    );
    expect(text).toMatch(/^Missed call from Bob Baker: /);
    expect(text).toContain('only takes encrypted WebRTC calls');
    expect(text).toContain('(488)');
    expect(text).toContain('webrtc=yes');
    expect(text).toContain('dtlsenable=yes');
  });
});
