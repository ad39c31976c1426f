import { describe, expect, it } from 'vitest';
import { acceleratorFromText, displayAccelerator, keyPlatform, type KeyWords } from './accelerator-display';

const GERMAN: KeyWords = {
  ctrl: 'Strg',
  alt: 'Alt',
  shift: 'Umschalt',
  super: 'Win',
  space: 'Leertaste',
  enter: 'Eingabe',
  escape: 'Esc',
  delete: 'Entf',
};

describe('displayAccelerator on Windows and Linux', () => {
  it('writes CommandOrControl as Ctrl, modifiers in the usual order', () => {
    expect(displayAccelerator('CommandOrControl+Alt+Shift+A', 'other')).toBe('Ctrl+Alt+Shift+A');
    expect(displayAccelerator('Shift+Alt+CmdOrCtrl+H', 'other')).toBe('Ctrl+Alt+Shift+H');
    expect(displayAccelerator('Super+F13', 'other')).toBe('Super+F13');
  });

  it("uses the language's key names from the catalogue", () => {
    expect(displayAccelerator('CommandOrControl+Alt+Shift+A', 'other', GERMAN)).toBe('Strg+Alt+Umschalt+A');
    expect(displayAccelerator('CommandOrControl+Space', 'other', GERMAN)).toBe('Strg+Leertaste');
  });

  it('leaves empty and unknown text alone', () => {
    expect(displayAccelerator('', 'other')).toBe('');
    expect(displayAccelerator('F13', 'other')).toBe('F13');
    expect(displayAccelerator('Banana+A', 'other')).toBe('Banana+A');
  });
});

describe('displayAccelerator on macOS', () => {
  it('writes symbols in Apple order ⌃⌥⇧⌘ then the key', () => {
    expect(displayAccelerator('CommandOrControl+Alt+Shift+A', 'mac')).toBe('⌥⇧⌘A');
    expect(displayAccelerator('CommandOrControl+Control+H', 'mac')).toBe('⌃⌘H');
    expect(displayAccelerator('Shift+Control+Alt+CommandOrControl+Space', 'mac')).toBe('⌃⌥⇧⌘␣');
    expect(displayAccelerator('Alt+Up', 'mac')).toBe('⌥↑');
  });
});

describe('acceleratorFromText', () => {
  it("reads the platform's words and Electron's", () => {
    expect(acceleratorFromText('Ctrl+Alt+Shift+J')).toBe('CommandOrControl+Alt+Shift+J');
    expect(acceleratorFromText('Strg + Alt + Umschalt + J', GERMAN)).toBe('CommandOrControl+Alt+Shift+J');
    expect(acceleratorFromText('CommandOrControl+Alt+Shift+K')).toBe('CommandOrControl+Alt+Shift+K');
  });
});

describe('keyPlatform', () => {
  it('prefers userAgentData and recognises macOS', () => {
    expect(keyPlatform({ platform: 'MacIntel' })).toBe('mac');
    expect(keyPlatform({ platform: 'Win32' })).toBe('other');
    expect(keyPlatform({ platform: '', userAgentData: { platform: 'macOS' } })).toBe('mac');
    expect(keyPlatform({ platform: 'Linux x86_64', userAgentData: { platform: 'Linux' } })).toBe('other');
  });
});
