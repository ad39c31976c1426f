import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../contract/account';
import { APP_ORIGIN, type IpcSender, type SettingsView } from '../../contract/ipc';
import { TestEncryptor } from '../../e2e/fixtures/test-encryptor';
import { createAppCore } from './app-core';
import { createMemoryLogger } from './logger';
import { tempDir } from './test-helpers';

const own: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };
const PASSWORD = 'S3cret-sip-pass!';
const TURN_SECRET = 'turn-credential-xyz';

const account: AccountSettings = {
  ...emptyAccount(),
  displayName: 'Alice',
  sipAddress: '1001@pbx.example.com',
  authUser: '1001',
  wsUrl: 'wss://pbx.example.com:8089/ws',
  iceServers: [{ urls: 'stun:stun.example.com' }, { urls: 'turn:turn.example.com:3478', username: 'alice' }],
};

async function core(options: { dir?: string; encryptor?: TestEncryptor; platform?: NodeJS.Platform } = {}) {
  const dir = options.dir ?? (await tempDir());
  const encryptor = options.encryptor ?? new TestEncryptor();
  const logger = createMemoryLogger();
  const app = await createAppCore({
    userDataDir: dir,
    encryptor,
    platform: options.platform ?? 'linux',
    logger,
  });
  const call = (channel: string, payload: unknown = {}) => app.router.dispatch(channel, own, payload);
  return { app, call, dir, encryptor, logger };
}

