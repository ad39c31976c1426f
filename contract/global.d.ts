import type { DeskphoneApi } from './ipc';

declare global {
  interface Window {
    deskphone: DeskphoneApi;
  }
}
export {};
