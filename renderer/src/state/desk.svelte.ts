import type { DeskSettings, DeskView } from '../../../contract/desk';

/** Desk settings (hotkeys, tray behaviour, devices, availability) as main holds them. */
export class DeskState {
  view = $state<DeskView | null>(null);
  error = $state<string | null>(null);

  get settings(): DeskSettings | null {
    return this.view?.settings ?? null;
  }

  get doNotDisturb(): boolean {
    return this.view?.settings.availability === 'dnd';
  }

  /** `pending`: an answer already asked for (at page load, see startup-account.ts). */
  async load(pending: Promise<DeskView> = window.deskphone.invoke('desk:get', {})): Promise<void> {
    try {
      this.view = await pending;
      this.error = null;
    } catch (error) {
      this.error = `Desk settings could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** Main may change settings too (tray menu, hotkey refusals); keep in step. */
  follow(): () => void {
    return window.deskphone.on('desk:changed', (view) => (this.view = view));
  }

  /** Throws with main's message when the settings are refused. */
  async save(settings: DeskSettings): Promise<DeskView> {
    const view = await window.deskphone.invoke('desk:save', settings);
    this.view = view;
    return view;
  }

  async setDoNotDisturb(on: boolean): Promise<void> {
    if (!this.view) return;
    await this.save({ ...this.view.settings, availability: on ? 'dnd' : 'available' });
  }
}
