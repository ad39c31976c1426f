import { execFileSync } from 'node:child_process';
import { mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import * as fsPromises from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../contract/account';
import { TestEncryptor } from '../../e2e/fixtures/test-encryptor';
import { HistoryJournal } from './history/journal-file';
import { createFileLogger, createMemoryLogger } from './logger';
import { NoticeBoard } from './notices';
import { SETTINGS_FILE, SettingsStore } from './settings-store';
import { tempDir } from './test-helpers';
import { CREDENTIALS_FILE, CredentialVault, SIP_PASSWORD_KEY } from './vault';

// Passing faults must not cost the user an account or a password: a file that
// cannot be read right now is read again, and if it still cannot be read it
// is left exactly as it is. Faults are injected into node:fs/promises (the
// stores read and rename through it); the full disk is a real small tmpfs.

vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  return { ...real, readFile: vi.fn(real.readFile), rename: vi.fn(real.rename) };
});
const mocked = vi.mocked(fsPromises);
const fault = (code: string) => Object.assign(new Error(`${code}: injected`), { code });

afterEach(() => {
  mocked.readFile.mockReset();
  mocked.rename.mockReset();
});

const account: AccountSettings = {
  ...emptyAccount(),
  displayName: 'Front desk',
  sipAddress: '1001@pbx.example.com',
  wsUrl: 'wss://pbx.example.com:8089/ws',
};
const PASSWORD = 'passing-fault-password-1001';

async function restoreRealFs() {
  const real = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
  mocked.readFile.mockImplementation(real.readFile as never);
  mocked.rename.mockImplementation(real.rename as never);
}

const settings = (dir: string, notices = new NoticeBoard()) =>
  SettingsStore.open(dir, { logger: createMemoryLogger(), notices });

function vault(dir: string, encryptor: TestEncryptor, notices = new NoticeBoard()) {
  return CredentialVault.open({
    dir,
    encryptor,
    platform: 'linux',
    logger: createMemoryLogger(),
    notices,
    consent: { isGranted: () => true, setGranted: async () => undefined },
  });
}

