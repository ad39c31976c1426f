import { describe, expect, it, vi } from 'vitest';
import type { Logger } from '../core/logger';

vi.mock('electron', () => ({}));

const { createBadgePort } = await import('./badge');

function logger(): Logger {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}

describe('badge adapter', () => {
  it('shows the count on macOS and Linux, once per change', () => {
    const app = { setBadgeCount: vi.fn(() => true) };
    const port = createBadgePort(app, 'darwin', logger());
    port.setCount(2);
    port.setCount(2);
    port.setCount(0);
    expect(app.setBadgeCount.mock.calls).toEqual([[2], [0]]);
  });

  it('leaves Windows alone (no count badge there)', () => {
    const app = { setBadgeCount: vi.fn(() => true) };
    createBadgePort(app, 'win32', logger()).setCount(3);
    expect(app.setBadgeCount).not.toHaveBeenCalled();
  });

  it('logs a failure once and keeps going', () => {
    const log = logger();
    const app = {
      setBadgeCount: vi.fn(() => {
        throw new Error('no launcher');
      }),
    };
    const port = createBadgePort(app, 'linux', log);
    port.setCount(1);
    port.setCount(2);
    expect(app.setBadgeCount).toHaveBeenCalledTimes(2);
    expect(log.warn).toHaveBeenCalledTimes(1);
  });
});
