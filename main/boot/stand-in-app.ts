import { EventEmitter } from 'node:events';
import { preventableEvent, strict } from './strict';

// The stand-in's `app`, with Electron's lifecycle: 'ready' when the test says
// so, and quit() going through 'before-quit', closing every window (which may
// refuse), then 'will-quit' and 'quit', as Electron documents it.

type AppSurface = Pick<
  Electron.App,
  | 'enableSandbox'
  | 'commandLine'
  | 'requestSingleInstanceLock'
  | 'quit'
  | 'exit'
  | 'whenReady'
  | 'isReady'
  | 'setPath'
  | 'getPath'
  | 'setAppLogsPath'
  | 'getAppPath'
  | 'setAsDefaultProtocolClient'
  | 'isDefaultProtocolClient'
  | 'getApplicationNameForProtocol'
  | 'setLoginItemSettings'
  | 'setBadgeCount'
  | 'focus'
  | 'isPackaged'
  | 'getVersion'
  | 'getName'
  | 'getLocaleCountryCode'
  | 'getLocale'
>;

export interface Closable {
  close(): void;
  isDestroyed(): boolean;
}

export class StandInApp extends EventEmitter implements AppSurface {
  /** What happened, in order ("enableSandbox", "ready", "quit:before-quit" …), shared with the other fakes. */
  constructor(
    private readonly log: string[],
    private readonly appPath: string,
    private readonly windows: () => Closable[],
  ) {
    super();
  }

  readonly isPackaged = false;
  readonly paths = new Map<string, string>([
    ['temp', '/tmp'],
    // Electron always knows the user's Documents folder (the default for call recordings).
    ['documents', '/tmp/deskphone-stand-in-documents'],
  ]);
  readonly defaultProtocolClients = new Set<string>();
  readonly exitCodes: number[] = [];
  badgeCount = 0;
  private readyNow = false;
  private markReady!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.markReady = resolve));

  /** The test's part: Electron has finished starting. */
  becomeReady(): void {
    this.log.push('ready');
    this.readyNow = true;
    this.emit('ready', preventableEvent(), {});
    this.markReady();
  }

  /** Chromium's command line: what main appends is in the log ("appendSwitch:name=value"). */
  readonly commandLine: Electron.CommandLine = (() => {
    const switches = new Map<string, string>();
    return {
      appendSwitch: (name: string, value?: string) => {
        this.log.push(`appendSwitch:${name}=${value ?? ''}`);
        switches.set(name, value ?? '');
      },
      appendArgument: (value: string) => this.log.push(`appendArgument:${value}`),
      hasSwitch: (name: string) => switches.has(name),
      getSwitchValue: (name: string) => switches.get(name) ?? '',
      removeSwitch: (name: string) => void switches.delete(name),
    };
  })();

  enableSandbox(): void {
    this.log.push('enableSandbox');
  }
  requestSingleInstanceLock(): boolean {
    this.log.push('requestSingleInstanceLock');
    return true;
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.readyNow;
  }
  exit(code = 0): void {
    this.log.push(`exit:${code}`);
    this.exitCodes.push(code);
  }
  quit(): void {
    this.log.push('quit');
    const beforeQuit = preventableEvent();
    this.emit('before-quit', beforeQuit);
    if (beforeQuit.defaultPrevented) return;
    for (const win of this.windows()) {
      win.close();
      // A window that refused to close (close-to-tray) stops the quit, as in Electron.
      if (!win.isDestroyed()) return;
    }
    const willQuit = preventableEvent();
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.log.push('quit:done');
    this.emit('quit', preventableEvent(), 0);
  }
  setPath(name: string, path: string): void {
    this.paths.set(name, path);
  }
  getPath(name: string): string {
    const path = this.paths.get(name);
    if (!path) throw new Error(`app.getPath('${name}') before it was set`);
    return path;
  }
  setAppLogsPath(path?: string): void {
    if (path) this.paths.set('logs', path);
  }
  getAppPath(): string {
    return this.appPath;
  }
  setAsDefaultProtocolClient(protocol: string): boolean {
    this.defaultProtocolClients.add(protocol);
    return true;
  }
  isDefaultProtocolClient(protocol: string): boolean {
    return this.defaultProtocolClients.has(protocol);
  }
  getApplicationNameForProtocol(): string {
    return '';
  }
  /** Electron answers '' when the OS names no country; main then falls back to US. */
  getLocaleCountryCode(): string {
    return 'GB';
  }
  getLocale(): string {
    return 'en-GB';
  }
  setLoginItemSettings(): void {
    this.log.push('setLoginItemSettings');
  }
  setBadgeCount(count = 0): boolean {
    this.badgeCount = count;
    return true;
  }
  focus(): void {
    this.log.push('app.focus');
  }
  getVersion(): string {
    return '0.0.0-boot-test';
  }
  getName(): string {
    return 'DeskPhone';
  }
}

export function createStandInApp(log: string[], appPath: string, windows: () => Closable[]): StandInApp {
  return strict('app', new StandInApp(log, appPath, windows));
}
