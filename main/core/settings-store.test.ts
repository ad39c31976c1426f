import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../contract/account';
import { defaultDeskSettings } from '../../contract/desk';
import { createMemoryLogger } from './logger';
import { NoticeBoard } from './notices';
import { SETTINGS_FILE, SettingsStore } from './settings-store';
import { tempDir } from './test-helpers';

const account: AccountSettings = {
  ...emptyAccount(),
  displayName: 'Front desk',
  sipAddress: '1001@pbx.example.com',
  authUser: '1001',
  wsUrl: 'wss://pbx.example.com:8089/ws',
  iceServers: [{ urls: 'stun:stun.example.com:3478' }],
};

const fixedNow = () => new Date('2025-03-04T05:06:07.089Z');

async function open(dir: string) {
  const notices = new NoticeBoard();
  const logger = createMemoryLogger();
  const store = await SettingsStore.open(dir, { logger, notices, now: fixedNow });
  return { store, notices, logger };
}

describe('SettingsStore', () => {
  it('starts with defaults when there is no file, and writes nothing until saved', async () => {
    const dir = await tempDir();
    const { store, notices } = await open(dir);
    expect(store.get()).toEqual({ account: null, vaultConsent: false, desk: defaultDeskSettings() });
    expect(notices.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([]);
  });

  it('saves atomically: only settings.json remains, and it reads back', async () => {
    const dir = await tempDir();
    const { store } = await open(dir);
    await store.update({ account });
    await store.update({ vaultConsent: true });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    const onDisk = JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'));
    expect(onDisk).toEqual({ version: 3, account, vaultConsent: true, desk: defaultDeskSettings() });
    const again = await open(dir);
    expect(again.store.get()).toEqual({ account, vaultConsent: true, desk: defaultDeskSettings() });
  });

  it('survives a crash between temp write and rename: old file kept, stray temp removed', async () => {
    const dir = await tempDir();
    const first = await open(dir);
    await first.store.update({ account });
    // What a crash after writing the temp file but before the rename leaves behind.
    const stray = `${SETTINGS_FILE}.tmp-4242-deadbeef0000`;
    await writeFile(join(dir, stray), '{"version": 2, "account": {"displayName": "half wr');
    const { store, notices } = await open(dir);
    expect(store.get().account).toEqual(account);
    expect(notices.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    await store.update({ vaultConsent: true });
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
  });

  it('moves a corrupt (non-JSON) file aside with a timestamp and tells the user', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, SETTINGS_FILE), '{ this is not json');
    const { store, notices } = await open(dir);
    expect(store.get()).toEqual({ account: null, vaultConsent: false, desk: defaultDeskSettings() });
    const aside = `${SETTINGS_FILE}.corrupt-2025-03-04T05-06-07.089Z`;
    expect(await readdir(dir)).toEqual([aside]);
    expect(await readFile(join(dir, aside), 'utf8')).toBe('{ this is not json');
    const [notice] = notices.list();
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toContain('damaged');
    expect(notice?.message).toContain(join(dir, aside));
    expect(notice?.message).toContain('enter your account again');
  });

  it('moves a schema-invalid file aside and keeps a second one under another name', async () => {
    const dir = await tempDir();
    const bad = JSON.stringify({
      version: 2,
      account: { ...account, wsUrl: 'http://nope' },
      vaultConsent: false,
    });
    await writeFile(join(dir, SETTINGS_FILE), bad);
    await open(dir);
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ version: 2, account: null }));
    const { notices } = await open(dir);
    const names = (await readdir(dir)).sort();
    expect(names).toEqual([
      `${SETTINGS_FILE}.corrupt-2025-03-04T05-06-07.089Z`,
      `${SETTINGS_FILE}.corrupt-2025-03-04T05-06-07.089Z-1`,
    ]);
    expect(notices.list()[0]?.message).toContain('could not understand');
  });

  it('moves aside a file from a newer version instead of guessing', async () => {
    const dir = await tempDir();
    await writeFile(
      join(dir, SETTINGS_FILE),
      JSON.stringify({ version: 4, account: null, vaultConsent: false, x: 1 }),
    );
    const { store, notices } = await open(dir);
    expect(store.get().account).toBeNull();
    expect(notices.list()[0]?.message).toContain('newer version of DeskPhone');
    expect((await readdir(dir))[0]).toMatch(/^settings\.json\.corrupt-/);
  });

  it('moves aside an unreadable settings.json (here: a folder in its place)', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, SETTINGS_FILE));
    const { store, notices } = await open(dir);
    expect(store.get().account).toBeNull();
    expect(notices.list()[0]?.message).toContain('could not be opened');
    await store.update({ account });
    expect((await readdir(dir)).sort()).toEqual([
      SETTINGS_FILE,
      `${SETTINGS_FILE}.corrupt-2025-03-04T05-06-07.089Z`,
    ]);
  });

  it('migrates a version 1 file through version 2 and rewrites it as version 3', async () => {
    const dir = await tempDir();
    const v1 = {
      version: 1,
      account: {
        name: 'Reception',
        uri: 'sip:2001@pbx.example.com',
        authorizationUser: '2001',
        server: 'wss://pbx.example.com:8089/ws',
        iceServers: ['stun:stun.example.com:3478', 'turn:turn.example.com'],
      },
    };
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify(v1));
    const { store, notices } = await open(dir);
    const expected: AccountSettings = {
      displayName: 'Reception',
      sipAddress: '2001@pbx.example.com',
      authUser: '2001',
      wsUrl: 'wss://pbx.example.com:8089/ws',
      allowInsecureWs: false,
      iceServers: [{ urls: 'stun:stun.example.com:3478' }, { urls: 'turn:turn.example.com' }],
      dtmfMode: 'rfc4733',
      // Fields added later get their defaults: no voicemail number guessed, no SUBSCRIBE.
      voicemailNumber: '',
      mwiSubscribe: false,
      // No Park button and no slot lamps until someone sets them.
      parkExtension: '',
      parkSlots: '',
      pickupPrefix: '',
      colleagues: [],
      teamColleagues: [],
      announceColleagueRinging: false,
      lampExpiresS: 600,
      iceGatheringTimeoutMs: 500,
      // TURN-only came later too: every kind of candidate, as before.
      iceTransportPolicy: 'all',
    };
    expect(store.get()).toEqual({ account: expected, vaultConsent: false, desk: defaultDeskSettings() });
    expect(notices.list()).toEqual([]);
    expect(await readdir(dir)).toEqual([SETTINGS_FILE]);
    expect(JSON.parse(await readFile(join(dir, SETTINGS_FILE), 'utf8'))).toEqual({
      version: 3,
      account: expected,
      vaultConsent: false,
      desk: defaultDeskSettings(),
    });
  });

  it('keeps a version 1 ws:// account working by allowing insecure WebSocket', async () => {
    const dir = await tempDir();
    const v1 = {
      version: 1,
      account: {
        name: '',
        uri: '3001@10.0.0.5',
        authorizationUser: '',
        server: 'ws://10.0.0.5:8088/ws',
        iceServers: [],
      },
    };
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify(v1));
    const { store } = await open(dir);
    expect(store.get().account).toMatchObject({ wsUrl: 'ws://10.0.0.5:8088/ws', allowInsecureWs: true });
  });

  it('moves aside a version 1 file that cannot be migrated', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, SETTINGS_FILE), JSON.stringify({ version: 1, account: { name: 'x' } }));
    const { store, notices } = await open(dir);
    expect(store.get().account).toBeNull();
    expect(notices.list()).toHaveLength(1);
    expect((await readdir(dir))[0]).toMatch(/corrupt/);
  });

  it('applies overlapping saves in order', async () => {
    const dir = await tempDir();
    const { store } = await open(dir);
    await Promise.all([
      store.update({ account: { ...account, displayName: 'one' } }),
      store.update({ account: { ...account, displayName: 'two' } }),
    ]);
    const again = await open(dir);
    expect(again.store.get().account?.displayName).toBe('two');
  });

  it('does not let overlapping updates of different fields undo each other', async () => {
    const dir = await tempDir();
    const { store } = await open(dir);
    await Promise.all([store.update({ account }), store.update({ vaultConsent: true })]);
    expect(store.get()).toEqual({ account, vaultConsent: true, desk: defaultDeskSettings() });
  });
});
