import { z } from 'zod';
import { CallQualitySummarySchema } from './history';
import { defaultForwarding, ForwardingSettingsSchema } from './forwarding';
import { defaultHeadsetSettings, HeadsetSettingsSchema } from './headsets';
import { defaultRecordingSettings, RecordingSettingsSchema } from './recording';
import { defaultScreenPopSettings, ScreenPopSettingsSchema } from './screen-pop';

// Desk integration: what main needs to know about the phone (tray, notifications)
// and what main asks the phone to do (hotkeys, links, tray and notification actions).

export const HOTKEY_ACTIONS = [
  'answer',
  'hangup',
  'toggleMute',
  'toggleHold',
  'dialSelection',
  'showWindow',
] as const;
export type HotkeyAction = (typeof HOTKEY_ACTIONS)[number];

/**
 * Ctrl+Alt+Shift combinations: Windows, macOS, GNOME, KDE, Office and the
 * common browsers leave these free, so the defaults do not steal a shortcut
 * the user already relies on.
 */
export const DEFAULT_HOTKEYS: Record<HotkeyAction, string | null> = {
  answer: 'CommandOrControl+Alt+Shift+A',
  hangup: 'CommandOrControl+Alt+Shift+H',
  toggleMute: 'CommandOrControl+Alt+Shift+M',
  toggleHold: 'CommandOrControl+Alt+Shift+P',
  dialSelection: 'CommandOrControl+Alt+Shift+D',
  showWindow: 'CommandOrControl+Alt+Shift+S',
};

const Accelerator = z.string().trim().min(1).max(64);

export const HotkeysSchema = z.object({
  answer: Accelerator.nullable(),
  hangup: Accelerator.nullable(),
  toggleMute: Accelerator.nullable(),
  toggleHold: Accelerator.nullable(),
  dialSelection: Accelerator.nullable(),
  showWindow: Accelerator.nullable(),
});

export const AudioDevicesSchema = z.object({
  /** '' means the system default. */
  microphoneId: z.string().max(256),
  speakerId: z.string().max(256),
  ringerId: z.string().max(256),
  cameraId: z.string().max(256).default(''),
  ringOnAllOutputs: z.boolean(),
  /** 0..1 */
  ringVolume: z.number().min(0).max(1),
  /** "Instant answer": keep the microphone open while registered (a choice the user makes; off by default). */
  instantAnswer: z.boolean().default(false),
});
export type AudioDevices = z.infer<typeof AudioDevicesSchema>;

/**
 * Who a rule is about: a number or SIP user with * (any run) and ? (one
 * character) wildcards, optionally @domain. Without a domain, a transfer
 * target must also be on the account's own domain.
 */
export const CallerPatternSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9+*#?._@-]+$/, 'Use digits, letters, * and ? (for example 8* or page-*).');

export const DeskSettingsSchema = z.object({
  closeToTray: z.boolean(),
  startMinimized: z.boolean(),
  startAtLogin: z.boolean(),
  bringToFrontOnRing: z.boolean(),
  availability: z.enum(['available', 'dnd']),
  /** Intercom/paging calls (Call-Info answer-after, Alert-Info auto answer): answer by themselves? */
  autoAnswer: z.enum(['off', 'on', 'idle']).default('off'),
  /** Callers whose intercom/paging requests are honoured; nobody else is ever answered by the phone itself. */
  autoAnswerFrom: z.array(CallerPatternSchema).max(32).default([]),
  /** A transfer the other side requests (REFER): ask the user first, or refuse it. */
  transferRequests: z.enum(['ask', 'refuse']).default('ask'),
  /** Targets such a transfer may reach without asking (internal extensions). */
  transferAllow: z.array(CallerPatternSchema).max(32).default([]),
  /** What do not disturb answers callers: busy (486) or temporarily unavailable (480). */
  dndResponse: z.union([z.literal(486), z.literal(480)]).default(486),
  hotkeys: HotkeysSchema,
  clickToDial: z.object({
    /** ISO 3166-1 alpha-2, for numbers written without a country code. */
    defaultCountry: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Choose a country as a two-letter code, for example GB or US.'),
    confirmFirst: z.boolean(),
  }),
  audio: AudioDevicesSchema,
  /** The window's language and colours; "system" follows the operating system. */
  appearance: z
    .object({
      language: z.enum(['system', 'en', 'de', 'fr', 'es']),
      theme: z.enum(['system', 'light', 'dark']),
    })
    .default({ language: 'system', theme: 'system' }),
  /** Call forwarding (contract/forwarding.ts): applied at once, never restarts the engine. */
  forwarding: ForwardingSettingsSchema.default(defaultForwarding),
  /** Headset call control over WebHID (contract/headsets.ts). */
  headset: HeadsetSettingsSchema.default(defaultHeadsetSettings),
  /** Local call recording (contract/recording.ts). */
  recording: RecordingSettingsSchema.default(defaultRecordingSettings),
  /** The caller's record in the browser (contract/screen-pop.ts). */
  screenPop: ScreenPopSettingsSchema.default(defaultScreenPopSettings),
});
export type DeskSettings = z.infer<typeof DeskSettingsSchema>;

