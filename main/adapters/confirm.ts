import type { BrowserWindow, Dialog } from 'electron';
import type { ConfirmPort, ConfirmSpec } from '../core/desk/ports';

// Native confirmations: the renderer cannot draw, click or answer these, so
// a compromised page cannot say yes for the user. Cancel is the default and
// the Escape answer, so a stray Enter never confirms.

export function createConfirmPort(
  dialog: Pick<Dialog, 'showMessageBox'>,
  getWindow: () => BrowserWindow | null,
): ConfirmPort {
  return {
    async confirm(spec: ConfirmSpec): Promise<boolean> {
      const options = {
        type: 'warning' as const,
        title: spec.title,
        message: spec.message,
        detail: spec.detail,
        buttons: [spec.confirmLabel, 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        noLink: true,
      };
      const win = getWindow();
      const { response } =
        win && !win.isDestroyed()
          ? await dialog.showMessageBox(win, options)
          : await dialog.showMessageBox(options);
      return response === 0;
    },
  };
}
