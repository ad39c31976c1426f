import { contextBridge, ipcRenderer } from 'electron';
import { createDeskphoneApi } from './bridge';

// Sandboxed preload: bundled into one file whose only require is electron.
contextBridge.exposeInMainWorld(
  'deskphone',
  createDeskphoneApi((channel, request) => ipcRenderer.invoke(channel, request)),
);
