import type { DeskSettings, PhoneReport } from '../../../contract/desk';
import { ENGLISH, type DeskText } from '../i18n/desk-text';
import type { DeskMessageKey } from '../i18n/desk-messages';
import { callerLabel, currentCall, establishedCall, ringingCalls, shortLabel } from './calls';

// What the tray shows, as plain data: its state (which picks the icon), its
// tooltip and its menu. The adapter turns this into Electron's Tray and Menu;
// keeping the decisions here means every phone state is unit-tested.

export const TRAY_STATES = [
  'unregistered',
  'connecting',
  'registered',
  'ringing',
  'in-call',
  'dnd',
  'failed',
] as const;
export type TrayState = (typeof TRAY_STATES)[number];

export type TrayItemId =
  'toggle-window' | 'available' | 'dnd' | 'answer' | 'decline' | 'hangup' | 'toggle-mute' | 'doctor' | 'quit';

export type TrayMenuItem =
  | { id: TrayItemId; type: 'normal'; label: string; enabled: boolean }
  | { id: TrayItemId; type: 'radio'; label: string; enabled: boolean; checked: boolean }
  | { id: `separator-${number}`; type: 'separator'; label: ''; enabled: true };

export interface TrayModel {
  state: TrayState;
  tooltip: string;
  menu: TrayMenuItem[];
  /** Missed calls the user has not looked at yet. */
  missedCalls: number;
  /** The PBX says voicemail is waiting: the icon carries a mark. */
  voicemailWaiting: boolean;
  /** The app badge: unseen missed calls, new voicemail (a waiting box without counts counts 1), unread messages. */
  badgeCount: number;
}

export interface TrayContext {
  /** Whether the main window is on screen, for the Show / Hide label. */
  windowVisible?: boolean;
  /** Unseen missed calls, from the call history. */
  missedCalls?: number;
  /** Text messages not read yet. */
  unreadMessages?: number;
  /** The words, in the user's language (English when not given). */
  text?: DeskText;
  /** Every call goes elsewhere ("forward all" in the phone, or at the PBX): where to. */
  forwardedTo?: string;
}

/** Windows cuts tray tooltips at 127 characters; cut them ourselves, with an ellipsis. */
const TOOLTIP_MAX = 127;

const REGISTRATION_TOOLTIP: Record<PhoneReport['registration'], DeskMessageKey> = {
  unregistered: 'notRegistered',
  connecting: 'connecting',
  registered: 'registered',
  failed: 'failed',
};

/**
 * Ringing outranks everything (it needs the user now), then a call in
 * progress, then registration trouble, then do-not-disturb. Before the phone
 * has reported anything, the tray says "Not registered".
 */
export function trayModel(
  report: PhoneReport | null,
  availability: DeskSettings['availability'],
  context: TrayContext = {},
): TrayModel {
  const ringing = ringingCalls(report);
  const current = currentCall(report);
  const established = establishedCall(report);
  const registration = report?.registration ?? 'unregistered';
  const text = context.text ?? ENGLISH;
  const t = text.t.bind(text);

  let state: TrayState;
  let tooltip: string;
  if (ringing.length > 0) {
    state = 'ringing';
    tooltip = t('ringing', { caller: callerLabel(ringing[0]!, text), more: ringing.length - 1 });
  } else if (current) {
    state = 'in-call';
    tooltip = callTooltip(current, text);
  } else if (registration !== 'registered') {
    state = registration;
    // The renderer's words; angle brackets out, as some Linux trays render tooltip markup.
    // eslint-disable-next-line no-control-regex
    const reason = report?.offlineReason?.replace(/[<>&\u0000-\u001f]/g, ' ').trim();
    tooltip = reason ? t('offline', { reason }) : t(REGISTRATION_TOOLTIP[registration]);
  } else if (availability === 'dnd') {
    state = 'dnd';
    tooltip = t('dnd');
  } else {
    state = 'registered';
    tooltip = t('registered');
  }
  // Do-not-disturb is worth knowing even while something else shows.
  if (availability === 'dnd' && state !== 'dnd') tooltip = t('withDnd', { text: tooltip });
  // People forget forwarding; the tray is where they look when no call arrives.
  // eslint-disable-next-line no-control-regex
  const forwardedTo = context.forwardedTo?.replace(/[<>&\u0000-\u001f]/g, ' ').trim();
  if (forwardedTo) tooltip = t('withForwarding', { text: tooltip, target: forwardedTo });
  const missedCalls = context.missedCalls ?? 0;
  // Missed calls last; the tooltip is cut at the end only if it runs long.
  if (missedCalls > 0) tooltip = t('withMissed', { text: tooltip, count: missedCalls });
  const unreadMessages = context.unreadMessages ?? 0;
  if (unreadMessages > 0) tooltip = t('withMessages', { text: tooltip, count: unreadMessages });
  const voicemail = report?.voicemail;
  const voicemailWaiting = Boolean(voicemail && (voicemail.waiting || voicemail.newMessages > 0));
  const newVoicemail = voicemailWaiting ? Math.max(1, voicemail!.newMessages) : 0;
  if (voicemailWaiting) tooltip = t('withVoicemail', { text: tooltip, count: voicemail!.newMessages });

  const menu: TrayMenuItem[] = [
    item('toggle-window', t(context.windowVisible ? 'hide' : 'show'), true),
    separator(1),
    {
      id: 'available',
      type: 'radio',
      label: t('available'),
      enabled: true,
      checked: availability === 'available',
    },
    { id: 'dnd', type: 'radio', label: t('doNotDisturb'), enabled: true, checked: availability === 'dnd' },
    separator(2),
    item('answer', t('answer'), ringing.length > 0),
    item('decline', t('decline'), ringing.length > 0),
    item('hangup', t('hangUp'), current !== undefined),
    item('toggle-mute', t(established?.muted ? 'unmute' : 'mute'), established !== undefined),
    separator(3),
    // Reachable even when the window will not register: that is when it is needed.
    item('doctor', t('doctor'), true),
    item('quit', t('quit'), true),
  ];
  return {
    state,
    tooltip: truncate(tooltip),
    menu,
    missedCalls,
    voicemailWaiting,
    badgeCount: missedCalls + newVoicemail + unreadMessages,
  };
}

function callTooltip(call: NonNullable<ReturnType<typeof currentCall>>, text: DeskText): string {
  const who = shortLabel(call, text);
  if (call.status !== 'active') return text.t('calling', { who });
  const state = call.muted && call.held ? 'both' : call.muted ? 'muted' : call.held ? 'held' : 'none';
  return text.t('inCall', { who, state });
}

function item(id: TrayItemId, label: string, enabled: boolean): TrayMenuItem {
  return { id, type: 'normal', label, enabled };
}

function separator(n: number): TrayMenuItem {
  return { id: `separator-${n}`, type: 'separator', label: '', enabled: true };
}

function truncate(text: string): string {
  return text.length <= TOOLTIP_MAX ? text : `${text.slice(0, TOOLTIP_MAX - 1)}…`;
}

/** Where every call goes now, if anywhere: "forward all" in the phone first, else the PBX's forwarding. */
export function forwardAllTarget(settings: DeskSettings): string | undefined {
  const { always, pbxTarget } = settings.forwarding;
  if (always.enabled && always.target.trim()) return always.target.trim();
  return pbxTarget.trim() || undefined;
}
