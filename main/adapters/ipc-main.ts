import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { INVOKE_CHANNELS } from '../../contract/channels';
import type { IpcSender } from '../../contract/ipc';
import type { IpcRouter } from '../core/ipc-router';

// Connects ipcMain to the core router. All checks happen in the router; this
// adapter only tells it, truthfully, who is asking: the sending frame's URL and
// whether that frame is the top-level frame of one of our own windows (not an
// iframe, not a window we did not create).

export function bindIpcMain(router: IpcRouter, isOwnWindow: (win: BrowserWindow) => boolean): void {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      router.dispatch(channel, senderOf(event, isOwnWindow), payload),
    );
  }
}

export function unbindIpcMain(): void {
  for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
}

function senderOf(event: IpcMainInvokeEvent, isOwnWindow: (win: BrowserWindow) => boolean): IpcSender {
  const frame = event.senderFrame; // null once the frame navigated away or was destroyed
  const win = BrowserWindow.fromWebContents(event.sender);
  const main = win?.webContents.mainFrame;
  const isOwnMainFrame =
    frame !== null &&
    win !== null &&
    main !== undefined &&
    isOwnWindow(win) &&
    frame.parent === null &&
    frame.processId === main.processId &&
    frame.routingId === main.routingId;
  return { frameUrl: frame?.url ?? '', isOwnMainFrame };
}
