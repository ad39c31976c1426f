import { join } from 'node:path';
import type { App, BrowserWindow, Dialog } from 'electron';
import type { SupportExportPort } from '../core/support/channels';

// The Electron side of "Save support bundle…": the system save dialog (the
// core writes the file, so it stays testable without Electron), and the
// versions only Electron knows.

export interface SupportExportOptions {
  app: Pick<App, 'getPath' | 'getVersion'>;
  dialog: Pick<Dialog, 'showSaveDialog'>;
  /** The window the dialog belongs to, when there is one. */
  window: () => BrowserWindow | null;
  electronVersion: string;
}

export function createSupportExportPort(options: SupportExportOptions): SupportExportPort {
  return {
    logsDir: options.app.getPath('logs'),
    appVersion: options.app.getVersion(),
    electronVersion: options.electronVersion,
    async chooseTarget(defaultName) {
      const settings = {
        title: 'Save support bundle',
        defaultPath: join(options.app.getPath('documents'), defaultName),
        buttonLabel: 'Save',
        filters: [{ name: 'Zip archive', extensions: ['zip'] }],
      };
      const parent = options.window();
      const result = parent
        ? await options.dialog.showSaveDialog(parent, settings)
        : await options.dialog.showSaveDialog(settings);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
  };
}
