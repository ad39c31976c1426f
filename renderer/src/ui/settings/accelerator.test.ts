import { describe, expect, it } from 'vitest';
import { acceleratorFromKey, type KeyLike } from './accelerator';

const press = (key: string, code: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('acceleratorFromKey', () => {
  it('records Ctrl+Alt+Shift+A on Windows and Linux', () => {
    expect(
      acceleratorFromKey(press('A', 'KeyA', { ctrlKey: true, altKey: true, shiftKey: true }), false),
    ).toBe('CommandOrControl+Alt+Shift+A');
  });

  it('uses the physical key so Shift and layouts do not change digits', () => {
    expect(acceleratorFromKey(press('!', 'Digit1', { ctrlKey: true, shiftKey: true }), false)).toBe(
      'CommandOrControl+Shift+1',
    );
    expect(acceleratorFromKey(press('q', 'KeyA', { ctrlKey: true }), false)).toBe('CommandOrControl+A');
  });

  it('maps Cmd on macOS to CommandOrControl and keeps Control separate', () => {
    expect(acceleratorFromKey(press('h', 'KeyH', { metaKey: true, altKey: true }), true)).toBe(
      'CommandOrControl+Alt+H',
    );
    expect(acceleratorFromKey(press('h', 'KeyH', { metaKey: true, ctrlKey: true }), true)).toBe(
      'CommandOrControl+Control+H',
    );
  });

  it('names function, arrow, space and media keys as Electron does', () => {
    expect(acceleratorFromKey(press('F13', 'F13'), false)).toBe('F13');
    expect(acceleratorFromKey(press('ArrowUp', 'ArrowUp', { altKey: true }), false)).toBe('Alt+Up');
    expect(acceleratorFromKey(press(' ', 'Space', { ctrlKey: true }), false)).toBe('CommandOrControl+Space');
    expect(acceleratorFromKey(press('MediaPlayPause', 'MediaPlayPause'), false)).toBe('MediaPlayPause');
  });

  it('waits while only modifiers are down, and ignores keys it cannot name', () => {
    expect(acceleratorFromKey(press('Control', 'ControlLeft', { ctrlKey: true }), false)).toBeNull();
    expect(acceleratorFromKey(press('Dead', 'BracketLeft', { ctrlKey: true }), false)).toBeNull();
  });
});
