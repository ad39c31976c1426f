import {
  cleanIpcErrorMessage,
  isEventChannel,
  isInvokeChannel,
  STARTUP_READS,
  type StartupRead,
} from '../contract/channels';
import type { DeskphoneApi } from '../contract/ipc';

type RawInvoke = (channel: string, request: unknown) => Promise<unknown>;
type RawSubscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the renderer's API over a raw invoke function. Electron's preload
 * passes ipcRenderer.invoke; the end-to-end harness passes a Playwright binding
 * to the same main core, so both run this exact code. `readAtStart`: ask for
 * the start-up reads now (the app's own top-level page only).
 */
export function createDeskphoneApi(
  rawInvoke: RawInvoke,
  rawSubscribe: RawSubscribe,
  readAtStart: boolean,
): DeskphoneApi {
  const api: DeskphoneApi = {
    async invoke(channel, request) {
      if (!isInvokeChannel(channel)) throw new Error(`Unknown IPC channel: ${String(channel)}`);
      try {
        return (await rawInvoke(channel, request)) as never;
      } catch (error) {
        // Read the message without instanceof: the rejection may come from another realm.
        const raw = (error as { message?: unknown } | null)?.message;
        const message = typeof raw === 'string' ? raw : String(error);
        throw new Error(cleanIpcErrorMessage(message), { cause: error });
      }
    },
    on(channel, listener) {
      if (!isEventChannel(channel)) throw new Error(`Unknown IPC event channel: ${String(channel)}`);
      // Payloads are validated by the renderer against the contract's event schemas.
      return rawSubscribe(channel, (payload) => listener(payload as never));
    },
    startup(channel) {
      const early = asked.get(channel);
      asked.delete(channel);
      // Every start-up read takes the empty request.
      return (early ?? api.invoke(channel, {} as never)) as never;
    },
  };
  // Asked before the page's scripts run; whoever takes an answer handles its failure.
  const asked = new Map<StartupRead, Promise<unknown>>(
    readAtStart ? STARTUP_READS.map((channel) => [channel, api.invoke(channel, {} as never)]) : [],
  );
  for (const answer of asked.values()) answer.catch(() => undefined);
  return api;
}
