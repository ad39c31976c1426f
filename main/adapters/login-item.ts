import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { App } from 'electron';
import { AUTOSTART_FILE, autostartCommand, autostartDir, autostartEntry } from '../core/desk/autostart';
import type { LoginItemPort } from '../core/desk/ports';

// "Start DeskPhone when I log in": Electron's login items on macOS and
// Windows, an XDG autostart file on Linux (which Electron does not cover).

export interface LoginItemOptions {
  app: Pick<App, 'setLoginItemSettings'>;
  platform: NodeJS.Platform;
  /** process.defaultApp: started as `electron .` in development. */
  defaultApp: boolean;
  execPath: string;
  argv: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  home?: string;
}

export function createLoginItemPort(options: LoginItemOptions): LoginItemPort {
  const devArgs = options.defaultApp && options.argv[1] ? [resolve(options.argv[1])] : [];
  return {
    async set(enabled) {
      if (options.platform === 'linux') {
        const dir = autostartDir(options.env, options.home ?? homedir());
        const file = join(dir, AUTOSTART_FILE);
        if (!enabled) {
          await rm(file, { force: true });
          return;
        }
        await mkdir(dir, { recursive: true });
        await writeFile(file, autostartEntry(autostartCommand(options.execPath, devArgs, options.env)));
        return;
      }
      options.app.setLoginItemSettings({
        openAtLogin: enabled,
        ...(devArgs.length > 0 ? { path: options.execPath, args: devArgs } : {}),
      });
    },
  };
}
