import type { Session, WebFrameMain } from 'electron';
import type { HidAccess } from '../core/headsets/hid-access';
import { HidChooser, type ChooserDecision } from '../core/headsets/hid-chooser';
import type { Logger } from '../core/logger';

// Puts the headset rules (core/headsets) on the app's session: the permission
// check (with 'hid' decided by the headset rules and every other permission
// left to the window's own rules), the device permission handler, and the
// 'select-hid-device' chooser with its added/removed events. Only the
// translation from Electron's shapes lives here.

type HidSession = Pick<Session, 'setPermissionCheckHandler' | 'setDevicePermissionHandler' | 'on'>;

export interface HidPermissionsOptions {
  access: HidAccess;
  /** The session's rule for every permission other than 'hid' (media, notifications…), kept as it is. */
  otherPermissions: (permission: string, requestingOrigin: string) => boolean;
  logger: Logger;
  /** How long a request without a supported device waits for one to be plugged in (default 2 s). */
  graceMs?: number;
}

/** Process and routing ID: the same frame across Electron's events. Null when the frame is gone. */
function frameKeyOf(frame: WebFrameMain | null | undefined): string | null {
  try {
    return frame ? `${frame.processId}:${frame.routingId}` : null;
  } catch {
    return null; // a disposed frame throws on access
  }
}

function frameUrlOf(frame: WebFrameMain | null | undefined): string | null {
  try {
    return frame?.url ?? null;
  } catch {
    return null;
  }
}

const hex = (id: number | undefined) => (id === undefined ? '' : id.toString(16).padStart(4, '0'));

function logDecision(logger: Logger, decision: ChooserDecision): void {
  if (decision.outcome === 'granted') {
    logger.info('Headset call control: HID access granted', {
      vendor: decision.vendor ?? '',
      device: `${hex(decision.vendorId)}:${hex(decision.productId)}`,
    });
  } else {
    logger.info('Headset call control: HID request answered with no device', { reason: decision.outcome });
  }
}

/** Installs the handlers; returns the chooser (dispose() answers requests still open). */
export function installHidPermissions(session: HidSession, options: HidPermissionsOptions): HidChooser {
  const { access, otherPermissions, logger } = options;
  session.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) => {
    if (permission === 'hid') return access.mayUseHid(requestingOrigin, details?.securityOrigin);
    return otherPermissions(String(permission), requestingOrigin);
  });
  // Without this handler Chromium would fall back to grants remembered from the chooser;
  // with it, the settings in force decide every time a device is listed or opened.
  session.setDevicePermissionHandler((details) => access.devicePermission(details));

  const chooser = new HidChooser(access, {
    ...(options.graceMs !== undefined ? { graceMs: options.graceMs } : {}),
    onDecision: (decision) => logDecision(logger, decision),
  });
  session.on('select-hid-device', (event, details, callback) => {
    // Unprevented, Electron cancels the request itself; the answer comes from the chooser.
    event.preventDefault();
    chooser.select({
      frameKey: frameKeyOf(details.frame),
      frameUrl: frameUrlOf(details.frame),
      deviceList: Array.isArray(details.deviceList) ? details.deviceList : [],
      answer: (deviceId) => callback(deviceId),
    });
  });
  session.on('hid-device-added', (_event, details) => {
    chooser.deviceAdded(frameKeyOf(details.frame), details.device);
  });
  session.on('hid-device-removed', (_event, details) => {
    chooser.deviceRemoved(frameKeyOf(details.frame), details.device);
  });
  return chooser;
}
