import { describe, expect, it, vi } from 'vitest';
import { applyCheckedAnswer, checkAnswer, describeUnusableAnswer, UNUSABLE_ANSWER } from './answer-check';

// The working answer is what Asterisk 20's chan_sip sends for the README's
// peer (taken from the e2e suite's SIP log); each case removes one piece.
const GOOD = [
  'v=0',
  'o=root 545222599 545222599 IN IP4 127.0.0.1',
  's=Asterisk PBX 20.20.1',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 26518 UDP/TLS/RTP/SAVPF 111 0 126',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:126 telephone-event/8000',
  'a=ice-ufrag:517ff1fd246f273b773484394f19ed28',
  'a=ice-pwd:08a9c2d971a98c9878333740708bb656',
  'a=candidate:H7f000001 1 UDP 2130706431 127.0.0.1 25692 typ host',
  'a=setup:active',
  'a=fingerprint:SHA-256 A6:B6:43:3B:CE:83:41:AE',
  'a=rtcp-mux',
  'a=sendrecv',
  '',
].join('\r\n');

const OFFER = [
  'v=0',
  'o=- 42 2 IN IP4 127.0.0.1',
  's=-',
  't=0 0',
  'm=audio 9 UDP/TLS/RTP/SAVPF 111 9 0 8 126',
  'a=rtpmap:111 opus/48000/2',
  'a=rtpmap:9 G722/8000',
  'a=rtpmap:0 PCMU/8000',
  'a=rtpmap:8 PCMA/8000',
  'a=rtpmap:126 telephone-event/8000',
  'a=rtcp-mux',
  '',
].join('\r\n');

const without = (...prefixes: string[]) =>
  GOOD.split('\r\n')
    .filter((line) => !prefixes.some((p) => line.startsWith(p)))
    .join('\r\n');

describe('checkAnswer', () => {
  it('accepts the answer of a working chan_sip WebRTC peer', () => {
    expect(checkAnswer(GOOD, OFFER)).toEqual([]);
  });

  it('names rtcp-mux when a peer has rtcp_mux=no', () => {
    expect(checkAnswer(without('a=rtcp-mux'), OFFER)).toEqual(['rtcp-mux']);
  });

  it('tells SDES keys from no encryption at all', () => {
    expect(checkAnswer(without('a=fingerprint', 'a=setup'), OFFER)).toEqual(['dtls']);
    const sdes = without('a=fingerprint', 'a=setup').replace(
      'a=rtcp-mux',
      'a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\na=rtcp-mux',
    );
    expect(checkAnswer(sdes, OFFER)).toEqual(['sdes']);
  });

  it('names missing ICE credentials, and candidates apart from them', () => {
    expect(checkAnswer(without('a=ice-pwd'), OFFER)).toEqual(['ice']);
    expect(checkAnswer(without('a=ice-ufrag', 'a=ice-pwd', 'a=candidate'), OFFER)).toEqual(['ice']);
    expect(checkAnswer(without('a=candidate'), OFFER)).toEqual(['candidates']);
  });

  it('finds session-level fingerprints and ICE credentials', () => {
    const lines = GOOD.split('\r\n');
    const moved = lines.filter((l) => !/^a=(fingerprint|ice-ufrag|ice-pwd)/.test(l));
    moved.splice(4, 0, ...lines.filter((l) => /^a=(fingerprint|ice-ufrag|ice-pwd)/.test(l)));
    expect(checkAnswer(moved.join('\n'), OFFER)).toEqual([]);
  });

  it('finds no common codec by name, and a refused audio stream', () => {
    const g729 = GOOD.replace(
      'm=audio 26518 UDP/TLS/RTP/SAVPF 111 0 126',
      'm=audio 26518 UDP/TLS/RTP/SAVPF 18 126',
    )
      .replace('a=rtpmap:111 opus/48000/2\r\n', '')
      .replace('a=rtpmap:0 PCMU/8000\r\n', '');
    expect(checkAnswer(g729, OFFER)).toEqual(['codec']);
    // Only tones: nothing to talk with, even without our offer to compare.
    const tonesOnly = GOOD.replace(/ 111 0 126$/m, ' 126');
    expect(checkAnswer(tonesOnly)).toEqual(['codec']);
    // Another payload number for the same codec is still a codec in common.
    expect(
      checkAnswer(GOOD.replace(/ 111 0 126/, ' 96 0 126').replace('rtpmap:111', 'rtpmap:96'), OFFER),
    ).toEqual([]);
    expect(checkAnswer(GOOD.replace('m=audio 26518', 'm=audio 0'), OFFER)).toEqual(['audio']);
    expect(checkAnswer('v=0\r\ns=-\r\n', OFFER)).toEqual(['audio']);
  });

  it('lists every missing piece of a plain RTP/AVP answer', () => {
    const plain = [
      'v=0',
      'o=- 1 1 IN IP4 127.0.0.1',
      's=Asterisk',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      'm=audio 26010 RTP/AVP 0 101',
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      '',
    ].join('\r\n');
    expect(checkAnswer(plain, OFFER)).toEqual(['dtls', 'ice', 'rtcp-mux']);
  });

  it('survives hostile input: huge, garbled or endless answers end in a verdict, not a hang', () => {
    expect(checkAnswer('m=audio x y\r\n'.repeat(50_000), OFFER)).toEqual(['audio']);
    expect(checkAnswer(GOOD + 'a=x\r\n'.repeat(100_000), OFFER)).toEqual([]);
    expect(checkAnswer('\u0000\u202e', OFFER)).toEqual(['audio']);
  });
});

