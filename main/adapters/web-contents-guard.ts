import type { App, WebContents } from 'electron';
import { APP_ORIGIN } from '../../contract/ipc';
import { isInternalNavigation } from '../core/web-rules';

// A safety net under every webContents Electron creates, not only the main
// window: no <webview> (a second, unchecked browser inside the app), no new
// windows, no navigation away from app://phone. The main window installs its
// own, more specific handlers on top (its window-open handler replaces the
// deny-all one set here, which is why this must run first).

const ALLOWED_ORIGINS = [APP_ORIGIN];

export function guardWebContents(contents: WebContents): void {
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isInternalNavigation(url, ALLOWED_ORIGINS)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isInternalNavigation(url, ALLOWED_ORIGINS)) event.preventDefault();
  });
}

/** Register before any window exists, so no webContents escapes the guard. */
export function guardAllWebContents(app: App): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
}
