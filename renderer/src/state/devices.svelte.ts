import type { AudioDevices } from '../../../contract/desk';
import { t } from '../i18n/i18n.svelte';

export interface DeviceOption {
  deviceId: string;
  label: string;
}

export interface ResolvedDevices {
  microphoneId: string;
  speakerId: string;
  ringerId: string;
}

type Role = 'microphone' | 'speaker' | 'ringer';

/**
 * The machine's audio devices. A remembered device that is not plugged in is
 * replaced by the system default, and the user is told once per disappearance.
 */
export class DevicesState {
  inputs = $state<DeviceOption[]>([]);
  outputs = $state<DeviceOption[]>([]);
  cameras = $state<DeviceOption[]>([]);
  notice = $state<string | null>(null);
  private known = false;
  // Which disappearances were already told: bookkeeping, not UI state.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly missing = new Set<string>();

  async refresh(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    const devices = await navigator.mediaDevices.enumerateDevices();
    const option = (d: MediaDeviceInfo, index: number) => ({
      deviceId: d.deviceId,
      // Before the first permission grant Chromium hides device names.
      label: d.label || t('common.unnamedDevice', { kind: d.kind, number: index + 1 }),
    });
    this.inputs = devices.filter((d) => d.kind === 'audioinput').map(option);
    this.outputs = devices.filter((d) => d.kind === 'audiooutput').map(option);
    this.cameras = devices.filter((d) => d.kind === 'videoinput').map(option);
    this.known = true;
  }

  /** Re-reads the device list whenever a headset or speaker is plugged in or out. */
  watch(onChange: () => void): () => void {
    const handler = () => void this.refresh().then(onChange);
    navigator.mediaDevices?.addEventListener('devicechange', handler);
    return () => navigator.mediaDevices?.removeEventListener('devicechange', handler);
  }

  resolve(saved: AudioDevices): ResolvedDevices {
    return {
      microphoneId: this.pick('microphone', saved.microphoneId, this.inputs),
      speakerId: this.pick('speaker', saved.speakerId, this.outputs),
      ringerId: this.pick('ringer', saved.ringerId, this.outputs),
    };
  }

  private pick(role: Role, wanted: string, available: DeviceOption[]): string {
    if (!wanted || !this.known) return wanted;
    if (available.some((d) => d.deviceId === wanted)) {
      this.missing.delete(`${role}:${wanted}`);
      return wanted;
    }
    const key = `${role}:${wanted}`;
    if (!this.missing.has(key)) {
      this.missing.add(key);
      this.notice = t('common.deviceMissing', { role });
    }
    return '';
  }
}
