import { readFileSync } from 'node:fs';
import { Module } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createContext, runInContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, INVOKE_CHANNELS, STARTUP_READS } from '../../contract/channels';
import { buildBundles } from './build-bundles';
import { strict } from './strict';

// Runs the BUILT preload (dist/preload/index.cjs) the way a sandboxed preload
// runs: its own context, and a require() that knows only 'electron'. Checks
// that the page gets exactly the contract's API and nothing of Electron's.

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const PRELOAD = join(ROOT, 'dist/preload/index.cjs');

type Listener = (event: Electron.IpcRendererEvent, payload: unknown) => void;

interface Exposed {
  invoke(channel: string, request: unknown): Promise<unknown>;
  on(channel: string, listener: (...args: unknown[]) => void): () => void;
  startup(channel: string): Promise<unknown>;
}

function loadPreload() {
  const exposed: Array<{ key: string; api: Exposed }> = [];
  const invoked: Array<{ channel: string; request: unknown }> = [];
  const listeners = new Map<string, Listener[]>();
  const removed: Array<{ channel: string; listener: Listener }> = [];
  let answer: (channel: string) => Promise<unknown> = (channel) => Promise.resolve({ from: channel });
  const electron = strict('electron', {
    contextBridge: strict('contextBridge', {
      exposeInMainWorld: (key: string, api: Exposed) => exposed.push({ key, api }),
    } satisfies Pick<Electron.ContextBridge, 'exposeInMainWorld'>),
    ipcRenderer: strict('ipcRenderer', {
      invoke: (channel: string, request: unknown) => {
        invoked.push({ channel, request });
        return answer(channel);
      },
      on: (channel: string, listener: Listener) => {
        listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
        return undefined as never;
      },
      removeListener: (channel: string, listener: Listener) => {
        removed.push({ channel, listener });
        return undefined as never;
      },
    } satisfies Pick<Electron.IpcRenderer, 'invoke' | 'on' | 'removeListener'>),
  });
  const required: string[] = [];
  const sandbox = createContext({});
  const globalsBefore = Object.getOwnPropertyNames(runInContext('globalThis', sandbox) as object);
  const wrapper = runInContext(Module.wrap(readFileSync(PRELOAD, 'utf8')), sandbox, {
    filename: PRELOAD,
  }) as (...args: unknown[]) => void;
  const module = { exports: {} };
  const require = (id: string) => {
    required.push(id);
    if (id !== 'electron') throw new Error(`A sandboxed preload cannot require('${id}')`);
    return electron;
  };
  wrapper.call(module.exports, module.exports, require, module, PRELOAD, join(ROOT, 'dist/preload'));
  const globalsAfter = Object.getOwnPropertyNames(runInContext('globalThis', sandbox) as object);
  return {
    exposed,
    invoked,
    listeners,
    removed,
    required,
    newGlobals: globalsAfter.filter((name) => !globalsBefore.includes(name)),
    setAnswer: (next: typeof answer) => (answer = next),
  };
}

describe('preload boot (built bundle, sandbox-like context)', () => {
  let preload: ReturnType<typeof loadPreload>;
  beforeAll(async () => {
    await buildBundles();
    preload = loadPreload();
  });

  it('exposes exactly one API, window.deskphone with invoke and on, and nothing else', () => {
    expect(preload.required).toEqual(['electron']);
    expect(preload.exposed.map((e) => e.key)).toEqual(['deskphone']);
    const api = preload.exposed[0]!.api;
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on', 'startup']);
    expect(preload.newGlobals).toEqual([]);
  });

  it('asks main for the start-up reads as it boots, before any page script, and hands each out once', async () => {
    expect(preload.invoked.slice(0, STARTUP_READS.length)).toEqual(
      STARTUP_READS.map((channel) => ({ channel, request: {} })),
    );
    const api = preload.exposed[0]!.api;
    const before = preload.invoked.length;
    await expect(api.startup('desk:get')).resolves.toEqual({ from: 'desk:get' });
    expect(preload.invoked).toHaveLength(before);
    await expect(api.startup('desk:get')).resolves.toEqual({ from: 'desk:get' });
    expect(preload.invoked.slice(before)).toEqual([{ channel: 'desk:get', request: {} }]);
  });

  it('invoke forwards every contract channel, as is, and refuses any other', async () => {
    const api = preload.exposed[0]!.api;
    const before = preload.invoked.length;
    for (const channel of INVOKE_CHANNELS) {
      await expect(api.invoke(channel, { probe: channel })).resolves.toEqual({ from: channel });
    }
    expect(preload.invoked.slice(before)).toEqual(
      INVOKE_CHANNELS.map((channel) => ({ channel, request: { probe: channel } })),
    );
    await expect(api.invoke('shell:open', {})).rejects.toThrow('Unknown IPC channel');
    expect(preload.invoked).toHaveLength(before + INVOKE_CHANNELS.length);
  });

  it("errors reach the page as main's own message, without Electron's prefix", async () => {
    preload.setAnswer(() =>
      Promise.reject(
        new Error("Error invoking remote method 'settings:save': Error: The password is empty."),
      ),
    );
    await expect(preload.exposed[0]!.api.invoke('settings:save', {})).rejects.toThrow(
      /^The password is empty\.$/,
    );
  });

  it('listeners get the payload only, never the Electron event (it exposes the sender), and can unsubscribe', () => {
    const api = preload.exposed[0]!.api;
    for (const channel of EVENT_CHANNELS) {
      const calls: unknown[][] = [];
      const stop = api.on(channel, (...args) => calls.push(args));
      const registered = preload.listeners.get(channel) ?? [];
      expect(registered).toHaveLength(1);
      registered[0]!({ sender: 'the webContents', ports: [] } as never, { hello: channel });
      expect(calls).toEqual([[{ hello: channel }]]);
      stop();
      expect(preload.removed.at(-1)).toEqual({ channel, listener: registered[0] });
      preload.listeners.delete(channel);
    }
    expect(() => api.on('ipc:raw', () => undefined)).toThrow('Unknown IPC event channel');
  });
});
