import { join } from 'node:path';

// "Start at login" on Linux. Electron's setLoginItemSettings covers only
// macOS and Windows; Linux desktops (GNOME, KDE, XFCE…) start whatever has a
// .desktop file in ~/.config/autostart (the XDG autostart spec), so that is
// what DeskPhone writes and removes there.

export const AUTOSTART_FILE = 'deskphone.desktop';

/** ~/.config/autostart, or $XDG_CONFIG_HOME/autostart when that is set (and absolute). */
export function autostartDir(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const config = env.XDG_CONFIG_HOME?.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(config, 'autostart');
}

/**
 * The program to start: the AppImage file itself when running from one (the
 * executable inside it lives in a temporary mount that is gone after a
 * reboot), else the running executable, plus its arguments in development.
 */
export function autostartCommand(
  execPath: string,
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const appImage = env.APPIMAGE?.trim();
  if (appImage) return [appImage];
  return [execPath, ...args];
}

/**
 * Desktop Entry "Exec" quoting: each argument in double quotes with \ " ` $
 * backslash-escaped, then the string-value escaping (backslashes doubled
 * again), and % doubled so it is not read as a field code like %u.
 */
function quoteExecArg(arg: string): string {
  const quoted = `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function autostartEntry(command: readonly string[]): string {
  if (command.length === 0) throw new Error('autostart needs a command');
  if (command.some((arg) => /[\n\r\0]/.test(arg))) throw new Error('autostart command has a line break');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=DeskPhone',
    'Comment=Desktop SIP softphone',
    `Exec=${command.map(quoteExecArg).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}
