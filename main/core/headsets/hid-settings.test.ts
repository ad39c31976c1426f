import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeskView } from '../../../contract/desk';
import { APP_ORIGIN, type IpcSender } from '../../../contract/ipc';
import { TestEncryptor } from '../../../e2e/fixtures/test-encryptor';
import { createAppCore } from '../app-core';
import { createMemoryLogger } from '../logger';
import { tempDir } from '../test-helpers';
import { effectiveHeadsetSettings, HidAccess } from './hid-access';
import { JABRA, POLY } from './test-devices';

// The HID rules over the real core, read the way the composition root reads
// them (effectiveHeadsetSettings): the administrator's policy narrows or
// disables headset access, and the user's saved desk settings apply to the
// very next device question, without restarting anything.

const own: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };

async function core(policy?: unknown) {
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
  const access = new HidAccess({ origin: APP_ORIGIN, headset: () => effectiveHeadsetSettings(app) });
  const call = (channel: string, payload: unknown = {}) => app.router.dispatch(channel, own, payload);
  const granted = (device: unknown) =>
    access.devicePermission({ deviceType: 'hid', origin: APP_ORIGIN, device });
  return { access, call, granted };
}

describe('headset access follows the desk settings and the policy', () => {
  it('without a policy, every supported vendor is granted', async () => {
    const { granted, access } = await core();
    expect(granted(JABRA)).toBe(true);
    expect(granted(POLY)).toBe(true);
    expect(access.mayUseHid(APP_ORIGIN)).toBe(true);
  });

  it('a locked policy narrowing the vendors to Jabra denies Poly, and the user cannot widen it', async () => {
    const { granted, call } = await core({
      version: 1,
      values: { 'desk.headset.vendors': ['jabra'] },
      locked: ['desk.headset.vendors'],
    });
    expect(granted(POLY)).toBe(false);
    expect(granted(JABRA)).toBe(true);
    const view = (await call('desk:get')) as DeskView;
    const widened = { ...view.settings, headset: { ...view.settings.headset, vendors: ['jabra', 'poly'] } };
    await expect(call('desk:save', widened)).rejects.toThrow(/administrator/);
    expect(granted(POLY)).toBe(false);
  });

  it('a locked policy turning call control off denies every headset and the HID check', async () => {
    const { granted, access } = await core({
      version: 1,
      values: { 'desk.headset.callControl': false },
      locked: ['desk.headset.callControl'],
    });
    expect(granted(JABRA)).toBe(false);
    expect(access.mayUseHid(APP_ORIGIN)).toBe(false);
  });

  it('the user turning call control off (desk:save) applies to the next question at once', async () => {
    const { granted, call, access } = await core();
    expect(granted(JABRA)).toBe(true);
    const view = (await call('desk:get')) as DeskView;
    await call('desk:save', { ...view.settings, headset: { ...view.settings.headset, callControl: false } });
    expect(granted(JABRA)).toBe(false);
    expect(access.mayUseHid(APP_ORIGIN)).toBe(false);
    await call('desk:save', { ...view.settings, headset: { callControl: true, vendors: ['poly'] } });
    expect(granted(JABRA)).toBe(false);
    expect(granted(POLY)).toBe(true);
  });
});
