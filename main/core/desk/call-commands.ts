import type { HotkeyAction, PhoneCommand, PhoneReport } from '../../../contract/desk';
import { currentCall, establishedCall, ringingCalls } from './calls';

// Which phone command a hotkey or tray item means, given what the phone last
// reported. Main names the call explicitly (callId), so a command can never
// land on a different call than the one the user saw, for instance when a
// second call starts ringing between the key press and the renderer acting.

export type CallAction = Extract<HotkeyAction, 'answer' | 'hangup' | 'toggleMute' | 'toggleHold'> | 'decline';

/** The command for `action`, or null when it does not apply right now (nothing rings, no call). */
export function commandFor(action: CallAction, report: PhoneReport | null): PhoneCommand | null {
  const ringing = ringingCalls(report)[0];
  switch (action) {
    case 'answer':
      return ringing ? { command: 'answer', callId: ringing.id } : null;
    case 'decline':
      return ringing ? { command: 'decline', callId: ringing.id } : null;
    case 'hangup': {
      // One key for "make it stop": ends the call in progress, or, when a
      // call is only ringing, declines it.
      const current = currentCall(report);
      if (current) return { command: 'hangup', callId: current.id };
      return ringing ? { command: 'decline', callId: ringing.id } : null;
    }
    case 'toggleMute':
      return establishedCall(report) ? { command: 'toggle-mute' } : null;
    case 'toggleHold':
      return establishedCall(report) ? { command: 'toggle-hold' } : null;
  }
}
