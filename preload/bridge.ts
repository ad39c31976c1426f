import { cleanIpcErrorMessage, isInvokeChannel } from '../contract/channels';
import type { DeskphoneApi } from '../contract/ipc';

type RawInvoke = (channel: string, request: unknown) => Promise<unknown>;

/**
 * Builds the renderer's API over a raw invoke function. Electron's preload
 * passes ipcRenderer.invoke; the end-to-end harness passes a Playwright binding
 * to the same main core, so both run this exact code.
 */
export function createDeskphoneApi(rawInvoke: RawInvoke): DeskphoneApi {
  return {
    async invoke(channel, request) {
      if (!isInvokeChannel(channel)) throw new Error(`Unknown IPC channel: ${String(channel)}`);
      try {
        return (await rawInvoke(channel, request)) as never;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(cleanIpcErrorMessage(message), { cause: error });
      }
    },
  };
}
