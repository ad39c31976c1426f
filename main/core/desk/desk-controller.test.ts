import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOTKEYS,
  defaultDeskSettings,
  type DeskSettings,
  type DeskView,
  type PhoneCommand,
} from '../../../contract/desk';
import { createDeskFakes } from '../../../e2e/fixtures/desk-fakes';
import { isUserFacing } from '../errors';
import { createMemoryLogger } from '../logger';
import { DeskController } from './desk-controller';
import { activeBob, call, report, ringingAlice } from './test-reports';

function setup(options: { settings?: Partial<DeskSettings>; platform?: NodeJS.Platform } = {}) {
  const fakes = createDeskFakes();
  let stored: DeskSettings = { ...defaultDeskSettings(), ...options.settings };
  const saves: DeskSettings[] = [];
  const commands: PhoneCommand[] = [];
  const changes: DeskView[] = [];
  const logger = createMemoryLogger();
  const desk = new DeskController({
    desktop: fakes.ports,
    settings: {
      get: () => structuredClone(stored),
      save: async (next) => {
        saves.push(next);
        stored = structuredClone(next);
      },
    },
    sendCommand: (command) => commands.push(command),
    onChanged: (view) => changes.push(view),
    platform: options.platform ?? 'linux',
    logger,
  });
  desk.start();
  return { desk, fakes, saves, commands, changes, logger, stored: () => stored };
}

