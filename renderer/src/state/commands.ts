import type { PhoneCommand } from '../../../contract/desk';
import { callFocus } from './call-focus.svelte';
import type { PhoneState } from './phone.svelte';

/**
 * Carries out what main asks (global hotkeys, tray menu, notification buttons,
 * click-to-dial links): the same paths the on-screen buttons use.
 */
export async function runCommand(phone: PhoneState, command: PhoneCommand): Promise<void> {
  const ringing = (id?: string) => phone.calls.find((c) => c.status === 'incoming' && (!id || c.id === id));
  switch (command.command) {
    case 'answer': {
      const call = ringing(command.callId);
      if (call) await phone.answer(call.id);
      return;
    }
    case 'decline': {
      const call = ringing(command.callId);
      if (call) await phone.decline(call.id);
      return;
    }
    case 'hangup': {
      // With a call on screen, hang-up ends it; with only a ringing call, it declines.
      const target = command.callId ?? phone.current?.id;
      if (target) await phone.hangup(target);
      else {
        const call = ringing();
        if (call) await phone.decline(call.id);
      }
      return;
    }
    case 'toggle-mute':
      if (phone.current) await phone.toggleMute(phone.current.id);
      return;
    case 'toggle-hold':
      if (phone.current) await phone.toggleHold(phone.current.id);
      return;
    case 'dial':
      await phone.requestDial(command.target, command.display, command.confirm);
      return;
    case 'show-call': {
      // The person chose this call (notification click): the one time a
      // ringing call may take focus, onto Answer.
      const call = ringing(command.callId);
      if (call) callFocus.want(call.id, 'answer');
      else if (phone.current) callFocus.want(phone.current.id, 'heading');
      return;
    }
  }
}
