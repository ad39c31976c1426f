import { EventEmitter } from 'node:events';
import { createStandInApp, type StandInApp } from './stand-in-app';
import { StandInSession, StandInWindow, type StandInWebContents } from './stand-in-windows';
import { preventableEvent, strict } from './strict';

// A stand-in for the `electron` module, wide enough for DeskPhone's main
// process and no wider (see strict.ts). Each piece is typed against
// electron.d.ts with Pick<…>, so a method the real API lacks does not compile.

export type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;
type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export interface StandInRecords {
  log: string[];
  app: StandInApp;
  session: StandInSession;
  windows: StandInWindow[];
  /** Every window ever created, closed ones included. */
  created: StandInWindow[];
  privilegedSchemes: Electron.CustomScheme[];
  protocolHandlers: Map<string, ProtocolHandler>;
  /** channel → every handler registered for it (more than one is a bug). */
  ipcHandlers: Map<string, InvokeHandler[]>;
  shortcuts: Map<string, () => void>;
  trays: Array<{ tooltip: string; menu: Electron.MenuItemConstructorOptions[]; destroyed: boolean }>;
  notifications: Array<{ options: Electron.NotificationConstructorOptions; shown: boolean }>;
  errorBoxes: Array<{ title: string; content: string }>;
  messageBoxes: Electron.MessageBoxOptions[];
  /** Which button the stand-in's native dialogs answer with. */
  messageBoxAnswer: number;
  openedExternally: string[];
}

