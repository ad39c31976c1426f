import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PhoneReport } from '../../contract/desk';
import { createMemoryLogger } from '../core/logger';
import { UpdateGate } from '../core/updates/update-gate';

// electron-updater is mocked: its autoUpdater needs a running Electron app.
// The fake records settings, emits the events the real one emits, and counts
// quitAndInstall calls.

class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  channel: string | null = null;
  allowPrerelease = false;
  allowDowngrade = true;
  logger: unknown = null;
  checks = 0;
  installs: Array<[boolean | undefined, boolean | undefined]> = [];
  checkForUpdates(): Promise<null> {
    this.checks++;
    return Promise.resolve(null);
  }
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter]);
  }
}

const fake = vi.hoisted(() => ({ current: null as unknown }));
vi.mock('electron-updater', () => ({
  get autoUpdater() {
    return fake.current;
  },
}));

const { startUpdater } = await import('./updater');

const busy: PhoneReport = {
  registration: 'registered',
  calls: [
    {
      id: 'a',
      direction: 'incoming',
      status: 'active',
      remoteName: 'Bob',
      remoteNumber: '1002',
      muted: false,
      held: false,
    },
  ],
};
const idle: PhoneReport = { registration: 'registered', calls: [] };

let stop: (() => void) | null = null;
afterEach(() => stop?.());

function start(policy = { enabled: true, channel: 'stable' as const }, isPackaged = true) {
  const updater = new FakeUpdater();
  fake.current = updater;
  let latest: PhoneReport | null = idle;
  const logger = createMemoryLogger();
  const gate = new UpdateGate({ latestReport: () => latest, logger });
  stop = startUpdater({ gate, policy: () => policy, logger, isPackaged });
  return { updater, gate, logger, report: (r: PhoneReport) => ((latest = r), gate.phoneReported()) };
}

describe('startUpdater (electron-updater mocked)', () => {
  it('downloads in the background, installs on quit, and checks at start', () => {
    const { updater } = start();
    expect(updater).toMatchObject({
      autoDownload: true,
      autoInstallOnAppQuit: true,
      channel: 'latest',
      allowDowngrade: false,
    });
    expect(updater.checks).toBe(1);
  });

  it('follows the beta channel when policy pins it', () => {
    const { updater } = start({ enabled: true, channel: 'beta' } as never);
    expect(updater).toMatchObject({ channel: 'beta', allowPrerelease: true });
  });

  it('does nothing when policy turns updates off, or in development', () => {
    const off = start({ enabled: false, channel: 'stable' } as never);
    expect(off.updater.checks).toBe(0);
    expect(off.logger.lines.join('\n')).toContain('turned off by your administrator');
    const dev = start(undefined, false);
    expect(dev.updater.checks).toBe(0);
  });

  it('installs a downloaded update only after the call has ended', () => {
    const { updater, report } = start();
    report(busy);
    updater.emit('update-downloaded', { version: '0.2.0' });
    expect(updater.installs).toEqual([]);
    report(idle);
    expect(updater.installs).toEqual([[true, true]]);
  });

  it('logs update errors without throwing', () => {
    const { updater, logger } = start();
    updater.emit('error', new Error('offline'));
    expect(logger.lines.join('\n')).toContain('Update check failed');
  });
});
