import type { DeskText } from '../i18n/desk-text';
import type { DeskSettings, DeskView, PhoneCommand } from '../../../contract/desk';
import type { Logger } from '../logger';
import type { HotkeyPort } from './hotkeys';
import type { TrayIcons } from './tray-icon';
import type { TrayModel } from './tray-model';

// What the desk controller needs from the desktop, as narrow ports. The
// Electron adapters (main/adapters) implement them in the app; unit tests and
// the end-to-end harness use in-memory fakes (e2e/fixtures/desk-fakes.ts).

export interface TrayPort {
  /** Shows the model: icon by state (16 and 32 px PNGs), tooltip and menu. */
  update(model: TrayModel, icons: TrayIcons): void;
}

export type NotificationAction = 'answer' | 'decline';
/** What the user did with a notification: a button, a click on its body, or closing it. */
export type NotificationEvent = NotificationAction | 'click' | 'closed';

export interface NotificationSpec {
  /** Stable per call, so the OS can replace or remove exactly this notification. */
  tag: string;
  title: string;
  body: string;
  /** Buttons, only where the platform shows them reliably (empty elsewhere). */
  actions: Array<{ id: NotificationAction; label: string }>;
  /** Stays on screen until closed (an incoming call), instead of timing out. */
  sticky: boolean;
  /** Shown as urgent (Linux: critical, which also passes some do-not-disturb filters). */
  urgent: boolean;
}

export interface NotificationHandle {
  close(): void;
}

export interface NotificationsPort {
  show(spec: NotificationSpec, onEvent: (event: NotificationEvent) => void): NotificationHandle;
}

export interface WindowPort {
  show(): void;
  focus(): void;
  hide(): void;
  isVisible(): boolean;
  /** Raises the window above others (restoring it if minimised), for a ringing call. */
  bringToFront(): void;
  /** Shows the window without taking the keyboard from the app the user is typing in. */
  showWithoutFocus?(): void;
}

/** A question only the person at the desk can answer, asked natively (never by the renderer). */
export interface ConfirmSpec {
  title: string;
  message: string;
  detail: string;
  /** The button that says yes; the other is Cancel, which is also the default. */
  confirmLabel: string;
}

export interface ConfirmPort {
  confirm(spec: ConfirmSpec): Promise<boolean>;
}

export interface ClipboardPort {
  /** Linux's primary selection (the text selected with the mouse); '' elsewhere. */
  readSelection(): string | Promise<string>;
  readText(): string | Promise<string>;
}

/** The app's badge (dock, taskbar launcher): unseen missed calls; 0 hides it. */
export interface BadgePort {
  setCount(count: number): void;
}

export interface LoginItemPort {
  set(enabled: boolean): void | Promise<void>;
}

/** Everything the desktop offers the controller. */
export interface DesktopPorts {
  tray: TrayPort;
  notifications: NotificationsPort;
  window: WindowPort;
  hotkeys: HotkeyPort;
  clipboard: ClipboardPort;
  loginItem: LoginItemPort;
  /** Optional: desktops without a badge (and the test fakes) leave it out. */
  badge?: BadgePort;
  /** Native confirmations; without one, whatever needs confirming is refused. */
  confirm?: ConfirmPort;
  /** Hands a checked http(s) URL to the system browser. */
  openExternal?(url: string): Promise<void>;
  /** Shows a file main wrote (a call recording) in the system's file manager. */
  revealFile?(path: string): void;
  /** Quits the app the normal way (windows close, the phone unregisters). */
  quit(): void;
}

/**
 * Ports that do nothing, for a core without a desktop (unit tests of other
 * features). Hotkeys "register" so no problems are reported.
 */
export function inertDesktopPorts(): DesktopPorts {
  return {
    tray: { update: () => undefined },
    notifications: { show: () => ({ close: () => undefined }) },
    window: {
      show: () => undefined,
      focus: () => undefined,
      hide: () => undefined,
      isVisible: () => true,
      bringToFront: () => undefined,
    },
    hotkeys: { register: () => true, unregister: () => undefined, unregisterAll: () => undefined },
    clipboard: { readSelection: () => '', readText: () => '' },
    loginItem: { set: () => undefined },
    quit: () => undefined,
  };
}

/** Where desk settings are read and saved (the settings store, policy applied). */
export interface DeskSettingsPort {
  get(): DeskSettings;
  save(next: DeskSettings): Promise<void>;
}

export interface DeskControllerOptions {
  desktop: DesktopPorts;
  settings: DeskSettingsPort;
  /** Delivers a command to the phone in the renderer. */
  sendCommand(command: PhoneCommand): void;
  /** Tells the renderer the desk view changed (saved, or changed from the tray). */
  onChanged?(view: DeskView): void;
  platform: NodeJS.Platform;
  logger: Logger;
  /** The tray's and notifications' words in the user's language (English when not given). */
  text?(): DeskText;
}
