import { i18n } from '../i18n/i18n.svelte';
import type { DeskState } from './desk.svelte';

export type Theme = 'light' | 'dark';

/**
 * Applies the desk settings' language and theme to the page: the catalogue in
 * use, <html lang> (screen readers pick their voice from it) and data-theme
 * (app.css swaps its colour variables on it). "system" follows the OS and
 * changes with it while the app runs.
 */
export class AppearanceState {
  systemDark = $state(false);
  readonly theme: Theme = $derived.by(() => {
    const choice = this.desk.settings?.appearance.theme ?? 'system';
    if (choice === 'system') return this.systemDark ? 'dark' : 'light';
    return choice;
  });

  constructor(private readonly desk: DeskState) {}

  /** The desk settings' language, or the system's: set at once, without following changes. */
  applyLanguage(): void {
    i18n.choice = this.desk.settings?.appearance.language ?? 'system';
  }

  /** Starts following the desk settings and the OS; returns a function that stops it. */
  follow(): () => void {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    this.systemDark = media.matches;
    const onScheme = (event: MediaQueryListEvent): void => {
      this.systemDark = event.matches;
    };
    const onLanguages = (): void => {
      i18n.system = navigator.languages;
    };
    media.addEventListener('change', onScheme);
    window.addEventListener('languagechange', onLanguages);
    const stopEffects = $effect.root(() => {
      $effect(() => this.applyLanguage());
      $effect(() => {
        document.documentElement.lang = i18n.locale.tag;
        document.documentElement.dataset.theme = this.theme;
      });
    });
    return () => {
      media.removeEventListener('change', onScheme);
      window.removeEventListener('languagechange', onLanguages);
      stopEffects();
    };
  }
}
