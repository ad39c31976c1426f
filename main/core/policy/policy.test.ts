import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { emptyAccount, type AccountSettings } from '../../../contract/account';
import { APP_ORIGIN, type IpcSender, type SettingsView } from '../../../contract/ipc';
import type { DeskView } from '../../../contract/desk';
import type { PolicyView } from '../../../contract/policy';
import { TestEncryptor } from '../../../e2e/fixtures/test-encryptor';
import { createAppCore } from '../app-core';
import { createMemoryLogger } from '../logger';
import { tempDir } from '../test-helpers';
import { parsePolicyText, policyFilePath } from './policy-file';

const own: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };
const POLICY_WS = 'wss://pbx.corp.example:8089/ws';

const account: AccountSettings = {
  ...emptyAccount(),
  displayName: 'Alice',
  sipAddress: '1001@pbx.corp.example',
  wsUrl: POLICY_WS,
};

async function core(policy: unknown | string | null) {
  const dir = await tempDir();
  let policyFile: string | null = null;
  if (policy !== null) {
    policyFile = join(dir, 'policy.json');
    await writeFile(policyFile, typeof policy === 'string' ? policy : JSON.stringify(policy));
  }
  const app = await createAppCore({
    userDataDir: join(dir, 'profile'),
    encryptor: new TestEncryptor(),
    platform: 'linux',
    logger: createMemoryLogger(),
    policyFile,
  });
  const call = (channel: string, payload: unknown = {}) => app.router.dispatch(channel, own, payload);
  return { app, call, dir };
}

describe('policy file location', () => {
  it('uses the machine-wide folder per platform, or DESKPHONE_POLICY_FILE', () => {
    expect(policyFilePath('linux', {})).toBe('/etc/deskphone/policy.json');
    expect(policyFilePath('darwin', {})).toBe('/Library/Application Support/DeskPhone/policy.json');
    expect(policyFilePath('win32', { ProgramData: 'D:\\PD' })).toMatch(
      /^D:\\PD[\\/]DeskPhone[\\/]policy\.json$/,
    );
    expect(policyFilePath('linux', { DESKPHONE_POLICY_FILE: '/tmp/p.json' })).toBe('/tmp/p.json');
  });
});

describe('parsePolicyText', () => {
  it('keeps valid keys and reports each ignored one in plain words', () => {
    const parsed = parsePolicyText(
      JSON.stringify({
        version: 1,
        values: { 'account.wsUrl': POLICY_WS, 'account.iceGatheringTimeoutMs': 5, 'no.such': 1 },
        locked: ['account.wsUrl', 'account.iceGatheringTimeoutMs', 'bogus'],
      }),
    );
    expect(parsed.values).toEqual({ 'account.wsUrl': POLICY_WS });
    expect(parsed.locked).toEqual(['account.wsUrl']);
    expect(parsed.problems).toHaveLength(4);
    expect(parsed.problems.join(' ')).toContain('"no.such" is not a setting DeskPhone knows');
    expect(parsed.problems.join(' ')).toContain('"account.iceGatheringTimeoutMs" has a value');
  });

  it('ignores the whole file for bad JSON or a wrong version', () => {
    expect(parsePolicyText('{ nope').problems[0]).toMatch(/not valid JSON/);
    expect(parsePolicyText('{"version":2,"values":{}}').problems[0]).toMatch(/version must be 1/);
  });
});

