import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../../contract/account';
import { APP_ORIGIN, type IpcSender, type SettingsView } from '../../../contract/ipc';
import { TestEncryptor } from '../../../e2e/fixtures/test-encryptor';
import { createAppCore } from '../app-core';
import { createMemoryLogger } from '../logger';
import { tempDir } from '../test-helpers';

// TURN-only (account.iceTransportPolicy) as main sees it: the authority that
// refuses a relay-only account without a TURN server, and a key IT can lock.

const own: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };
const TURN = { urls: 'turn:turn.corp.example:3478', username: 'desk' };
const account: AccountSettings = {
  ...emptyAccount(),
  displayName: 'Alice',
  sipAddress: '1001@pbx.corp.example',
  wsUrl: 'wss://pbx.corp.example:8089/ws',
};

async function core(policy: unknown) {
  const dir = await tempDir();
  let policyFile: string | null = null;
  if (policy) {
    policyFile = join(dir, 'policy.json');
    await writeFile(policyFile, JSON.stringify(policy));
  }
  const app = await createAppCore({
    userDataDir: join(dir, 'profile'),
    encryptor: new TestEncryptor(),
    platform: 'linux',
    logger: createMemoryLogger(),
    policyFile,
  });
  return (channel: string, payload: unknown = {}) => app.router.dispatch(channel, own, payload);
}

describe('relay-only accounts in main', () => {
  it('refuses relay-only without a TURN server, naming the setting, and stores it with one', async () => {
    const call = await core(null);
    const stunOnly = {
      ...account,
      iceTransportPolicy: 'relay',
      iceServers: [{ urls: 'stun:stun.example.com' }],
    };
    await expect(call('settings:save', { account: stunOnly, password: 'pw' })).rejects.toThrow(
      /Relay all media through the TURN server.*needs a TURN server/,
    );
    const saved = (await call('settings:save', {
      account: { ...account, iceTransportPolicy: 'relay', iceServers: [TURN] },
      password: 'pw',
      iceCredentials: ['turn-secret'],
    })) as SettingsView;
    expect(saved.account?.iceTransportPolicy).toBe('relay');
  });

  it('lets IT lock relay-only: the template carries it and a change is refused by its label', async () => {
    const call = await core({
      version: 1,
      values: { 'account.iceServers': [TURN], 'account.iceTransportPolicy': 'relay' },
      locked: ['account.iceServers', 'account.iceTransportPolicy'],
    });
    const fresh = (await call('settings:get')) as SettingsView;
    expect(fresh.locked).toContain('account.iceTransportPolicy');
    expect(fresh.accountTemplate?.iceTransportPolicy).toBe('relay');
    await expect(
      call('settings:save', {
        account: { ...account, iceServers: [TURN], iceTransportPolicy: 'all' },
        password: 'pw',
      }),
    ).rejects.toThrow('Relay all media through the TURN server (TURN only)');
    const saved = (await call('settings:save', {
      account: { ...account, iceServers: [TURN], iceTransportPolicy: 'relay' },
      password: 'pw',
    })) as SettingsView;
    expect(saved.account?.iceTransportPolicy).toBe('relay');
  });
});
