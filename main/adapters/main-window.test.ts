import { beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { createMemoryLogger } from '../core/logger';

// main-window.ts against a stand-in 'electron' that records what the adapter
// installs: the window's web preferences, the session's permission handlers
// and the webContents' window-open and navigation handlers.

type Handler = (...args: never[]) => unknown;

interface FakeSession {
  setPermissionRequestHandler: ReturnType<typeof vi.fn>;
  setPermissionCheckHandler: ReturnType<typeof vi.fn>;
  setDevicePermissionHandler: ReturnType<typeof vi.fn>;
}

const electron = vi.hoisted(() => ({
  windows: [] as Array<{ options: Record<string, unknown>; listeners: Map<string, Handler[]> }>,
  openExternal: undefined as unknown as Mock<(url: string) => Promise<void>>,
  nextSession: null as unknown,
}));

vi.mock('electron', () => {
  class BrowserWindow {
    readonly listeners = new Map<string, Handler[]>();
    readonly webContents: Record<string, unknown>;
    windowOpenHandler: Handler | null = null;
    constructor(readonly options: Record<string, unknown>) {
      const on = (event: string, listener: Handler) => {
        this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
      };
      this.webContents = {
        session: electron.nextSession,
        on,
        setWindowOpenHandler: (handler: Handler) => {
          this.windowOpenHandler = handler;
        },
      };
      electron.windows.push(this);
    }
    once(event: string, listener: Handler) {
      this.listeners.set(`once:${event}`, [listener]);
    }
    show = vi.fn();
    loadURL = vi.fn(async () => undefined);
  }
  return { BrowserWindow };
});

const { createMainWindow, mainWindowWebPreferences } = await import('./main-window');
const { ExternalLinks } = await import('../core/external-links');

interface CreatedWindow {
  options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  listeners: Map<string, Handler[]>;
  windowOpenHandler: (details: { url: string }) => { action: string };
  loadURL: ReturnType<typeof vi.fn>;
}

function newSession(): FakeSession {
  return {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
  };
}

function open(session: FakeSession = newSession()) {
  electron.nextSession = session;
  const logger = createMemoryLogger();
  // The real link rules of the core, with shell.openExternal behind them and a user who says yes.
  const links = new ExternalLinks({
    open: (url) => electron.openExternal(url),
    confirm: { confirm: () => Promise.resolve(true) },
    allowedHosts: () => [],
    logger,
  });
  const requests: Promise<boolean>[] = [];
  createMainWindow({
    preloadPath: '/app/dist/preload/index.cjs',
    logger,
    openLink: (url, gestureAt) => requests.push(links.request(url, gestureAt)),
  });
  const win = electron.windows.at(-1) as unknown as CreatedWindow;
  const input = (type: string) =>
    win.listeners
      .get('input-event')
      ?.forEach((l) => (l as (e: unknown, i: { type: string }) => void)({}, { type }));
  return { win, session, logger, input, settled: () => Promise.all(requests) };
}

type RequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: { requestingUrl: string },
) => void;
type CheckHandler = (webContents: unknown, permission: string, requestingOrigin: string) => boolean;

function requestHandler(session: FakeSession): (permission: string, url: string) => boolean {
  const handler = session.setPermissionRequestHandler.mock.calls[0]![0] as RequestHandler;
  return (permission, url) => {
    let granted: boolean | undefined;
    handler({}, permission, (g) => (granted = g), { requestingUrl: url });
    if (granted === undefined) throw new Error('callback not called');
    return granted;
  };
}

function checkHandler(session: FakeSession): (permission: string, origin: string) => boolean {
  const handler = session.setPermissionCheckHandler.mock.calls[0]![0] as CheckHandler;
  return (permission, origin) => handler({}, permission, origin);
}

function navigate(win: CreatedWindow, event: 'will-navigate' | 'will-redirect', url: string): boolean {
  let prevented = false;
  const fakeEvent = { preventDefault: () => (prevented = true) };
  for (const listener of win.listeners.get(event) ?? [])
    (listener as (e: unknown, u: string) => void)(fakeEvent, url);
  return prevented;
}

const ALLOWED = ['media', 'notifications', 'local-network-access', 'local-network', 'loopback-network'];
const DENIED = [
  'geolocation',
  'openExternal',
  'clipboard-read',
  'display-capture',
  'hid',
  'serial',
  'usb',
  'fullscreen',
  'pointerLock',
  'midiSysex',
  'unknown',
];

