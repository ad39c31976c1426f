import { z } from 'zod';
import {
  AccountSettingsSchema,
  BoardSettingsShape,
  emptyAccount,
  IceServerSchema,
  webSocketUrlProblem,
} from './account';
import { defaultDeskSettings, DeskSettingsSchema, HotkeysSchema } from './desk';
import { DIRECTORY_DEFAULTS, DIRECTORY_KEYS } from './directory';
import { FORWARDING_KEYS, PBX_ACCOUNT_KEYS, type KeySpec } from './policy-pbx-keys';
import { SCREEN_POP_KEYS } from './policy-screen-pop-keys';
import { AGENT_DEVICE_KEYS } from './policy-recording-headset-keys';

// Machine-wide policy set by an administrator: one JSON file that fixes or
// pre-sets settings for everyone on the computer. Every key is listed here
// once, with its schema and meaning; main validates against it, the settings
// forms ask it which fields are locked, and docs/deploying.md's reference
// table is generated from it (npm run docs:policy), so the three never drift.

export const POLICY_VERSION = 1;

/** Shown next to a locked field and in the refusal when a save tries to change one. */
export const MANAGED_NOTE = 'Set by your administrator';
export const MANAGED_MESSAGE = 'This setting is managed by your administrator.';

/** The file's outer shape; values are checked key by key so one bad key costs only itself. */
export const PolicyFileSchema = z.object({
  version: z.literal(POLICY_VERSION),
  values: z.record(z.string(), z.unknown()).default({}),
  locked: z.array(z.string()).default([]),
});

export const CODECS = ['opus', 'pcmu', 'pcma', 'g722'] as const;

const account = AccountSettingsSchema.shape;
const desk = DeskSettingsSchema.shape;
const clickToDial = desk.clickToDial.shape;

const DOMAIN = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9.-]+(?::\d{1,5})?$/, 'a domain looks like pbx.example.com');

const hotkey = (action: string): KeySpec => ({
  schema: HotkeysSchema.shape.answer,
  type: 'accelerator or null',
  description: `Global hotkey: ${action} (null turns it off).`,
});

