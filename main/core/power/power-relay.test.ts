import { describe, expect, it } from 'vitest';
import { createPowerRelay, POWER_BURST_MS, type PowerReason } from './power-relay';

describe('power relay', () => {
  it('sends the first event and folds a burst (resume then unlock) into one message', () => {
    const sent: PowerReason[] = [];
    let clock = 1000;
    const relay = createPowerRelay(
      (payload) => sent.push(payload.reason) > 0,
      () => clock,
    );
    expect(relay.notify('resume')).toBe(true);
    clock += 300;
    expect(relay.notify('unlock-screen')).toBe(false);
    expect(sent).toEqual(['resume']);
  });

  it('sends again once the burst window has passed', () => {
    const sent: PowerReason[] = [];
    let clock = 0;
    const relay = createPowerRelay(
      (payload) => sent.push(payload.reason) > 0,
      () => clock,
    );
    relay.notify('resume');
    clock += POWER_BURST_MS;
    relay.notify('on-ac');
    expect(sent).toEqual(['resume', 'on-ac']);
  });

  it('reports false when there was no window to send to', () => {
    const relay = createPowerRelay(() => false);
    expect(relay.notify('resume')).toBe(false);
  });
});
