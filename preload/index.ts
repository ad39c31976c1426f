import { contextBridge, ipcRenderer } from 'electron';
import { createDeskphoneApi } from './bridge';

// Sandboxed preload: bundled into one file whose only require is electron.
contextBridge.exposeInMainWorld(
  'deskphone',
  createDeskphoneApi(
    (channel, request) => ipcRenderer.invoke(channel, request),
    (channel, listener) => {
      // The Electron event object never reaches the page: it exposes the sender.
      const handler = (_event: Electron.IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, handler);
      return () => ipcRenderer.removeListener(channel, handler);
    },
    // The preload runs in the app window's top frame only (no nodeIntegrationInSubFrames).
    true,
  ),
);
