import { z } from 'zod';
import { AccountSettingsSchema, IceServerSchema } from './account';
import { CertPinRequestSchema, CertPinsViewSchema, CertUnpinRequestSchema } from './certificates';
import type { EventChannel, InvokeChannel, StartupRead } from './channels';
import {
  DirectoryChangedSchema,
  DirectoryGetRequestSchema,
  DirectoryStatusSchema,
  DirectoryViewSchema,
} from './directory';
import {
  DoctorNetworkRequestSchema,
  DoctorNetworkResultSchema,
  SupportExportRequestSchema,
  SupportExportResultSchema,
} from './doctor';
import { DeskSettingsSchema, DeskViewSchema, PhoneCommandSchema, PhoneReportSchema } from './desk';
import { AccountTemplateSchema, FeaturesSchema, PolicyLocksSchema, PolicyViewSchema } from './policy';
import {
  ContactSaveRequestSchema,
  ContactSchema,
  ContactsListRequestSchema,
  ContactsListSchema,
  HistoryChangedSchema,
  HistoryListRequestSchema,
  HistoryListSchema,
  HistoryNoteRequestSchema,
  HistoryNoteResultSchema,
} from './history';
import {
  RecordingAppendRequestSchema,
  RecordingDataSchema,
  RecordingPickSchema,
  RecordingProgressSchema,
  RecordingRefSchema,
  RecordingStartedSchema,
  RecordingStartRequestSchema,
  RecordingStopRequestSchema,
} from './recording';
import { ScreenPopOpenRequestSchema, ScreenPopResultSchema } from './screen-pop';
import {
  MessageRecordSchema,
  MessagesChangedSchema,
  MessageRecordResultSchema,
  MessagesListRequestSchema,
  MessagesListSchema,
  MessagesMarkReadSchema,
} from './messages';

// The one IPC contract: every channel's request and response schema. Main
// validates both directions; the preload exposes exactly these channels.

const Empty = z.object({}).strict();

export const NoticeSchema = z.object({
  id: z.string(),
  level: z.enum(['info', 'warning', 'error']),
  message: z.string(),
});
export type Notice = z.infer<typeof NoticeSchema>;

/** What the renderer may know about an ICE server: never its credential. */
export const IceServerViewSchema = IceServerSchema.extend({ hasCredential: z.boolean() });

