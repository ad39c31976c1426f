import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../contract/account';
import { DEFAULT_HOTKEYS, defaultDeskSettings, type DeskSettings } from '../../contract/desk';
import { readDeskSection } from './desk/desk-section';
import { createMemoryLogger } from './logger';
import { NoticeBoard } from './notices';
import { parseSettingsText, SETTINGS_FILE, SETTINGS_VERSION, SettingsStore } from './settings-store';
import { tempDir } from './test-helpers';

// Version 3 of settings.json: the desk section, its migration from version 2,
// and the forgiving read that keeps the account when a desk value is bad.

const account: AccountSettings = {
  ...emptyAccount(),
  displayName: 'Front desk',
  sipAddress: '1001@pbx.example.com',
  authUser: '1001',
  wsUrl: 'wss://pbx.example.com:8089/ws',
};

const custom: DeskSettings = {
  ...defaultDeskSettings(),
  closeToTray: false,
  availability: 'dnd',
  hotkeys: { ...DEFAULT_HOTKEYS, answer: 'F13', toggleHold: null },
  clickToDial: { defaultCountry: 'GB', confirmFirst: false },
};

async function open(dir: string) {
  const notices = new NoticeBoard();
  const logger = createMemoryLogger();
  const store = await SettingsStore.open(dir, { logger, notices });
  return { store, notices, logger };
}

async function writeSettings(dir: string, data: unknown): Promise<void> {
  await writeFile(join(dir, SETTINGS_FILE), JSON.stringify(data));
}

describe('settings version 3: desk section', () => {
  it('is the current version', () => {
    expect(SETTINGS_VERSION).toBe(3);
  });

  it('migrates a version 2 file: account and consent kept, desk defaults added, file rewritten', async () => {
    const dir = await tempDir();
    await writeSettings(dir, { version: 2, account, vaultConsent: true });
    const { store, notices, logger } = await open(dir);
    expect(store.get()).toEqual({ account, vaultConsent: true, desk: defaultDeskSettings() });
    expect(notices.list()).toEqual([]);
    expect(logger.lines.some((l) => l.includes('Migrated settings file'))).toBe(true);
    const onDisk = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'));
    expect(onDisk).toEqual({ version: 3, account, vaultConsent: true, desk: defaultDeskSettings() });
  });

  it('reports the migration in the pure parser too', () => {
    const parsed = parseSettingsText(JSON.stringify({ version: 2, account: null, vaultConsent: false }));
    expect(parsed).toMatchObject({ ok: true, migratedFrom: 2, deskReset: [] });
  });

  it('saves and reads back custom desk settings, disabled hotkeys included', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.store.update({ account, desk: custom });
    const again = await open(dir);
    expect(again.store.get()).toEqual({ account, vaultConsent: false, desk: custom });
    expect(again.store.get().desk.hotkeys.toggleHold).toBeNull();
  });

  it('fills desk fields a file lacks from the defaults, without a warning', async () => {
    const dir = await tempDir();
    await writeSettings(dir, {
      version: 3,
      account,
      vaultConsent: false,
      desk: { closeToTray: false, hotkeys: { answer: null } },
    });
    const { store, notices } = await open(dir);
    const desk = store.get().desk;
    expect(desk.closeToTray).toBe(false);
    expect(desk.hotkeys.answer).toBeNull();
    expect(desk.hotkeys.hangup).toBe(DEFAULT_HOTKEYS.hangup);
    expect(desk.audio).toEqual(defaultDeskSettings().audio);
    expect(notices.list()).toEqual([]);
  });

  it('resets only the unusable desk section and keeps the account, with a notice', async () => {
    const dir = await tempDir();
    await writeSettings(dir, {
      version: 3,
      account,
      vaultConsent: true,
      desk: { ...custom, hotkeys: { ...custom.hotkeys, answer: 'x'.repeat(500) } },
    });
    const { store, notices } = await open(dir);
    expect(store.get().account).toEqual(account);
    expect(store.get().vaultConsent).toBe(true);
    expect(store.get().desk.hotkeys).toEqual(DEFAULT_HOTKEYS);
    expect(store.get().desk.clickToDial).toEqual(custom.clickToDial);
    expect(notices.list()[0]?.message).toMatch(/desk settings .* could not be read.* account is unchanged/);
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('uses all desk defaults when the section is not an object', () => {
    expect(readDeskSection('tray please')).toEqual({ settings: defaultDeskSettings(), reset: ['desk'] });
    expect(readDeskSection(undefined)).toEqual({ settings: defaultDeskSettings(), reset: [] });
    expect(readDeskSection({ availability: 'away' }).reset).toEqual(['availability']);
  });

  it('drops unknown desk keys', () => {
    const { settings } = readDeskSection({ ...custom, telemetry: true });
    expect(settings).toEqual(custom);
  });
});
