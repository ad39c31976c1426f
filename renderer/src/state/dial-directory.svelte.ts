import type { SearchEntry } from '../ui/dial/dial-search';
import { callbackTarget } from './history.svelte';

// What the dial field searches: every contact and the newest calls in
// Recent, read from main when the keypad is shown or focused and again
// whenever the history changes. Separate from the Contacts and Recent views'
// own lists, whose searches must not narrow what the dial field finds.

/** Enough Recent calls to find anyone called this month on a busy desk. */
const RECENT_LIMIT = 300;

export class DialDirectory {
  // Replaced whole on every load, never edited in place: no deep proxy needed (and search caches per list).
  entries = $state.raw<SearchEntry[]>([]);
  private generation = 0;

  constructor(private readonly accountDomain: () => string) {}

  async load(): Promise<void> {
    const generation = ++this.generation;
    try {
      const [{ contacts }, recent] = await Promise.all([
        window.deskphone.invoke('contacts:list', {}),
        window.deskphone.invoke('history:list', { limit: RECENT_LIMIT }),
      ]);
      if (generation !== this.generation) return;
      const domain = this.accountDomain();
      this.entries = [
        ...contacts.map((c): SearchEntry => ({
          name: c.name,
          number: c.number,
          target: c.number,
          source: 'contact',
        })),
        ...recent.entries.map((e): SearchEntry => ({
          name: e.name.trim(),
          number: e.number,
          target: callbackTarget(e, domain),
          source: 'recent',
          ...(e.note ? { note: e.note } : {}),
        })),
      ];
    } catch (error) {
      // Search is a help, not a must: the field still dials what is typed.
      console.warn('Dial search could not load contacts and Recent', error);
    }
  }

  /** Follows main's history changes; returns the function that stops following. */
  follow(): () => void {
    return window.deskphone.on('history:changed', () => void this.load());
  }
}
