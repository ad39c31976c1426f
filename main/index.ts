import { join } from 'node:path';
import { app, BrowserWindow, dialog, powerMonitor, session, shell } from 'electron';
import { APP_ORIGIN } from '../contract/ipc';
import { bindIpcMain } from './adapters/ipc-main';
import { registerAppScheme, serveAppProtocol } from './adapters/app-protocol';
import { createBadgePort } from './adapters/badge';
import { installCertificateRules } from './adapters/certificates';
import { createClipboardPort } from './adapters/clipboard';
import { createConfirmPort } from './adapters/confirm';
import { closeToTray, createWindowPort } from './adapters/desk-window';
import { createHotkeyPort } from './adapters/global-shortcuts';
import { createLoginItemPort } from './adapters/login-item';
import { createSupportExportPort } from './adapters/support-export';
import { createMainWindow } from './adapters/main-window';
import { createNotificationsPort } from './adapters/notifications';
import { watchPower } from './adapters/power';
import { listenForOpenUrl, registerDialProtocols } from './adapters/protocol-client';
import { createSafeStorageEncryptor } from './adapters/safe-storage-encryptor';
import { createTrayPort, type TrayAdapter } from './adapters/tray';
import { startUpdater } from './adapters/updater';
import { guardAllWebContents } from './adapters/web-contents-guard';
import { createAppCore, type AppCore } from './core/app-core';
import { chromiumSwitches } from './core/chromium-features';
import { effectiveHeadsetSettings, HidAccess } from './core/headsets/hid-access';
import { describeError } from './core/errors';
import { USER_DATA_DIR_ENV, userDataDirOverride } from './core/launch-options';
import { createFileLogger, type Logger } from './core/logger';
import { createPowerRelay } from './core/power/power-relay';
import { policyFilePath } from './core/policy/policy-file';

// Composition root: the only place that knows both Electron and the core.
// Order matters: profile folder, sandbox and scheme privileges before 'ready';
// safeStorage, protocol handlers and windows after it.
//
// Deliberately absent: a 'certificate-error' handler and any
// --ignore-certificate-errors switch. Chromium's default (refuse the
// connection) stands; the connection probe in main explains TLS failures.
// The one exception is narrow: the verify proc in adapters/certificates.ts
// also accepts the company PBX's certificate (admin CA or one the user
// accepted), for the configured PBX host only.

app.enableSandbox();
// Before 'ready': Chromium reads its features once, at start.
for (const [name, value] of chromiumSwitches()) app.commandLine.appendSwitch(name, value);

const windows = new Set<BrowserWindow>();
let mainWindow: BrowserWindow | null = null;
/** Opens a new main window; set once the app has started. */
let reopenWindow: (() => void) | null = null;
/** The core, once started: the desk controller takes links, hotkeys and tray clicks. */
let core: AppCore | null = null;
let tray: TrayAdapter | null = null;
/** Which headsets the page may drive over WebHID; set once the core has started. */
let headsets: HidAccess | null = null;
/** Set when the app really quits, so closing the window no longer just hides it. */
let quitting = false;

if (!useTestProfileIfRequested()) {
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // Another DeskPhone already runs on this profile; it gets focus via 'second-instance'.
  app.quit();
} else {
  registerAppScheme();
  // macOS may deliver the link that started the app before 'ready'.
  const openUrl = listenForOpenUrl(app);

  app.on('second-instance', (_event, argv) => {
    // macOS: the app may run with its window closed.
    if (!mainWindow) reopenWindow?.();
    // Dials a link the second launch carried (Windows, Linux), else shows the window.
    if (core) core.desk.handleSecondInstance(argv);
    else if (mainWindow) mainWindow.show();
  });

  // Before any window exists, so every webContents gets the guard.
  guardAllWebContents(app);

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window open.
    if (process.platform !== 'darwin') app.quit();
  });

  // 'before-quit' only marks the quit, so close-to-tray steps aside; app.quit()
  // then closes the window the normal way, so the page's 'beforeunload' runs
  // and the renderer unregisters from the PBX (SIP.js) before it goes away.
  // Never app.exit() or webContents.destroy() on this path: both skip
  // 'beforeunload'.
  app.on('before-quit', () => {
    quitting = true;
  });
  // Global shortcuts must be released before exit, or they stay dead for every program.
  app.on('will-quit', () => {
    core?.desk.dispose();
    tray?.destroy();
  });

  void app
    .whenReady()
    .then(() => start(openUrl))
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

