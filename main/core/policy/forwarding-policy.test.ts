import { join } from 'node:path';
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { APP_ORIGIN, type IpcSender } from '../../../contract/ipc';
import type { DeskView } from '../../../contract/desk';
import { emptyAccount } from '../../../contract/account';
import { TestEncryptor } from '../../../e2e/fixtures/test-encryptor';
import { createAppCore } from '../app-core';
import { createMemoryLogger } from '../logger';
import { tempDir } from '../test-helpers';

// Forwarding lives in the desk settings: policy presets it, locks it, and
// main refuses a save that changes a locked rule, whatever the window sends.

const own: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };

async function core(policy: unknown | null) {
  const dir = await tempDir();
  let policyFile: string | null = null;
  if (policy !== null) {
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

describe('forwarding settings and policy', () => {
  it('are stored by desk:save and validated: no rule may be on without a target', async () => {
    const call = await core(null);
    const desk = (await call('desk:get')) as DeskView;
    expect(desk.settings.forwarding.always.enabled).toBe(false);
    const forwarding = { ...desk.settings.forwarding, always: { enabled: true, target: '1003' } };
    const saved = (await call('desk:save', { ...desk.settings, forwarding })) as DeskView;
    expect(saved.settings.forwarding.always).toEqual({ enabled: true, target: '1003' });

    const empty = { ...desk.settings.forwarding, busy: { enabled: true, target: ' ' } };
    await expect(call('desk:save', { ...desk.settings, forwarding: empty })).rejects.toThrow();
    const tooQuick = { ...desk.settings.forwarding, noAnswer: { enabled: true, target: '1003', seconds: 2 } };
    await expect(call('desk:save', { ...desk.settings, forwarding: tooQuick })).rejects.toThrow();
    const again = (await call('desk:get')) as DeskView;
    expect(again.settings.forwarding.busy.enabled).toBe(false);
  });

  it('a locked rule holds the policy value and main refuses a change to it', async () => {
    const call = await core({
      version: 1,
      values: {
        'desk.forwarding.noAnswer': { enabled: true, target: '1009', seconds: 15 },
        'desk.forwarding.forwardOnCode': '*72',
      },
      locked: ['desk.forwarding.noAnswer', 'desk.forwarding.always'],
    });
    const desk = (await call('desk:get')) as DeskView;
    expect(desk.locked).toContain('desk.forwarding.noAnswer');
    expect(desk.settings.forwarding.noAnswer).toEqual({ enabled: true, target: '1009', seconds: 15 });
    // Unlocked: a preset the user may change.
    expect(desk.settings.forwarding.forwardOnCode).toBe('*72');

    const off = { ...desk.settings.forwarding, noAnswer: { enabled: false, target: '1009', seconds: 15 } };
    await expect(call('desk:save', { ...desk.settings, forwarding: off })).rejects.toThrow(
      'managed by your administrator',
    );
    const always = { ...desk.settings.forwarding, always: { enabled: true, target: '1003' } };
    await expect(call('desk:save', { ...desk.settings, forwarding: always })).rejects.toThrow(
      'managed by your administrator',
    );
    // Sending back what was shown is fine, and so is an unlocked change.
    const busy = { ...desk.settings.forwarding, busy: { enabled: true, target: '1003' } };
    const saved = (await call('desk:save', { ...desk.settings, forwarding: busy })) as DeskView;
    expect(saved.settings.forwarding.busy.enabled).toBe(true);
    expect(saved.settings.forwarding.noAnswer.enabled).toBe(true);
  });

  it('main refuses a rule that is on and forwards to the account’s own number, with or without the domain', async () => {
    const call = await core(null);
    const account = {
      ...emptyAccount(),
      sipAddress: '1001@pbx.example.com',
      wsUrl: 'wss://pbx.example.com:8089/ws',
    };
    await call('settings:save', { account, password: 'pw' });
    const desk = (await call('desk:get')) as DeskView;
    const rule = (target: string, enabled = true) => ({
      ...desk.settings,
      forwarding: { ...desk.settings.forwarding, always: { enabled, target } },
    });
    for (const self of ['1001', 'sip:1001@pbx.example.com', '1001@PBX.example.com']) {
      await expect(call('desk:save', rule(self))).rejects.toThrow(/your own number/);
    }
    expect(((await call('desk:get')) as DeskView).settings.forwarding.always.enabled).toBe(false);
    // Another domain's 1001 is someone else; a rule that is off forwards nothing.
    await expect(call('desk:save', rule('1001@other.example.com'))).resolves.toBeTruthy();
    await expect(call('desk:save', rule('1001', false))).resolves.toBeTruthy();
  });
});
