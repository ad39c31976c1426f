import { describe, expect, it } from 'vitest';
import { emptyAccount } from '../../contract/account';
import { APP_ORIGIN, type IpcSender } from '../../contract/ipc';
import { UserFacingError } from './errors';
import { IpcRouter } from './ipc-router';
import { createMemoryLogger } from './logger';

const own: IpcSender = { frameUrl: `${APP_ORIGIN}/index.html`, isOwnMainFrame: true };
const status = { available: true, backend: 'os', needsConsent: false, consented: false, message: null };

function router(allowedOrigins?: string[]) {
  const logger = createMemoryLogger();
  const r = new IpcRouter(allowedOrigins ? { logger, allowedOrigins } : { logger });
  r.register('vault:status', () => status);
  r.register('notices:dismiss', ({ id }) => ({ dismissed: id === 'known' }));
  return { r, logger };
}

describe('IpcRouter', () => {
  it('answers a good call from our own main frame', async () => {
    const { r } = router();
    await expect(r.dispatch('vault:status', own, {})).resolves.toEqual(status);
    await expect(r.dispatch('notices:dismiss', own, { id: 'known' })).resolves.toEqual({ dismissed: true });
  });

  it('rejects an unknown channel', async () => {
    const { r, logger } = router();
    await expect(r.dispatch('fs:readFile', own, {})).rejects.toThrow(
      /does not know the request "fs:readFile"/,
    );
    await expect(r.dispatch(42, own, {})).rejects.toThrow(/does not know/);
    expect(logger.lines.some((l) => l.includes('unknown-channel'))).toBe(true);
  });

  it('rejects a payload that fails the request schema, listing the problems', async () => {
    const { r } = router();
    await expect(r.dispatch('notices:dismiss', own, { id: 7 })).rejects.toThrow(/was not accepted: id: /);
    await expect(r.dispatch('vault:status', own, { extra: true })).rejects.toThrow(/not accepted/);
    await expect(r.dispatch('vault:status', own, undefined)).rejects.toThrow(/not accepted/);
  });

  it('lists field problems of a bad account in plain words, and never logs the payload', async () => {
    const { r, logger } = router();
    r.register('settings:save', () => {
      throw new Error('not reached');
    });
    const payload = {
      account: { ...emptyAccount(), sipAddress: 'nobody', wsUrl: 'ws://pbx.example.com/ws' },
      password: 'hunter2-secret',
    };
    const error = await r.dispatch('settings:save', own, payload).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('account.sipAddress: A SIP address looks like user@domain');
    expect((error as Error).message).toContain('account.wsUrl: ws:// sends your calls unencrypted');
    expect(logger.lines.join('\n')).not.toContain('hunter2-secret');
  });

  it('refuses an oversized request before parsing it, naming the limit, and never logs it', async () => {
    const { r, logger } = router();
    const huge = 'x'.repeat(300 * 1024);
    await expect(r.dispatch('notices:dismiss', own, { id: huge })).rejects.toThrow(
      /larger than DeskPhone allows \(256 KB\)/,
    );
    // A field zod reads as unknown is bounded too.
    r.register('support:export', () => ({ saved: false, path: null, files: [] }));
    await expect(
      r.dispatch('support:export', own, { stats: [{ blob: 'y'.repeat(9 * 1024 * 1024) }] }),
    ).rejects.toThrow(/larger than DeskPhone allows \(8 MB\)/);
    await expect(
      r.dispatch('support:export', own, { stats: [{ blob: 'y'.repeat(1024 * 1024) }] }),
    ).resolves.toEqual({
      saved: false,
      path: null,
      files: [],
    });
    const log = logger.lines.join('\n');
    expect(log).toContain('payload-too-large');
    expect(log).not.toContain('xxxxxxxx');
  });

  it('refuses data nested too deeply for the parser', async () => {
    const { r } = router();
    r.register('support:export', () => ({ saved: false, path: null, files: [] }));
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    await expect(r.dispatch('support:export', own, { stats: [deep] })).rejects.toThrow(/nested too deeply/);
  });

  it('refuses account fields longer than any real server needs, with the field named', async () => {
    const { r } = router();
    r.register('settings:save', () => {
      throw new Error('not reached');
    });
    const account = {
      ...emptyAccount(),
      sipAddress: `${'a'.repeat(300)}@pbx.example.com`,
      wsUrl: `wss://pbx.example.com/${'w'.repeat(3000)}`,
      iceServers: [{ urls: `stun:${'s'.repeat(600)}` }],
    };
    const message = await r.dispatch('settings:save', own, { account }).catch((e: Error) => e.message);
    expect(message).toContain('The SIP address can be at most 256 characters.');
    expect(message).toContain('The WebSocket URL can be at most 2048 characters.');
    expect(message).toContain('An ICE server address can be at most 512 characters.');
  });

  it('rejects a sender whose URL is not our origin', async () => {
    const { r } = router();
    for (const frameUrl of [
      'https://evil.example/',
      'app://other/index.html',
      'file:///etc/passwd',
      'not a url',
      '',
    ]) {
      await expect(r.dispatch('vault:status', { frameUrl, isOwnMainFrame: true }, {})).rejects.toThrow(
        /not part of DeskPhone/,
      );
    }
  });

  it('rejects a frame that is not our main frame even with our origin', async () => {
    const { r } = router();
    await expect(r.dispatch('vault:status', { ...own, isOwnMainFrame: false }, {})).rejects.toThrow(
      /main DeskPhone window/,
    );
  });

  it('accepts a configured test origin instead of app://phone', async () => {
    const { r } = router(['http://127.0.0.1:5173']);
    await expect(
      r.dispatch('vault:status', { frameUrl: 'http://127.0.0.1:5173/#/settings', isOwnMainFrame: true }, {}),
    ).resolves.toEqual(status);
    await expect(r.dispatch('vault:status', own, {})).rejects.toThrow(/not part of DeskPhone/);
    await expect(
      r.dispatch('vault:status', { frameUrl: 'http://127.0.0.1:5174/', isOwnMainFrame: true }, {}),
    ).rejects.toThrow();
  });

  it('rejects a channel without a handler', async () => {
    const { r } = router();
    await expect(r.dispatch('settings:get', own, {})).rejects.toThrow(/cannot answer "settings:get"/);
    expect(r.missingChannels()).toContain('settings:get');
  });

  it('rejects and logs a handler answer outside the contract, never returning undefined', async () => {
    const { r, logger } = router();
    r.register('settings:get', () => ({ nope: true }) as never);
    r.register('credentials:get', () => undefined as never);
    await expect(r.dispatch('settings:get', own, {})).rejects.toThrow(/internal error/);
    await expect(r.dispatch('credentials:get', own, {})).rejects.toThrow(/internal error/);
    expect(logger.lines.filter((l) => l.includes('outside the contract'))).toHaveLength(2);
  });

  it('strips fields a handler adds beyond the contract', async () => {
    const { r } = router();
    r.register('vault:consent', () => ({ ...status, secret: 'x' }) as never);
    await expect(r.dispatch('vault:consent', own, { allow: true })).resolves.toEqual(status);
  });

  it('passes user-facing errors through and hides internal ones', async () => {
    const { r, logger } = router();
    r.register('vault:consent', () => {
      throw new UserFacingError('No keyring is running.');
    });
    r.register('settings:get', () => {
      throw new Error('EACCES: /home/alice/.config/DeskPhone/settings.json');
    });
    await expect(r.dispatch('vault:consent', own, { allow: true })).rejects.toThrow('No keyring is running.');
    const error = (await r.dispatch('settings:get', own, {}).catch((e: Error) => e)) as Error;
    expect(error.message).toMatch(/Something went wrong/);
    expect(error.message).not.toContain('/home/alice');
    expect(logger.lines.join('\n')).toContain('EACCES');
  });

  it('refuses to register a channel twice', () => {
    const { r } = router();
    expect(() => r.register('vault:status', () => status)).toThrow(/already registered/);
  });
});