describe('DeskController', () => {
  it('starts with the hotkeys registered and the tray showing Not registered', () => {
    const { desk, fakes } = setup();
    expect(fakes.hotkeys.held.size).toBe(6);
    expect(fakes.tray.model?.state).toBe('unregistered');
    expect(fakes.tray.icons?.[16].subarray(1, 4).toString()).toBe('PNG');
    expect(desk.view()).toMatchObject({ hotkeyProblems: {}, notificationActions: false });
  });

  it('follows the phone in the tray, and does not rebuild an unchanged tray', () => {
    const { desk, fakes } = setup();
    desk.report(report());
    desk.report(report());
    expect(fakes.tray.history.map((m) => m.state)).toEqual(['unregistered', 'registered']);
    desk.report(report([activeBob({ muted: true })]));
    expect(desk.trayState()).toBe('in-call');
    expect(fakes.tray.model?.tooltip).toBe('In call with Bob — muted');
  });

  it('notifies once per ringing call and closes the notification when it stops ringing', () => {
    const { desk, fakes } = setup({ platform: 'darwin' });
    desk.report(report([ringingAlice('c1')]));
    desk.report(report([ringingAlice('c1')]));
    expect(fakes.notifications.shown).toHaveLength(1);
    expect(fakes.notifications.shown[0]!.spec).toMatchObject({
      title: 'Incoming call',
      body: 'Alice Archer — alice',
      actions: [{ id: 'answer' }, { id: 'decline' }],
    });
    desk.report(report([call({ id: 'c1', status: 'active' })]));
    expect(fakes.notifications.open()).toEqual([]);
  });

  it('routes notification buttons and clicks, and ignores stale ones', () => {
    const { desk, fakes, commands } = setup({ platform: 'win32' });
    desk.report(report([ringingAlice('c1')]));
    const note = fakes.notifications.shown[0]!;
    note.trigger('click');
    expect(fakes.window.focuses).toBe(1);
    note.trigger('answer');
    expect(commands).toEqual([
      { command: 'show-call', callId: 'c1' },
      { command: 'answer', callId: 'c1' },
    ]);
    desk.report(report([call({ id: 'c1', status: 'active' })]));
    note.trigger('decline');
    expect(commands).toHaveLength(2);
  });

  it('opens the connection doctor from the tray, showing the window', async () => {
    const { desk, fakes, commands } = setup();
    // Before the phone has reported (it may be the thing that is broken), the request waits for it.
    await desk.onTrayItem('doctor');
    expect(fakes.window.isVisible()).toBe(true);
    expect(commands).toEqual([]);
    desk.report(report([]));
    expect(commands).toEqual([{ command: 'show-doctor' }]);
  });

  it('brings the window to front once per ringing call when asked to, never during do-not-disturb', () => {
    const off = setup();
    off.desk.report(report([ringingAlice('c1')]));
    expect(off.fakes.window.broughtToFront).toBe(0);

    const on = setup({ settings: { bringToFrontOnRing: true } });
    on.desk.report(report([ringingAlice('c1')]));
    on.desk.report(report([ringingAlice('c1')]));
    on.desk.report(report([ringingAlice('c1'), ringingAlice('c2')]));
    expect(on.fakes.window.broughtToFront).toBe(2);

    const dnd = setup({ settings: { bringToFrontOnRing: true, availability: 'dnd' } });
    dnd.desk.report(report([ringingAlice('c1')]));
    expect(dnd.fakes.window.broughtToFront).toBe(0);
    expect(dnd.fakes.notifications.shown).toEqual([]);
  });

  it('turns hotkeys into commands for the right call', async () => {
    const { desk, fakes, commands } = setup();
    desk.report(report([activeBob({ id: 'b' }), ringingAlice('a')]));
    fakes.hotkeys.press('Control+Alt+Shift+A');
    await desk.onHotkey('hangup');
    await desk.onHotkey('toggleMute');
    await desk.onHotkey('toggleHold');
    expect(commands).toEqual([
      { command: 'answer', callId: 'a' },
      { command: 'hangup', callId: 'b' },
      { command: 'toggle-mute' },
      { command: 'toggle-hold' },
    ]);
  });

  it('sends nothing for a hotkey that does not apply', async () => {
    const { desk, commands } = setup();
    desk.report(report());
    await desk.onHotkey('answer');
    await desk.onHotkey('hangup');
    expect(commands).toEqual([]);
  });

  it('shows and focuses the window from its hotkey', async () => {
    const { desk, fakes } = setup();
    fakes.window.hide();
    await desk.onHotkey('showWindow');
    expect(fakes.window).toMatchObject({ visible: true, focused: true });
  });

  it('dials the Linux selection first, then the clipboard', async () => {
    const { desk, fakes, commands } = setup({
      settings: { clickToDial: { defaultCountry: 'GB', confirmFirst: true } },
    });
    desk.report(report());
    fakes.clipboard.selection = 'Call me on 020 7946 0018';
    fakes.clipboard.text = '+1 212 555 0100';
    await desk.onHotkey('dialSelection');
    fakes.clipboard.selection = 'no number here';
    await desk.onHotkey('dialSelection');
    expect(commands).toEqual([
      { command: 'dial', target: '+442079460018', display: '+44 20 7946 0018', confirm: true },
      { command: 'dial', target: '+12125550100', display: '+1 212 555 0100', confirm: true },
    ]);
    expect(fakes.window.visible).toBe(true);
  });

  it('explains in a notification when the selection has no number', async () => {
    const { desk, fakes, commands } = setup();
    desk.report(report());
    fakes.clipboard.selection = 'hello there';
    fakes.clipboard.text = '';
    await desk.onHotkey('dialSelection');
    expect(commands).toEqual([]);
    expect(fakes.notifications.shown[0]!.spec).toMatchObject({
      title: 'The selected text could not be called',
      body: expect.stringContaining('No phone number found'),
      actions: [],
    });
  });

  it('dials a link from a second instance with the confirm setting, and shows the window', () => {
    const { desk, fakes, commands } = setup({
      settings: { clickToDial: { defaultCountry: 'GB', confirmFirst: false } },
    });
    desk.report(report());
    fakes.window.hide();
    desk.handleSecondInstance(['/opt/deskphone', '--no-sandbox', 'tel:020%207946%200018']);
    expect(commands).toEqual([
      { command: 'dial', target: '+442079460018', display: '+44 20 7946 0018', confirm: false },
    ]);
    expect(fakes.window.visible).toBe(true);
  });

  it('only shows the window for a second instance without a link', () => {
    const { desk, fakes, commands } = setup();
    fakes.window.hide();
    desk.handleSecondInstance(['/opt/deskphone']);
    expect(fakes.window.visible).toBe(true);
    expect(commands).toEqual([]);
  });

  it('refuses a bad link with a notification and no command', () => {
    const { desk, fakes, commands } = setup();
    desk.report(report());
    expect(desk.handleLink('javascript:alert(1)').ok).toBe(false);
    expect(commands).toEqual([]);
    expect(fakes.notifications.shown[0]!.spec.title).toBe('That link could not be called');
  });

  it('keeps a launch link until the phone has reported, then sends it', () => {
    const { desk, commands } = setup();
    desk.handleLaunchArgs(['/opt/deskphone', 'sip:alice@example.com']);
    expect(commands).toEqual([]);
    desk.report(report([], 'connecting'));
    expect(commands).toEqual([
      { command: 'dial', target: 'sip:alice@example.com', display: 'alice@example.com', confirm: true },
    ]);
  });

  it('runs tray menu items through the same paths', async () => {
    const { desk, fakes, commands } = setup();
    desk.report(report([ringingAlice('a')]));
    await desk.onTrayItem('decline');
    desk.report(report([activeBob({ id: 'b' })]));
    await desk.onTrayItem('toggle-mute');
    await desk.onTrayItem('hangup');
    expect(commands).toEqual([
      { command: 'decline', callId: 'a' },
      { command: 'toggle-mute' },
      { command: 'hangup', callId: 'b' },
    ]);
    await desk.onTrayItem('toggle-window');
    expect(fakes.window.visible).toBe(false);
    expect(fakes.tray.item('toggle-window').label).toBe('Show DeskPhone');
    await desk.onTrayItem('toggle-window');
    expect(fakes.tray.item('toggle-window').label).toBe('Hide DeskPhone');
    await desk.onTrayItem('quit');
    expect(fakes.quits).toBe(1);
  });

  it('switches to do-not-disturb from the tray: saved, announced, notifications closed', async () => {
    const { desk, fakes, saves, changes } = setup();
    desk.report(report([ringingAlice('a')]));
    await desk.onTrayItem('dnd');
    expect(saves.at(-1)?.availability).toBe('dnd');
    expect(changes.at(-1)?.settings.availability).toBe('dnd');
    expect(fakes.notifications.open()).toEqual([]);
    expect(fakes.tray.item('dnd')).toMatchObject({ checked: true });
    desk.report(report());
    expect(desk.trayState()).toBe('dnd');
  });

  it('applies overlapping saves in order, so a tray click does not undo a save from the settings page', async () => {
    const { desk, stored } = setup();
    const fromPage = desk.save({ ...defaultDeskSettings(), closeToTray: false });
    const fromTray = desk.onTrayItem('dnd');
    await Promise.all([fromPage, fromTray]);
    expect(stored()).toMatchObject({ closeToTray: false, availability: 'dnd' });
  });

  it('saves settings: hotkeys re-applied with problems reported, login item set, change announced', async () => {
    const { desk, fakes, changes } = setup();
    fakes.hotkeys.taken.add('Control+Alt+F9');
    const view = await desk.save({
      ...defaultDeskSettings(),
      startAtLogin: true,
      hotkeys: { ...DEFAULT_HOTKEYS, answer: 'Ctrl+Alt+F9', hangup: 'Ctrl+Alt+Shift+M' },
    });
    expect(view.hotkeyProblems).toEqual({
      answer: 'The system refused Ctrl+Alt+F9; another program probably uses it.',
      toggleMute: 'Ctrl+Alt+Shift+M is already used for Hang up.',
    });
    expect(fakes.hotkeys.held.has('Control+Alt+Shift+A')).toBe(false);
    await Promise.resolve();
    expect(fakes.loginItem.calls).toEqual([true]);
    expect(changes).toEqual([view]);
    expect(desk.view()).toEqual(view);
  });

  it('refuses an unknown default country in plain words', async () => {
    const { desk, saves } = setup();
    const error = await desk
      .save({ ...defaultDeskSettings(), clickToDial: { defaultCountry: 'ZZ', confirmFirst: true } })
      .catch((e: unknown) => e);
    expect(isUserFacing(error) && error.message).toMatch(/does not know the country code ZZ/);
    expect(saves).toEqual([]);
  });

  it('releases hotkeys and closes notifications on dispose, then ignores reports', () => {
    const { desk, fakes } = setup();
    desk.report(report([ringingAlice('a')]));
    desk.dispose();
    expect(fakes.hotkeys.held.size).toBe(0);
    expect(fakes.hotkeys.unregisterAllCalls).toBe(1);
    expect(fakes.notifications.open()).toEqual([]);
    desk.report(report([ringingAlice('b')]));
    expect(fakes.notifications.shown).toHaveLength(1);
  });
});
