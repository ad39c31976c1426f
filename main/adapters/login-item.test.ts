import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../core/test-helpers';

vi.mock('electron', () => ({}));

const { createLoginItemPort } = await import('./login-item');

describe('login item adapter', () => {
  it('uses Electron login items on macOS and Windows', async () => {
    const app = { setLoginItemSettings: vi.fn() };
    const base = { app, execPath: '/x', argv: ['/x'], env: {}, defaultApp: false };
    await createLoginItemPort({ ...base, platform: 'darwin' }).set(true);
    await createLoginItemPort({ ...base, platform: 'win32' }).set(false);
    expect(app.setLoginItemSettings.mock.calls).toEqual([[{ openAtLogin: true }], [{ openAtLogin: false }]]);
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const home = await tempDir();
    const app = { setLoginItemSettings: vi.fn() };
    const port = createLoginItemPort({
      app,
      platform: 'linux',
      execPath: '/tmp/.mount_x/deskphone',
      argv: ['/tmp/.mount_x/deskphone'],
      env: { APPIMAGE: '/home/ann/DeskPhone.AppImage' },
      defaultApp: false,
      home,
    });
    await port.set(true);
    const dir = join(home, '.config', 'autostart');
    const entry = await readFile(join(dir, 'deskphone.desktop'), 'utf8');
    expect(entry).toContain('Exec="/home/ann/DeskPhone.AppImage"');
    await port.set(false);
    expect(await readdir(dir)).toEqual([]);
    await port.set(false);
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });
});
