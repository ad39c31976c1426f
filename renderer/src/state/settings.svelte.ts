import type { Credentials, SaveAccountRequest, SettingsView, VaultStatus } from '../../../contract/ipc';
import type { Features, PolicyView } from '../../../contract/policy';
import { t } from '../i18n/i18n.svelte';
import { requestSettings, type SettingsAnswer } from './startup-account';

/** Settings' sections, in the order the tabs show them. */
export type SettingsTab = 'account' | 'audio' | 'desk' | 'doctor' | 'forwarding' | 'directory';

/** Where Settings should open and which field gets focus ("Check password" → account, password). */
export interface SettingsPlace {
  tab: SettingsTab;
  field?: string;
}

/** Kept across the reload a new server needs, so the user lands where they were. */
const JUST_SAVED_KEY = 'deskphone.justSaved';
const ANNOUNCEMENT_MS = 15_000;
/** How long "Saved. Connecting to …" stays once the phone has registered. */
const SAVED_AFTER_CONNECTED_MS = 4_000;

function hostOf(wsUrl: string | undefined): string {
  try {
    return wsUrl ? new URL(wsUrl).host : '';
  } catch {
    return '';
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function originOf(wsUrl: string | undefined): string | null {
  if (!wsUrl) return null;
  try {
    const url = new URL(wsUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return null;
  }
}

/** Account settings as main holds them; the renderer never keeps a stored password. */
export class SettingsState {
  view = $state<SettingsView | null>(null);
  vault = $state<VaultStatus | null>(null);
  loadError = $state<string | null>(null);
  /** The administrator's policy: what was ignored and which keys are locked. */
  policy = $state<PolicyView | null>(null);
  /** Where Settings opens next; taken (and cleared) by the section it names. */
  place = $state<SettingsPlace | null>(null);
  /** The server a just-saved account connects to, for the status line "Saved. Connecting to …"; null when quiet. */
  savedServer = $state<string | null>(null);
  /** Bumped when the phone screen should put focus in the number field (after a save). */
  focusDialRequests = $state(0);
  /** The WebSocket origin the page's CSP was issued for (main sets connect-src at load). */
  private originAtLoad: string | null | undefined;
  private announcementTimer: ReturnType<typeof setTimeout> | undefined;

  get hasAccount(): boolean {
    return Boolean(this.view?.account);
  }

  /** Whether the administrator locked a dotted setting key, e.g. 'account.wsUrl'. */
  isLocked(key: string): boolean {
    return this.view?.locked?.includes(key) ?? false;
  }

  /** Features policy can switch off; everything is on until main says otherwise. */
  get features(): Features {
    return this.view?.features ?? { video: true, recording: false };
  }

  /** `pending`: answers already asked for (at page load, see startup-account.ts). */
  async load(pending: Promise<SettingsAnswer> = requestSettings()): Promise<void> {
    try {
      const [view, vault, policy] = await pending;
      this.view = view;
      this.vault = vault;
      this.policy = policy;
      this.loadError = null;
      if (this.originAtLoad === undefined) this.originAtLoad = originOf(view.account?.wsUrl);
    } catch (error) {
      this.loadError = t('status.settingsLoadFailed', { reason: messageOf(error) });
    }
  }

  /** Opens Settings at a section (and field) the next time it is shown. */
  requestPlace(place: SettingsPlace): void {
    this.place = place;
  }

  /** The field to focus when `tab` opens, if someone asked for it; asking once is answered once. */
  takeFocusRequest(tab: SettingsTab): string | undefined {
    if (this.place?.tab !== tab) return undefined;
    const field = this.place.field;
    this.place = null;
    return field;
  }

  /** After a save: say so, and send focus to the number field. */
  announceSaved(): void {
    const server = hostOf(this.view?.account?.wsUrl);
    this.focusDialRequests++;
    // Set after the status line exists, so screen readers hear the change.
    clearTimeout(this.announcementTimer);
    this.savedServer = null;
    setTimeout(() => {
      this.savedServer = server;
      this.announcementTimer = setTimeout(() => (this.savedServer = null), ANNOUNCEMENT_MS);
    }, 100);
  }

  /**
   * The phone registered: "Connecting to …" is no longer true. It stays a
   * moment (screen readers finish reading it), then goes, instead of
   * contradicting the Registered status for the rest of its 15 s.
   */
  connected(): void {
    if (this.savedServer === null) return;
    clearTimeout(this.announcementTimer);
    this.announcementTimer = setTimeout(() => (this.savedServer = null), SAVED_AFTER_CONNECTED_MS);
  }

  /**
   * The page must reload to reach a new server (see needsReloadForNewServer);
   * a note in sessionStorage lets the reloaded page pick up where the user was.
   */
  reloadKeepingPlace(): void {
    try {
      sessionStorage.setItem(JUST_SAVED_KEY, JSON.stringify({ at: Date.now() }));
    } catch {
      // Without sessionStorage the reload still connects; only the announcement is lost.
    }
    location.reload();
  }

  /**
   * After reloadKeepingPlace(): announces the save once the screen is drawn.
   * Not part of load(): the page's first sessionStorage read waits for the
   * browser to open the storage (measured 3–6 ms), and load() runs before
   * the REGISTER.
   */
  resumeAfterReload(): void {
    let note: string | null;
    try {
      note = sessionStorage.getItem(JUST_SAVED_KEY);
      sessionStorage.removeItem(JUST_SAVED_KEY);
    } catch {
      return;
    }
    if (note && this.view?.account) this.announceSaved();
  }

  /**
   * The Content-Security-Policy only lets the page reach the server origin it
   * was loaded with; after the user points the account at another server the
   * page must be reloaded to receive a policy that allows it.
   */
  needsReloadForNewServer(): boolean {
    return this.originAtLoad !== undefined && originOf(this.view?.account?.wsUrl) !== this.originAtLoad;
  }

  /** Throws with main's plain-language message when the save is refused. */
  async save(request: SaveAccountRequest): Promise<SettingsView> {
    const view = await window.deskphone.invoke('settings:save', request);
    this.view = view;
    return view;
  }

  credentials(): Promise<Credentials> {
    return window.deskphone.invoke('credentials:get', {});
  }

  async setVaultConsent(allow: boolean): Promise<void> {
    this.vault = await window.deskphone.invoke('vault:consent', { allow });
  }

  async dismissNotice(id: string): Promise<void> {
    await window.deskphone.invoke('notices:dismiss', { id });
    if (this.view) this.view = { ...this.view, notices: this.view.notices.filter((n) => n.id !== id) };
  }
}
