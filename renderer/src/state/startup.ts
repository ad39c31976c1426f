import type { PhoneEngine } from '../sip/types';
import type { DeskState } from './desk.svelte';
import type { PhoneState } from './phone.svelte';
import type { SettingsState } from './settings.svelte';
import type { AccountRequest } from './startup-account';
import { markStartup, reached } from './startup-marks';

/** After the REGISTER is out, how long the first drawing waits for its answer (loopback: a few ms). */
export const ANSWER_WAIT_MS = 50;
/** The longest the window stays undrawn: a server that does not answer must not keep it blank. */
export const FIRST_RENDER_CAP_MS = 1000;

/**
 * Connects the saved account as soon as main has answered, before any view
 * is drawn. Resolves true when it started connecting, false when there is
 * nothing to connect (no account or no saved password, or settings could not
 * be read): the window then opens on Settings.
 */
export async function connectSavedAccount(
  settings: SettingsState,
  phone: PhoneState,
  desk: DeskState,
  request: AccountRequest,
  /** Sets the desk settings' language and resolves when its messages are in (see main.ts). */
  languageReady: () => Promise<void> = () => Promise.resolve(),
): Promise<boolean> {
  const loading = settings.load(request.settings);
  // Do not disturb, forwarding and auto-answer hold from the first call the
  // PBX offers, which may come the moment the phone registers (a queue
  // waiting for this agent): the desk settings are in before connecting.
  const deskLoaded = desk.load(request.desk);
  // The account alone is enough to connect; the vault's and policy's answers need not be waited for.
  const view = await request.view.catch(() => null);
  if (!view?.account || !view.hasPassword) {
    markStartup('config-loaded');
    await loading;
    return false;
  }
  const credentials = await request.credentials;
  await deskLoaded;
  // What the phone says from its first moment (a refused password, a call's
  // notice) is in the chosen language: with English, or a language loaded
  // while the page loaded, this waits for nothing.
  await languageReady();
  markStartup('config-loaded');
  void phone.connect(view, credentials, request.digestKey);
  await loading;
  return true;
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * When the window may be drawn. Drawing takes the single JavaScript thread
 * for tens of milliseconds, and a REGISTER answer arriving meanwhile would
 * wait for it; so the first drawing waits until the phone is registered (or
 * has failed), or the REGISTER has been out ANSWER_WAIT_MS without an answer
 * (a far server: drawing then costs nothing), or nothing is to be connected,
 * or at most FIRST_RENDER_CAP_MS.
 */
export function readyToDraw(engine: PhoneEngine, connecting: Promise<boolean>): Promise<void> {
  let stop: (() => void) | undefined;
  const settled = new Promise<void>((resolve) => {
    void connecting.then(
      (started) => {
        if (!started) return resolve();
        stop = engine.subscribe((snapshot) => {
          const status = snapshot.registration.status;
          if (status !== 'connecting' && status !== 'unregistered') resolve();
        });
      },
      () => resolve(),
    );
  });
  return Promise.race([
    settled,
    reached('register-sent').then(() => delay(ANSWER_WAIT_MS)),
    delay(FIRST_RENDER_CAP_MS),
  ]).finally(() => queueMicrotask(() => stop?.()));
}

/** Runs `work` when the page has nothing else to do (within a second at the latest). */
export function warmUpWhenIdle(work: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: 1000 });
  else setTimeout(work, 100);
}