export const POLICY_KEYS = {
  'account.wsUrl': {
    schema: account.wsUrl.refine(
      (url) => webSocketUrlProblem(url, true) === null,
      'not a ws:// or wss:// URL',
    ),
    type: 'string (wss:// URL)',
    description: 'The PBX WebSocket URL.',
  },
  'account.allowInsecureWs': {
    schema: account.allowInsecureWs,
    type: 'boolean',
    description: 'Allow unencrypted ws:// connections.',
  },
  'account.iceServers': {
    schema: z.array(IceServerSchema).max(8),
    type: 'array of { urls, username? }',
    description: 'STUN/TURN servers (TURN passwords are entered by the user, never in policy).',
  },
  'account.iceGatheringTimeoutMs': {
    schema: account.iceGatheringTimeoutMs,
    type: 'integer (100–10000)',
    description: 'How long a call waits for network candidates, in ms.',
  },
  'account.iceTransportPolicy': {
    schema: account.iceTransportPolicy,
    type: "'all' | 'relay'",
    description:
      "'relay' sends all call media through the TURN server (TURN-only networks); needs a turn: or turns: server in account.iceServers.",
  },
  'account.dtmfMode': { schema: account.dtmfMode, type: "'rfc4733' | 'info'", description: 'Keypad tones.' },
  ...PBX_ACCOUNT_KEYS,
  'account.displayName': { schema: account.displayName, type: 'string', description: 'Display name.' },
  'account.authUser': {
    schema: account.authUser,
    type: 'string',
    description: 'Authentication user, when it differs from the extension.',
  },
  'account.domain': {
    schema: DOMAIN.nullable(),
    type: 'string (domain) or null',
    description: 'Forces the domain of the SIP address (user@domain); applies even when not locked.',
  },
  'desk.closeToTray': { schema: desk.closeToTray, type: 'boolean', description: 'Closing keeps the tray.' },
  'desk.startMinimized': { schema: desk.startMinimized, type: 'boolean', description: 'Start in the tray.' },
  'desk.startAtLogin': { schema: desk.startAtLogin, type: 'boolean', description: 'Start at login.' },
  'desk.bringToFrontOnRing': {
    schema: desk.bringToFrontOnRing,
    type: 'boolean',
    description: 'Raise the window when a call rings.',
  },
  'desk.availability': {
    schema: desk.availability,
    type: "'available' | 'dnd'",
    description: 'Available or do not disturb.',
  },
  'desk.autoAnswer': {
    schema: desk.autoAnswer,
    type: "'off' | 'on' | 'idle'",
    description: 'Answer intercom/paging calls by themselves.',
  },
  'desk.autoAnswerFrom': {
    schema: desk.autoAnswerFrom,
    type: 'array of patterns (8*, page-*, 1001@pbx.example.com)',
    description: 'Callers whose intercom/paging requests are answered automatically; nobody else is.',
  },
  'desk.transferRequests': {
    schema: desk.transferRequests,
    type: "'ask' | 'refuse'",
    description: 'Transfers requested by the other side (REFER): ask the user first, or refuse them.',
  },
  'desk.transferAllow': {
    schema: desk.transferAllow,
    type: 'array of patterns (1???, 2*)',
    description:
      'Transfer targets allowed without asking (on the account domain unless a pattern names one).',
  },
  'desk.dndResponse': {
    schema: desk.dndResponse,
    type: '486 | 480',
    description: 'What do not disturb answers callers.',
  },
  'desk.hotkeys.answer': hotkey('answer'),
  'desk.hotkeys.hangup': hotkey('hang up or decline'),
  'desk.hotkeys.toggleMute': hotkey('mute / unmute'),
  'desk.hotkeys.toggleHold': hotkey('hold / resume'),
  'desk.hotkeys.dialSelection': hotkey('dial the selected text'),
  'desk.hotkeys.showWindow': hotkey('show DeskPhone'),
  'desk.clickToDial.defaultCountry': {
    schema: clickToDial.defaultCountry,
    type: 'string (ISO country, e.g. GB)',
    description: 'Country for numbers without a country code.',
  },
  'desk.clickToDial.confirmFirst': {
    schema: clickToDial.confirmFirst,
    type: 'boolean',
    description: 'Ask before dialling a link.',
  },
  'desk.audio.ringOnAllOutputs': {
    schema: desk.audio.shape.ringOnAllOutputs,
    type: 'boolean',
    description: 'Ring on every audio output.',
  },
  'desk.audio.instantAnswer': {
    schema: desk.audio.shape.instantAnswer,
    type: 'boolean',
    description:
      'Keep the microphone open while registered so calls start with sound at once (off: it opens with each call).',
  },
  'desk.audio.ringVolume': {
    schema: desk.audio.shape.ringVolume,
    type: 'number (0–1)',
    description: 'Ringer volume.',
  },
  ...AGENT_DEVICE_KEYS,
  'desk.appearance.language': {
    schema: desk.appearance.unwrap().shape.language,
    type: "'system' | 'en' | 'de' | 'fr' | 'es'",
    description: 'Language of the window (system: the OS language).',
  },
  'desk.appearance.theme': {
    schema: desk.appearance.unwrap().shape.theme,
    type: "'system' | 'light' | 'dark'",
    description: 'Light or dark colours (system: follow the OS).',
  },
  ...FORWARDING_KEYS,
  ...SCREEN_POP_KEYS,
  'features.video': { schema: z.boolean(), type: 'boolean', description: 'Video calls and the camera.' },
  'features.recording': {
    schema: z.boolean(),
    type: 'boolean',
    description: 'Call recording at all (false: never offered, whatever desk.recording.mode says).',
  },
  'updates.enabled': { schema: z.boolean(), type: 'boolean', description: 'Automatic updates.' },
  'updates.channel': {
    schema: z.enum(['stable', 'beta']),
    type: "'stable' | 'beta'",
    description: 'Update channel.',
  },
  'links.allowedHosts': {
    schema: z.array(DOMAIN).max(32),
    type: 'array of host names',
    description: 'Hosts whose links open in the browser without asking (all others ask first).',
  },
  'trust.caCertificates': {
    schema: z
      .array(
        z.string().regex(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, 'a PEM certificate'),
      )
      .max(16),
    type: 'array of PEM certificates',
    description:
      'Company certificate authorities trusted for the configured WebSocket host and the company directory host only (never for other sites).',
  },
  'codecs.order': {
    schema: z.array(z.enum(CODECS)).min(1).max(CODECS.length),
    type: "array of 'opus' | 'pcmu' | 'pcma' | 'g722'",
    description: 'Preferred audio codecs, first is preferred (stored; not yet applied to calls).',
  },
  ...DIRECTORY_KEYS,
} satisfies Record<string, KeySpec>;

