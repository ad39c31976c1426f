import { mount } from 'svelte';
import type { DeskState } from '../../state/desk.svelte';
import type { DevicesState } from '../../state/devices.svelte';
import type { PhoneState } from '../../state/phone.svelte';
import type { SettingsState } from '../../state/settings.svelte';
import App from './App.svelte';
import DoctorLauncher from './DoctorLauncher.svelte';

// The window's UI, in a chunk of its own: the page fetches and compiles it
// while the entry connects the phone (a modulepreload link, see
// renderer/vite.config.ts), and runs it once the REGISTER is out, so none of
// it stands between navigation start and Registered.

export interface FirstScreenProps {
  phone: PhoneState;
  settings: SettingsState;
  desk: DeskState;
  devices: DevicesState;
  connecting: Promise<boolean>;
}

export function mountFirstScreen(target: HTMLElement, props: FirstScreenProps): void {
  mount(App, { target, props });
  // The tray's "Connection doctor…" opens this over whatever the window shows.
  mount(DoctorLauncher, { target: document.body, props: { settings: props.settings, desk: props.desk } });
}