async function start(openUrl: ReturnType<typeof listenForOpenUrl>): Promise<void> {
  const logger = createFileLogger(join(app.getPath('logs'), 'main.log'), { echo: !app.isPackaged });
  if (process.env[USER_DATA_DIR_ENV]) logger.info(`Using the profile folder from ${USER_DATA_DIR_ENV}`);
  const platform = process.platform;
  const defaultApp = process.defaultApp === true;
  tray = createTrayPort({
    onItem: (id) => void core?.desk.onTrayItem(id),
    onClick: () => void core?.desk.onTrayItem('toggle-window'),
  });
  const started = await createAppCore({
    userDataDir: app.getPath('userData'),
    encryptor: createSafeStorageEncryptor(platform),
    platform,
    logger,
    // Machine-wide policy (DESKPHONE_POLICY_FILE overrides) and --provision=<file or https URL>.
    policyFile: policyFilePath(platform, process.env),
    argv: process.argv,
    cwd: process.cwd(),
    localeCountry: app.getLocaleCountryCode(),
    systemLocale: app.getLocale(),
    recordingsFolder: join(app.getPath('documents'), 'DeskPhone recordings'),
    desktop: {
      tray,
      notifications: createNotificationsPort(platform, logger),
      window: createWindowPort(() => mainWindow, app, platform),
      hotkeys: createHotkeyPort(),
      clipboard: createClipboardPort(platform),
      loginItem: createLoginItemPort({
        app,
        platform,
        defaultApp,
        execPath: process.execPath,
        argv: process.argv,
        env: process.env,
      }),
      badge: createBadgePort(app, platform, logger),
      confirm: createConfirmPort(dialog, () => mainWindow),
      openExternal: (url) => shell.openExternal(url),
      revealFile: (path) => shell.showItemInFolder(path),
      quit: () => app.quit(),
    },
    // "Save support bundle…": a save dialog; the core collects, redacts and zips.
    supportExport: createSupportExportPort({
      app,
      dialog,
      window: () => mainWindow,
      electronVersion: process.versions.electron ?? '',
    }),
    sendEvent: (channel, payload) => {
      const win = mainWindow;
      if (!win || win.isDestroyed()) throw new Error('no window');
      win.webContents.send(channel, payload);
    },
  });
  core = started;
  // Read on every HID decision, so a change in Settings applies without a restart.
  headsets = new HidAccess({ origin: APP_ORIGIN, headset: () => effectiveHeadsetSettings(started) });
  // Before the first window loads, so the PBX WebSocket already gets these rules.
  installCertificateRules(session.defaultSession, started.certificates);
  // Background downloads; the install waits until no call is going on.
  startUpdater({ gate: started.updates, policy: started.updatePolicy, logger, isPackaged: app.isPackaged });
  // Wake-up and unlock often mean a changed network: the phone checks its PBX connection at once.
  watchPower(
    powerMonitor,
    createPowerRelay((payload) => started.events.send('power:resumed', payload)),
  );
  // app.getAppPath() is the folder (or asar) holding package.json, so these
  // paths work the same unpacked in development and packaged.
  const root = app.getAppPath();
  serveAppProtocol({
    rendererDir: join(root, 'dist', 'renderer'),
    currentWsUrl: () => started.settings.get().account?.wsUrl ?? null,
    logger,
  });
  bindIpcMain(started.router, (win) => windows.has(win));
  registerDialProtocols({
    app,
    platform,
    defaultApp,
    execPath: process.execPath,
    argv: process.argv,
    logger,
  });

  reopenWindow = () => openWindow(root, logger, true);
  openWindow(root, logger, !started.settings.get().desk.startMinimized);
  // A link that started the app: kept by the controller until the phone has loaded.
  started.desk.handleLaunchArgs(process.argv);
  openUrl.setHandler((url) => started.desk.handleLink(url));

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow(root, logger, true);
    else void started.desk.onHotkey('showWindow');
  });
}

function openWindow(root: string, logger: Logger, show: boolean): void {
  const win = createMainWindow({
    preloadPath: join(root, 'dist', 'preload', 'index.cjs'),
    logger,
    showWhenReady: show,
    openLink: (url, gestureAt) => void core?.links.request(url, gestureAt),
    ...(headsets ? { hid: headsets } : {}),
  });
  windows.add(win);
  mainWindow = win;
  closeToTray(win, {
    enabled: () => core?.settings.get().desk.closeToTray ?? false,
    quitting: () => quitting,
  });
  // Windows log-off or shutdown: let the window close, or Windows waits on DeskPhone.
  win.on('query-session-end', () => {
    quitting = true;
  });
  // The tray's Show / Hide label follows the window.
  win.on('show', () => core?.desk.windowVisibilityChanged());
  win.on('hide', () => core?.desk.windowVisibilityChanged());
  win.on('closed', () => {
    windows.delete(win);
    if (mainWindow === win) mainWindow = null;
    core?.desk.windowVisibilityChanged();
  });
}
