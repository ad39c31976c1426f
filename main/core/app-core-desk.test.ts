import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventChannel } from '../../contract/channels';
import { defaultDeskSettings, type DeskView, type PhoneCommand } from '../../contract/desk';
import { APP_ORIGIN, type IpcSender } from '../../contract/ipc';
import { createDeskFakes } from '../../e2e/fixtures/desk-fakes';
import { TestEncryptor } from '../../e2e/fixtures/test-encryptor';
import { createAppCore } from './app-core';
import { report, ringingAlice } from './desk/test-reports';
import { EventSender } from './event-sender';
import { createMemoryLogger } from './logger';
import { tempDir } from './test-helpers';

// The desk channels through the real router and settings file, with the
// desktop faked and main → renderer messages captured.

const own: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };

async function core() {
  const dir = await tempDir();
  const fakes = createDeskFakes();
  const sent: Array<{ channel: EventChannel; payload: unknown }> = [];
  const app = await createAppCore({
    userDataDir: dir,
    encryptor: new TestEncryptor(),
    platform: 'linux',
    logger: createMemoryLogger(),
    desktop: fakes.ports,
    sendEvent: (channel, payload) => void sent.push({ channel, payload }),
  });
  const call = (channel: string, payload: unknown = {}) => app.router.dispatch(channel, own, payload);
  return { app, call, dir, fakes, sent };
}

describe('desk channels', () => {
  it('answers desk:get with the defaults and no problems', async () => {
    const { call } = await core();
    expect(await call('desk:get')).toEqual({
      settings: defaultDeskSettings(),
      hotkeyProblems: {},
      notificationActions: false,
    });
  });

  it('saves desk settings to settings.json, re-applies hotkeys and announces the change', async () => {
    const { call, dir, fakes, sent } = await core();
    const next = {
      ...defaultDeskSettings(),
      availability: 'dnd' as const,
      hotkeys: { ...defaultDeskSettings().hotkeys, answer: 'Ctrl+Banana', showWindow: null },
    };
    const view = (await call('desk:save', next)) as DeskView;
    expect(view.settings).toEqual(next);
    expect(view.hotkeyProblems).toEqual({ answer: '"Banana" is not a key DeskPhone knows.' });
    expect(fakes.hotkeys.held.size).toBe(4);
    const file = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(file).toMatchObject({ version: 3, desk: next });
    expect(sent).toEqual([{ channel: 'desk:changed', payload: view }]);
    expect(fakes.tray.model?.tooltip).toContain('do not disturb');
  });

  it('refuses desk settings outside the contract before anything is saved', async () => {
    const { call, dir } = await core();
    const bad = { ...defaultDeskSettings(), clickToDial: { defaultCountry: 'gb', confirmFirst: true } };
    await expect(call('desk:save', bad)).rejects.toThrow(/two-letter code/);
    await expect(readFile(join(dir, 'settings.json'))).rejects.toThrow();
  });

  it('takes phone reports and sends hotkey commands back as phone:command', async () => {
    const { app, call, fakes, sent } = await core();
    expect(await call('phone:report', report([ringingAlice('c9')]))).toEqual({ accepted: true });
    expect(fakes.tray.model?.state).toBe('ringing');
    expect(fakes.notifications.open()).toHaveLength(1);
    await app.desk.onHotkey('answer');
    expect(sent).toEqual([{ channel: 'phone:command', payload: { command: 'answer', callId: 'c9' } }]);
  });

  it('can connect the event transport after start-up', async () => {
    const dir = await tempDir();
    const app = await createAppCore({
      userDataDir: dir,
      encryptor: new TestEncryptor(),
      platform: 'linux',
      logger: createMemoryLogger(),
    });
    const sent: unknown[] = [];
    app.events.setPort((_channel, payload) => void sent.push(payload));
    app.desk.report(report());
    app.desk.handleLink('tel:+442079460018');
    expect(sent).toEqual([
      { command: 'dial', target: '+442079460018', display: '+44 20 7946 0018', confirm: true },
    ]);
  });
});

describe('EventSender', () => {
  it('sends only payloads the contract allows', () => {
    const logger = createMemoryLogger();
    const sent: unknown[] = [];
    const events = new EventSender(logger, (_c, payload) => void sent.push(payload));
    expect(events.send('phone:command', { command: 'toggle-mute' })).toBe(true);
    const bogus = { command: 'format-disk' } as unknown as PhoneCommand;
    expect(events.send('phone:command', bogus)).toBe(false);
    expect(sent).toEqual([{ command: 'toggle-mute' }]);
    expect(logger.lines.some((l) => l.includes('Event outside the contract'))).toBe(true);
  });

  it('reports a missing or failing transport without throwing', async () => {
    const logger = createMemoryLogger();
    const events = new EventSender(logger);
    expect(events.send('phone:command', { command: 'toggle-hold' })).toBe(false);
    events.setPort(() => {
      throw new Error('window gone');
    });
    expect(events.send('phone:command', { command: 'toggle-hold' })).toBe(false);
    events.setPort(() => Promise.reject(new Error('page closed')));
    expect(events.send('phone:command', { command: 'toggle-hold' })).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(logger.lines.filter((l) => l.includes('Sending an event failed'))).toHaveLength(2);
  });
});
