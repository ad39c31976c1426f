// Chromium features DeskPhone turns off, for the app (main/index.ts appends
// the switch before 'ready') and for the e2e browser (e2e/fixtures/browser.ts),
// so the tests run the Chromium the app runs.

/**
 * BackgroundResourceFetch (on by default in Chromium 156): with it, every
 * module script is streamed and compiled from source on a background thread
 * and V8's code cache is never looked up for it, although Chromium writes one
 * after each launch. The start-up bundle (about 530 KB: SIP.js, Svelte, the
 * engine, i18n) was parsed again at every launch. Without it, a launch after
 * the first two loads those modules from the code cache ("script has
 * code-cache available" in a trace): see README, Performance.
 */
export const DISABLED_CHROMIUM_FEATURES = ['BackgroundResourceFetch'] as const;

/** The command-line switches, as [name, value] for app.commandLine.appendSwitch. */
export function chromiumSwitches(): [name: string, value: string][] {
  return [['disable-features', DISABLED_CHROMIUM_FEATURES.join(',')]];
}

/** The same switches as command-line arguments (for a browser the tests launch). */
export function chromiumArguments(): string[] {
  return chromiumSwitches().map(([name, value]) => `--${name}=${value}`);
}
