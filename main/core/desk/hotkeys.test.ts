import { describe, expect, it } from 'vitest';
import { DEFAULT_HOTKEYS, type HotkeyAction } from '../../../contract/desk';
import { FakeHotkeys } from '../../../e2e/fixtures/desk-fakes';
import { checkAccelerator } from './accelerator';
import { HotkeyRegistry, type Hotkeys } from './hotkeys';

function setup(platform: NodeJS.Platform = 'linux') {
  const port = new FakeHotkeys();
  const pressed: HotkeyAction[] = [];
  const registry = new HotkeyRegistry(port, platform, (action) => pressed.push(action));
  return { port, pressed, registry };
}

const NONE: Hotkeys = {
  answer: null,
  hangup: null,
  toggleMute: null,
  toggleHold: null,
  dialSelection: null,
  showWindow: null,
};

describe('accelerator check', () => {
  it.each([
    ['CommandOrControl+Alt+Shift+A', 'linux', 'Ctrl+Alt+Shift+A', 'Control+Alt+Shift+A'],
    ['CmdOrCtrl+Alt+Shift+A', 'darwin', 'Cmd+Option+Shift+A', 'Command+Alt+Shift+A'],
    ['ctrl+alt+f5', 'win32', 'Ctrl+Alt+F5', 'Control+Alt+F5'],
    ['Super+Enter', 'linux', 'Super+Return', 'Super+Return'],
    ['Shift+F5', 'linux', 'Shift+F5', 'Shift+F5'],
    ['F13', 'linux', 'F13', 'F13'],
    ['MediaPlayPause', 'linux', 'MediaPlayPause', 'MediaPlayPause'],
    ['Ctrl+Plus', 'linux', 'Ctrl+Plus', 'Control+Plus'],
  ])('accepts %s on %s as %s', (raw, platform, display, electron) => {
    expect(checkAccelerator(raw, platform as NodeJS.Platform)).toMatchObject({ ok: true, display, electron });
  });

  it('gives the same combination one canonical form', () => {
    const a = checkAccelerator('Ctrl+Alt+A', 'linux');
    const b = checkAccelerator('alt+CommandOrControl+a', 'linux');
    expect(a.ok && b.ok && a.canonical === b.canonical).toBe(true);
  });

  it.each([
    ['', /No keys/],
    ['Ctrl+Alt', /only modifier keys/],
    ['Ctrl+A+B', /more than one key/],
    ['A+Ctrl', /must come before/],
    ['Ctrl+Ctrl+A', /twice/],
    ['Ctrl+', /not complete/],
    ['Ctrl++', /Plus/],
    ['Ctrl+Banana', /"Banana" is not a key/],
    ['A', /add Ctrl, Alt/],
    ['Shift+A', /typing that character/],
    ['F5', /every program/],
  ])('rejects %j', (raw, reason) => {
    const check = checkAccelerator(raw, 'linux');
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });
});

describe('HotkeyRegistry', () => {
  it('registers the defaults and calls back with the action', () => {
    const { port, pressed, registry } = setup();
    expect(registry.apply(DEFAULT_HOTKEYS)).toEqual({});
    expect([...port.held.keys()].sort()).toEqual(
      ['A', 'D', 'H', 'M', 'P', 'S'].map((k) => `Control+Alt+Shift+${k}`),
    );
    port.press('Control+Alt+Shift+A');
    port.press('Control+Alt+Shift+H');
    expect(pressed).toEqual(['answer', 'hangup']);
  });

  it('registers custom keys and leaves disabled ones out', () => {
    const { port, registry } = setup();
    registry.apply({ ...NONE, answer: 'F13', toggleMute: 'Ctrl+Alt+M' });
    expect([...port.held.keys()].sort()).toEqual(['Control+Alt+M', 'F13']);
    expect(registry.registered()).toEqual({ answer: 'F13', toggleMute: 'Control+Alt+M' });
  });

  it('reports a duplicate against the action that keeps the keys', () => {
    const { port, registry } = setup();
    const problems = registry.apply({ ...NONE, answer: 'Ctrl+Alt+Shift+A', hangup: 'CmdOrCtrl+Shift+Alt+A' });
    expect(problems).toEqual({ hangup: 'Ctrl+Alt+Shift+A is already used for Answer.' });
    expect(port.held.size).toBe(1);
  });

  it('reports keys the system refuses, and keeps the others', () => {
    const { port, registry } = setup();
    port.taken.add('Control+Alt+Shift+A');
    const problems = registry.apply(DEFAULT_HOTKEYS);
    expect(problems).toEqual({
      answer: 'The system refused Ctrl+Alt+Shift+A; another program probably uses it.',
    });
    expect(port.held.size).toBe(5);
    expect(registry.problems()).toEqual(problems);
  });

  it('reports keys the system throws on', () => {
    const { port, registry } = setup();
    port.throwsOn.add('Control+Alt+Shift+A');
    expect(registry.apply(DEFAULT_HOTKEYS).answer).toMatch(/could not use Ctrl\+Alt\+Shift\+A/);
  });

  it('reports malformed keys without registering anything for them', () => {
    const { port, registry } = setup();
    const problems = registry.apply({ ...NONE, answer: 'Ctrl+Banana', hangup: 'Ctrl+Alt+H' });
    expect(problems.answer).toMatch(/not a key/);
    expect([...port.held.keys()]).toEqual(['Control+Alt+H']);
  });

  it('re-applies: releases old keys, keeps unchanged ones, registers new ones', () => {
    const { port, pressed, registry } = setup();
    registry.apply(DEFAULT_HOTKEYS);
    const before = port.registerCalls;
    registry.apply({ ...DEFAULT_HOTKEYS, answer: 'Ctrl+Alt+F1', toggleHold: null });
    expect(port.unregistered.sort()).toEqual(['Control+Alt+Shift+A', 'Control+Alt+Shift+P']);
    expect(port.registerCalls - before).toBe(1);
    expect(port.held.has('Control+Alt+Shift+A')).toBe(false);
    port.press('Control+Alt+F1');
    expect(pressed).toEqual(['answer']);
  });

  it('moves keys from one action to another', () => {
    const { port, pressed, registry } = setup();
    registry.apply({ ...NONE, answer: 'Ctrl+Alt+A', hangup: 'Ctrl+Alt+H' });
    expect(registry.apply({ ...NONE, answer: 'Ctrl+Alt+H', hangup: 'Ctrl+Alt+A' })).toEqual({});
    port.press('Control+Alt+H');
    expect(pressed).toEqual(['answer']);
  });

  it('retries previously refused keys on the next apply', () => {
    const { port, registry } = setup();
    port.taken.add('Control+Alt+Shift+A');
    registry.apply(DEFAULT_HOTKEYS);
    port.taken.clear();
    expect(registry.apply(DEFAULT_HOTKEYS)).toEqual({});
    expect(port.held.has('Control+Alt+Shift+A')).toBe(true);
  });

  it('releases everything on quit', () => {
    const { port, registry } = setup();
    registry.apply(DEFAULT_HOTKEYS);
    registry.releaseAll();
    expect(port.held.size).toBe(0);
    expect(port.unregisterAllCalls).toBe(1);
    expect(registry.registered()).toEqual({});
  });
});
