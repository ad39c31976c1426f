import { describe, expect, it } from 'vitest';
import { auditAsteriskCompatibility } from './sdp-audit';

// An audio-only offer as Chromium (Electron) writes it for getUserMedia audio.
const CHROMIUM_OFFER_LINES = [
  'v=0',
  'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0',
  'a=extmap-allow-mixed',
  'a=msid-semantic: WMS 3b0c8a2e-5c1d-4f0a-9b8e-2f6a1d7c9e41',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
  'c=IN IP4 0.0.0.0',
  'a=rtcp:9 IN IP4 0.0.0.0',
  'a=ice-ufrag:Xk3v',
  'a=ice-pwd:5f8GzQm2b9Lr0wT7uYcN1pHd',
  'a=ice-options:trickle',
  'a=fingerprint:sha-256 3A:9C:1E:44:B2:7F:0D:86:5A:E1:C3:92:6B:47:F8:2D:10:AB:CD:EF:01:23:45:67:89:9A:BC:DE:F0:11:22:33',
  'a=setup:actpass',
  'a=mid:0',
  'a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level',
  'a=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  'a=sendrecv',
  'a=msid:3b0c8a2e-5c1d-4f0a-9b8e-2f6a1d7c9e41 8d2f6c1a-0b3e-4d5f-a6b7-c8d9e0f1a2b3',
  'a=rtcp-mux',
  'a=rtpmap:111 opus/48000/2',
  'a=rtcp-fb:111 transport-cc',
  'a=fmtp:111 minptime=10;useinbandfec=1',
  'a=rtpmap:63 red/48000/2',
  'a=fmtp:63 111/111',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:13 CN/8000',
  'a=rtpmap:110 telephone-event/48000',
  'a=rtpmap:126 telephone-event/8000',
  'a=ssrc:2961253497 cname:q1Wc9Xz2Lm8Pk4Rt',
];

const sdp = (lines: string[]): string => lines.join('\r\n') + '\r\n';

const OFFER = sdp(CHROMIUM_OFFER_LINES);

function without(prefix: string): string {
  const lines = CHROMIUM_OFFER_LINES.filter((line) => !line.startsWith(prefix));
  expect(lines.length).toBeLessThan(CHROMIUM_OFFER_LINES.length);
  return sdp(lines);
}

function replacing(from: string, to: string): string {
  const changed = OFFER.replace(from, to);
  expect(changed).not.toBe(OFFER);
  return changed;
}

