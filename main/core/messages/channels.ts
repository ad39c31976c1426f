import { plainText } from '../../../contract/plain-text';
import type { NotificationsPort, WindowPort } from '../desk/ports';
import type { EventSender } from '../event-sender';
import type { IpcRouter } from '../ipc-router';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';
import { MessageStore } from './message-store';

// Text messages on the IPC router: the history main keeps (message-store.ts),
// the renderer told of every change ('messages:changed'), and a desktop
// notification with the sender and the first line when one arrives.

export interface MessagesWiring {
  userDataDir: string;
  logger: Logger;
  notices: NoticeBoard;
  events: EventSender;
  notifications?: NotificationsPort;
  window?: WindowPort;
  /** Unread messages changed (for the tray and the app badge, where the desk shows them). */
  onUnread?: (count: number) => void;
}

/** A notification's body: the first line, cleaned (libnotify renders markup) and short. */
export function notificationBody(text: string, max = 100): string {
  const line = text.split('\n').find((l) => l.trim()) ?? '';
  const clean = plainText(line, max + 1);
  return [...clean].length > max ? `${[...clean].slice(0, max - 1).join('')}…` : clean;
}

export async function registerMessageChannels(
  router: IpcRouter,
  wiring: MessagesWiring,
): Promise<MessageStore> {
  const store = await MessageStore.open(wiring.userDataDir, {
    logger: wiring.logger,
    notices: wiring.notices,
  });
  router.register('messages:list', ({ peer }) => store.list(peer));
  router.register('messages:record', (record) => store.record(record));
  router.register('messages:mark-read', async ({ peer }) => ({ ...(await store.markRead(peer)), peer }));
  store.onChange(({ unread, peer, received }) => {
    wiring.events.send('messages:changed', { unread, peer });
    wiring.onUnread?.(unread);
    if (!received || !wiring.notifications) return;
    try {
      wiring.notifications.show(
        {
          tag: `message-${received.peer}`,
          title: plainText(received.name || received.peer),
          body: notificationBody(received.text),
          actions: [],
          sticky: false,
          urgent: false,
        },
        (event) => {
          if (event !== 'click') return;
          wiring.window?.show();
          wiring.window?.focus();
        },
      );
    } catch (error) {
      wiring.logger.warn('Message notification failed', { error: String(error) });
    }
  });
  wiring.onUnread?.(store.unreadCount());
  return store;
}
