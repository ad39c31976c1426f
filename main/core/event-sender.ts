import type { EventChannel } from '../../contract/channels';
import { events, type EventPayload } from '../../contract/ipc';
import { describeError } from './errors';
import type { Logger } from './logger';

// The one door from main to the renderer, the mirror of the IPC router:
// every message is checked against the contract's event schemas before it
// leaves, so a bug in main cannot send the page something it does not expect.
// The transport is a port: webContents.send in the app, page.evaluate in the
// end-to-end harness.

export type EventPort = (channel: EventChannel, payload: unknown) => void | Promise<unknown>;

export class EventSender {
  constructor(
    private readonly logger: Logger,
    private port: EventPort | null = null,
  ) {}

  /** Connects (or, with null, disconnects) the transport, e.g. once the window exists. */
  setPort(port: EventPort | null): void {
    this.port = port;
  }

  /** Sends one message; false when it was not sent (outside the contract, no window, transport error). */
  send<E extends EventChannel>(channel: E, payload: EventPayload<E>): boolean {
    const checked = events[channel].safeParse(payload);
    if (!checked.success) {
      this.logger.error('Event outside the contract; not sent', {
        channel,
        issues: checked.error.issues.map((i) => `${i.path.join('.')}:${i.code}`).join(','),
      });
      return false;
    }
    if (!this.port) {
      this.logger.warn('No window to send the event to', { channel });
      return false;
    }
    try {
      const sent = this.port(channel, checked.data);
      if (sent instanceof Promise) {
        sent.catch((error: unknown) =>
          this.logger.warn('Sending an event failed', { channel, error: describeError(error) }),
        );
      }
      return true;
    } catch (error) {
      this.logger.warn('Sending an event failed', { channel, error: describeError(error) });
      return false;
    }
  }
}