describe('describeUnusableAnswer', () => {
  it('names the missing piece and the PJSIP and chan_sip settings that add it', () => {
    const text = describeUnusableAnswer(['rtcp-mux']);
    expect(text).toMatch(/^The call ended/);
    expect(text).toContain('rtcp-mux');
    expect(text).toContain('PJSIP rtcp_mux=yes');
    expect(text).toContain('chan_sip rtcp_mux=yes');
    const dtls = describeUnusableAnswer(['sdes']);
    for (const setting of [
      'media_encryption=dtls',
      'dtlsenable=yes',
      'dtlsautogeneratecert=yes',
      'dtlsverify=fingerprint',
      'dtlssetup=actpass',
    ]) {
      expect(dtls).toContain(setting);
    }
    expect(describeUnusableAnswer(['ice'])).toContain('icesupport=yes');
    expect(describeUnusableAnswer(['ice'])).toContain('ice_support=yes');
    expect(describeUnusableAnswer(['codec'])).toContain('allow=opus,ulaw');
    expect(describeUnusableAnswer([], 'Failed to set remote answer sdp')).toContain(
      'Failed to set remote answer sdp',
    );
  });
});

describe('applyCheckedAnswer', () => {
  const pc = (state: RTCSignalingState) =>
    ({ signalingState: state, localDescription: { sdp: OFFER } }) as unknown as RTCPeerConnection;

  it('never hands an unusable answer to the browser, and reports why', async () => {
    const apply = vi.fn(() => Promise.resolve());
    const report = vi.fn();
    await expect(
      applyCheckedAnswer(pc('have-local-offer'), without('a=rtcp-mux'), apply, report),
    ).rejects.toThrow(/rtcp-mux/);
    expect(apply).not.toHaveBeenCalled();
    expect(report).toHaveBeenCalledOnce();
    expect((report.mock.calls[0]![0] as Error).name).toBe(UNUSABLE_ANSWER);
  });

  it('reports an answer the browser refuses for a reason of its own', async () => {
    const report = vi.fn();
    const apply = () => Promise.reject(new Error('Failed to set remote answer sdp: bad setup'));
    await expect(applyCheckedAnswer(pc('have-local-offer'), GOOD, apply, report)).rejects.toThrow(
      /bad setup/,
    );
    expect((report.mock.calls[0]![0] as Error).message).toMatch(/^The call ended.*bad setup/);
  });

  it('leaves remote offers alone (offer-check.ts judges those) and applies good answers', async () => {
    const report = vi.fn();
    const apply = vi.fn(() => Promise.resolve());
    await applyCheckedAnswer(pc('stable'), 'v=0\r\n', apply, report);
    await applyCheckedAnswer(pc('have-local-offer'), GOOD, apply, report);
    expect(apply).toHaveBeenCalledTimes(2);
    expect(report).not.toHaveBeenCalled();
  });
});
