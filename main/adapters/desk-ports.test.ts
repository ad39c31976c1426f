import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOTKEYS } from '../../contract/desk';
import { HotkeyRegistry } from '../core/desk/hotkeys';

// The small desk adapters against a stand-in 'electron': globalShortcut
// (through the real HotkeyRegistry), the clipboard, and the window port with
// close-to-tray.

const electron = vi.hoisted(() => ({
  shortcuts: new Map<string, () => void>(),
  refused: new Set<string>(),
  unregisterAll: 0,
  clipboardText: '',
  selectionText: '',
}));

vi.mock('electron', () => ({
  globalShortcut: {
    register: (accelerator: string, callback: () => void) => {
      if (electron.refused.has(accelerator)) return false;
      electron.shortcuts.set(accelerator, callback);
      return true;
    },
    unregister: (accelerator: string) => electron.shortcuts.delete(accelerator),
    unregisterAll: () => {
      electron.unregisterAll++;
      electron.shortcuts.clear();
    },
  },
  clipboard: {
    readText: async () => electron.clipboardText,
    selection: { readText: async () => electron.selectionText },
  },
}));

const { createHotkeyPort } = await import('./global-shortcuts');
const { createClipboardPort } = await import('./clipboard');
const { closeToTray, createWindowPort } = await import('./desk-window');

beforeEach(() => {
  electron.shortcuts.clear();
  electron.refused.clear();
  electron.unregisterAll = 0;
});

describe('global shortcuts adapter', () => {
  it('registers through globalShortcut, reports refusals and releases everything', () => {
    const pressed: string[] = [];
    electron.refused.add('Control+Alt+Shift+M');
    const registry = new HotkeyRegistry(createHotkeyPort(), 'linux', (a) => pressed.push(a));
    const problems = registry.apply(DEFAULT_HOTKEYS);
    expect(problems).toEqual({
      toggleMute: 'The system refused Ctrl+Alt+Shift+M; another program probably uses it.',
    });
    electron.shortcuts.get('Control+Alt+Shift+A')!();
    expect(pressed).toEqual(['answer']);
    registry.releaseAll();
    expect(electron.unregisterAll).toBe(1);
    expect(electron.shortcuts.size).toBe(0);
  });
});

describe('clipboard adapter', () => {
  it('reads the primary selection on Linux only', async () => {
    electron.selectionText = '020 7946 0018';
    electron.clipboardText = '+1 212 555 0100';
    expect(await createClipboardPort('linux').readSelection()).toBe('020 7946 0018');
    expect(await createClipboardPort('win32').readSelection()).toBe('');
    expect(await createClipboardPort('darwin').readText()).toBe('+1 212 555 0100');
  });
});

type Listener = (event: { preventDefault(): void }) => void;

function fakeWindow() {
  const listeners = new Map<string, Listener>();
  return {
    listeners,
    minimized: true,
    visible: false,
    onTop: [] as boolean[],
    focused: 0,
    flashed: 0,
    destroyed: false,
    on(event: string, listener: Listener) {
      listeners.set(event, listener);
    },
    isDestroyed() {
      return this.destroyed;
    },
    isMinimized() {
      return this.minimized;
    },
    restore() {
      this.minimized = false;
    },
    show() {
      this.visible = true;
    },
    hide() {
      this.visible = false;
    },
    isVisible() {
      return this.visible;
    },
    focus() {
      this.focused++;
    },
    setAlwaysOnTop(on: boolean) {
      this.onTop.push(on);
    },
    flashFrame() {
      this.flashed++;
    },
    inactiveShows: 0,
    raised: 0,
    showInactive() {
      this.visible = true;
      this.inactiveShows++;
    },
    moveTop() {
      this.raised++;
    },
  };
}

describe('window port', () => {
  it('restores, shows and focuses; on macOS it also takes focus from the front app', () => {
    const win = fakeWindow();
    const app = { focus: vi.fn() };
    const port = createWindowPort(() => win as never, app, 'darwin');
    port.show();
    port.focus();
    expect(win).toMatchObject({ minimized: false, visible: true, focused: 1 });
    expect(app.focus).toHaveBeenCalledWith({ steal: true });
    expect(port.isVisible()).toBe(true);
  });

  it('raises the window above others for a moment when a call rings', () => {
    vi.useFakeTimers();
    const win = fakeWindow();
    const port = createWindowPort(() => win as never, { focus: vi.fn() }, 'win32');
    port.bringToFront();
    expect(win.onTop).toEqual([true]);
    expect(win.flashed).toBe(1);
    vi.advanceTimersByTime(2000);
    expect(win.onTop).toEqual([true, false]);
    vi.useRealTimers();
  });

  it('shows a dial confirmation without taking the keyboard from the app the user types in', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const win = fakeWindow();
      const app = { focus: vi.fn() };
      const port = createWindowPort(() => win as never, app, platform);
      port.showWithoutFocus!();
      expect(win).toMatchObject({ minimized: false, visible: true, inactiveShows: 1, raised: 1, focused: 0 });
      expect(app.focus).not.toHaveBeenCalled();
    }
  });

  it('does nothing without a window', () => {
    const port = createWindowPort(() => null, { focus: vi.fn() }, 'linux');
    expect(() => {
      port.show();
      port.focus();
      port.hide();
      port.bringToFront();
    }).not.toThrow();
    expect(port.isVisible()).toBe(false);
  });

  it('hides instead of closing when close-to-tray is on, but lets a quit close it', () => {
    const win = fakeWindow();
    win.visible = true;
    let enabled = true;
    let quitting = false;
    closeToTray(win as never, { enabled: () => enabled, quitting: () => quitting });
    const close = () => {
      let prevented = false;
      win.listeners.get('close')!({ preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(close()).toBe(true);
    expect(win.visible).toBe(false);
    quitting = true;
    expect(close()).toBe(false);
    quitting = false;
    enabled = false;
    expect(close()).toBe(false);
  });
});