export function createElectronStandIn(appPath: string): { electron: unknown; records: StandInRecords } {
  const log: string[] = [];
  const windows: StandInWindow[] = [];
  const session = strict('session.defaultSession', new StandInSession());
  const app = createStandInApp(log, appPath, () => [...windows]);
  const records: StandInRecords = {
    log,
    app,
    session,
    windows,
    created: [],
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    ipcHandlers: new Map(),
    shortcuts: new Map(),
    trays: [],
    notifications: [],
    errorBoxes: [],
    messageBoxes: [],
    messageBoxAnswer: 1,
    openedExternally: [],
  };

  class BrowserWindow extends StandInWindow {
    constructor(options: Electron.BrowserWindowConstructorOptions = {}) {
      super(options, session, windows);
      // The proxy is what the app holds, so it is what the registry holds too.
      const self = strict('BrowserWindow', this);
      windows.push(self);
      records.created.push(self);
      log.push('BrowserWindow');
      app.emit('web-contents-created', preventableEvent(), self.webContents);
      return self;
    }
    static fromWebContents(contents: StandInWebContents): BrowserWindow | null {
      return (windows.find((w) => w.webContents === contents) as BrowserWindow | undefined) ?? null;
    }
    static getAllWindows(): StandInWindow[] {
      return [...windows];
    }
  }

  const protocol: Pick<Electron.Protocol, 'registerSchemesAsPrivileged' | 'handle'> = {
    registerSchemesAsPrivileged(schemes) {
      log.push(`registerSchemesAsPrivileged:${schemes.map((s) => s.scheme).join(',')}`);
      records.privilegedSchemes.push(...schemes);
    },
    handle(scheme, handler) {
      log.push(`protocol.handle:${scheme}`);
      records.protocolHandlers.set(scheme, handler as ProtocolHandler);
    },
  };

  const ipcMain: Pick<Electron.IpcMain, 'handle' | 'removeHandler'> = {
    handle(channel, listener) {
      const list = records.ipcHandlers.get(channel) ?? [];
      list.push(listener as InvokeHandler);
      records.ipcHandlers.set(channel, list);
    },
    removeHandler(channel) {
      records.ipcHandlers.delete(channel);
    },
  };

  const safeStorage: Pick<
    Electron.SafeStorage,
    'isEncryptionAvailable' | 'encryptString' | 'decryptString' | 'getSelectedStorageBackend'
  > = {
    isEncryptionAvailable: () => true,
    // Reversible, and never the plain text: enough for the vault's own checks.
    encryptString: (text) => Buffer.from(`stand-in:${Buffer.from(text).toString('base64')}`),
    decryptString: (data) =>
      Buffer.from(data.toString().replace(/^stand-in:/, ''), 'base64').toString('utf8'),
    getSelectedStorageBackend: () => 'gnome_libsecret',
  };

  class Tray extends EventEmitter {
    private readonly record = {
      tooltip: '',
      menu: [] as Electron.MenuItemConstructorOptions[],
      destroyed: false,
    };
    constructor() {
      super();
      records.trays.push(this.record);
      log.push('Tray');
      return strict('Tray', this);
    }
    setImage(): void {}
    setToolTip(text: string): void {
      this.record.tooltip = text;
    }
    setContextMenu(menu: { template: Electron.MenuItemConstructorOptions[] }): void {
      this.record.menu = menu.template;
    }
    destroy(): void {
      this.record.destroyed = true;
      log.push('Tray.destroy');
    }
  }

  const Menu = { buildFromTemplate: (template: Electron.MenuItemConstructorOptions[]) => ({ template }) };
  const nativeImage = {
    createFromBuffer: () => strict('NativeImage', { addRepresentation: () => undefined }),
  };

  class Notification extends EventEmitter {
    private readonly record: { options: Electron.NotificationConstructorOptions; shown: boolean };
    static isSupported(): boolean {
      return true;
    }
    constructor(options: Electron.NotificationConstructorOptions) {
      super();
      this.record = { options, shown: false };
      records.notifications.push(this.record);
      return strict('Notification', this);
    }
    show(): void {
      this.record.shown = true;
    }
    close(): void {
      this.emit('close');
    }
  }

  const globalShortcut: Pick<
    Electron.GlobalShortcut,
    'register' | 'unregister' | 'unregisterAll' | 'isRegistered'
  > = {
    register(accelerator, callback) {
      records.shortcuts.set(accelerator, callback);
      return true;
    },
    unregister(accelerator) {
      records.shortcuts.delete(accelerator);
    },
    unregisterAll() {
      records.shortcuts.clear();
      log.push('globalShortcut.unregisterAll');
    },
    isRegistered: (accelerator) => records.shortcuts.has(accelerator),
  };

  const dialog: Pick<Electron.Dialog, 'showErrorBox' | 'showMessageBox'> = {
    showErrorBox(title, content) {
      records.errorBoxes.push({ title, content });
    },
    // The person at the desk: answers with the button the test chose (Cancel unless told).
    showMessageBox(...args: unknown[]) {
      const options = (args.length > 1 ? args[1] : args[0]) as Electron.MessageBoxOptions;
      records.messageBoxes.push(options);
      return Promise.resolve({ response: records.messageBoxAnswer, checkboxChecked: false });
    },
  };
  const shell: Pick<Electron.Shell, 'openExternal'> = {
    openExternal(url) {
      records.openedExternally.push(url);
      return Promise.resolve();
    },
  };
  const clipboard = {
    readText: () => Promise.resolve(''),
    writeText: () => Promise.resolve(),
    // Linux's primary selection.
    selection: strict('clipboard.selection', { readText: () => Promise.resolve('') }),
  } satisfies Pick<Electron.Clipboard, 'readText' | 'writeText'> & {
    selection: Pick<Electron.Clipboard, 'readText'>;
  };

  const electron = strict('electron', {
    app,
    BrowserWindow: strict('BrowserWindow (class)', BrowserWindow),
    session: strict('session', { defaultSession: session }),
    protocol: strict('protocol', protocol),
    ipcMain: strict('ipcMain', ipcMain),
    safeStorage: strict('safeStorage', safeStorage),
    Tray: strict('Tray (class)', Tray),
    Menu: strict('Menu', Menu),
    nativeImage: strict('nativeImage', nativeImage),
    Notification: strict('Notification (class)', Notification),
    globalShortcut: strict('globalShortcut', globalShortcut),
    powerMonitor: strict('powerMonitor', new EventEmitter()),
    dialog: strict('dialog', dialog),
    shell: strict('shell', shell),
    clipboard: strict('clipboard', clipboard),
  });
  return { electron, records };
}
