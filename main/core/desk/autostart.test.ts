import { describe, expect, it } from 'vitest';
import { autostartCommand, autostartDir, autostartEntry } from './autostart';

describe('Linux autostart entry', () => {
  it('lives in ~/.config/autostart unless XDG_CONFIG_HOME says otherwise', () => {
    expect(autostartDir({}, '/home/ann')).toBe('/home/ann/.config/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/ann')).toBe('/cfg/autostart');
    expect(autostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/ann')).toBe('/home/ann/.config/autostart');
  });

  it('starts the AppImage file, not the executable in its temporary mount', () => {
    expect(
      autostartCommand('/tmp/.mount_Desk/deskphone', [], { APPIMAGE: '/home/ann/DeskPhone.AppImage' }),
    ).toEqual(['/home/ann/DeskPhone.AppImage']);
    expect(autostartCommand('/opt/DeskPhone/deskphone', [], {})).toEqual(['/opt/DeskPhone/deskphone']);
    expect(autostartCommand('/usr/bin/electron', ['/src/deskphone'], {})).toEqual([
      '/usr/bin/electron',
      '/src/deskphone',
    ]);
  });

  it('writes a desktop entry with every argument quoted', () => {
    const entry = autostartEntry(['/opt/Desk Phone/deskphone', 'a"b$c', '100%']);
    expect(entry).toContain('[Desktop Entry]\nType=Application\nName=DeskPhone\n');
    // The Exec quoting adds one backslash; the string escaping doubles it.
    expect(entry).toContain(String.raw`Exec="/opt/Desk Phone/deskphone" "a\\"b\\$c" "100%%"` + '\n');
  });

  it('refuses a command that would break the file', () => {
    expect(() => autostartEntry(['/opt/x\nExec=evil'])).toThrow(/line break/);
    expect(() => autostartEntry([])).toThrow();
  });
});