export type PolicyKey = keyof typeof POLICY_KEYS;
export const POLICY_KEY_NAMES = Object.keys(POLICY_KEYS) as PolicyKey[];

export function isPolicyKey(key: string): key is PolicyKey {
  return Object.hasOwn(POLICY_KEYS, key);
}

/** App-level settings that exist only through policy. */
const APP_DEFAULTS = {
  'account.domain': null,
  'features.video': true,
  'features.recording': true,
  'updates.enabled': true,
  'updates.channel': 'stable',
  'trust.caCertificates': [],
  'links.allowedHosts': [],
  'screenPop.allowedHosts': [],
  'screenPop.allowHttp': false,
  'codecs.order': ['opus', 'g722', 'pcmu', 'pcma'],
  ...DIRECTORY_DEFAULTS,
} as const;

/** The built-in value of a key: what applies when neither the user nor policy sets it. */
export function policyDefault(key: PolicyKey): unknown {
  if (key in APP_DEFAULTS) return structuredClone(APP_DEFAULTS[key as keyof typeof APP_DEFAULTS]);
  const [section, ...rest] = key.split('.');
  const root: unknown = section === 'account' ? emptyAccount() : defaultDeskSettings();
  return getPath(root, rest);
}

export function getPath(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

export const FeaturesSchema = z.object({ video: z.boolean(), recording: z.boolean() });
export type Features = z.infer<typeof FeaturesSchema>;

/** Added to the settings and desk views: which keys the administrator fixed. */
export const PolicyLocksSchema = z.object({
  locked: z.array(z.string()).optional(),
  managed: z.boolean().optional(),
});

/** The account form's starting point when there is no account yet (policy values filled in). */
export const AccountTemplateSchema = z.object({
  displayName: z.string(),
  sipAddress: z.string(),
  authUser: z.string(),
  wsUrl: z.string(),
  allowInsecureWs: z.boolean(),
  iceServers: z.array(IceServerSchema),
  dtmfMode: z.enum(['rfc4733', 'info']),
  voicemailNumber: z.string().default(''),
  mwiSubscribe: z.boolean().default(false),
  parkExtension: z.string().default(''),
  parkSlots: z.string().default(''),
  ...BoardSettingsShape,
  iceGatheringTimeoutMs: z.number(),
  iceTransportPolicy: z.enum(['all', 'relay']).default('all'),
});

/** 'policy:get': what the policy file said and what was ignored. Policy holds no secrets. */
export const PolicyViewSchema = z.object({
  path: z.string().nullable(),
  loaded: z.boolean(),
  problems: z.array(z.string()),
  values: z.record(z.string(), z.unknown()),
  locked: z.array(z.string()),
});
export type PolicyView = z.infer<typeof PolicyViewSchema>;
