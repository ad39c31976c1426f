import type { DeskSettings, PhoneReport } from '../../../contract/desk';
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
  /** The app badge: unseen missed calls plus new voicemail (a waiting box without counts counts 1). */
  badgeCount: number;
}

export interface TrayContext {
  /** Whether the main window is on screen, for the Show / Hide label. */
  windowVisible?: boolean;
  /** Unseen missed calls, from the call history. */
  missedCalls?: number;
}

/** Windows cuts tray tooltips at 127 characters; cut them ourselves, with an ellipsis. */
const TOOLTIP_MAX = 127;

const REGISTRATION_TOOLTIP: Record<PhoneReport['registration'], string> = {
  unregistered: 'DeskPhone — Not registered',
  connecting: 'DeskPhone — Connecting…',
  registered: 'DeskPhone — Registered',
  failed: 'DeskPhone — Registration failed',
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

  let state: TrayState;
  let tooltip: string;
  if (ringing.length > 0) {
    state = 'ringing';
    const more = ringing.length > 1 ? ` and ${ringing.length - 1} more` : '';
    tooltip = `Ringing: ${callerLabel(ringing[0]!)}${more}`;
  } else if (current) {
    state = 'in-call';
    tooltip = callTooltip(current);
  } else if (registration !== 'registered') {
    state = registration;
    // The renderer's words; angle brackets out, as some Linux trays render tooltip markup.
    // eslint-disable-next-line no-control-regex
    const reason = report?.offlineReason?.replace(/[<>&\u0000-\u001f]/g, ' ').trim();
    tooltip = reason ? `DeskPhone — Can't receive calls: ${reason}` : REGISTRATION_TOOLTIP[registration];
  } else if (availability === 'dnd') {
    state = 'dnd';
    tooltip = 'DeskPhone — Do not disturb';
  } else {
    state = 'registered';
    tooltip = REGISTRATION_TOOLTIP.registered;
  }
  // Do-not-disturb is worth knowing even while something else shows.
  if (availability === 'dnd' && state !== 'dnd') tooltip += ' (do not disturb)';
  const missedCalls = context.missedCalls ?? 0;
  // Missed calls last; the tooltip is cut at the end only if it runs long.
  if (missedCalls > 0) tooltip += ` — ${missedCalls} missed call${missedCalls === 1 ? '' : 's'}`;
  const voicemail = report?.voicemail;
  const voicemailWaiting = Boolean(voicemail && (voicemail.waiting || voicemail.newMessages > 0));
  const newVoicemail = voicemailWaiting ? Math.max(1, voicemail!.newMessages) : 0;
  if (voicemailWaiting) tooltip += ` — ${voicemailTooltip(voicemail!.newMessages)}`;

  const menu: TrayMenuItem[] = [
    item('toggle-window', context.windowVisible ? 'Hide DeskPhone' : 'Show DeskPhone', true),
    separator(1),
    {
      id: 'available',
      type: 'radio',
      label: 'Available',
      enabled: true,
      checked: availability === 'available',
    },
    { id: 'dnd', type: 'radio', label: 'Do not disturb', enabled: true, checked: availability === 'dnd' },
    separator(2),
    item('answer', 'Answer', ringing.length > 0),
    item('decline', 'Decline', ringing.length > 0),
    item('hangup', 'Hang up', current !== undefined),
    item('toggle-mute', established?.muted ? 'Unmute' : 'Mute', established !== undefined),
    separator(3),
    // Reachable even when the window will not register: that is when it is needed.
    item('doctor', 'Connection doctor…', true),
    item('quit', 'Quit DeskPhone', true),
  ];
  return {
    state,
    tooltip: truncate(tooltip),
    menu,
    missedCalls,
    voicemailWaiting,
    badgeCount: missedCalls + newVoicemail,
  };
}

function voicemailTooltip(count: number): string {
  if (count === 0) return 'voicemail waiting';
  return `${count} new voicemail${count === 1 ? '' : 's'}`;
}

function callTooltip(call: NonNullable<ReturnType<typeof currentCall>>): string {
  const who = shortLabel(call);
  if (call.status !== 'active') return `Calling ${who}…`;
  const notes = [call.muted ? 'muted' : null, call.held ? 'on hold' : null].filter(Boolean);
  return `In call with ${who}${notes.length > 0 ? ` — ${notes.join(', ')}` : ''}`;
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