describe('storage under passing faults', () => {
  it('one EIO while reading the vault: the password survives, nothing is moved aside', async () => {
    await restoreRealFs();
    const dir = await tempDir();
    const encryptor = new TestEncryptor();
    await (await vault(dir, encryptor)).setMany({ [SIP_PASSWORD_KEY]: PASSWORD });
    const before = await readFile(join(dir, CREDENTIALS_FILE), 'utf8');
    mocked.readFile.mockRejectedValueOnce(fault('EIO'));
    const notices = new NoticeBoard();
    const again = await vault(dir, new TestEncryptor({ key: encryptor.key }), notices);
    expect(again.get(SIP_PASSWORD_KEY)).toBe(PASSWORD);
    expect(notices.list()).toEqual([]);
    expect(await readFile(join(dir, CREDENTIALS_FILE), 'utf8')).toBe(before);
  });

  it('a vault that stays unreadable is kept as it is, saves are refused, and the user is told which file', async () => {
    await restoreRealFs();
    const dir = await tempDir();
    const encryptor = new TestEncryptor();
    await (await vault(dir, encryptor)).setMany({ [SIP_PASSWORD_KEY]: PASSWORD });
    const before = await readFile(join(dir, CREDENTIALS_FILE), 'utf8');
    mocked.readFile.mockRejectedValue(fault('EBUSY'));
    const notices = new NoticeBoard();
    const held = await vault(dir, new TestEncryptor({ key: encryptor.key }), notices);
    await restoreRealFs();
    expect(notices.list()[0]).toMatchObject({ id: 'vault-unreadable', level: 'error' });
    expect(notices.list()[0]!.message).toContain(join(dir, CREDENTIALS_FILE));
    await expect(held.setMany({ [SIP_PASSWORD_KEY]: 'other' })).rejects.toThrow(
      /Not saved: .*could not be read \(EBUSY\)/,
    );
    expect(await readFile(join(dir, CREDENTIALS_FILE), 'utf8')).toBe(before);
  });

  it('EBUSY reading settings, then EBUSY renaming on a Do-not-disturb click: the account stays, the cause is told', async () => {
    await restoreRealFs();
    const dir = await tempDir();
    await (await settings(dir)).save({ ...(await settings(dir)).get(), account });
    const before = await readFile(join(dir, SETTINGS_FILE), 'utf8');
    mocked.readFile.mockRejectedValueOnce(fault('EBUSY'));
    const store = await settings(dir);
    expect(store.get().account).toEqual(account);
    mocked.rename.mockRejectedValueOnce(fault('EBUSY'));
    const desk = store.get().desk;
    await expect(store.update({ desk: { ...desk, availability: 'dnd' } })).rejects.toThrow(
      /another program is holding the file/,
    );
    expect(await readFile(join(dir, SETTINGS_FILE), 'utf8')).toBe(before);
    expect(store.get().desk.availability).toBe(desk.availability);
    // The lock is gone a moment later: the click works.
    await store.update({ desk: { ...desk, availability: 'dnd' } });
    expect(JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8')).account).toEqual(account);
  });

  it('settings that stay unreadable are never overwritten with an empty account', async () => {
    await restoreRealFs();
    const dir = await tempDir();
    await (await settings(dir)).save({ ...(await settings(dir)).get(), account });
    const before = await readFile(join(dir, SETTINGS_FILE), 'utf8');
    mocked.readFile.mockRejectedValue(fault('EIO'));
    const notices = new NoticeBoard();
    const store = await settings(dir, notices);
    await restoreRealFs();
    expect(notices.list().map((n) => n.id)).toEqual(['settings-unreadable']);
    await expect(store.update({ vaultConsent: true })).rejects.toThrow(/Not saved/);
    expect(await readFile(join(dir, SETTINGS_FILE), 'utf8')).toBe(before);
  });

  it('history that stays unreadable is not moved aside or appended to', async () => {
    await restoreRealFs();
    const dir = await tempDir();
    await writeFile(join(dir, 'history.jsonl'), '{"type":"seen","at":1}\n');
    mocked.readFile.mockRejectedValue(fault('EACCES'));
    const notices = new NoticeBoard();
    const { journal } = await HistoryJournal.open(dir, { logger: createMemoryLogger(), notices });
    await restoreRealFs();
    await expect(journal.append([{ type: 'seen', at: 2 }])).rejects.toThrow(/Not saved/);
    expect(await readFile(join(dir, 'history.jsonl'), 'utf8')).toBe('{"type":"seen","at":1}\n');
    expect(notices.list()[0]?.id).toBe('history-unreadable');
  });
});

describe('profile files and symlinks', () => {
  it('a symlink planted as settings.json, history.jsonl or the log is never written through', async () => {
    await restoreRealFs();
    const dir = await tempDir();
    const victim = join(dir, 'victim.txt');
    await writeFile(victim, 'precious\n');
    await symlink(victim, join(dir, SETTINGS_FILE));
    await symlink(victim, join(dir, 'history.jsonl'));
    await mkdir(join(dir, 'logs'));
    await symlink(victim, join(dir, 'logs', 'main.log'));

    // The symlinked settings read as garbage and are moved aside; the save writes a new file.
    const store = await settings(dir);
    await store.save({ ...store.get(), account });
    const { journal } = await HistoryJournal.open(dir, {
      logger: createMemoryLogger(),
      notices: new NoticeBoard(),
    });
    await journal.append([{ type: 'seen', at: 5 }]).catch(() => undefined);
    createFileLogger(join(dir, 'logs', 'main.log')).info('hello');
    expect(await readFile(victim, 'utf8')).toBe('precious\n');
  });

  it('log files are created private (0600)', async () => {
    await restoreRealFs();
    const dir = await tempDir();
    createFileLogger(join(dir, 'logs', 'main.log')).info('hello');
    const { stat } = await vi.importActual<typeof import('node:fs/promises')>('node:fs/promises');
    expect((await stat(join(dir, 'logs', 'main.log'))).mode & 0o777).toBe(0o600);
  });
});

/** A real 64 KiB filesystem, where root may mount one; the tests say so and skip where it may not. */
function mountSmallDisk(dir: string): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('a full disk', () => {
  it('every save path names the real cause and leaves the old files whole', async (context) => {
    await restoreRealFs();
    const dir = await tempDir();
    if (!mountSmallDisk(dir)) {
      context.skip('cannot mount a small tmpfs here (needs root); full-disk test skipped');
      return;
    }
    try {
      const encryptor = new TestEncryptor();
      const store = await settings(dir);
      await store.save({ ...store.get(), account });
      const passwords = await vault(dir, encryptor);
      await passwords.setMany({ [SIP_PASSWORD_KEY]: PASSWORD });
      const settingsBefore = await readFile(join(dir, SETTINGS_FILE), 'utf8');
      const vaultBefore = await readFile(join(dir, CREDENTIALS_FILE), 'utf8');
      // Fill the disk to the last byte.
      await writeFile(join(dir, 'filler'), Buffer.alloc(200 * 1024)).catch(() => undefined);
      await expect(store.update({ vaultConsent: true })).rejects.toThrow(
        /could not save your settings: the disk is full/,
      );
      await expect(passwords.setMany({ [SIP_PASSWORD_KEY]: 'new-password-too' })).rejects.toThrow(
        /could not save your password: the disk is full/,
      );
      expect(await readFile(join(dir, SETTINGS_FILE), 'utf8')).toBe(settingsBefore);
      expect(await readFile(join(dir, CREDENTIALS_FILE), 'utf8')).toBe(vaultBefore);
    } finally {
      execFileSync('umount', [dir]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
