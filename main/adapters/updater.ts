import { autoUpdater, type AppUpdater } from 'electron-updater';
import type { Logger } from '../core/logger';
import { updaterSettings, type UpdateGate, type UpdatePolicy } from '../core/updates/update-gate';

// electron-updater wired to the core's update gate. Downloads happen in the
// background (autoDownload) and an update is installed when the app quits
// (autoInstallOnAppQuit), or earlier by the gate, but only between calls.
// The feed comes from app-update.yml, which electron-builder writes from
// `publish:` in electron-builder.yml; in development there is none, so
// nothing runs unless the app is packaged.

/** How often a running app looks for a new version. */
export const CHECK_INTERVAL_MS = 4 * 60 * 60 * 1000;

/** The part of electron-updater's AppUpdater this adapter uses (a fake in tests). */
export type Updater = Pick<
  AppUpdater,
  'autoDownload' | 'autoInstallOnAppQuit' | 'channel' | 'allowPrerelease' | 'allowDowngrade' | 'logger'
> & {
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  checkForUpdates(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
};

export interface UpdaterOptions {
  gate: UpdateGate;
  policy: () => UpdatePolicy;
  logger: Logger;
  /** app.isPackaged: development builds have no update feed. */
  isPackaged: boolean;
  /** Tests pass a fake; the app uses electron-updater's autoUpdater. */
  updater?: () => Updater;
}

/** Starts background updates if policy allows; returns a function that stops the timer. */
export function startUpdater(options: UpdaterOptions): () => void {
  const { gate, logger } = options;
  const settings = updaterSettings(options.policy());
  if (!options.isPackaged) {
    logger.info('Automatic updates are off in development builds');
    return () => undefined;
  }
  if (!settings.enabled) {
    logger.info('Automatic updates are turned off by your administrator');
    return () => undefined;
  }
  // Created only now: electron-updater's autoUpdater needs a running app.
  const updater = options.updater ? options.updater() : (autoUpdater as unknown as Updater);
  updater.autoDownload = true;
  updater.autoInstallOnAppQuit = true;
  updater.channel = settings.channel;
  updater.allowPrerelease = settings.allowPrerelease;
  updater.allowDowngrade = settings.allowDowngrade;
  // electron-updater's own logging goes to the console; ours is the log file.
  updater.logger = {
    info: (message?: unknown) => logger.info('Updater', { message: String(message) }),
    warn: (message?: unknown) => logger.warn('Updater', { message: String(message) }),
    error: (message?: unknown) => logger.error('Updater', { message: String(message) }),
  };
  updater.on('update-downloaded', (info) => gate.downloaded(info.version));
  // No update server reachable is normal (offline, VPN down): log, never bother the user.
  updater.on('error', (error) => logger.warn('Update check failed', { error: error.message }));
  // Silent, and start DeskPhone again afterwards: the phone must come back by itself.
  gate.setInstaller(() => updater.quitAndInstall(true, true));

  const check = (): void => {
    updater
      .checkForUpdates()
      .catch((error: unknown) =>
        logger.warn('Update check failed', { error: error instanceof Error ? error.message : String(error) }),
      );
  };
  check();
  const timer = setInterval(check, CHECK_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
