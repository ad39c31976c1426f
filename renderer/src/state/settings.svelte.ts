import type { Credentials, SaveAccountRequest, SettingsView, VaultStatus } from '../../../contract/ipc';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Account settings as main holds them; the renderer never keeps a stored password. */
export class SettingsState {
  view = $state<SettingsView | null>(null);
  vault = $state<VaultStatus | null>(null);
  loadError = $state<string | null>(null);

  get hasAccount(): boolean {
    return Boolean(this.view?.account);
  }

  async load(): Promise<void> {
    try {
      const [view, vault] = await Promise.all([
        window.deskphone.invoke('settings:get', {}),
        window.deskphone.invoke('vault:status', {}),
      ]);
      this.view = view;
      this.vault = vault;
      this.loadError = null;
    } catch (error) {
      this.loadError = `Settings could not be loaded: ${messageOf(error)}`;
    }
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
