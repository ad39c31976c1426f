// engineConfigFrom: what the engine is started with, from main's settings and the vault.
import { describe, expect, it } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../../contract/account';
import type { Credentials, SettingsView } from '../../../contract/ipc';
import { engineConfigFrom } from './phone.svelte';

function account(overrides: Partial<AccountSettings> = {}): AccountSettings {
  return {
    ...emptyAccount(),
    displayName: 'Front Desk',
    sipAddress: '1001@pbx.example.com',
    authUser: 'fd-1001',
    wsUrl: 'wss://pbx.example.com:8089/ws',
    allowInsecureWs: false,
    iceServers: [],
    dtmfMode: 'rfc4733',
    voicemailNumber: '*97',
    mwiSubscribe: false,
    parkExtension: '700',
    parkSlots: '701-720',
    iceGatheringTimeoutMs: 400,
    ...overrides,
  };
}

function view(acc: AccountSettings | null, hasPassword = true): SettingsView {
  return {
    account: acc,
    hasPassword,
    iceServers: (acc?.iceServers ?? []).map((server) => ({ ...server, hasCredential: false })),
    notices: [],
  };
}

function credentials(iceCredentials: (string | null)[] = []): Credentials {
  return { iceCredentials };
}

const fromMain = async (realm: string) => `ha1-for-${realm}`;

describe('engineConfigFrom', () => {
  it('maps the account into an engine configuration that asks main for digest keys (no password)', async () => {
    const config = engineConfigFrom(view(account()), credentials(), fromMain);
    expect(config).toEqual({
      displayName: 'Front Desk',
      sipAddress: '1001@pbx.example.com',
      authUser: 'fd-1001',
      digestKey: fromMain,
      wsUrl: 'wss://pbx.example.com:8089/ws',
      iceGatheringTimeoutMs: 400,
      iceTransportPolicy: 'all',
      dtmfMode: 'rfc4733',
      mwiSubscribe: false,
      lampExpiresS: 600,
      iceServers: [],
    });
    expect(await config!.digestKey('asterisk')).toBe('ha1-for-asterisk');
  });

  it('passes a relay-only account on as the relay ICE transport policy', () => {
    const acc = account({ iceTransportPolicy: 'relay', iceServers: [{ urls: 'turn:turn.example.com' }] });
    expect(engineConfigFrom(view(acc), credentials(['pw']))!.iceTransportPolicy).toBe('relay');
  });

  it('does not leak settings the engine has no use for', () => {
    const config = engineConfigFrom(view(account({ allowInsecureWs: true })), credentials());
    expect(config).not.toBeNull();
    expect(config).not.toHaveProperty('allowInsecureWs');
  });

  it('returns null when there is no account', () => {
    expect(engineConfigFrom(view(null), credentials(), fromMain)).toBeNull();
  });

  it('returns null when no password is stored', () => {
    expect(engineConfigFrom(view(account(), false), credentials(), fromMain)).toBeNull();
  });

  it('turns an empty authentication user into undefined so the extension is used', () => {
    const config = engineConfigFrom(view(account({ authUser: '' })), credentials());
    expect(config).not.toBeNull();
    expect(config!.authUser).toBeUndefined();
  });

  it('keeps the configured ICE gathering limit', () => {
    const config = engineConfigFrom(view(account({ iceGatheringTimeoutMs: 2500 })), credentials());
    expect(config!.iceGatheringTimeoutMs).toBe(2500);
  });

  it('pairs TURN credentials with ICE servers by position', () => {
    const acc = account({
      iceServers: [
        { urls: 'stun:stun.example.com:3478' },
        { urls: 'turn:turn-a.example.com:3478', username: 'alice' },
        { urls: 'turns:turn-b.example.com:5349', username: 'bob' },
      ],
    });
    const config = engineConfigFrom(view(acc), credentials([null, 'secret-a', 'secret-b']));
    expect(config!.iceServers).toEqual([
      { urls: 'stun:stun.example.com:3478', username: undefined, credential: undefined },
      { urls: 'turn:turn-a.example.com:3478', username: 'alice', credential: 'secret-a' },
      { urls: 'turns:turn-b.example.com:5349', username: 'bob', credential: 'secret-b' },
    ]);
  });

  it('leaves the credential undefined where fewer credentials than servers are stored', () => {
    const acc = account({
      iceServers: [
        { urls: 'turn:turn-a.example.com', username: 'alice' },
        { urls: 'turn:turn-b.example.com', username: 'bob' },
      ],
    });
    const config = engineConfigFrom(view(acc), credentials(['only-first']));
    expect(config!.iceServers.map((server) => server.credential)).toEqual(['only-first', undefined]);
  });

  it('ignores surplus credentials beyond the configured servers', () => {
    const acc = account({ iceServers: [{ urls: 'turn:turn-a.example.com', username: 'alice' }] });
    const config = engineConfigFrom(view(acc), credentials(['a', 'b', 'c']));
    expect(config!.iceServers).toHaveLength(1);
    expect(config!.iceServers[0]!.credential).toBe('a');
  });

  it('turns an empty TURN user name into undefined', () => {
    const acc = account({ iceServers: [{ urls: 'turn:turn.example.com', username: '' }] });
    const config = engineConfigFrom(view(acc), credentials(['c']));
    expect(config!.iceServers[0]!.username).toBeUndefined();
    expect(config!.iceServers[0]!.credential).toBe('c');
  });

  it('preserves the order of the account ICE servers', () => {
    const urls = ['turn:c.example.com', 'stun:a.example.com', 'turn:b.example.com'];
    const acc = account({ iceServers: urls.map((u) => ({ urls: u })) });
    const config = engineConfigFrom(view(acc), credentials(['1', '2', '3']));
    expect(config!.iceServers.map((server) => `${server.urls}=${server.credential}`)).toEqual([
      'turn:c.example.com=1',
      'stun:a.example.com=2',
      'turn:b.example.com=3',
    ]);
  });
});
