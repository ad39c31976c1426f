import type { Credentials, SaveAccountRequest, SettingsView, VaultStatus } from '../../../contract/ipc';
import type { Features, PolicyView } from '../../../contract/policy';

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
  /** The WebSocket origin the page's CSP was issued for (main sets connect-src at load). */
  private originAtLoad: string | null | undefined;

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

  async load(): Promise<void> {
    try {
      const [view, vault, policy] = await Promise.all([
        window.deskphone.invoke('settings:get', {}),
        window.deskphone.invoke('vault:status', {}),
        window.deskphone.invoke('policy:get', {}),
      ]);
      this.view = view;
      this.vault = vault;
      this.policy = policy;
      this.loadError = null;
      if (this.originAtLoad === undefined) this.originAtLoad = originOf(view.account?.wsUrl);
    } catch (error) {
      this.loadError = `Settings could not be loaded: ${messageOf(error)}`;
    }
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
