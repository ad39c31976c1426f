import type { PhoneCommand, PhoneReport } from '../../../contract/desk';
import { ENGLISH, type DeskText } from '../i18n/desk-text';
import { callerLine, isRingingIn, ringingCalls, type ReportedCall } from './calls';
import type { NotificationEvent, NotificationHandle, NotificationSpec, NotificationsPort } from './ports';

// The "Incoming call" notification: what it says, which buttons it has, when
// it appears and goes away, and what its buttons do. A notification can be
// clicked long after the call stopped ringing (it may sit in a notification
// centre); such late clicks must never answer or decline anything.

/**
 * Whether native notifications can carry Answer/Decline buttons. macOS and
 * Windows show them. On Linux, buttons depend on the notification daemon
 * (GNOME shows them, many others drop them silently), so DeskPhone does not
 * promise them there: the notification opens the call window instead.
 */
export function supportsNotificationActions(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

export function incomingCallNotification(
  call: ReportedCall,
  platform: NodeJS.Platform,
  text: DeskText = ENGLISH,
): NotificationSpec {
  return {
    tag: `call-${call.id}`,
    title: text.t('incomingCall'),
    body: callerLine(call, text),
    actions: supportsNotificationActions(platform)
      ? [
          { id: 'answer', label: text.t('answer') },
          { id: 'decline', label: text.t('decline') },
        ]
      : [],
    sticky: true,
    urgent: true,
  };
}

/** Why a link or selection could not be called, shown where the user looks (the window may be hidden). */
export function dialProblemNotification(what: string, reason: string): NotificationSpec {
  return {
    tag: 'dial-problem',
    title: `${what} could not be called`,
    body: reason,
    actions: [],
    sticky: false,
    urgent: false,
  };
}

export interface NotificationRoute {
  /** Bring the window up (a click on the notification means "show me"). */
  focusWindow: boolean;
  command: PhoneCommand | null;
}

/** What a notification event for `callId` should do, given the phone as it is now. */
export function routeNotificationEvent(
  event: NotificationEvent,
  callId: string,
  report: PhoneReport | null,
): NotificationRoute | null {
  const call = report?.calls.find((c) => c.id === callId);
  const stillRinging = call !== undefined && isRingingIn(call);
  switch (event) {
    case 'answer':
    case 'decline':
      return stillRinging ? { focusWindow: event === 'answer', command: { command: event, callId } } : null;
    case 'click':
      // The window is wanted either way; the call view only while the call lasts.
      return {
        focusWindow: true,
        command: call && call.status !== 'ended' ? { command: 'show-call', callId } : null,
      };
    case 'closed':
      return null;
  }
}

/**
 * Shows one notification per new ringing call and closes it as soon as the
 * call stops ringing (answered here or elsewhere, declined, or cancelled).
 */
export class IncomingNotifier {
  private readonly open = new Map<string, NotificationHandle>();
  /** Calls already notified about, so a repeated report does not notify twice. */
  private readonly notified = new Set<string>();

  constructor(
    private readonly port: NotificationsPort,
    private readonly platform: NodeJS.Platform,
    private readonly onEvent: (event: NotificationEvent, callId: string) => void,
  ) {}

  /** `quiet`: do not show new ones (do-not-disturb); open ones still close on time. */
  update(report: PhoneReport | null, options: { quiet: boolean; text?: DeskText }): void {
    const ringing = ringingCalls(report);
    const ringingIds = new Set(ringing.map((c) => c.id));

    for (const [id, handle] of [...this.open]) {
      if (ringingIds.has(id)) continue;
      this.open.delete(id);
      handle.close();
    }
    const present = new Set(report?.calls.map((c) => c.id) ?? []);
    for (const id of [...this.notified]) if (!present.has(id)) this.notified.delete(id);

    if (options.quiet) return;
    for (const call of ringing) {
      if (this.notified.has(call.id)) continue;
      this.notified.add(call.id);
      const handle = this.port.show(incomingCallNotification(call, this.platform, options.text), (event) => {
        if (event === 'closed') this.open.delete(call.id);
        this.onEvent(event, call.id);
      });
      this.open.set(call.id, handle);
    }
  }

  /** Ids of calls whose notification is on screen. */
  openIds(): string[] {
    return [...this.open.keys()];
  }

  closeAll(): void {
    for (const handle of this.open.values()) handle.close();
    this.open.clear();
  }
}