describe('auditAsteriskCompatibility', () => {
  it('finds nothing wrong with a normal Chromium audio offer', () => {
    expect(auditAsteriskCompatibility(OFFER)).toEqual([]);
  });

  it('accepts the same offer with bare LF line endings', () => {
    expect(auditAsteriskCompatibility(CHROMIUM_OFFER_LINES.join('\n'))).toEqual([]);
  });

  it('flags plain RTP/AVP instead of DTLS-SRTP with AVPF', () => {
    const problems = auditAsteriskCompatibility(replacing('UDP/TLS/RTP/SAVPF', 'RTP/AVP'));
    expect(problems).toEqual(['Audio is not offered with DTLS-SRTP and AVPF (UDP/TLS/RTP/SAVPF).']);
  });

  it('flags SAVP without feedback (AVPF) as well', () => {
    const problems = auditAsteriskCompatibility(replacing('UDP/TLS/RTP/SAVPF', 'UDP/TLS/RTP/SAVP'));
    expect(problems).toEqual(['Audio is not offered with DTLS-SRTP and AVPF (UDP/TLS/RTP/SAVPF).']);
  });

  it('flags missing rtcp-mux', () => {
    expect(auditAsteriskCompatibility(without('a=rtcp-mux'))).toEqual(['rtcp-mux is missing.']);
  });

  it('does not count rtcp-mux-only as a=rtcp-mux', () => {
    const problems = auditAsteriskCompatibility(replacing('a=rtcp-mux\r\n', 'a=rtcp-mux-only\r\n'));
    expect(problems).toEqual(['rtcp-mux is missing.']);
  });

  it('flags a missing DTLS fingerprint', () => {
    expect(auditAsteriskCompatibility(without('a=fingerprint:'))).toEqual(['No DTLS fingerprint.']);
  });

  it('flags missing ICE credentials', () => {
    expect(auditAsteriskCompatibility(without('a=ice-ufrag:'))).toEqual(['No ICE credentials.']);
  });

  it('accepts fingerprint and ICE credentials at session level', () => {
    const moved = CHROMIUM_OFFER_LINES.filter(
      (line) => !line.startsWith('a=fingerprint:') && !line.startsWith('a=ice-ufrag:'),
    );
    const fingerprint = CHROMIUM_OFFER_LINES.find((line) => line.startsWith('a=fingerprint:'))!;
    moved.splice(4, 0, fingerprint, 'a=ice-ufrag:Xk3v');
    expect(auditAsteriskCompatibility(sdp(moved))).toEqual([]);
  });

  it('flags a missing Opus codec', () => {
    expect(auditAsteriskCompatibility(without('a=rtpmap:111 '))).toEqual(['Codec Opus is not offered.']);
  });

  it('flags a missing PCMU codec', () => {
    expect(auditAsteriskCompatibility(without('a=rtpmap:0 '))).toEqual(['Codec PCMU is not offered.']);
  });

  it('flags a missing PCMA codec', () => {
    expect(auditAsteriskCompatibility(without('a=rtpmap:8 '))).toEqual(['Codec PCMA is not offered.']);
  });

  it('reads codec names case-insensitively', () => {
    const lower = replacing('PCMU/8000', 'pcmu/8000').replace('opus/48000/2', 'OPUS/48000/2');
    expect(auditAsteriskCompatibility(lower)).toEqual([]);
  });

  it('reports an offer without an audio m-line and nothing else', () => {
    const sessionOnly = CHROMIUM_OFFER_LINES.slice(
      0,
      CHROMIUM_OFFER_LINES.indexOf('m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126'),
    );
    expect(auditAsteriskCompatibility(sdp(sessionOnly))).toEqual(['The offer has no audio stream.']);
  });

  it('reports a video-only offer as having no audio stream', () => {
    const video = replacing('m=audio 9', 'm=video 9');
    expect(auditAsteriskCompatibility(video)).toEqual(['The offer has no audio stream.']);
  });

  it('does not take codecs or rtcp-mux of a video section for audio', () => {
    const audio = CHROMIUM_OFFER_LINES.filter(
      (line) => line !== 'a=rtcp-mux' && !/^a=rtpmap:(111|0|8) /.test(line),
    );
    const video = [
      'm=video 9 UDP/TLS/RTP/SAVPF 96 0 8 111',
      'a=rtcp-mux',
      'a=rtpmap:96 VP8/90000',
      'a=rtpmap:111 opus/48000/2',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:8 PCMA/8000',
    ];
    expect(auditAsteriskCompatibility(sdp([...audio, ...video]))).toEqual([
      'rtcp-mux is missing.',
      'Codec Opus is not offered.',
      'Codec PCMU is not offered.',
      'Codec PCMA is not offered.',
    ]);
  });

  it('finds the audio section when it follows a video section', () => {
    const session = CHROMIUM_OFFER_LINES.slice(0, 7);
    const audio = CHROMIUM_OFFER_LINES.slice(7);
    const video = ['m=video 9 RTP/AVP 96', 'a=rtpmap:96 VP8/90000'];
    expect(auditAsteriskCompatibility(sdp([...session, ...video, ...audio]))).toEqual([]);
  });

  it('lists every problem of a legacy plain-RTP offer', () => {
    const legacy = sdp([
      'v=0',
      'o=- 1 1 IN IP4 192.0.2.10',
      's=-',
      'c=IN IP4 192.0.2.10',
      't=0 0',
      'm=audio 40000 RTP/AVP 18 101',
      'a=rtpmap:18 G729/8000',
      'a=rtpmap:101 telephone-event/8000',
    ]);
    expect(auditAsteriskCompatibility(legacy)).toEqual([
      'Audio is not offered with DTLS-SRTP and AVPF (UDP/TLS/RTP/SAVPF).',
      'rtcp-mux is missing.',
      'No DTLS fingerprint.',
      'No ICE credentials.',
      'Codec Opus is not offered.',
      'Codec PCMU is not offered.',
      'Codec PCMA is not offered.',
    ]);
  });
});