/** `defaultCountry` comes from the OS locale in main (see main/core/desk/default-country.ts). */
export function defaultDeskSettings(defaultCountry = 'US'): DeskSettings {
  return {
    closeToTray: true,
    startMinimized: false,
    startAtLogin: false,
    bringToFrontOnRing: false,
    availability: 'available',
    autoAnswer: 'off',
    autoAnswerFrom: [],
    transferRequests: 'ask',
    transferAllow: [],
    dndResponse: 486,
    hotkeys: { ...DEFAULT_HOTKEYS },
    clickToDial: { defaultCountry, confirmFirst: true },
    audio: {
      microphoneId: '',
      speakerId: '',
      ringerId: '',
      cameraId: '',
      ringOnAllOutputs: false,
      instantAnswer: false,
      ringVolume: 0.8,
    },
    appearance: { language: 'system', theme: 'system' },
    forwarding: defaultForwarding(),
    headset: { ...defaultHeadsetSettings, vendors: [...defaultHeadsetSettings.vendors] },
    recording: { ...defaultRecordingSettings },
    screenPop: { ...defaultScreenPopSettings },
  };
}

export const DeskViewSchema = z.object({
  settings: DeskSettingsSchema,
  /** Plain-language problems per hotkey (refused by the OS, duplicate, malformed). */
  hotkeyProblems: z.record(z.string(), z.string()),
  /** Whether native notifications can carry Answer/Decline buttons on this platform. */
  notificationActions: z.boolean(),
  /** Policy: dotted keys the administrator locked (desk.hotkeys.answer...), and whether a policy applies. */
  locked: z.array(z.string()).optional(),
  managed: z.boolean().optional(),
});
export type DeskView = z.infer<typeof DeskViewSchema>;

export const CALL_STATUSES = ['dialing', 'ringing', 'incoming', 'connecting', 'active', 'ended'] as const;

/** The phone's state as the renderer reports it to main, for tray, notifications and hotkeys. */
export const PhoneReportSchema = z.object({
  registration: z.enum(['unregistered', 'connecting', 'registered', 'failed']),
  /** Why calls cannot arrive right now, in the phone's words (shown in the tray tooltip). */
  offlineReason: z.string().max(256).optional(),
  calls: z
    .array(
      z.object({
        id: z.string().max(64),
        direction: z.enum(['outgoing', 'incoming']),
        status: z.enum(CALL_STATUSES),
        remoteName: z.string().max(256),
        remoteNumber: z.string().max(256),
        muted: z.boolean(),
        held: z.boolean(),
        remoteUri: z.string().max(512).optional(),
        /** Epoch ms; main's call history is built from these. */
        startedAt: z.number().optional(),
        answeredAt: z.number().optional(),
        endedAt: z.number().optional(),
        /** Plain-language reason for an abnormal end, and the SIP status behind it. */
        endReason: z.string().max(512).optional(),
        endCode: z.number().int().optional(),
        quality: CallQualitySummarySchema.optional(),
      }),
    )
    .max(16),
  /** Waiting voicemail as the PBX reports it (message-summary); absent until it said anything. */
  voicemail: z
    .object({
      waiting: z.boolean(),
      newMessages: z.number().int().min(0).max(9999),
      oldMessages: z.number().int().min(0).max(9999),
    })
    .optional(),
});
export type PhoneReport = z.infer<typeof PhoneReportSchema>;

/** What main asks the phone to do. Without callId, the command applies to the obvious call. */
export const PhoneCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('answer'), callId: z.string().optional() }),
  z.object({ command: z.literal('decline'), callId: z.string().optional() }),
  z.object({ command: z.literal('hangup'), callId: z.string().optional() }),
  z.object({ command: z.literal('toggle-mute') }),
  z.object({ command: z.literal('toggle-hold') }),
  z.object({
    command: z.literal('dial'),
    /** Already normalised by main (E.164 for numbers, or a SIP URI). */
    target: z.string().max(512),
    display: z.string().max(512),
    confirm: z.boolean(),
  }),
  z.object({ command: z.literal('show-call'), callId: z.string().optional() }),
  /** Tray menu "Connection doctor…": open the doctor and run it. */
  z.object({ command: z.literal('show-doctor') }),
]);
export type PhoneCommand = z.infer<typeof PhoneCommandSchema>;
