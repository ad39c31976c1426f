import { untrack } from 'svelte';
import { appHeadset } from '../../headset/app-headset.svelte';
import type { CallSnapshot } from '../../sip/types';
import { companyDirectory } from '../../state/company-directory.svelte';
import type { DeskState } from '../../state/desk.svelte';
import { MessagesState } from '../../state/messages.svelte';
import type { PhoneState } from '../../state/phone.svelte';
import { screenPop } from '../../state/screen-pop.svelte';
import type { SettingsState } from '../../state/settings.svelte';

// The agent's tools that follow the phone whichever view is shown: the
// caller's record (screen-pop), the company directory, text messages and the
// headset's Redial button. Called once while the App component starts, so
// the effects live and end with it.

export interface AgentToolsInput {
  phone: PhoneState;
  desk: DeskState;
  settings: SettingsState;
  accountDomain: () => string;
  /** What the keypad's Redial would dial, if anything. */
  redial: () => { target: string } | null;
}

export function followAgentTools({
  phone,
  desk,
  settings,
  accountDomain,
  redial,
}: AgentToolsInput): MessagesState {
  // The caller's record opens on ring or answer, as Settings say (main checks and opens it).
  $effect(() => screenPop.configure(desk.settings?.screenPop));
  $effect(() => screenPop.observe($state.snapshot(phone.calls) as CallSnapshot[]));
  // The company directory: a failed download leaves a notice in main, shown with the others.
  companyDirectory.start();
  $effect(() => companyDirectory.onChange(() => void settings.load()));
  // Text messages arrive (and are kept by main) whichever view is shown.
  const messages = untrack(() => new MessagesState(phone.engine, accountDomain));
  $effect(() => messages.follow());
  // A headset's Redial button dials what the keypad's Redial would.
  $effect(() => {
    const last = redial();
    if (appHeadset.current) appHeadset.current.redial = last ? () => void phone.dial(last.target) : null;
  });
  return messages;
}
