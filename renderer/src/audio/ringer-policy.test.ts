import { describe, expect, it } from 'vitest';
import type { CallSnapshot, CallStatus } from '../sip/types';
import { ringerMode, ringOutputs } from './ringer-policy';
import { renderTone, toneDurationSeconds } from './tones';

function call(status: CallStatus, id = status): CallSnapshot {
  return {
    id,
    direction: status === 'incoming' ? 'incoming' : 'outgoing',
    status,
    remoteName: 'X',
    remoteNumber: 'x',
    remoteUri: 'sip:x@y',
    startedAt: 0,
    muted: false,
    held: false,
    holdPending: false,
  };
}

describe('ringerMode', () => {
  it('is silent with no ringing call', () => {
    expect(ringerMode([], false)).toBe('silent');
    expect(ringerMode([call('active'), call('ended')], false)).toBe('silent');
  });

  it('rings when a call arrives and nothing else is going on (ended calls do not count)', () => {
    expect(ringerMode([call('incoming')], false)).toBe('ringtone');
    expect(ringerMode([call('ended'), call('incoming')], false)).toBe('ringtone');
  });

  it('beeps instead of ringing when a call arrives during a call in any live state', () => {
    for (const busy of ['dialing', 'ringing', 'connecting', 'active'] as const) {
      expect(ringerMode([call(busy), call('incoming')], false)).toBe('call-waiting');
    }
  });

  it('stays silent under do not disturb', () => {
    expect(ringerMode([call('incoming')], true)).toBe('silent');
    expect(ringerMode([call('active'), call('incoming')], true)).toBe('silent');
  });
});

describe('ringOutputs', () => {
  const outputs = [
    { deviceId: 'default' },
    { deviceId: 'communications' },
    { deviceId: 'spk' },
    { deviceId: 'hs' },
  ];

  it('uses the chosen ringer when it is connected, else the default', () => {
    expect(ringOutputs(outputs, 'spk', false)).toEqual(['spk']);
    expect(ringOutputs(outputs, 'unplugged', false)).toEqual(['']);
    expect(ringOutputs(outputs, '', false)).toEqual(['']);
  });

  it('rings once on every real output, skipping the default and communications aliases', () => {
    expect(ringOutputs(outputs, 'spk', true)).toEqual(['spk', 'hs']);
    expect(ringOutputs([{ deviceId: 'default' }], '', true)).toEqual(['']);
  });
});

describe('tones', () => {
  it('renders a ringtone period with sound and silence in the double-ring cadence', () => {
    const rate = 8000;
    const samples = renderTone('ringtone', rate);
    expect(samples.length).toBe(Math.round(toneDurationSeconds('ringtone') * rate));
    const peak = (from: number, to: number) =>
      Math.max(...Array.from(samples.subarray(Math.round(from * rate), Math.round(to * rate)), Math.abs));
    expect(peak(0.05, 0.35)).toBeGreaterThan(0.2); // first burst
    expect(peak(0.42, 0.58)).toBe(0); // gap
    expect(peak(0.65, 0.95)).toBeGreaterThan(0.2); // second burst
    expect(peak(1.1, 2.9)).toBe(0); // long pause
    expect(Math.abs(samples[0]!)).toBeLessThan(0.01); // ramps in: no click
  });

  it('keeps the call-waiting beep short and quieter than the ringtone', () => {
    const rate = 8000;
    const beep = renderTone('call-waiting', rate);
    const ring = renderTone('ringtone', rate);
    const loud = (s: Float32Array) => s.reduce((max, v) => Math.max(max, Math.abs(v)), 0);
    expect(loud(beep)).toBeLessThan(loud(ring));
    const audible = Array.from(beep).filter((v) => Math.abs(v) > 0.01).length / rate;
    expect(audible).toBeLessThan(0.35);
  });
});
