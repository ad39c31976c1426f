import { BrowserWindow, type Session, type WebPreferences } from 'electron';
import { APP_ORIGIN } from '../../contract/ipc';
import type { HidAccess } from '../core/headsets/hid-access';
import type { Logger } from '../core/logger';
import { externalLinkTarget, isInternalNavigation, isPermissionAllowed } from '../core/web-rules';
import { installHidPermissions } from './hid-permissions';

// The one app window, locked down: the renderer gets no Node, runs sandboxed
// and isolated, may not open windows or navigate away from app://phone, and
// may use only the microphone/camera, notifications and the local network,
// and, given the headset rules, the HID interface of a supported headset.

export interface MainWindowOptions {
  /** dist/preload/index.cjs: a single sandbox-safe CommonJS file. */
  preloadPath: string;
  logger: Logger;
  /** Page to load; defaults to app://phone/index.html. */
  startUrl?: string;
  /** False to load the phone without showing it (the desk setting "start minimized"). */
  showWhenReady?: boolean;
  /**
   * A plain web link the page asked to open, with the time of the last click
   * or key press in the window (null: none). Main decides; without this
   * callback nothing is ever opened.
   */
  openLink?: (url: string, gestureAt: number | null) => void;
  /**
   * Headset call control (WebHID): which headsets the page may use, read from
   * the settings in force on every decision. Without it every HID device is denied.
   */
  hid?: HidAccess;
}

/** Input that only a person produces: what counts as the reason for opening a link. */
const USER_INPUT = new Set(['mouseDown', 'mouseUp', 'keyDown', 'rawKeyDown', 'gestureTap', 'touchStart']);

const ALLOWED_ORIGINS = [APP_ORIGIN];

/** The window's web preferences; exported so the unit test can pin every value. */
export function mainWindowWebPreferences(preloadPath: string): WebPreferences {
  return {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    preload: preloadPath,
    // An incoming call must ring before anyone has clicked in the window.
    autoplayPolicy: 'no-user-gesture-required',
    // A phone sits in the background for hours: throttled timers would delay
    // SIP registration refreshes and the ring tone of an incoming call.
    backgroundThrottling: false,
    // Spellcheck would send typed text (SIP addresses, server names) to the
    // dictionary service and download dictionaries; the form needs none of it.
    spellcheck: false,
    // Middle-click cannot open anything either (window.open is denied anyway).
    disableBlinkFeatures: 'Auxclick',
  };
}

export function createMainWindow({
  preloadPath,
  logger,
  startUrl = `${APP_ORIGIN}/index.html`,
  showWhenReady = true,
  openLink,
  hid,
}: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 420,
    height: 720,
    minWidth: 340,
    minHeight: 480,
    title: 'DeskPhone',
    show: false,
    webPreferences: {
      ...mainWindowWebPreferences(preloadPath),
      // Repeated where the window is made, so a reviewer (and Electronegativity) sees them here.
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });

  lockDownSession(win.webContents.session, logger, hid);

  let gestureAt: number | null = null;
  win.webContents.on('input-event', (_event, input) => {
    if (USER_INPUT.has(input.type)) gestureAt = Date.now();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    // Nothing ever opens inside a new Electron window. Plain web links go to
    // main, which wants a recent click or key press and asks the user natively.
    const target = externalLinkTarget(url);
    if (target && openLink) openLink(target, gestureAt);
    else logger.warn('Blocked window.open of a non-web URL');
    return { action: 'deny' };
  });

  win.webContents.on('will-navigate', (event, url) => {
    if (!isInternalNavigation(url, ALLOWED_ORIGINS)) {
      event.preventDefault();
      logger.warn('Blocked navigation away from the app');
    }
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isInternalNavigation(url, ALLOWED_ORIGINS)) {
      event.preventDefault();
      logger.warn('Blocked a redirect away from the app');
    }
  });
  win.webContents.on('render-process-gone', (_event, details) => {
    logger.error('The app page stopped', { reason: details.reason, exitCode: details.exitCode });
  });

  // Hidden or not, the page loads: the phone registers and can ring either way.
  if (showWhenReady) win.once('ready-to-show', () => win.show());
  void win.loadURL(startUrl).catch(() => logger.error('Loading the app page failed'));
  return win;
}

/** Permission handlers per session; installed once even with several windows. */
const lockedSessions = new WeakSet<Session>();

function lockDownSession(session: Session, logger: Logger, hid: HidAccess | undefined): void {
  if (lockedSessions.has(session)) return;
  lockedSessions.add(session);
  // 'local-network-access' lets the page reach a PBX on a private address
  // (Chromium's Local Network Access checks); the string is passed as is in
  // case an Electron version's typings do not list it.
  session.setPermissionRequestHandler((_webContents, permission, callback, details) => {
    callback(isPermissionAllowed(String(permission), details.requestingUrl, ALLOWED_ORIGINS));
  });
  const allowed = (permission: string, requestingOrigin: string) =>
    isPermissionAllowed(permission, requestingOrigin, ALLOWED_ORIGINS);
  if (hid) {
    // The same rules for every other permission; 'hid' and HID devices follow the headset rules.
    installHidPermissions(session, { access: hid, otherPermissions: allowed, logger });
    return;
  }
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin) => {
    return allowed(String(permission), requestingOrigin);
  });
  // WebUSB, WebHID, WebSerial, Bluetooth: denied. Headsets reach the page as
  // audio devices through 'media'; their buttons need the headset rules above.
  session.setDevicePermissionHandler(() => false);
}
