import type { ConfirmPort } from './desk/ports';
import type { Logger } from './logger';
import { externalLinkTarget } from './web-rules';

// Links the page asks to open in the system browser. The page never opens
// anything itself: main checks that the person just clicked or pressed a key
// in the window, that the link is plain http(s), and then asks natively,
// naming the host, unless the administrator allowed that host.

/** A click or key press this recent counts as the reason for opening a link. */
export const GESTURE_WINDOW_MS = 2000;

export interface ExternalLinkPorts {
  open(url: string): Promise<void>;
  confirm?: ConfirmPort;
  /** Hosts the administrator lets open without asking (policy links.allowedHosts). */
  allowedHosts(): readonly string[];
  logger: Logger;
  now?: () => number;
}

export class ExternalLinks {
  constructor(private readonly ports: ExternalLinkPorts) {}

  /** Opens `url` if every rule allows it; false when refused. `gestureAt`: the last user input in the window. */
  async request(url: string, gestureAt: number | null): Promise<boolean> {
    const { logger } = this.ports;
    const target = externalLinkTarget(url);
    if (!target) {
      logger.warn('Blocked a link that is not a plain web link');
      return false;
    }
    const now = this.ports.now?.() ?? Date.now();
    if (gestureAt === null || now - gestureAt > GESTURE_WINDOW_MS) {
      logger.warn('Blocked a link the page opened without a click or key press');
      return false;
    }
    const host = new URL(target).hostname.toLowerCase();
    const allowed = this.ports.allowedHosts().some((h) => h.toLowerCase() === host);
    if (!allowed) {
      const yes =
        (await this.ports.confirm?.confirm({
          title: 'Open a link?',
          message: `Open ${host} in your browser?`,
          detail: target,
          confirmLabel: 'Open in browser',
        })) ?? false;
      if (!yes) return false;
    }
    await this.ports.open(target).catch(() => logger.warn('Opening a link in the browser failed'));
    return true;
  }

  /**
   * Opens a URL main built and checked itself (screen-pop's caller record):
   * no click or question needed, but still only a plain web link. Rejects
   * when it is not one or the browser could not be started.
   */
  async openChecked(url: string): Promise<void> {
    const target = externalLinkTarget(url);
    if (!target) throw new Error('Not a plain web link');
    await this.ports.open(target);
  }
}