beforeEach(() => {
  electron.windows.length = 0;
  electron.openExternal = vi.fn(async (_url: string) => undefined);
});

describe('main window adapter', () => {
  it('creates a sandboxed, isolated window without Node, spellcheck or webviews', () => {
    const { win } = open();
    expect(win.options.webPreferences).toEqual({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      preload: '/app/dist/preload/index.cjs',
      autoplayPolicy: 'no-user-gesture-required',
      backgroundThrottling: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(mainWindowWebPreferences('/x.cjs').preload).toBe('/x.cjs');
    expect(win.options.show).toBe(false);
  });

  it('loads the app from app://phone', () => {
    const { win } = open();
    expect(win.loadURL).toHaveBeenCalledWith('app://phone/index.html');
  });

  it('grants only media, notifications and local network access, and only to app://phone', () => {
    const { session } = open();
    const request = requestHandler(session);
    const check = checkHandler(session);
    for (const permission of ALLOWED) {
      expect(request(permission, 'app://phone/index.html'), permission).toBe(true);
      expect(check(permission, 'app://phone'), permission).toBe(true);
      for (const foreign of ['https://evil.example/', 'app://other/index.html', 'file:///etc/passwd', '']) {
        expect(request(permission, foreign), `${permission} for ${foreign}`).toBe(false);
        expect(check(permission, foreign), `${permission} check for ${foreign}`).toBe(false);
      }
    }
    for (const permission of DENIED) {
      expect(request(permission, 'app://phone/index.html'), permission).toBe(false);
      expect(check(permission, 'app://phone'), permission).toBe(false);
    }
  });

  it('denies every device (USB, HID, serial, Bluetooth) permission', () => {
    const { session } = open();
    const handler = session.setDevicePermissionHandler.mock.calls[0]![0] as (details: unknown) => boolean;
    expect(handler({ deviceType: 'hid', origin: 'app://phone' })).toBe(false);
    expect(handler({ deviceType: 'usb', origin: 'app://phone' })).toBe(false);
  });

  it('installs the session handlers once per session', () => {
    const session = newSession();
    open(session);
    open(session);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(session.setDevicePermissionHandler).toHaveBeenCalledTimes(1);
  });

  it('denies every new window; shell.openExternal is never reached without a click or key press', async () => {
    const { win, input, settled } = open();
    expect(win.windowOpenHandler({ url: 'https://example.com/help?x=1' })).toEqual({ action: 'deny' });
    // Mouse movement is not a decision.
    input('mouseMove');
    expect(win.windowOpenHandler({ url: 'https://example.com/help?x=1' })).toEqual({ action: 'deny' });
    await settled();
    expect(electron.openExternal).not.toHaveBeenCalled();
  });

  it('after a click, a plain web link goes to the system browser (once the user confirmed)', async () => {
    const { win, input, settled } = open();
    input('mouseDown');
    expect(win.windowOpenHandler({ url: 'https://example.com/help?x=1' })).toEqual({ action: 'deny' });
    await settled();
    expect(electron.openExternal).toHaveBeenCalledTimes(1);
    expect(electron.openExternal).toHaveBeenCalledWith('https://example.com/help?x=1');
  });

  it('never hands javascript:, file:, custom schemes or credentialed URLs to the OS', async () => {
    const { win, logger, input, settled } = open();
    input('keyDown');
    for (const url of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://server/share',
      'app://phone/index.html',
      'about:blank',
      'https://user:pw@example.com/',
      'not a url',
    ]) {
      expect(win.windowOpenHandler({ url }), url).toEqual({ action: 'deny' });
    }
    await settled();
    expect(electron.openExternal).not.toHaveBeenCalled();
    expect(logger.lines.some((l) => l.includes('Blocked window.open'))).toBe(true);
  });

  it('blocks navigation and redirects away from app://phone', () => {
    const { win } = open();
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      expect(navigate(win, event, 'https://evil.example/'), event).toBe(true);
      expect(navigate(win, event, 'file:///etc/passwd'), event).toBe(true);
      expect(navigate(win, event, 'app://other/index.html'), event).toBe(true);
      expect(navigate(win, event, 'app://phone/index.html'), event).toBe(false);
    }
  });
});
