import { describe, expect, it } from 'vitest';
import { hasRelayCandidate, RELAY_WAIT_MS, relayProblem, type RelayFacts } from './relay-guard';

const RELAY =
  'a=candidate:1 1 udp 41885439 10.213.0.1 31002 typ relay raddr 0.0.0.0 rport 0 generation 0\r\n';
const HOST = 'a=candidate:2 1 udp 2122260223 127.0.0.1 50000 typ host generation 0\r\n';

const facts = (over: Partial<RelayFacts> = {}): RelayFacts => ({
  policy: 'relay',
  gatheringComplete: true,
  waitedMs: 0,
  localSdp: `v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n`,
  serverUrls: ['stun:stun.example.com', 'turn:turn.example.com:3478'],
  ...over,
});

describe('relay-only calls without a relay address', () => {
  it('names the TURN server when gathering ended without a relay candidate', () => {
    const problem = relayProblem(facts());
    expect(problem).toContain('turn:turn.example.com:3478');
    expect(problem).not.toContain('stun:');
    expect(problem).toContain('TURN user and password');
  });

  it('is no problem once a relay candidate is in the description', () => {
    expect(relayProblem(facts({ localSdp: `m=audio 9 x\r\n${RELAY}` }))).toBeNull();
  });

  it('is no problem for an account that is not relay-only', () => {
    expect(relayProblem(facts({ policy: 'all', localSdp: HOST }))).toBeNull();
    expect(relayProblem(facts({ policy: undefined }))).toBeNull();
  });

  it('keeps waiting while the browser still gathers, up to the wait after connecting', () => {
    expect(relayProblem(facts({ gatheringComplete: false }))).toBeNull();
    expect(relayProblem(facts({ gatheringComplete: false, waitedMs: RELAY_WAIT_MS - 1 }))).toBeNull();
    expect(relayProblem(facts({ gatheringComplete: false, waitedMs: RELAY_WAIT_MS }))).not.toBeNull();
  });

  it('reads relay candidates, not host ones or words elsewhere in the SDP', () => {
    expect(hasRelayCandidate(RELAY)).toBe(true);
    expect(hasRelayCandidate(HOST)).toBe(false);
    expect(hasRelayCandidate('a=tool:typ relay\r\n')).toBe(false);
  });
});
