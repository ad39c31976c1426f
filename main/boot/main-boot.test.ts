import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INVOKE_CHANNELS } from '../../contract/channels';
import { emptyAccount } from '../../contract/account';
import { createElectronStandIn, type StandInRecords } from './electron-stand-in';
import { runBundle } from './load-bundle';
import { buildBundles } from './build-bundles';
import { missingReads } from './strict';
import type { StandInWindow } from './stand-in-windows';

// Boots the BUILT main bundle (dist/main/index.cjs, what electron-builder
// packs) with `electron` resolved to a stand-in, and checks the composition
// root's wiring in the order Electron runs it. This is not Electron: what
// only a real Electron run proves is listed in the README ("What is verified where").

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const MAIN = join(ROOT, 'dist/main/index.cjs');
const PRELOAD = join(ROOT, 'dist/preload/index.cjs');
const PAGE = 'app://phone/index.html';

const failures: unknown[] = [];
const onFailure = (error: unknown) => failures.push(error);
let records: StandInRecords;
let win: StandInWindow;

/** What ipcMain passes a handler: the sender's frame and web contents. */
function eventFrom(window: StandInWindow, frame = window.webContents.mainFrame) {
  return { senderFrame: frame, sender: window.webContents };
}

function invoke(channel: string, payload: unknown, event = eventFrom(win)) {
  const handlers = records.ipcHandlers.get(channel) ?? [];
  if (handlers.length !== 1) throw new Error(`${channel}: ${handlers.length} handlers`);
  return Promise.resolve(handlers[0]!(event, payload));
}

