import { z } from 'zod';
import { ParkExtensionSchema, ParkSlotsSchema } from './park';
import { SIP_ADDRESS } from './sip-address';

export { parseSipAddress, type ParsedSipAddress } from './sip-address';

// Field rules shared by the account form (instant feedback) and main (the
// authority). Messages are written for the person at the desk.

// eslint-disable-next-line no-control-regex
const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;

/** What a PBX feature code or extension looks like: *97, 8500, vm-1001, or a SIP address. */
export const DIAL_TARGET = /^(?:sips?:)?[0-9A-Za-z*#+._~()@:;=-]*$/;

/** Asterisk's usual voicemail access line, shown as an example in the form (configuration, not language). */
export const VOICEMAIL_DIALPLAN_EXAMPLE = 'exten => *97,1,VoiceMailMain(${CALLERID(num)}@default)';

// --- Colleagues' board (BLF lamps, pickup) ---
/** The PBX is asked for at most this many lamps (renderer/src/sip/lamp-watch.ts MAX_LAMP_TARGETS). */
export const MAX_COLLEAGUES = 50;
/** Asterisk examples for the pickup prefix's help text (configuration, not language). */
export const PICKUP_EXAMPLES = {
  group: '*8',
  directed: 'exten => _**X.,1,Pickup(${EXTEN:2}@phones)',
};
const Colleague = z
  .string()
  .trim()
  .min(1, 'Enter an extension or SIP address.')
  .max(128, 'An extension or SIP address can be at most 128 characters.')
  .regex(DIAL_TARGET, 'An extension can hold digits, * and #, or a SIP address, without spaces.');
const ColleagueList = z
  .array(Colleague)
  .max(MAX_COLLEAGUES, `At most ${MAX_COLLEAGUES} colleagues can be on the board.`);
export const BoardSettingsShape = {
  /** Dialled before a ringing colleague's extension to pick the call up; empty: no Pick up button. */
  pickupPrefix: z
    .string()
    .trim()
    .max(32, 'The pickup prefix can be at most 32 characters.')
    .regex(DIAL_TARGET, 'The pickup prefix can hold digits, * and #, without spaces.')
    .default(''),
  /** The user's own colleagues on the board, in their order. */
  colleagues: ColleagueList.default([]),
  /** A whole team's extensions, set by policy: shown on every board, not removable there. */
  teamColleagues: ColleagueList.default([]),
  /** Say "<colleague> is ringing" in the polite live region. */
  announceColleagueRinging: z.boolean().default(false),
  /** How long each lamp subscription is asked to last; SIP.js refreshes it at 90 %. */
  lampExpiresS: z
    .number()
    .int()
    .min(60, 'Lamp subscriptions must last at least 60 s.')
    .max(3600, 'Lamp subscriptions can last at most 3600 s.')
    .default(600),
};
// --- end of the colleagues' board ---

export const ICE_URL = /^(stun|stuns|turn|turns):[^\s]+$/i;

export const IceServerSchema = z.object({
  urls: z
    .string()
    .trim()
    .max(512, 'An ICE server address can be at most 512 characters.')
    .regex(
      ICE_URL,
      'An ICE server must start with stun:, stuns:, turn: or turns: (for example stun:stun.example.com:3478).',
    ),
  username: z.string().trim().max(256, 'The TURN user name is too long.').optional(),
});
export type IceServer = z.infer<typeof IceServerSchema>;

/** True for a TURN server address (turn: or turns:), the only kind that gives relay candidates. */
export function isTurnUrl(url: string): boolean {
  return /^turns?:/i.test(url.trim());
}

/** Why a relay-only account cannot work, or null: relaying needs a TURN server to relay through. */
export function relayPolicyProblem(account: {
  iceTransportPolicy?: 'all' | 'relay';
  iceServers: readonly { urls: string }[];
}): string | null {
  if (account.iceTransportPolicy !== 'relay') return null;
  if (account.iceServers.some((server) => isTurnUrl(server.urls))) return null;
  return '"Relay all media through the TURN server" needs a TURN server (turn: or turns:) in the ICE servers.';
}

export const ICE_TIMEOUT_MIN_MS = 100;
export const ICE_TIMEOUT_MAX_MS = 10_000;
export const ICE_TIMEOUT_DEFAULT_MS = 500;

export const AccountSettingsSchema = z
  .object({
    displayName: z
      .string()
      .trim()
      .max(64, 'The display name can be at most 64 characters.')
      .regex(NO_CONTROL_CHARACTERS, 'The display name cannot contain line breaks or control characters.'),
    sipAddress: z
      .string()
      .trim()
      .min(1, 'Enter your SIP address, for example 1001@pbx.example.com.')
      .max(256, 'The SIP address can be at most 256 characters.')
      .regex(SIP_ADDRESS, 'A SIP address looks like user@domain, for example 1001@pbx.example.com.'),
    authUser: z
      .string()
      .trim()
      .max(128, 'The authentication user can be at most 128 characters.')
      .regex(/^[^\s]*$/, 'The authentication user cannot contain spaces.'),
    wsUrl: z
      .string()
      .trim()
      .min(1, 'Enter the WebSocket URL, for example wss://pbx.example.com:8089/ws.')
      .max(2048, 'The WebSocket URL can be at most 2048 characters.'),
    allowInsecureWs: z.boolean(),
    iceServers: z.array(IceServerSchema).max(8, 'At most 8 ICE servers can be configured.'),
    /** Keypad tones: RFC 4733 events in the audio (Asterisk's default) or SIP INFO. */
    dtmfMode: z.enum(['rfc4733', 'info']).default('rfc4733'),
    /** Dialled by the Voicemail button; empty means none (there is no built-in guess). */
    voicemailNumber: z
      .string()
      .trim()
      .max(128, 'The voicemail number can be at most 128 characters.')
      .regex(DIAL_TARGET, 'The voicemail number can hold digits, * and #, or a SIP address, without spaces.')
      .default(''),
    /** Also SUBSCRIBE to message-summary: some PBXes report voicemail only to subscribers. */
    mwiSubscribe: z.boolean().default(false),
    /** Call park: Park transfers the call here; empty means no Park button. */
    parkExtension: ParkExtensionSchema.default(''),
    /** Call park: the slots shown with lamps ("701-720" or a list); empty for none. */
    parkSlots: ParkSlotsSchema.default(''),
    ...BoardSettingsShape,
    iceGatheringTimeoutMs: z
      .number()
      .int()
      .min(ICE_TIMEOUT_MIN_MS, `The ICE gathering limit must be at least ${ICE_TIMEOUT_MIN_MS} ms.`)
      .max(ICE_TIMEOUT_MAX_MS, `The ICE gathering limit can be at most ${ICE_TIMEOUT_MAX_MS} ms.`),
    /** 'relay': media only through the TURN server (networks where nothing else gets out). */
    iceTransportPolicy: z.enum(['all', 'relay']).default('all'),
  })
  .superRefine((account, ctx) => {
    const problem = webSocketUrlProblem(account.wsUrl, account.allowInsecureWs);
    if (problem) ctx.addIssue({ code: 'custom', path: ['wsUrl'], message: problem });
    const relay = relayPolicyProblem(account);
    if (relay) ctx.addIssue({ code: 'custom', path: ['iceTransportPolicy'], message: relay });
  });
export type AccountSettings = z.infer<typeof AccountSettingsSchema>;

export function webSocketUrlProblem(raw: string, allowInsecure: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'The WebSocket URL is not a valid address. It looks like wss://pbx.example.com:8089/ws.';
  }
  if (url.protocol === 'ws:' && !allowInsecure) {
    return 'ws:// sends your calls unencrypted. Use wss://, or turn on "Allow insecure connection" if your administrator requires it.';
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    return `The WebSocket URL must start with wss:// (it starts with ${url.protocol}//).`;
  }
  if (!url.hostname) return 'The WebSocket URL has no server name.';
  if (url.username || url.password) return 'Do not put a user name or password in the WebSocket URL.';
  return null;
}

export function emptyAccount(): AccountSettings {
  return {
    displayName: '',
    sipAddress: '',
    authUser: '',
    wsUrl: '',
    allowInsecureWs: false,
    iceServers: [],
    dtmfMode: 'rfc4733',
    voicemailNumber: '',
    mwiSubscribe: false,
    parkExtension: '',
    parkSlots: '',
    pickupPrefix: '',
    colleagues: [],
    teamColleagues: [],
    announceColleagueRinging: false,
    lampExpiresS: 600,
    iceGatheringTimeoutMs: ICE_TIMEOUT_DEFAULT_MS,
    iceTransportPolicy: 'all',
  };
}
