import type { DeskView } from '../../../contract/desk';
import type { Credentials, SettingsView, VaultStatus } from '../../../contract/ipc';
import { prefetchDigestKey, type DigestKeySource } from './digest-prefetch';
import type { PolicyView } from '../../../contract/policy';

// Reading the saved account from main. account-at-load.ts takes the preload's
// answers at page load, before the rest of the bundle is evaluated;
// settings.svelte.ts asks again when the user retries. Small imports only:
// account-at-load.ts must not pull anything large in ahead of its requests.

export type SettingsAnswer = [SettingsView, VaultStatus, PolicyView];

/** What start-up needs from main, asked for together: one round trip, not several in a row. */
export interface AccountRequest {
  /** The account alone: enough to connect, without waiting for the rest of `settings`. */
  view: Promise<SettingsView>;
  settings: Promise<SettingsAnswer>;
  credentials: Promise<Credentials>;
  /** The desk settings (availability, devices, auto-answer): applied before the phone registers. */
  desk: Promise<DeskView>;
  /** Where the first challenge gets its key: the last realm's key is already being asked for. */
  digestKey: DigestKeySource;
}

export function requestSettings(): Promise<SettingsAnswer> {
  return Promise.all([
    window.deskphone.invoke('settings:get', {}),
    window.deskphone.invoke('vault:status', {}),
    window.deskphone.invoke('policy:get', {}),
  ]);
}

export function requestAccount(): AccountRequest {
  // Asked for by the preload as the page was created (see DeskphoneApi.startup);
  // the only request sent from here is the last realm's digest key.
  const view = window.deskphone.startup('settings:get');
  const credentials = window.deskphone.startup('credentials:get');
  const desk = window.deskphone.startup('desk:get');
  const settings = Promise.all([
    view,
    window.deskphone.startup('vault:status'),
    window.deskphone.startup('policy:get'),
  ]);
  // Whoever awaits these handles a failure; until then it is not "unhandled".
  for (const answer of [view, credentials, settings, desk]) answer.catch(() => undefined);
  return { view, settings, credentials, desk, digestKey: prefetchDigestKey() };
}
