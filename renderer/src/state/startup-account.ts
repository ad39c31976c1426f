import type { Credentials, SettingsView, VaultStatus } from '../../../contract/ipc';
import type { PolicyView } from '../../../contract/policy';

// Reading the saved account from main. account-at-load.ts asks at page load,
// before the rest of the bundle is evaluated; settings.svelte.ts asks again
// when the user retries. Only type imports: account-at-load.ts must not pull
// anything else in ahead of its request.

export type SettingsAnswer = [SettingsView, VaultStatus, PolicyView];

/** The account's settings and the ICE credentials, asked for together: one round trip, not two in a row. */
export interface AccountRequest {
  /** The account alone: enough to connect, without waiting for the rest of `settings`. */
  view: Promise<SettingsView>;
  settings: Promise<SettingsAnswer>;
  credentials: Promise<Credentials>;
}

function settingsWith(view: Promise<SettingsView>): Promise<SettingsAnswer> {
  return Promise.all([
    view,
    window.deskphone.invoke('vault:status', {}),
    window.deskphone.invoke('policy:get', {}),
  ]);
}

export function requestSettings(): Promise<SettingsAnswer> {
  return settingsWith(window.deskphone.invoke('settings:get', {}));
}

export function requestAccount(): AccountRequest {
  const view = window.deskphone.invoke('settings:get', {});
  const credentials = window.deskphone.invoke('credentials:get', {});
  const settings = settingsWith(view);
  // Whoever awaits these handles a failure; until then it is not "unhandled".
  for (const answer of [view, credentials, settings]) answer.catch(() => undefined);
  return { view, settings, credentials };
}
