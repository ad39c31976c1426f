import { describe, expect, it } from 'vitest';
import type { PhoneReport } from '../../../contract/desk';
import { createMemoryLogger } from '../logger';
import { hasLiveCall, UpdateGate, updaterSettings } from './update-gate';

// The gate with a fake phone report and a fake installer: an update never
// restarts the app while a call is dialling, ringing, active or on hold.

type Status = PhoneReport['calls'][number]['status'];

const call = (status: Status, direction: 'incoming' | 'outgoing' = 'outgoing', held = false) => ({
  id: `c-${status}`,
  direction,
  status,
  remoteName: 'Bob',
  remoteNumber: '1002',
  muted: false,
  held,
});
const report = (...calls: ReturnType<typeof call>[]): PhoneReport => ({ registration: 'registered', calls });

function setup(initial: PhoneReport | null) {
  let latest = initial;
  const installs: number[] = [];
  const gate = new UpdateGate({ latestReport: () => latest, logger: createMemoryLogger() });
  gate.setInstaller(() => installs.push(Date.now()));
  return {
    gate,
    installs,
    set: (next: PhoneReport | null) => {
      latest = next;
      gate.phoneReported();
    },
  };
}

describe('UpdateGate', () => {
  it('installs at once when the phone is idle', () => {
    const { gate, installs } = setup(report());
    gate.downloaded('1.2.0');
    expect(installs).toHaveLength(1);
    expect(gate.status()).toEqual({ state: 'installing', version: '1.2.0' });
  });

  it.each<[string, ReturnType<typeof call>]>([
    ['dialling', call('dialing')],
    ['ringing out', call('ringing')],
    ['ringing in', call('incoming', 'incoming')],
    ['connecting', call('connecting')],
    ['active', call('active')],
    ['on hold', call('active', 'outgoing', true)],
  ])('waits while a call is %s, and installs once it has ended', (_what, live) => {
    const { gate, installs, set } = setup(report(live));
    gate.downloaded('1.2.0');
    expect(installs).toHaveLength(0);
    expect(gate.status().state).toBe('waiting-for-calls');
    set(report(live, call('active', 'incoming'))); // a second call joins: still waiting
    expect(installs).toHaveLength(0);
    set(report({ ...live, status: 'ended' }));
    expect(installs).toHaveLength(1);
  });

  it('waits until the phone has reported at all', () => {
    const { gate, installs, set } = setup(null);
    gate.downloaded('1.2.0');
    expect(installs).toHaveLength(0);
    set(report());
    expect(installs).toHaveLength(1);
  });

  it('installs only once, however many reports follow', () => {
    const { gate, installs, set } = setup(report());
    gate.downloaded('1.2.0');
    set(report());
    gate.downloaded('1.2.1');
    expect(installs).toHaveLength(1);
  });

  it('goes back to waiting when the installer throws', () => {
    const gate = new UpdateGate({ latestReport: () => report(), logger: createMemoryLogger() });
    gate.setInstaller(() => {
      throw new Error('busy');
    });
    gate.downloaded('1.2.0');
    expect(gate.status().state).toBe('waiting-for-calls');
  });

  it('reads reports: null and any unfinished call count as live', () => {
    expect(hasLiveCall(null)).toBe(true);
    expect(hasLiveCall(report(call('ended')))).toBe(false);
  });
});

describe('updaterSettings', () => {
  it('maps policy to electron-updater options', () => {
    expect(updaterSettings({ enabled: true, channel: 'stable' })).toEqual({
      enabled: true,
      channel: 'latest',
      allowPrerelease: false,
      allowDowngrade: false,
    });
    expect(updaterSettings({ enabled: false, channel: 'beta' })).toMatchObject({
      enabled: false,
      channel: 'beta',
      allowPrerelease: true,
    });
  });
});
