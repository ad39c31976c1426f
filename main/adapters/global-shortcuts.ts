import { globalShortcut } from 'electron';
import type { HotkeyPort } from '../core/desk/hotkeys';

// Global hotkeys through Electron's globalShortcut. Valid only after 'ready'.
// Checking, duplicates and messages live in core/desk/hotkeys.ts.

export function createHotkeyPort(): HotkeyPort {
  return {
    register: (accelerator, callback) => globalShortcut.register(accelerator, callback),
    unregister: (accelerator) => globalShortcut.unregister(accelerator),
    unregisterAll: () => globalShortcut.unregisterAll(),
  };
}
