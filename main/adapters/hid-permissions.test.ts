import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defaultHeadsetSettings, type HeadsetSettings } from '../../contract/headsets';
import { HidAccess } from '../core/headsets/hid-access';
import { CHOOSER_GRACE_MS } from '../core/headsets/hid-chooser';
import { JABRA, KEYBOARD, POLY } from '../core/headsets/test-devices';
import { createMemoryLogger } from '../core/logger';

// The headset rules as the app window installs them on its session, against a
// stand-in 'electron': Electron's own callbacks and events (permission check,
// device permission, select-hid-device, hid-device-added/removed) are driven
// with the shapes electron.d.ts (Electron 45) gives them.

const electron = vi.hoisted(() => ({ nextSession: null as unknown }));

vi.mock('electron', () => {
  class BrowserWindow {
    readonly webContents = {
      session: electron.nextSession,
      on: () => undefined,
      setWindowOpenHandler: () => undefined,
    };
    once() {}
    show() {}
    loadURL = async () => undefined;
  }
  return { BrowserWindow };
});

const { createMainWindow } = await import('./main-window');

class FakeSession extends EventEmitter {
  setPermissionRequestHandler = vi.fn();
  setPermissionCheckHandler = vi.fn();
  setDevicePermissionHandler = vi.fn();
}

type CheckHandler = (
  wc: unknown,
  permission: string,
  origin: string,
  details: { securityOrigin?: string },
) => boolean;
type DeviceHandler = (details: unknown) => boolean;

const OUR_FRAME = { processId: 4, routingId: 1, url: 'app://phone/index.html' };

