import { describe, expect, it } from 'vitest';
import { asDtlsServer, canAnswerEarly } from './early-answer';

const chromiumOffer = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 0 8',
  'c=IN IP4 0.0.0.0',
  'a=ice-ufrag:abcd',
  'a=ice-pwd:0123456789abcdef012345',
  'a=fingerprint:sha-256 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
  'a=setup:actpass',
  'a=mid:0',
  'a=sendrecv',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  '',
].join('\r\n');

describe('canAnswerEarly', () => {
  it('takes an audio offer with DTLS actpass, as Chromium and Asterisk (webrtc=yes) send it', () => {
    expect(canAnswerEarly(chromiumOffer)).toBe(true);
  });

  it('leaves an offer with video to the click: whether to send the camera is the user’s answer', () => {
    const withVideo = `${chromiumOffer}m=video 9 UDP/TLS/RTP/SAVPF 96\r\na=setup:actpass\r\na=mid:1\r\n`;
    expect(canAnswerEarly(withVideo)).toBe(false);
    expect(canAnswerEarly(`${chromiumOffer}m=audio 9 UDP/TLS/RTP/SAVPF 0\r\na=setup:actpass\r\n`)).toBe(
      false,
    );
  });

  it('never where this side would have to start the handshake before the far end has the answer', () => {
    expect(canAnswerEarly(chromiumOffer.replace('a=setup:actpass', 'a=setup:passive'))).toBe(false);
    expect(canAnswerEarly(chromiumOffer.replace('a=setup:actpass', 'a=setup:active'))).toBe(false);
    expect(canAnswerEarly(chromiumOffer.replace('a=setup:actpass\r\n', ''))).toBe(false);
    // SDES keys, no DTLS fingerprint: the normal path reports what is wrong.
    expect(canAnswerEarly(chromiumOffer.replace(/a=fingerprint:.*\r\n/, ''))).toBe(false);
  });

  it('not for an offer on hold or inactive', () => {
    expect(canAnswerEarly(chromiumOffer.replace('a=sendrecv', 'a=sendonly'))).toBe(false);
    expect(canAnswerEarly(chromiumOffer.replace('a=sendrecv', 'a=inactive'))).toBe(false);
  });
});

describe('asDtlsServer', () => {
  it('turns the answer’s setup:active into passive, keeping line endings and everything else', () => {
    const answer = { type: 'answer' as const, sdp: 'v=0\r\na=setup:active\r\na=mid:0\r\n' };
    expect(asDtlsServer(answer)).toEqual({ type: 'answer', sdp: 'v=0\r\na=setup:passive\r\na=mid:0\r\n' });
    expect(asDtlsServer({ type: 'answer', sdp: 'a=setup:active\na=x-setup:active\n' }).sdp).toBe(
      'a=setup:passive\na=x-setup:active\n',
    );
  });
});