describe('policy in the app core', () => {
  it('applies defaults < user < policy, and locked values always win', async () => {
    const { call, app } = await core({
      version: 1,
      values: { 'account.wsUrl': POLICY_WS, 'account.iceGatheringTimeoutMs': 800, 'desk.autoAnswer': 'on' },
      locked: ['account.wsUrl', 'desk.clickToDial.confirmFirst'],
    });
    const fresh = (await call('settings:get')) as SettingsView;
    expect(fresh.managed).toBe(true);
    expect(fresh.locked).toEqual(['account.wsUrl', 'desk.clickToDial.confirmFirst']);
    expect(fresh.accountTemplate?.wsUrl).toBe(POLICY_WS);
    expect(fresh.accountTemplate?.iceGatheringTimeoutMs).toBe(800);

    // The user's own choice beats an unlocked policy value.
    const saved = (await call('settings:save', {
      account: { ...account, iceGatheringTimeoutMs: 1500 },
      password: 'pw',
    })) as SettingsView;
    expect(saved.account?.iceGatheringTimeoutMs).toBe(1500);
    expect(saved.account?.wsUrl).toBe(POLICY_WS);

    const desk = (await call('desk:get')) as DeskView;
    expect(desk.settings.autoAnswer).toBe('on');
    expect(desk.locked).toContain('desk.clickToDial.confirmFirst');
    expect(app.settings.get().account?.wsUrl).toBe(POLICY_WS);
  });

  it('sets and locks the voicemail number and the message-summary SUBSCRIBE; a bad number is ignored', async () => {
    const { call } = await core({
      version: 1,
      values: { 'account.voicemailNumber': '*97', 'account.mwiSubscribe': true },
      locked: ['account.voicemailNumber'],
    });
    const fresh = (await call('settings:get')) as SettingsView;
    expect(fresh.accountTemplate).toMatchObject({ voicemailNumber: '*97', mwiSubscribe: true });
    await expect(
      call('settings:save', { account: { ...account, voicemailNumber: '8500' }, password: 'pw' }),
    ).rejects.toThrow(/Voicemail number/);
    const saved = (await call('settings:save', {
      account: { ...account, voicemailNumber: '*97', mwiSubscribe: false },
      password: 'pw',
    })) as SettingsView;
    // Left at its default (off), the unlocked SUBSCRIBE setting follows the policy, as every unlocked key does.
    expect(saved.account).toMatchObject({ voicemailNumber: '*97', mwiSubscribe: true });
    expect(
      parsePolicyText(JSON.stringify({ version: 1, values: { 'account.voicemailNumber': '9 7' } })).values,
    ).toEqual({});
  });

  it('refuses a save that changes a locked field, and accepts the shown value', async () => {
    const { call } = await core({
      version: 1,
      values: { 'account.wsUrl': POLICY_WS, 'desk.startAtLogin': true },
      locked: ['account.wsUrl', 'desk.startAtLogin'],
    });
    await expect(
      call('settings:save', { account: { ...account, wsUrl: 'wss://evil.example/ws' }, password: 'pw' }),
    ).rejects.toThrow(
      'This setting is managed by your administrator. It cannot be changed here: WebSocket URL.',
    );
    await expect(call('settings:save', { account, password: 'pw' })).resolves.toBeTruthy();

    const desk = (await call('desk:get')) as DeskView;
    expect(desk.settings.startAtLogin).toBe(true);
    await expect(call('desk:save', { ...desk.settings, startAtLogin: false })).rejects.toThrow(
      'managed by your administrator',
    );
    const saved = (await call('desk:save', { ...desk.settings, closeToTray: false })) as DeskView;
    expect(saved.settings.closeToTray).toBe(false);
    expect(saved.settings.startAtLogin).toBe(true);
  });

  it('a locked value overrides what settings.json already says', async () => {
    const first = await core(null);
    await first.call('settings:save', {
      account: { ...account, wsUrl: 'wss://old.example/ws' },
      password: 'pw',
    });
    const policyFile = join(first.dir, 'policy.json');
    await writeFile(
      policyFile,
      JSON.stringify({
        version: 1,
        values: { 'account.iceGatheringTimeoutMs': 900 },
        locked: ['account.iceGatheringTimeoutMs'],
      }),
    );
    const again = await createAppCore({
      userDataDir: join(first.dir, 'profile'),
      encryptor: new TestEncryptor(),
      platform: 'linux',
      logger: createMemoryLogger(),
      policyFile,
    });
    expect(again.account.view().account?.iceGatheringTimeoutMs).toBe(900);
    expect(again.settings.get().account?.iceGatheringTimeoutMs).toBe(900);
    expect(again.account.view().account?.wsUrl).toBe('wss://old.example/ws');
  });

  it('forces the SIP address domain', async () => {
    const { call } = await core({ version: 1, values: { 'account.domain': 'pbx.corp.example' } });
    await expect(
      call('settings:save', {
        account: { ...account, sipAddress: '1001@elsewhere.example' },
        password: 'pw',
      }),
    ).rejects.toThrow('must end in @pbx.corp.example');
    const view = (await call('settings:get')) as SettingsView;
    expect(view.accountTemplate?.sipAddress).toBe('@pbx.corp.example');
  });

  it('a bad policy file: defaults, a warning banner, and policy:get explains', async () => {
    const { call } = await core('{ this is not json');
    const view = (await call('settings:get')) as SettingsView;
    expect(view.managed).toBe(false);
    expect(view.locked).toEqual([]);
    const notice = view.notices.find((n) => n.id === 'policy-problems');
    expect(notice?.level).toBe('warning');
    expect(notice?.message).toContain('not valid JSON');
    const policy = (await call('policy:get')) as PolicyView;
    expect(policy.loaded).toBe(true);
    expect(policy.problems[0]).toMatch(/not valid JSON/);
  });

  it('invalid keys are ignored, the rest applies, and features follow policy', async () => {
    const { call } = await core({
      version: 1,
      values: { 'features.video': false, 'updates.channel': 'nightly', 'codecs.order': ['opus', 'pcma'] },
      locked: [],
    });
    const view = (await call('settings:get')) as SettingsView;
    expect(view.features).toEqual({ video: false, recording: true });
    expect(view.notices.find((n) => n.id === 'policy-problems')?.message).toContain('"updates.channel"');
    const policy = (await call('policy:get')) as PolicyView;
    expect(policy.values).toEqual({ 'features.video': false, 'codecs.order': ['opus', 'pcma'] });
  });

  it('features.recording false: recording is off whatever the user or a policy mode says', async () => {
    const { call } = await core({
      version: 1,
      values: { 'features.recording': false, 'desk.recording.mode': 'always' },
      locked: [],
    });
    const desk = (await call('desk:get')) as { settings: { recording: { mode: string } } };
    expect(desk.settings.recording.mode).toBe('off');
    const started = await call('recording:start', {
      callId: '1',
      direction: 'incoming',
      number: '1002',
      mimeType: 'audio/webm',
    });
    expect(started).toMatchObject({ problem: 'off' });
  });

  it('without a policy file nothing is managed and there is no banner', async () => {
    const { call } = await core(null);
    const view = (await call('settings:get')) as SettingsView;
    expect(view.managed).toBe(false);
    expect(view.features).toEqual({ video: true, recording: true });
    expect(view.notices).toEqual([]);
    expect(((await call('policy:get')) as PolicyView).loaded).toBe(false);
  });
});
