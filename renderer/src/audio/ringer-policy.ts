import type { CallSnapshot } from '../sip/types';

export type RingerMode = 'silent' | 'ringtone' | 'call-waiting';

/**
 * The full ringtone only when nothing else is going on; a call arriving
 * during a call gets the call-waiting beep in the headset instead, and do
 * not disturb silences everything.
 */
export function ringerMode(calls: readonly CallSnapshot[], doNotDisturb: boolean): RingerMode {
  if (doNotDisturb) return 'silent';
  const ringing = calls.some((call) => call.status === 'incoming');
  if (!ringing) return 'silent';
  const busy = calls.some((call) => call.status !== 'incoming' && call.status !== 'ended');
  return busy ? 'call-waiting' : 'ringtone';
}

/** Output devices the ringtone plays on: the chosen ringer, or every output when asked. */
export function ringOutputs(
  outputs: readonly { deviceId: string }[],
  ringerId: string,
  ringOnAllOutputs: boolean,
): string[] {
  if (!ringOnAllOutputs) return [outputs.some((o) => o.deviceId === ringerId) ? ringerId : ''];
  // 'default' and 'communications' are aliases of real devices; playing on them too would ring twice.
  const real = outputs
    .map((o) => o.deviceId)
    .filter((id) => id && id !== 'default' && id !== 'communications');
  return real.length ? real : [''];
}
