import { describe, expect, it } from 'vitest';
import { DISCONNECTED_GRACE_MS, iceDecision, MAX_ICE_RESTARTS, type IceFacts } from './ice-restart';

const facts = (over: Partial<IceFacts>): IceFacts => ({
  state: 'connected',
  disconnectedForMs: 0,
  restartsSoFar: 0,
  networkBack: false,
  ...over,
});

describe('ICE restart decision', () => {
  it('leaves a healthy call alone', () => {
    expect(iceDecision(facts({ state: 'connected' }))).toBe('healthy');
    expect(iceDecision(facts({ state: 'completed' }))).toBe('healthy');
  });

  it('restarts at once when ICE failed', () => {
    expect(iceDecision(facts({ state: 'failed' }))).toBe('restart');
  });

  it('gives a brief disconnection 3 s to heal by itself', () => {
    expect(iceDecision(facts({ state: 'disconnected', disconnectedForMs: 2999 }))).toBe('wait');
    expect(iceDecision(facts({ state: 'disconnected', disconnectedForMs: DISCONNECTED_GRACE_MS }))).toBe(
      'restart',
    );
  });

  it('restarts when the browser comes back online, even if ICE has not noticed', () => {
    expect(iceDecision(facts({ state: 'connected', networkBack: true }))).toBe('restart');
  });

  it('waits while ICE is still checking or the call is closing', () => {
    expect(iceDecision(facts({ state: 'checking', networkBack: true }))).toBe('wait');
    expect(iceDecision(facts({ state: 'closed' }))).toBe('wait');
    expect(iceDecision(facts({ state: 'new' }))).toBe('wait');
  });

  it('gives up after a bounded number of restarts, so the call ends with an explanation', () => {
    expect(iceDecision(facts({ state: 'failed', restartsSoFar: MAX_ICE_RESTARTS - 1 }))).toBe('restart');
    expect(iceDecision(facts({ state: 'failed', restartsSoFar: MAX_ICE_RESTARTS }))).toBe('give-up');
    expect(iceDecision(facts({ state: 'connected', restartsSoFar: MAX_ICE_RESTARTS }))).toBe('healthy');
  });
});
