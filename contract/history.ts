import { z } from 'zod';
import { HISTORY_PAGE_MAX } from './history-page';
import { RecordingRefSchema } from './recording';

export { HISTORY_PAGE_MAX } from './history-page';

// Call history and contacts, as main keeps them and the renderer sees them.
// Main builds the history itself from the phone's reports, so the renderer
// only ever reads it; contacts are edited by the user and saved by main.

/** A call note is a line or two, not a document. */
export const CALL_NOTE_MAX = 500;
const NoteText = z.string().max(CALL_NOTE_MAX, `A note can be at most ${CALL_NOTE_MAX} characters.`);

/**
 * 'history:note': sets (or, empty, removes) the note of a call, named either
 * by the phone's call id while the call is on (or just ended), or by its
 * history id from Recent.
 */
export const HistoryNoteRequestSchema = z.union([
  z.object({ callId: z.string().min(1).max(64), note: NoteText }).strict(),
  z.object({ entryId: z.string().min(1).max(64), note: NoteText }).strict(),
]);
export type HistoryNoteRequest = z.infer<typeof HistoryNoteRequestSchema>;
export const HistoryNoteResultSchema = z.object({ entryId: z.string().max(64), note: NoteText });

export const CALL_OUTCOMES = [
  'answered',
  'missed',
  'declined',
  'failed',
  'cancelled',
  'interrupted',
  /** Sent on by call forwarding (302) before anyone answered here; reason says where. */
  'forwarded',
] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

export const CallQualitySummarySchema = z.object({
  mos: z.number().min(1).max(5),
  jitterMs: z.number().min(0),
  lossPercent: z.number().min(0).max(100),
  rttMs: z.number().min(0).optional(),
  codec: z.string().max(32).optional(),
});

export const HistoryEntrySchema = z.object({
  /** Main's own id: the renderer's call ids start again at every launch. */
  id: z.string().max(64),
  direction: z.enum(['outgoing', 'incoming']),
  number: z.string().max(256),
  name: z.string().max(256),
  remoteUri: z.string().max(512),
  /** Epoch ms when the call was placed or arrived. */
  start: z.number(),
  /** Epoch ms when the call ended (for an interrupted call: when that was noticed). */
  end: z.number(),
  /** Seconds from answer to end; 0 for a call that was never answered. */
  duration: z.number().int().min(0),
  outcome: z.enum(CALL_OUTCOMES),
  /** Plain-language reason (failed calls), as the phone showed it. */
  reason: z.string().max(512).optional(),
  /** The SIP status behind a failure, e.g. 486 or 480. */
  code: z.number().int().optional(),
  /** Call quality as last measured (answered calls). */
  quality: CallQualitySummarySchema.optional(),
  /** Local recordings of this call (contract/recording.ts). */
  recordings: z.array(RecordingRefSchema).max(16).optional(),
  /** The user's own short note on the call (one line, sanitised by main); older files have none. */
  note: z.string().max(CALL_NOTE_MAX).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const HistoryListRequestSchema = z
  .object({
    /** Matches the name, number or note, ignoring case; digits also match ignoring separators. */
    query: z.string().max(256).optional(),
    direction: z.enum(['outgoing', 'incoming']).optional(),
    limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).optional(),
    offset: z.number().int().min(0).optional(),
  })
  .strict();
export type HistoryListRequest = z.infer<typeof HistoryListRequestSchema>;

export const HistoryListSchema = z.object({
  /** Newest first. */
  entries: z.array(HistoryEntrySchema),
  /** How many entries match in all (for "Show more"). */
  total: z.number().int().min(0),
  /** Missed calls the user has not looked at yet. */
  missed: z.number().int().min(0),
});
export type HistoryList = z.infer<typeof HistoryListSchema>;

/** Sent by main whenever the history or the missed count changes. */
export const HistoryChangedSchema = z.object({ missed: z.number().int().min(0) });
export type HistoryChanged = z.infer<typeof HistoryChangedSchema>;

const ContactName = z
  .string()
  .trim()
  .min(1, 'Give the contact a name.')
  .max(128, 'That name is too long (at most 128 characters).');
const ContactNumber = z
  .string()
  .trim()
  .min(1, 'Enter a number or SIP address for the contact.')
  .max(256, 'That number is too long (at most 256 characters).');

export const ContactSchema = z.object({
  id: z.string().min(1).max(64),
  name: ContactName,
  number: ContactNumber,
  favourite: z.boolean(),
  /** On the colleagues' board (a lamp for their extension). Older files have no such field. */
  colleague: z.boolean().default(false),
});
export type Contact = z.infer<typeof ContactSchema>;

/** A new contact has no id yet; an existing one is replaced by id. */
export const ContactSaveRequestSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    name: ContactName,
    number: ContactNumber,
    favourite: z.boolean(),
    colleague: z.boolean().optional(),
  })
  .strict();
export type ContactSaveRequest = z.infer<typeof ContactSaveRequestSchema>;

export const ContactsListRequestSchema = z.object({ query: z.string().max(256).optional() }).strict();

export const ContactsListSchema = z.object({
  /** Favourites first, then by name. */
  contacts: z.array(ContactSchema),
});
