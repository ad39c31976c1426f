import { clipboard } from 'electron';
import type { ClipboardPort } from '../core/desk/ports';

// Clipboard reads for "call the selected number". Linux has a second
// clipboard, the primary selection (whatever the mouse last selected), which
// lets the user select a number and press the hotkey without copying it.

type Reader = { readText(...args: unknown[]): string | Promise<string> };

export function createClipboardPort(platform: NodeJS.Platform): ClipboardPort {
  return {
    async readSelection() {
      if (platform !== 'linux') return '';
      // Electron's typings here describe the selection as its own clipboard
      // object; other Electron builds take readText('selection'). Both work.
      const selection = (clipboard as unknown as { selection?: Reader }).selection;
      if (selection) return (await selection.readText()) ?? '';
      return (await (clipboard as unknown as Reader).readText('selection')) ?? '';
    },
    async readText() {
      return (await clipboard.readText()) ?? '';
    },
  };
}