describe('createAppCore', () => {
  it('handles every contract channel', async () => {
    const { app } = await core();
    expect(app.router.missingChannels()).toEqual([]);
  });

  it('saves and reads back an account; the password stays out of settings.json, the view and the log', async () => {
    const { call, dir, encryptor, logger } = await core();
    const saved = (await call('settings:save', {
      account,
      password: PASSWORD,
      iceCredentials: ['', TURN_SECRET],
    })) as SettingsView;
    expect(saved.account).toEqual(account);
    expect(saved.hasPassword).toBe(true);
    expect(saved.iceServers.map((s) => s.hasCredential)).toEqual([false, true]);

    const view = await call('settings:get');
    expect(view).toEqual(saved);
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    expect(JSON.stringify(view)).not.toContain(TURN_SECRET);

    const settingsBytes = await readFile(join(dir, 'settings.json'));
    const credentialBytes = await readFile(join(dir, 'credentials.json'));
    for (const bytes of [settingsBytes, credentialBytes]) {
      expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
      expect(bytes.includes(Buffer.from(TURN_SECRET))).toBe(false);
    }
    expect(JSON.parse(settingsBytes.toString('utf8'))).toMatchObject({
      version: 3,
      account,
      vaultConsent: false,
    });

    // The renderer gets TURN credentials, never the SIP password: digest keys stand in for it.
    expect(await call('credentials:get')).toEqual({ iceCredentials: [null, TURN_SECRET] });
    const { ha1 } = (await call('credentials:digest', { realm: 'asterisk' })) as { ha1: string };
    expect(ha1).toBe(createHash('md5').update(`1001:asterisk:${PASSWORD}`).digest('hex'));
    expect(JSON.stringify(await call('credentials:digest', { realm: 'other' }))).not.toContain(PASSWORD);
    await expect(call('credentials:digest', { realm: 'bad"realm' })).rejects.toThrow();
    expect(logger.lines.join('\n')).not.toContain(PASSWORD);

    // A restart with the same keyring sees the same state.
    const again = await core({ dir, encryptor: new TestEncryptor({ key: encryptor.key }) });
    expect(await again.call('settings:get')).toEqual(saved);
    expect(await again.call('credentials:get')).toEqual({ iceCredentials: [null, TURN_SECRET] });
    expect(await again.call('credentials:digest', { realm: 'asterisk' })).toEqual(
      await call('credentials:digest', { realm: 'asterisk' }),
    );
  });

  it('keeps stored secrets when the form leaves them empty, and drops credentials of removed servers', async () => {
    const { call } = await core();
    await call('settings:save', { account, password: PASSWORD, iceCredentials: [undefined, TURN_SECRET] });
    await call('settings:save', { account: { ...account, displayName: 'Alice B.' }, password: '' });
    // The renderer gets TURN credentials, never the SIP password: digest keys stand in for it.
    expect(await call('credentials:get')).toEqual({ iceCredentials: [null, TURN_SECRET] });
    const { ha1 } = (await call('credentials:digest', { realm: 'asterisk' })) as { ha1: string };
    expect(ha1).toBe(createHash('md5').update(`1001:asterisk:${PASSWORD}`).digest('hex'));
    expect(JSON.stringify(await call('credentials:digest', { realm: 'other' }))).not.toContain(PASSWORD);
    await expect(call('credentials:digest', { realm: 'bad"realm' })).rejects.toThrow();

    const withoutTurn = { ...account, iceServers: [account.iceServers[0]!] };
    const view = (await call('settings:save', { account: withoutTurn })) as SettingsView;
    expect(view.iceServers).toEqual([{ urls: 'stun:stun.example.com', hasCredential: false }]);
    await call('settings:save', { account });
    expect(await call('credentials:get')).toEqual({ iceCredentials: [null, null] });
    expect((await call('settings:get')) as SettingsView).toMatchObject({ hasPassword: true });
  });

  it('does not keep the stored password for a different server or SIP address', async () => {
    const { call, app } = await core();
    await call('settings:save', { account, password: PASSWORD });
    const otherHost = { ...account, wsUrl: 'wss://evil.example.net:8089/ws' };
    await expect(call('settings:save', { account: otherHost })).rejects.toThrow(/Enter the password again/);
    const otherUser = { ...account, sipAddress: '1002@pbx.example.com' };
    await expect(call('settings:save', { account: otherUser })).rejects.toThrow(/Enter the password again/);
    expect(app.settings.get().account).toEqual(account);
    // Same host, corrected port: the password is kept.
    const newPort = { ...account, wsUrl: 'wss://pbx.example.com:8443/ws' };
    const view = (await call('settings:save', { account: newPort })) as SettingsView;
    expect(view.hasPassword).toBe(true);
    // A new password for the new server is accepted.
    await expect(call('settings:save', { account: otherHost, password: 'new-pass' })).resolves.toBeTruthy();
  });

  it('saves nothing when the vault refuses, and says why', async () => {
    const { call, dir } = await core({ encryptor: new TestEncryptor({ backend: 'basic_text' }) });
    await expect(call('settings:save', { account, password: PASSWORD })).rejects.toThrow(
      /No keyring .*Nothing was saved/,
    );
    expect(await readdir(dir)).toEqual([]);
    expect(await call('settings:get')).toMatchObject({ account: null, hasPassword: false });

    // Without a new secret, the account alone can be saved.
    await call('settings:save', { account });
    expect(await call('settings:get')).toMatchObject({ account, hasPassword: false });

    const status = await call('vault:consent', { allow: true });
    expect(status).toMatchObject({ needsConsent: true, consented: true });
    await call('settings:save', { account, password: PASSWORD });
    expect(await call('settings:get')).toMatchObject({ hasPassword: true });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')).vaultConsent).toBe(true);
  });

  it('refuses with a plain message when secure storage is unavailable', async () => {
    const { call } = await core({ encryptor: new TestEncryptor({ available: false }), platform: 'win32' });
    expect(await call('vault:status')).toMatchObject({
      available: false,
      message: expect.stringContaining('not available'),
    });
    await expect(call('settings:save', { account, password: PASSWORD })).rejects.toThrow(
      /secure password storage is not available/,
    );
    expect(await call('settings:get')).toMatchObject({ account: null });
  });

  it('rolls the vault back when writing settings fails', async () => {
    const { app, call, dir } = await core();
    await call('settings:save', { account, password: 'first-password' });
    // Make the next settings write fail as a full disk would.
    const settingsPath = join(dir, 'settings.json');
    const original = app.settings.update.bind(app.settings);
    app.settings.update = async () => {
      throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
    };
    await expect(call('settings:save', { account, password: 'second-password' })).rejects.toThrow(
      /could not be saved because the disk is full\. Nothing was changed/,
    );
    app.settings.update = original;
    const firstKey = createHash('md5').update(`1001:r:first-password`).digest('hex');
    expect(await call('credentials:digest', { realm: 'r' })).toEqual({ ha1: firstKey });
    expect(JSON.parse(await readFile(settingsPath, 'utf8')).account).toEqual(account);
  });

  it('shows and dismisses notices about a damaged settings file', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'settings.json'), '{"version":');
    const { call } = await core({ dir });
    const view = (await call('settings:get')) as SettingsView;
    expect(view.notices).toHaveLength(1);
    const id = view.notices[0]!.id;
    expect(await call('notices:dismiss', { id })).toEqual({ dismissed: true });
    expect(await call('notices:dismiss', { id })).toEqual({ dismissed: false });
    expect(((await call('settings:get')) as SettingsView).notices).toEqual([]);
  });

  it("probes the saved account's server through IPC, and no other", async () => {
    const server = http.createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const { port } = server.address() as AddressInfo;
      const { call } = await core();
      const wsUrl = `ws://127.0.0.1:${port}/wrong`;
      await expect(call('connection:probe', { wsUrl })).rejects.toThrow(/saved account/);
      await call('settings:save', {
        account: { ...account, wsUrl, allowInsecureWs: true },
        password: PASSWORD,
      });
      const result = await call('connection:probe', { wsUrl });
      expect(result).toMatchObject({ outcome: 'http-status', httpStatus: 404 });
      await expect(call('connection:probe', { wsUrl: `ws://127.0.0.1:${port + 1}/wrong` })).rejects.toThrow(
        /saved account/,
      );
      await expect(call('doctor:network', { wsUrl: 'wss://elsewhere.example:443/ws' })).rejects.toThrow(
        /saved account/,
      );
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
