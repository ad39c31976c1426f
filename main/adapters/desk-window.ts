import type { App, BrowserWindow } from 'electron';
import type { WindowPort } from '../core/desk/ports';

// The main window as the desk controller sees it, and closing to the tray.
// The window may not exist (macOS keeps running with it closed), so every
// call goes through getWindow() and does nothing without one.

/** How long a ringing call keeps the window above others before it behaves normally again. */
const RAISE_MS = 1500;

export function createWindowPort(
  getWindow: () => BrowserWindow | null,
  app: Pick<App, 'focus'>,
  platform: NodeJS.Platform,
): WindowPort {
  const live = () => {
    const win = getWindow();
    return win && !win.isDestroyed() ? win : null;
  };
  return {
    show() {
      const win = live();
      if (!win) return;
      if (win.isMinimized()) win.restore();
      win.show();
    },
    focus() {
      const win = live();
      if (!win) return;
      win.focus();
      // macOS only gives focus to the front app; a click-to-dial from another app needs this.
      if (platform === 'darwin') app.focus({ steal: true });
    },
    showWithoutFocus() {
      const win = live();
      if (!win) return;
      if (win.isMinimized()) win.restore();
      // showInactive leaves the keyboard with the app in front.
      if (!win.isVisible()) win.showInactive();
      win.moveTop();
    },
    hide() {
      live()?.hide();
    },
    isVisible() {
      return live()?.isVisible() ?? false;
    },
    bringToFront() {
      const win = live();
      if (!win) return;
      if (win.isMinimized()) win.restore();
      win.show();
      // Windows refuses to let background apps take focus; briefly staying on
      // top still puts the call in view, and the flashing taskbar button
      // draws the eye when the focus request is refused.
      win.setAlwaysOnTop(true);
      win.focus();
      if (platform === 'win32') win.flashFrame(true);
      setTimeout(() => {
        if (!win.isDestroyed()) win.setAlwaysOnTop(false);
      }, RAISE_MS);
    },
  };
}

export interface CloseToTrayOptions {
  /** The desk setting closeToTray, read at the moment the window is closed. */
  enabled: () => boolean;
  /** True once the app is quitting (tray Quit, Cmd+Q, system shutdown). */
  quitting: () => boolean;
}

/**
 * Closing the window hides it instead, so the phone keeps ringing and stays
 * registered; quitting still closes it the normal way (the page's
 * beforeunload unregisters from the PBX).
 */
export function closeToTray(win: BrowserWindow, options: CloseToTrayOptions): void {
  win.on('close', (event) => {
    if (!options.enabled() || options.quitting()) return;
    event.preventDefault();
    win.hide();
  });
}
