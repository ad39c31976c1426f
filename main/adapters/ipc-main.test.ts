import { beforeEach, describe, expect, it, vi } from 'vitest';
import { INVOKE_CHANNELS } from '../../contract/channels';
import { APP_ORIGIN, type IpcSender } from '../../contract/ipc';
import { IpcRouter } from '../core/ipc-router';
import { createMemoryLogger } from '../core/logger';

// ipc-main.ts against a stand-in 'electron': what matters is which sender
// identity the adapter reports to the router for real-looking events.

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
}
interface FakeWindow {
  webContents: { mainFrame: FakeFrame };
}
type Listener = (event: unknown, payload: unknown) => Promise<unknown>;

const electron = vi.hoisted(() => ({
  handlers: new Map<string, Listener>(),
  windowsByContents: new Map<unknown, unknown>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: Listener) => {
      if (electron.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      electron.handlers.set(channel, listener);
    },
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  BrowserWindow: {
    fromWebContents: (contents: unknown) => electron.windowsByContents.get(contents) ?? null,
  },
}));

const { bindIpcMain, unbindIpcMain } = await import('./ipc-main');

const APP_URL = `${APP_ORIGIN}/index.html`;

function frame(url: string, routingId: number, parent: FakeFrame | null = null): FakeFrame {
  return { url, parent, processId: 7, routingId };
}

/** A window whose main frame is at `url`; `sender` is its webContents. */
function makeWindow(url = APP_URL) {
  const mainFrame = frame(url, 1);
  const sender = {};
  const win: FakeWindow = { webContents: { mainFrame } };
  electron.windowsByContents.set(sender, win);
  return { win, sender, mainFrame };
}

function invoke(channel: string, event: unknown, payload: unknown = {}): Promise<unknown> {
  const listener = electron.handlers.get(channel);
  if (!listener) throw new Error(`no handler for ${channel}`);
  return listener(event, payload);
}

/** A router stand-in that records the sender it was given. */
function recordingRouter() {
  const dispatch = vi.fn(async (_channel: unknown, _sender: IpcSender, _payload: unknown) => ({ ok: true }));
  return { router: { dispatch } as unknown as IpcRouter, dispatch };
}

beforeEach(() => {
  unbindIpcMain();
  electron.handlers.clear();
  electron.windowsByContents.clear();
});

describe('ipc-main adapter', () => {
  it('registers a handler for every contract channel, and removes them again', () => {
    const { router } = recordingRouter();
    bindIpcMain(router, () => true);
    expect([...electron.handlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    unbindIpcMain();
    expect(electron.handlers.size).toBe(0);
  });

  it('dispatches a call from the main frame of our own window, with its URL', async () => {
    const { router, dispatch } = recordingRouter();
    const { win, sender, mainFrame } = makeWindow();
    bindIpcMain(router, (w) => w === (win as unknown));
    await expect(invoke('vault:status', { sender, senderFrame: mainFrame }, { a: 1 })).resolves.toEqual({
      ok: true,
    });
    expect(dispatch).toHaveBeenCalledWith(
      'vault:status',
      { frameUrl: APP_URL, isOwnMainFrame: true },
      { a: 1 },
    );
  });

  it('reports an iframe of our window as not the main frame', async () => {
    const { router, dispatch } = recordingRouter();
    const { win, sender, mainFrame } = makeWindow();
    bindIpcMain(router, (w) => w === (win as unknown));
    // Same origin, same process, but a child frame.
    const child = frame(`${APP_ORIGIN}/inner.html`, 2, mainFrame);
    await invoke('vault:status', { sender, senderFrame: child });
    expect(dispatch.mock.calls[0]![1]).toEqual({
      frameUrl: `${APP_ORIGIN}/inner.html`,
      isOwnMainFrame: false,
    });
  });

  it('reports a frame that merely claims the main routing id but has a parent as not the main frame', async () => {
    const { router, dispatch } = recordingRouter();
    const { win, sender, mainFrame } = makeWindow();
    bindIpcMain(router, (w) => w === (win as unknown));
    await invoke('vault:status', { sender, senderFrame: { ...mainFrame, parent: mainFrame } });
    expect(dispatch.mock.calls[0]![1]).toMatchObject({ isOwnMainFrame: false });
  });

  it('reports windows we did not create, unknown senders and vanished frames as not ours', async () => {
    const { router, dispatch } = recordingRouter();
    const ours = makeWindow();
    const foreign = makeWindow();
    bindIpcMain(router, (w) => w === (ours.win as unknown));
    await invoke('vault:status', { sender: foreign.sender, senderFrame: foreign.mainFrame });
    await invoke('vault:status', { sender: {}, senderFrame: frame(APP_URL, 1) });
    await invoke('vault:status', { sender: ours.sender, senderFrame: null });
    expect(dispatch.mock.calls.map((c) => c[1])).toEqual([
      { frameUrl: APP_URL, isOwnMainFrame: false },
      { frameUrl: APP_URL, isOwnMainFrame: false },
      { frameUrl: '', isOwnMainFrame: false },
    ]);
  });

  describe('with the real router', () => {
    function realRouter() {
      const logger = createMemoryLogger();
      const router = new IpcRouter({ logger });
      router.register('notices:dismiss', ({ id }) => ({ dismissed: id === 'known' }));
      return { router, logger };
    }

    it('answers our main frame', async () => {
      const { router } = realRouter();
      const { win, sender, mainFrame } = makeWindow();
      bindIpcMain(router, (w) => w === (win as unknown));
      await expect(
        invoke('notices:dismiss', { sender, senderFrame: mainFrame }, { id: 'known' }),
      ).resolves.toEqual({ dismissed: true });
    });

    it('rejects the main frame of our window once it shows a foreign origin', async () => {
      const { router, logger } = realRouter();
      const { win, sender, mainFrame } = makeWindow('https://evil.example/phish');
      bindIpcMain(router, (w) => w === (win as unknown));
      await expect(
        invoke('notices:dismiss', { sender, senderFrame: mainFrame }, { id: 'known' }),
      ).rejects.toThrow(/not part of DeskPhone/);
      expect(logger.lines.some((l) => l.includes('IPC request rejected'))).toBe(true);
    });

    it('rejects a non-main frame even when it is on our origin', async () => {
      const { router } = realRouter();
      const { win, sender, mainFrame } = makeWindow();
      bindIpcMain(router, (w) => w === (win as unknown));
      const child = frame(APP_URL, 5, mainFrame);
      await expect(
        invoke('notices:dismiss', { sender, senderFrame: child }, { id: 'known' }),
      ).rejects.toThrow(/did not come from the main DeskPhone window/);
    });
  });
});
