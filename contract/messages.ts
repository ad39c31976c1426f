import { z } from 'zod';

// Text messages (SIP MESSAGE) with colleagues: what the renderer reports to
// main, and how main hands the conversations back. Main keeps the history
// (messages.jsonl); the renderer's engine sends and receives. Everything here
// was sanitised by the engine, and main checks sizes again: a renderer bug
// must not bloat the journal.

/** The longest text a message may carry (characters, after sanitising). */
export const MESSAGE_TEXT_MAX = 4000;

/** Why a message was not delivered, as the engine read the answer; the UI says it in words. */
export const MESSAGE_FAILURES = [
  'not-found',
  'offline',
  'no-answer',
  'refused',
  'busy',
  'too-large',
  'not-connected',
  'unreachable',
  /** The PBX took it (202), then reported it could not pass it on (an IMDN "failed"). */
  'not-passed-on',
  'other',
] as const;
export type MessageFailure = (typeof MESSAGE_FAILURES)[number];

/**
 * sending: handed to the network, no answer yet; delivered: a 2xx (code says
 * which: 202 is "accepted by the phone system", not "shown on the phone");
 * failed: refused or lost (reason); received: an incoming message.
 */
export const MESSAGE_STATUSES = ['sending', 'delivered', 'failed', 'received'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const Id = z.string().min(1).max(64);
/** The other party: a number or extension, or user@host for another domain. */
const Peer = z.string().min(1).max(128);
const Name = z.string().max(128);
const Text = z.string().max(MESSAGE_TEXT_MAX);

export const TextMessageSchema = z.object({
  id: Id,
  peer: Peer,
  name: Name,
  direction: z.enum(['incoming', 'outgoing']),
  text: Text,
  /** Epoch ms sent or received. */
  at: z.number(),
  status: z.enum(MESSAGE_STATUSES),
  /** The SIP status code of the answer, when there was one. */
  code: z.number().int().min(100).max(699).optional(),
  reason: z.enum(MESSAGE_FAILURES).optional(),
  /** Received inside a call (in-dialog MESSAGE). */
  inCall: z.boolean().optional(),
  /** Incoming only: the user has seen it. */
  read: z.boolean().optional(),
});
export type TextMessage = z.infer<typeof TextMessageSchema>;

export const ConversationSchema = z.object({
  peer: Peer,
  name: Name,
  unread: z.number().int().min(0),
  last: TextMessageSchema.pick({ text: true, at: true, direction: true, status: true }),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const MessagesListRequestSchema = z
  .object({
    /** The conversation to load in full; absent lists conversations only. */
    peer: Peer.optional(),
  })
  .strict();

export const MessagesListSchema = z.object({
  conversations: z.array(ConversationSchema),
  /** The conversation asked for, oldest first. */
  messages: z.array(TextMessageSchema),
  unread: z.number().int().min(0),
});
export type MessagesList = z.infer<typeof MessagesListSchema>;

export const MessageRecordSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('received'),
      id: Id,
      peer: Peer,
      name: Name,
      text: Text,
      at: z.number(),
      inCall: z.boolean().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('sent'), id: Id, peer: Peer, name: Name, text: Text, at: z.number() }).strict(),
  z
    .object({
      kind: z.literal('status'),
      id: Id,
      status: z.enum(['delivered', 'failed']),
      code: z.number().int().min(100).max(699).optional(),
      reason: z.enum(MESSAGE_FAILURES).optional(),
    })
    .strict(),
  // A delivery report that came after the answer, from `peer`: main applies it
  // only to a message sent to that peer, and only to turn "delivered to the
  // phone system" (or still sending) into "not passed on".
  z.object({ kind: z.literal('report'), id: Id, peer: Peer, delivered: z.literal(false) }).strict(),
]);
export type MessageRecord = z.infer<typeof MessageRecordSchema>;

export const MessagesChangedSchema = z.object({
  unread: z.number().int().min(0),
  /** The conversation that changed. */
  peer: Peer.optional(),
});
export type MessagesChanged = z.infer<typeof MessagesChangedSchema>;

/** What main did with a record: `applied` is false when it changed nothing (a repeat, a report about nothing we sent). */
export const MessageRecordResultSchema = z.object({ unread: z.number().int().min(0), applied: z.boolean() });

export const MessagesMarkReadSchema = z.object({ peer: Peer }).strict();
