import { describe, expect, it } from 'vitest';
import { DevicesState } from './devices.svelte';

const saved = {
  microphoneId: 'mic-2',
  speakerId: 'hs',
  ringerId: 'spk',
  cameraId: '',
  ringOnAllOutputs: false,
  ringVolume: 1,
  instantAnswer: false,
};

function withDevices(inputs: string[], outputs: string[]): DevicesState {
  const devices = new DevicesState();
  devices.inputs = inputs.map((deviceId) => ({ deviceId, label: deviceId }));
  devices.outputs = outputs.map((deviceId) => ({ deviceId, label: deviceId }));
  // As after a first enumerateDevices().
  (devices as unknown as { known: boolean }).known = true;
  return devices;
}

describe('DevicesState.resolve', () => {
  it('keeps remembered devices that are connected', () => {
    const devices = withDevices(['default', 'mic-2'], ['default', 'hs', 'spk']);
    expect(devices.resolve(saved)).toEqual({ microphoneId: 'mic-2', speakerId: 'hs', ringerId: 'spk' });
    expect(devices.notice).toBeNull();
  });

  it('falls back to the default for an unplugged device and tells the user once', () => {
    const devices = withDevices(['default', 'mic-2'], ['default', 'spk']);
    expect(devices.resolve(saved)).toEqual({ microphoneId: 'mic-2', speakerId: '', ringerId: 'spk' });
    expect(devices.notice).toMatch(/call audio output is not connected/);
    devices.notice = null;
    devices.resolve(saved);
    expect(devices.notice).toBeNull();
  });

  it('uses the device again when it comes back, and warns again if it leaves again', () => {
    const devices = withDevices([], ['default']);
    devices.resolve({ ...saved, microphoneId: '' });
    devices.outputs = [
      { deviceId: 'hs', label: 'Headset' },
      { deviceId: 'spk', label: 'Speaker' },
    ];
    devices.notice = null;
    expect(devices.resolve({ ...saved, microphoneId: '' }).speakerId).toBe('hs');
    devices.outputs = [{ deviceId: 'spk', label: 'Speaker' }];
    devices.resolve({ ...saved, microphoneId: '' });
    expect(devices.notice).toMatch(/not connected/);
  });

  it('trusts saved ids before the device list is known (nothing to compare with yet)', () => {
    const devices = new DevicesState();
    expect(devices.resolve(saved)).toEqual({ microphoneId: 'mic-2', speakerId: 'hs', ringerId: 'spk' });
    expect(devices.notice).toBeNull();
  });
});
