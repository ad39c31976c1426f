import type { PhoneCommand } from '../../../contract/desk';
import type { CallSnapshot } from '../sip/types';
import type { HeadsetEvent, HeadsetSignal, HeadsetSignals } from './headset';

/** The phone as the binding sees it (PhoneState has these). */
export interface PhoneLines {
  calls: CallSnapshot[];
  incoming: CallSnapshot | undefined;
  current: CallSnapshot | undefined;
}

/** What the headset should show for the phone's calls. */
export function headsetSignals(phone: PhoneLines): HeadsetSignals {
  const current = phone.current;
  return {
    // Also while on a call: the headset's call-waiting ring.
    ring: phone.incoming !== undefined,
    // From the first ring-back on (dialled from the app or a hotkey) to the last call's end.
    offHook: current !== undefined,
    muted: current?.muted ?? false,
    held: current?.held ?? false,
  };
}

/**
 * What a headset button asks of the phone: the commands main's hotkeys send,
 * so a button does what the same hotkey would. 'redial' is the app's own.
 */
export function headsetCommand(event: HeadsetEvent, phone: PhoneLines): PhoneCommand | 'redial' | null {
  const ringing = phone.incoming;
  const current = phone.current;
  switch (event.type) {
    case 'offHook':
      return ringing ? { command: 'answer', callId: ringing.id } : null;
    case 'onHook':
      if (current) return { command: 'hangup', callId: current.id };
      return ringing ? { command: 'decline', callId: ringing.id } : null;
    case 'reject':
      return ringing ? { command: 'decline', callId: ringing.id } : null;
    case 'mute':
      return current ? { command: 'toggle-mute' } : null;
    case 'flash':
      // A call waiting: flash takes it (the live one goes on hold), as on a desk phone.
      if (ringing && current) return { command: 'answer', callId: ringing.id };
      return current ? { command: 'toggle-hold' } : null;
    case 'redial':
      return current || ringing ? null : 'redial';
  }
}

/**
 * The signals that changed, in the order a headset expects: lights go out
 * before the hook goes down; the ringer stops before the hook goes up.
 */
export function signalChanges(sent: HeadsetSignals, wanted: HeadsetSignals): [HeadsetSignal, boolean][] {
  const order: HeadsetSignal[] = wanted.offHook
    ? ['ring', 'offHook', 'muted', 'held']
    : ['held', 'muted', 'ring', 'offHook'];
  return order.filter((signal) => sent[signal] !== wanted[signal]).map((signal) => [signal, wanted[signal]]);
}
