/**
 * The app's two live regions, as state: components put a sentence here and
 * Announcer.svelte (mounted once, present from the first paint) speaks it.
 * Assertive is for what cannot wait (a call ringing); polite for the rest.
 */
export type Politeness = 'polite' | 'assertive';

export class AnnouncerState {
  polite = $state('');
  assertive = $state('');
  // Clearing the text after a while lets the same sentence be told twice in a row.
  #timers: Partial<Record<Politeness, ReturnType<typeof setTimeout>>> = {};

  say(text: string, politeness: Politeness = 'polite'): void {
    clearTimeout(this.#timers[politeness]);
    // A screen reader only speaks a change: empty first when the text repeats.
    if (this[politeness] === text) this[politeness] = '';
    queueMicrotask(() => {
      this[politeness] = text;
      this.#timers[politeness] = setTimeout(() => (this[politeness] = ''), 7000);
    });
  }
}

export const announcer = new AnnouncerState();