export const SettingsViewSchema = z.object({
  account: AccountSettingsSchema.nullable(),
  hasPassword: z.boolean(),
  iceServers: z.array(IceServerViewSchema),
  notices: z.array(NoticeSchema),
  /** Policy: locked keys (dotted, e.g. account.wsUrl), whether a policy file applies. */
  ...PolicyLocksSchema.shape,
  /** Features the administrator can switch off (features.video). */
  features: FeaturesSchema.optional(),
  /** Where the account form starts when there is no account yet (policy values filled in). */
  accountTemplate: AccountTemplateSchema.optional(),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;

const Secret = z.string().max(1024, 'That password is too long (at most 1024 characters).');

export const SaveAccountRequestSchema = z
  .object({
    account: AccountSettingsSchema,
    /** Empty or absent keeps the stored password. */
    password: Secret.optional(),
    /** TURN credentials, by position in account.iceServers; empty or absent keeps the stored one. */
    iceCredentials: z.array(Secret.optional()).max(8).optional(),
  })
  .strict();
export type SaveAccountRequest = z.infer<typeof SaveAccountRequestSchema>;

/**
 * What the renderer may hold: TURN credentials (WebRTC needs them for the
 * configured servers), never the SIP password. Digest challenges are answered
 * with an HA1 main derives for the realm asked (credentials:digest).
 */
export const CredentialsSchema = z
  .object({
    /** TURN credentials by position in account.iceServers (null where none is stored). */
    iceCredentials: z.array(z.string().nullable()),
  })
  .strict();
export type Credentials = z.infer<typeof CredentialsSchema>;

/** A digest realm as PBXes send it: printable, no quotes or backslashes (it goes into a header). */
export const DigestRequestSchema = z
  .object({
    realm: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[\x20-\x7e]+$/)
      .refine((r) => !/["\\]/.test(r)),
  })
  .strict();
/** MD5(username:realm:password), usable only for that realm and account. */
export const DigestKeySchema = z.object({ ha1: z.string().regex(/^[0-9a-f]{32}$/) }).strict();

export const VaultStatusSchema = z.object({
  available: z.boolean(),
  backend: z.string(),
  needsConsent: z.boolean(),
  consented: z.boolean(),
  message: z.string().nullable(),
});
export type VaultStatus = z.infer<typeof VaultStatusSchema>;

export const ProbeOutcomeSchema = z.enum([
  'ok',
  'http-status',
  'tls',
  'refused',
  'unreachable',
  'dns',
  'timeout',
  'invalid-url',
  'other',
]);
export const ProbeResultSchema = z.object({
  outcome: ProbeOutcomeSchema,
  httpStatus: z.number().int().optional(),
  /** A plain-language explanation with the likely fix. */
  message: z.string(),
  /** Low-level detail for support (error code, TLS reason). */
  detail: z.string(),
  certificate: z
    .object({
      subject: z.string(),
      issuer: z.string(),
      validTo: z.string(),
      fingerprint256: z.string(),
      /** Set when the certificate came from the configured PBX host: what 'cert:pin' accepts it by. */
      probeId: z.string().max(64).optional(),
    })
    .optional(),
});
export type ProbeResult = z.infer<typeof ProbeResultSchema>;

export const contract = {
  'settings:get': { request: Empty, response: SettingsViewSchema },
  'settings:save': { request: SaveAccountRequestSchema, response: SettingsViewSchema },
  'credentials:get': { request: Empty, response: CredentialsSchema },
  'credentials:digest': { request: DigestRequestSchema, response: DigestKeySchema },
  'vault:status': { request: Empty, response: VaultStatusSchema },
  'vault:consent': { request: z.object({ allow: z.boolean() }).strict(), response: VaultStatusSchema },
  'connection:probe': {
    request: z.object({ wsUrl: z.string().max(2048) }).strict(),
    response: ProbeResultSchema,
  },
  'cert:pins': { request: Empty, response: CertPinsViewSchema },
  'cert:pin': { request: CertPinRequestSchema, response: CertPinsViewSchema },
  'cert:unpin': { request: CertUnpinRequestSchema, response: CertPinsViewSchema },
  'notices:dismiss': {
    request: z.object({ id: z.string().max(128) }).strict(),
    response: z.object({ dismissed: z.boolean() }),
  },
  'phone:report': { request: PhoneReportSchema, response: z.object({ accepted: z.boolean() }) },
  'desk:get': { request: Empty, response: DeskViewSchema },
  'desk:save': { request: DeskSettingsSchema, response: DeskViewSchema },
  'history:list': { request: HistoryListRequestSchema, response: HistoryListSchema },
  'history:mark-seen': { request: Empty, response: HistoryChangedSchema },
  'history:clear': { request: Empty, response: z.object({ cleared: z.number().int().min(0) }) },
  'contacts:list': { request: ContactsListRequestSchema, response: ContactsListSchema },
  'contacts:save': { request: ContactSaveRequestSchema, response: ContactSchema },
  'policy:get': { request: Empty, response: PolicyViewSchema },
  'contacts:delete': {
    request: z.object({ id: z.string().min(1).max(64) }).strict(),
    response: z.object({ deleted: z.boolean() }),
  },
  'doctor:network': { request: DoctorNetworkRequestSchema, response: DoctorNetworkResultSchema },
  'support:export': { request: SupportExportRequestSchema, response: SupportExportResultSchema },
  'recording:start': { request: RecordingStartRequestSchema, response: RecordingStartedSchema },
  'recording:append': { request: RecordingAppendRequestSchema, response: RecordingProgressSchema },
  'recording:stop': { request: RecordingStopRequestSchema, response: RecordingRefSchema },
  'recording:read': { request: RecordingPickSchema, response: RecordingDataSchema },
  'recording:reveal': { request: RecordingPickSchema, response: z.object({ shown: z.boolean() }) },
  'history:note': { request: HistoryNoteRequestSchema, response: HistoryNoteResultSchema },
  'screenPop:open': { request: ScreenPopOpenRequestSchema, response: ScreenPopResultSchema },
  'directory:get': { request: DirectoryGetRequestSchema, response: DirectoryViewSchema },
  'directory:refresh': { request: Empty, response: DirectoryStatusSchema },
  'messages:list': { request: MessagesListRequestSchema, response: MessagesListSchema },
  'messages:record': { request: MessageRecordSchema, response: MessageRecordResultSchema },
  'messages:mark-read': { request: MessagesMarkReadSchema, response: MessagesChangedSchema },
} satisfies Record<InvokeChannel, { request: z.ZodType; response: z.ZodType }>;

/**
 * The computer woke from sleep, the screen was unlocked, or the power source
 * changed: the network under the phone may have changed, so the renderer
 * checks its connection to the PBX at once instead of at the next keep-alive.
 */
export const PowerResumedSchema = z
  .object({ reason: z.enum(['resume', 'unlock-screen', 'on-ac', 'on-battery']) })
  .strict();

/** Payload schemas of main → renderer messages; the renderer validates them too. */
export const events = {
  'phone:command': PhoneCommandSchema,
  'desk:changed': DeskViewSchema,
  'history:changed': HistoryChangedSchema,
  'power:resumed': PowerResumedSchema,
  'directory:changed': DirectoryChangedSchema,
  'messages:changed': MessagesChangedSchema,
} satisfies Record<EventChannel, z.ZodType>;
export type EventPayload<E extends EventChannel> = z.output<(typeof events)[E]>;

export type Contract = typeof contract;
export type RequestOf<C extends InvokeChannel> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends InvokeChannel> = z.output<Contract[C]['response']>;

/** The API the preload puts on `window.deskphone`. */
export interface DeskphoneApi {
  invoke<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /**
   * The answer to a start-up read the preload asked for as the page was
   * created; each is handed out once, and asking again asks main again.
   */
  startup<C extends StartupRead>(channel: C): Promise<ResponseOf<C>>;
  /** Listens to a main → renderer channel; returns the function that stops listening. */
  on<E extends EventChannel>(channel: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Identity of the frame that sent an IPC message, as main sees it. */
export interface IpcSender {
  /** The URL of the sending frame. */
  frameUrl: string;
  /** True only for the top-level frame of one of our own windows. */
  isOwnMainFrame: boolean;
}

export const APP_ORIGIN = 'app://phone';