function fetchApp(url: string, init?: RequestInit): Promise<Response> {
  const handler = records.protocolHandlers.get('app');
  if (!handler) throw new Error('app:// is not served');
  return Promise.resolve(handler(new Request(url, init)));
}

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('main process boot (built bundle, Electron stand-in)', () => {
  beforeAll(async () => {
    await buildBundles();
    if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) {
      throw new Error('dist/renderer is missing: run `npm run build` first (npm test does).');
    }
    process.env.DESKPHONE_USER_DATA_DIR = await mkdtemp(join(tmpdir(), 'deskphone-boot-'));
    process.on('unhandledRejection', onFailure);
    process.on('uncaughtException', onFailure);
    const standIn = createElectronStandIn(ROOT);
    records = standIn.records;
    runBundle(MAIN, standIn.electron);
  });

  afterAll(() => {
    process.off('unhandledRejection', onFailure);
    process.off('uncaughtException', onFailure);
    delete process.env.DESKPHONE_USER_DATA_DIR;
  });

  it('before ready: sandbox on, Chromium features set, single-instance lock taken, app:// privileged', () => {
    expect(records.log).toEqual([
      'enableSandbox',
      // Module scripts from V8's code cache (see main/core/chromium-features.ts).
      'appendSwitch:disable-features=BackgroundResourceFetch',
      'requestSingleInstanceLock',
      'registerSchemesAsPrivileged:app',
    ]);
    const app = records.privilegedSchemes.find((s) => s.scheme === 'app');
    expect(app?.privileges).toMatchObject({ standard: true, secure: true, supportFetchAPI: true });
    expect(app?.privileges?.corsEnabled).toBeFalsy();
    expect(app?.privileges?.bypassCSP).toBeFalsy();
    expect(records.windows).toHaveLength(0);
  });

  it('after ready: exactly one locked-down window with the built preload, loading app://phone', async () => {
    records.app.becomeReady();
    await until(
      () => (records.windows.length > 0 && records.ipcHandlers.size > 0) || records.app.exitCodes.length > 0,
      'the window and IPC',
      4_000,
    );
    // A start that failed shows an error box and exits: say why, not just "no window".
    expect({ exitCodes: records.app.exitCodes, errorBoxes: records.errorBoxes, failures }).toEqual({
      exitCodes: [],
      errorBoxes: [],
      failures: [],
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(records.created).toHaveLength(1);
    win = records.windows[0]!;
    const prefs = win.options.webPreferences!;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.preload).toBe(PRELOAD);
    expect(existsSync(prefs.preload!)).toBe(true);
    expect(win.loadedUrls).toEqual([PAGE]);
    // Handlers every window needs from the moment it exists: a link the page opens by itself goes nowhere…
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' } as never)).toEqual({
      action: 'deny',
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(records.openedExternally).toEqual([]);
    expect(records.messageBoxes).toEqual([]);
    // …one after a click is asked about natively, and opened only on yes.
    win.webContents.emit('input-event', {}, { type: 'mouseDown' });
    records.messageBoxAnswer = 0;
    win.webContents.windowOpenHandler?.({ url: 'https://example.com/' } as never);
    await until(() => records.openedExternally.length > 0, 'the confirmed link to open');
    expect(records.messageBoxes[0]).toMatchObject({
      message: 'Open example.com in your browser?',
      defaultId: 1,
    });
    expect(records.openedExternally).toEqual(['https://example.com/']);
    records.messageBoxAnswer = 1;
    const ready = records.log.indexOf('ready');
    expect(records.log.indexOf('protocol.handle:app')).toBeGreaterThan(ready);
    expect(records.log.indexOf('BrowserWindow')).toBeGreaterThan(records.log.indexOf('protocol.handle:app'));
  });

  it('serves app:// from dist/renderer only: traversal, other hosts and writes are refused', async () => {
    const page = await fetchApp(PAGE);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="app"');
    for (const url of [
      'app://phone/../package.json',
      'app://phone/%2e%2e/%2e%2e/package.json',
      'app://phone/..%2fpackage.json',
      'app://evil/index.html',
    ]) {
      expect((await fetchApp(url)).status, url).toBe(404);
    }
    expect((await fetchApp(PAGE, { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('every contract channel has exactly one handler; unknown channels and foreign frames are refused', async () => {
    expect([...records.ipcHandlers.keys()].sort()).toEqual([...INVOKE_CHANNELS].sort());
    for (const list of records.ipcHandlers.values()) expect(list).toHaveLength(1);
    await expect(invoke('settings:get', {})).resolves.toMatchObject({ hasPassword: false });
    const iframe = { ...win.webContents.mainFrame, routingId: 7, parent: win.webContents.mainFrame };
    await expect(invoke('settings:get', {}, eventFrom(win, iframe))).rejects.toThrow();
    const foreign = { ...win.webContents.mainFrame, url: 'https://evil.example/' };
    await expect(invoke('settings:get', {}, eventFrom(win, foreign))).rejects.toThrow();
    await expect(invoke('settings:save', { account: 'nonsense' })).rejects.toThrow();
    expect(records.ipcHandlers.has('shell:run')).toBe(false);
  });

  it('the CSP on every app:// response allows connections only to the configured WSS origin', async () => {
    const wsUrl = 'wss://pbx.example.com:8089/ws';
    const account = { ...emptyAccount(), displayName: 'A', sipAddress: '1001@pbx.example.com', wsUrl };
    await invoke('settings:save', { account, password: 'boot-test-secret' });
    const csp = (await fetchApp(PAGE)).headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values] as const;
      }),
    );
    expect(directives.get('connect-src')).toEqual(["'self'", 'wss://pbx.example.com:8089']);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/\*|unsafe-eval/);
    expect((await fetchApp('app://phone/missing.js')).headers.get('content-security-policy')).toBe(csp);
  });

  it('permission handlers allow media to our page only; device access is denied', () => {
    const check = records.session.permissionCheck!;
    expect(check(null, 'media', 'app://phone', {} as never)).toBe(true);
    expect(check(null, 'media', 'https://evil.example', {} as never)).toBe(false);
    expect(check(null, 'geolocation', 'app://phone', {} as never)).toBe(false);
    const answers: boolean[] = [];
    const request = records.session.permissionRequest!;
    request(win.webContents as never, 'media', (ok) => answers.push(ok), { requestingUrl: PAGE } as never);
    request(win.webContents as never, 'media', (ok) => answers.push(ok), {
      requestingUrl: 'https://evil.example/',
    } as never);
    expect(answers).toEqual([true, false]);
    expect(records.session.devicePermission?.({} as never)).toBe(false);
    expect(records.session.certificateVerifyProc).toBeTypeOf('function');
  });

  it('headsets: HID for our page and supported vendors only; the chooser answers without a pop-up', () => {
    const device = records.session.devicePermission!;
    const jabra = { deviceId: 'j1', vendorId: 0x0b0e, productId: 0x0412, name: 'Jabra', collections: [] };
    const keyboard = {
      deviceId: 'k1',
      vendorId: 0x046d,
      productId: 0xc31c,
      name: 'Keyboard',
      collections: [],
    };
    expect(device({ deviceType: 'hid', origin: 'app://phone', device: jabra } as never)).toBe(true);
    expect(device({ deviceType: 'hid', origin: 'https://evil.example', device: jabra } as never)).toBe(false);
    expect(device({ deviceType: 'hid', origin: 'app://phone', device: keyboard } as never)).toBe(false);
    const check = records.session.permissionCheck!;
    expect(check(null, 'hid', 'app://phone/', { securityOrigin: 'app://phone/' } as never)).toBe(true);
    expect(check(null, 'hid', 'https://evil.example/', {} as never)).toBe(false);
    const answers: unknown[] = [];
    let prevented = false;
    records.session.emit(
      'select-hid-device',
      { preventDefault: () => (prevented = true) },
      { deviceList: [keyboard, jabra], frame: { processId: 1, routingId: 1, url: PAGE } },
      (id: unknown) => answers.push(id),
    );
    expect(prevented).toBe(true);
    expect(answers).toEqual(['j1']);
  });

  it('tray, global hotkeys and the call-link schemes are registered', () => {
    expect(records.trays).toHaveLength(1);
    expect(records.trays[0]!.menu.length).toBeGreaterThan(0);
    // The default answer hotkey (Ctrl+Alt+Shift+A on Linux), among the others.
    expect([...records.shortcuts.keys()]).toContain('Control+Alt+Shift+A');
    expect(records.shortcuts.size).toBeGreaterThanOrEqual(5);
    expect([...records.app.defaultProtocolClients].sort()).toEqual(['callto', 'sip', 'sips', 'tel']);
  });

  it('a second launch with a tel: link reaches the desk controller and asks the phone to dial', async () => {
    await invoke('phone:report', { registration: 'registered', calls: [] });
    records.app.emit('second-instance', {}, ['deskphone', 'tel:+442079460018'], ROOT, {});
    await until(() => win.webContents.sent.some((m) => m.channel === 'phone:command'), 'a phone command');
    const command = win.webContents.sent.find((m) => m.channel === 'phone:command')!.payload;
    expect(command).toMatchObject({ command: 'dial', target: expect.stringContaining('442079460018') });
  });

  it('quitting closes the window the normal way (no app.exit), releases hotkeys and the tray', async () => {
    records.app.quit();
    await until(() => records.log.includes('quit:done'), 'the quit to finish');
    expect(win.isDestroyed()).toBe(true);
    expect(records.app.exitCodes).toEqual([]);
    expect(records.shortcuts.size).toBe(0);
    expect(records.trays[0]!.destroyed).toBe(true);
  });

  it('nothing threw, rejected unhandled, or reached for an Electron API the stand-in lacks', () => {
    expect(failures).toEqual([]);
    expect(missingReads).toEqual([]);
    expect(records.errorBoxes).toEqual([]);
  });
});
