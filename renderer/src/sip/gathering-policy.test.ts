import { describe, expect, it } from 'vitest';
import {
  gatheringVerdict,
  type GatheringRules,
  type NetworkKnowledge,
  type SeenCandidate,
} from './gathering-policy';

const STUN = 'stun:10.0.0.1:3478';
const TURN = 'turn:10.0.0.2:3478?transport=udp';
const rules = (over: Partial<GatheringRules> = {}): GatheringRules => ({
  relayOnly: false,
  serverUrls: [],
  graceMs: 150,
  capMs: 2000,
  ...over,
});
const knows = (
  hostCandidates: number,
  silent: string[] = [],
  answering: string[] = [],
): NetworkKnowledge => ({
  hostCandidates,
  silent: new Set(silent),
  answering: new Set(answering),
});
const host = (mid = '0'): SeenCandidate => ({ mid, type: 'host' });
const progress = (candidates: SeenCandidate[], elapsedMs: number, extra = {}) => ({
  mids: ['0'],
  candidates,
  complete: false,
  elapsedMs,
  ...extra,
});

describe('gathering policy', () => {
  it('sends as soon as every host candidate the warm-up counted is in (no TCP wait)', () => {
    expect(gatheringVerdict(rules(), knows(2), progress([host()], 1))).toEqual({
      send: false,
      recheckInMs: 149,
    });
    expect(gatheringVerdict(rules(), knows(2), progress([host(), host()], 2))).toEqual({
      send: true,
      why: 'enough',
    });
  });

  it('does not wait for a STUN server the warm-up found silent', () => {
    const r = rules({ serverUrls: [STUN] });
    expect(gatheringVerdict(r, knows(2, [STUN]), progress([host(), host()], 3))).toMatchObject({
      send: true,
    });
    // Unknown or answering server: it gets the grace period, no more.
    expect(gatheringVerdict(r, knows(2), progress([host(), host()], 3))).toMatchObject({ send: false });
    expect(gatheringVerdict(r, knows(2), progress([host(), host()], 151))).toEqual({
      send: true,
      why: 'grace',
    });
  });

  it('counts a server as heard once it gave a candidate', () => {
    const r = rules({ serverUrls: [STUN] });
    const seen = [host(), host(), { mid: '0', type: 'srflx', url: STUN }];
    expect(gatheringVerdict(r, knows(2, [], [STUN]), progress(seen, 4))).toEqual({
      send: true,
      why: 'enough',
    });
  });

  it('needs the host candidates of every media section (audio and video gather apart)', () => {
    const p = { ...progress([host('0'), host('0')], 5), mids: ['0', '1'] };
    expect(gatheringVerdict(rules(), knows(2), p)).toMatchObject({ send: false });
    p.candidates = [...p.candidates, host('1'), host('1')];
    expect(gatheringVerdict(rules(), knows(2), p)).toMatchObject({ send: true });
  });

  it('without a warm-up, sends after the grace period if anything was gathered', () => {
    expect(gatheringVerdict(rules(), undefined, progress([host()], 10))).toMatchObject({ send: false });
    expect(gatheringVerdict(rules(), undefined, progress([host()], 150))).toEqual({
      send: true,
      why: 'grace',
    });
    // Nothing at all: wait on, up to the cap.
    expect(gatheringVerdict(rules(), undefined, progress([], 160))).toEqual({
      send: false,
      recheckInMs: 1840,
    });
    expect(gatheringVerdict(rules(), undefined, progress([], 2000))).toEqual({ send: true, why: 'cap' });
  });

  it('relay-only waits for a relay candidate however long the host candidates took, up to the cap', () => {
    const r = rules({ relayOnly: true, serverUrls: [TURN] });
    expect(gatheringVerdict(r, knows(0), progress([], 900))).toEqual({ send: false, recheckInMs: 1100 });
    expect(gatheringVerdict(r, knows(0), progress([], 2000))).toEqual({ send: true, why: 'cap' });
    const relay = { mid: '0', type: 'relay', url: TURN };
    expect(gatheringVerdict(r, knows(0), progress([relay], 40))).toEqual({ send: true, why: 'enough' });
  });

  it('relay-only ignores STUN URLs and a TURN server found silent', () => {
    const other = 'turn:10.0.0.3:3478';
    const r = rules({ relayOnly: true, serverUrls: [STUN, TURN, other] });
    const relay = { mid: '0', type: 'relay', url: TURN };
    expect(gatheringVerdict(r, knows(0, [other]), progress([relay], 5))).toEqual({
      send: true,
      why: 'enough',
    });
    expect(gatheringVerdict(r, knows(0), progress([relay], 5))).toMatchObject({ send: false });
  });

  it('complete gathering always sends; a cap of 0 means no cap', () => {
    expect(gatheringVerdict(rules(), undefined, progress([], 1, { complete: true }))).toEqual({
      send: true,
      why: 'complete',
    });
    expect(gatheringVerdict(rules({ capMs: 0 }), undefined, progress([], 99_999))).toEqual({
      send: false,
      recheckInMs: undefined,
    });
  });
});
