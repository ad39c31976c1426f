import { join } from 'node:path';
import { app, BrowserWindow, dialog } from 'electron';
import { bindIpcMain } from './adapters/ipc-main';
import { registerAppScheme, serveAppProtocol } from './adapters/app-protocol';
import { createMainWindow } from './adapters/main-window';
import { createSafeStorageEncryptor } from './adapters/safe-storage-encryptor';
import { createAppCore } from './core/app-core';
import { describeError } from './core/errors';
import { createFileLogger, type Logger } from './core/logger';

// Composition root: the only place that knows both Electron and the core.
// Order matters: sandbox and scheme privileges before 'ready'; safeStorage,
// protocol handlers and windows after it.

app.enableSandbox();

const windows = new Set<BrowserWindow>();
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  // Another DeskPhone already runs; it gets focus via 'second-instance'.
  app.quit();
} else {
  registerAppScheme();

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    // No <webview>: it would be a second, unchecked browser inside the app.
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window open.
    if (process.platform !== 'darwin') app.quit();
  });

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

async function start(): Promise<void> {
  const logger = createFileLogger(join(app.getPath('logs'), 'main.log'), { echo: !app.isPackaged });
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
