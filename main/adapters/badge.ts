import type { App } from 'electron';
import type { BadgePort } from '../core/desk/ports';
import { describeError } from '../core/errors';
import type { Logger } from '../core/logger';

// The missed-call count on the app's icon: the Dock on macOS, launchers that
// speak the Unity LauncherEntry API on Linux (GNOME with Dash to Dock, KDE).
// Windows has no count badge; its overlay icon is left out on purpose, the
// tray tooltip carries the count there.

export function createBadgePort(
  app: Pick<App, 'setBadgeCount'>,
  platform: NodeJS.Platform,
  logger: Logger,
): BadgePort {
  let last = -1;
  let warned = false;
  return {
    setCount(count) {
      if (platform === 'win32' || count === last) return;
      last = count;
      try {
        // false means this desktop shows no badge; nothing to tell the user.
        app.setBadgeCount(count);
      } catch (error) {
        if (warned) return;
        warned = true;
        logger.warn('Setting the app badge failed', { error: describeError(error) });
      }
    },
  };
}