function open(initial: Partial<HeadsetSettings> = {}) {
  let settings: HeadsetSettings = { ...defaultHeadsetSettings, ...initial };
  const session = new FakeSession();
  electron.nextSession = session;
  const logger = createMemoryLogger();
  const hid = new HidAccess({ origin: 'app://phone', headset: () => settings });
  createMainWindow({ preloadPath: '/p.cjs', logger, hid });
  const check = (permission: string, origin: string, securityOrigin?: string) =>
    (session.setPermissionCheckHandler.mock.calls[0]![0] as CheckHandler)(null, permission, origin, {
      ...(securityOrigin ? { securityOrigin } : {}),
    });
  const device = (details: unknown) =>
    (session.setDevicePermissionHandler.mock.calls[0]![0] as DeviceHandler)(details);
  /** Emits select-hid-device; returns what the callback got and whether the default was prevented. */
  const choose = (deviceList: unknown[], frame: unknown = OUR_FRAME) => {
    const got: Array<string | null | undefined> = [];
    const event = { preventDefault: vi.fn() };
    session.emit('select-hid-device', event, { deviceList, frame }, (id?: string | null) => got.push(id));
    return { got, event };
  };
  const set = (next: Partial<HeadsetSettings>) => {
    settings = { ...settings, ...next };
  };
  return { session, logger, check, device, choose, set };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('HID permissions on the app session', () => {
  it('keeps every other permission as it was: media for our page only', () => {
    const { check, session } = open();
    expect(check('media', 'app://phone')).toBe(true);
    expect(check('notifications', 'app://phone/')).toBe(true);
    expect(check('media', 'https://evil.example')).toBe(false);
    expect(check('geolocation', 'app://phone')).toBe(false);
    expect(check('usb', 'app://phone')).toBe(false);
    expect(check('serial', 'app://phone')).toBe(false);
    // The request handler is the window's own, untouched.
    expect(session.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
  });

  it('lets our page use WebHID; another origin is denied', () => {
    const { check } = open();
    expect(check('hid', 'app://phone/', 'app://phone/')).toBe(true);
    expect(check('hid', 'https://evil.example/', 'https://evil.example/')).toBe(false);
    expect(check('hid', 'app://phone/', 'https://evil.example/')).toBe(false);
  });

  it('grants a Jabra headset to our page; denies it to another origin, and denies a keyboard and USB', () => {
    const { device } = open();
    expect(device({ deviceType: 'hid', origin: 'app://phone', device: JABRA })).toBe(true);
    expect(device({ deviceType: 'hid', origin: 'https://evil.example', device: JABRA })).toBe(false);
    expect(device({ deviceType: 'hid', origin: 'app://phone', device: KEYBOARD })).toBe(false);
    expect(device({ deviceType: 'usb', origin: 'app://phone', device: JABRA })).toBe(false);
    expect(device({})).toBe(false);
  });

  it('the chooser takes the Poly from [keyboard, Poly] without a pop-up, and logs it', () => {
    const { choose, logger } = open();
    const { got, event } = choose([KEYBOARD, POLY]);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(got).toEqual(['poly-1']);
    expect(logger.lines.some((l) => l.includes('HID access granted') && l.includes('047f:c056'))).toBe(true);
  });

  it('a keyboard only: the callback gets "" and nothing is granted', () => {
    const { choose } = open();
    const { got, event } = choose([KEYBOARD]);
    expect(event.preventDefault).toHaveBeenCalledTimes(1);
    expect(got).toEqual([]);
    vi.advanceTimersByTime(CHOOSER_GRACE_MS);
    expect(got).toEqual(['']);
  });

  it('a headset plugged in while the page asks (hid-device-added) is granted; one from another frame is not', () => {
    const { choose, session } = open();
    const { got } = choose([]);
    session.emit('hid-device-added', {}, { device: JABRA, frame: { ...OUR_FRAME, routingId: 9 } });
    expect(got).toEqual([]);
    session.emit('hid-device-removed', {}, { device: KEYBOARD, frame: OUR_FRAME });
    session.emit('hid-device-added', {}, { device: JABRA, frame: OUR_FRAME });
    expect(got).toEqual(['jabra-1']);
  });

  it('answers "" to a frame of another origin and to a disposed frame', () => {
    const { choose } = open();
    expect(choose([JABRA], { ...OUR_FRAME, url: 'https://evil.example/' }).got).toEqual(['']);
    const disposed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      processId: 4,
      routingId: 1,
    };
    expect(choose([JABRA], disposed).got).toEqual(['']);
    expect(choose([JABRA], null).got).toEqual(['']);
  });

  it('vendors narrowed to Jabra: Poly denied everywhere', () => {
    const { device, choose } = open({ vendors: ['jabra'] });
    expect(device({ deviceType: 'hid', origin: 'app://phone', device: POLY })).toBe(false);
    expect(device({ deviceType: 'hid', origin: 'app://phone', device: JABRA })).toBe(true);
    expect(choose([POLY, JABRA]).got).toEqual(['jabra-1']);
  });

  it('call control off: every device denied, the HID check false, the chooser answers ""; media unaffected', () => {
    const { device, check, choose } = open({ callControl: false });
    expect(device({ deviceType: 'hid', origin: 'app://phone', device: JABRA })).toBe(false);
    expect(check('hid', 'app://phone/', 'app://phone/')).toBe(false);
    expect(choose([JABRA]).got).toEqual(['']);
    expect(check('media', 'app://phone')).toBe(true);
  });

  it('a settings change applies at once, with the handlers installed only once', () => {
    const { device, check, set, session, choose } = open();
    expect(device({ deviceType: 'hid', origin: 'app://phone', device: POLY })).toBe(true);
    set({ vendors: ['jabra'] });
    expect(device({ deviceType: 'hid', origin: 'app://phone', device: POLY })).toBe(false);
    set({ callControl: false });
    expect(check('hid', 'app://phone/')).toBe(false);
    expect(choose([JABRA]).got).toEqual(['']);
    set({ callControl: true, vendors: ['poly'] });
    expect(check('hid', 'app://phone/')).toBe(true);
    expect(choose([JABRA, POLY]).got).toEqual(['poly-1']);
    expect(session.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(session.setDevicePermissionHandler).toHaveBeenCalledTimes(1);
    expect(session.listenerCount('select-hid-device')).toBe(1);
  });
});
