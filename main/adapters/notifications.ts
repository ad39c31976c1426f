import { Notification } from 'electron';
import type { Logger } from '../core/logger';
import type {
  NotificationEvent,
  NotificationHandle,
  NotificationSpec,
  NotificationsPort,
} from '../core/desk/ports';

// Native notifications for the desk controller. The core decides what they
// say and which buttons they have; this adapter maps that onto Electron's
// Notification and its events back onto the core's few event names.

export function createNotificationsPort(platform: NodeJS.Platform, logger: Logger): NotificationsPort {
  // Electron drops a Notification's handlers once the object is garbage
  // collected, so every one on screen is kept here until it closes.
  const alive = new Set<Notification>();

  return {
    show(spec: NotificationSpec, onEvent: (event: NotificationEvent) => void): NotificationHandle {
      if (!Notification.isSupported()) {
        logger.warn('Notifications are not supported on this system');
        return { close: () => undefined };
      }
      const notification = new Notification({
        id: spec.tag,
        title: spec.title,
        body: spec.body,
        // The renderer plays the ring tone on the chosen device; a system sound would double it.
        silent: true,
        actions: spec.actions.map((action) => ({ type: 'button' as const, text: action.label })),
        // Linux and Windows: an incoming call stays until answered, declined or gone.
        timeoutType: spec.sticky ? 'never' : 'default',
        ...(platform === 'linux'
          ? { urgency: spec.urgent ? ('critical' as const) : ('normal' as const) }
          : {}),
      });
      alive.add(notification);
      notification.on('action', (details: { actionIndex?: number } | undefined, legacyIndex?: number) => {
        // Electron 45 passes an event with actionIndex; older versions passed the index itself.
        const index = typeof details?.actionIndex === 'number' ? details.actionIndex : legacyIndex;
        const action = index === undefined ? undefined : spec.actions[index];
        if (action) onEvent(action.id);
      });
      notification.on('click', () => onEvent('click'));
      notification.on('close', () => {
        alive.delete(notification);
        onEvent('closed');
      });
      notification.on('failed', () => {
        alive.delete(notification);
        logger.warn('A notification could not be shown');
      });
      notification.show();
      return {
        close() {
          alive.delete(notification);
          notification.close();
        },
      };
    },
  };
}
