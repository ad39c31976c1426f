import { join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { bindIpcMain } from './adapters/ipc-main';
import { registerAppScheme, serveAppProtocol } from './adapters/app-protocol';
import { createMainWindow } from './adapters/main-window';
import { createSafeStorageEncryptor } from './adapters/safe-storage-encryptor';
import { guardAllWebContents } from './adapters/web-contents-guard';
import { createAppCore } from './core/app-core';
import { describeError } from './core/errors';
import { USER_DATA_DIR_ENV, userDataDirOverride } from './core/launch-options';
import { createFileLogger, type Logger } from './core/logger';

// Composition root: the only place that knows both Electron and the core.
// Order matters: profile folder, sandbox and scheme privileges before 'ready';
// safeStorage, protocol handlers and windows after it.
//
// Deliberately absent: a 'certificate-error' handler and any
// --ignore-certificate-errors switch. Chromium's default (refuse the
// connection) stands; the connection probe in main explains TLS failures.

app.enableSandbox();

const windows = new Set<BrowserWindow>();
let mainWindow: BrowserWindow | null = null;
/** Opens a new main window; set once the app has started. */
let reopenWindow: (() => void) | null = null;

if (!useTestProfileIfRequested()) {
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // Another DeskPhone already runs on this profile; it gets focus via 'second-instance'.
  app.quit();
} else {
  registerAppScheme();

  app.on('second-instance', () => {
    if (!mainWindow) {
      // macOS: the app runs with its window closed.
      reopenWindow?.();
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  // Before any window exists, so every webContents gets the guard.
  guardAllWebContents(app);

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window open.
    if (process.platform !== 'darwin') app.quit();
  });

  // Quitting needs no 'before-quit' handler: app.quit() closes the window the
  // normal way, so the page's 'beforeunload' runs and the renderer unregisters
  // from the PBX (SIP.js) before it goes away. Never app.exit() or
  // webContents.destroy() on this path: both skip 'beforeunload'.

  void app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error('DeskPhone could not start:', describeError(error));
      // Without a window the user would see nothing at all; say so before exiting.
      dialog.showErrorBox(
        'DeskPhone could not start',
        'Something went wrong while starting DeskPhone. Please try again; if it keeps happening, send the log file to your administrator.',
      );
      app.exit(1);
    });
}

/**
 * DESKPHONE_USER_DATA_DIR (tests only) moves settings, vault, logs and the
 * single-instance lock into a throwaway folder, so a test run never touches,
 * or is blocked by, the user's own DeskPhone. Must run before 'ready' and
 * before the single-instance lock. False when the variable is malformed.
 */
function useTestProfileIfRequested(): boolean {
  let dir: string | null;
  try {
    dir = userDataDirOverride(process.env);
  } catch (error) {
    console.error('DeskPhone could not start:', describeError(error));
    return false;
  }
  if (dir) {
    app.setPath('userData', dir);
    app.setAppLogsPath(join(dir, 'logs'));
  }
  return true;
}

async function start(): Promise<void> {
  const logger = createFileLogger(join(app.getPath('logs'), 'main.log'), { echo: !app.isPackaged });
  if (process.env[USER_DATA_DIR_ENV]) logger.info(`Using the profile folder from ${USER_DATA_DIR_ENV}`);
  const core = await createAppCore({
    userDataDir: app.getPath('userData'),
    encryptor: createSafeStorageEncryptor(process.platform),
    platform: process.platform,
    logger,
  });
  // app.getAppPath() is the folder (or asar) holding package.json, so these
  // paths work the same unpacked in development and packaged.
  const root = app.getAppPath();
  serveAppProtocol({
    rendererDir: join(root, 'dist', 'renderer'),
    currentWsUrl: () => core.settings.get().account?.wsUrl ?? null,
    logger,
  });
  bindIpcMain(core.router, (win) => windows.has(win));
  reopenWindow = () => openWindow(root, logger);
  openWindow(root, logger);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(root, logger);
  });
}

function openWindow(root: string, logger: Logger): void {
  const win = createMainWindow({ preloadPath: join(root, 'dist', 'preload', 'index.cjs'), logger });
  windows.add(win);
  mainWindow = win;
  win.on('closed', () => {
    windows.delete(win);
    if (mainWindow === win) mainWindow = null;
  });
}
