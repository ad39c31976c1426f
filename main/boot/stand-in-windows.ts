import { EventEmitter } from 'node:events';
import { preventableEvent, strict } from './strict';

// Windows, their web contents and the default session of the stand-in: each
// records what the app asked of it, so the boot test can check the window's
// security preferences, handlers and what main sent to the page.

export type PermissionRequestHandler = Parameters<Electron.Session['setPermissionRequestHandler']>[0];
export type PermissionCheckHandler = Parameters<Electron.Session['setPermissionCheckHandler']>[0];

type SessionSurface = Pick<
  Electron.Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setCertificateVerifyProc'
>;

/** Also an EventEmitter: the app listens for 'select-hid-device' and the HID device events. */
export class StandInSession extends EventEmitter implements SessionSurface {
  permissionRequest: PermissionRequestHandler = null;
  permissionCheck: PermissionCheckHandler = null;
  devicePermission: Parameters<Electron.Session['setDevicePermissionHandler']>[0] = null;
  certificateVerifyProc: Parameters<Electron.Session['setCertificateVerifyProc']>[0] | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.permissionCheck = handler;
  }
  setDevicePermissionHandler(handler: Parameters<Electron.Session['setDevicePermissionHandler']>[0]): void {
    this.devicePermission = handler;
  }
  setCertificateVerifyProc(proc: Parameters<Electron.Session['setCertificateVerifyProc']>[0]): void {
    this.certificateVerifyProc = proc;
  }
}

let nextId = 1;

export interface FrameRecord {
  url: string;
  processId: number;
  routingId: number;
  parent: FrameRecord | null;
}

export class StandInWebContents extends EventEmitter {
  readonly id = nextId++;
  readonly mainFrame: FrameRecord;
  windowOpenHandler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0] | null = null;
  /** Every webContents.send(channel, payload), in order. */
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  private destroyed = false;

  constructor(readonly session: StandInSession) {
    super();
    this.mainFrame = { url: '', processId: 100 + this.id, routingId: 1, parent: null };
  }

  setWindowOpenHandler(handler: Parameters<Electron.WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, payload: args[0] });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

type WindowSurface = Pick<
  Electron.BrowserWindow,
  | 'loadURL'
  | 'show'
  | 'hide'
  | 'isVisible'
  | 'isMinimized'
  | 'restore'
  | 'focus'
  | 'isDestroyed'
  | 'close'
  | 'destroy'
  | 'setAlwaysOnTop'
  | 'flashFrame'
  | 'showInactive'
  | 'moveTop'
>;

export class StandInWindow extends EventEmitter implements WindowSurface {
  readonly webContents: StandInWebContents;
  readonly loadedUrls: string[] = [];
  visible = false;
  private destroyed = false;

  constructor(
    readonly options: Electron.BrowserWindowConstructorOptions,
    session: StandInSession,
    private readonly registry: StandInWindow[],
  ) {
    super();
    this.webContents = strict('webContents', new StandInWebContents(session));
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
    this.emit('show');
  }
  hide(): void {
    this.visible = false;
    this.emit('hide');
  }
  isVisible(): boolean {
    return this.visible;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Like Electron: 'close' may be prevented; otherwise the window goes and 'closed' follows. */
  close(): void {
    if (this.destroyed) return;
    const event = preventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroy();
  }
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.webContents.destroy();
    this.registry.splice(this.registry.indexOf(this), 1);
    this.emit('closed');
  }
  setAlwaysOnTop(): void {}
  flashFrame(): void {}
  showInactive(): void {
    this.visible = true;
    this.emit('show');
  }
  moveTop(): void {}
}
