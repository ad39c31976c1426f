import type { Conversation, MessageRecord, MessagesList, TextMessage } from '../../../contract/messages';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';
import {
  MessageJournal,
  applyMessageEvent,
  type MessageData,
  type MessageJournalEvent,
} from './message-journal';

// The text-message history main keeps: conversations by the other party,
// each message with its direction, time, delivery and whether it was read.
// The renderer reports what it sent and received (its engine is the one on
// the network); main writes each change to messages.jsonl before answering.

export const DEFAULT_MAX_MESSAGES = 5000;
/** Messages a conversation shows at most (the newest). */
const CONVERSATION_PAGE = 500;

export interface MessageStoreOptions {
  logger: Logger;
  notices: NoticeBoard;
  maxMessages?: number;
}

export interface MessagesChange {
  unread: number;
  peer: string;
  /** Set when a message arrived: for the notification. */
  received?: TextMessage;
}

export class MessageStore {
  private readonly listeners = new Set<(change: MessagesChange) => void>();

  private constructor(
    private readonly journal: MessageJournal,
    private readonly data: MessageData,
    private readonly options: MessageStoreOptions,
  ) {}

  static async open(dir: string, options: MessageStoreOptions): Promise<MessageStore> {
    const { journal, data, needsRewrite } = await MessageJournal.open(dir, options);
    const store = new MessageStore(journal, data, options);
    const max = options.maxMessages ?? DEFAULT_MAX_MESSAGES;
    // A repaired file, or one grown long with status and read lines, is written again short.
    if (needsRewrite || journal.lines > 2 * max || journal.lines > 2 * data.size + 200) {
      await journal.rewrite(data, max).catch((error: unknown) => {
        options.logger.warn('Message journal could not be compacted', { error: String(error) });
      });
    }
    return store;
  }

  unreadCount(): number {
    let unread = 0;
    for (const message of this.data.values()) if (isUnread(message)) unread++;
    return unread;
  }

  list(peer?: string): MessagesList {
    const byPeer = new Map<string, Conversation>();
    for (const message of this.data.values()) {
      const known = byPeer.get(message.peer);
      const { text, at, direction, status } = message;
      const conversation = known ?? {
        peer: message.peer,
        name: message.name,
        unread: 0,
        last: { text, at, direction, status },
      };
      if (at >= conversation.last.at) conversation.last = { text, at, direction, status };
      // The name the colleague gives themselves wins over what we typed.
      if (message.direction === 'incoming' && message.name) conversation.name = message.name;
      if (isUnread(message)) conversation.unread++;
      byPeer.set(message.peer, conversation);
    }
    const conversations = [...byPeer.values()].sort((a, b) => b.last.at - a.last.at);
    const messages = peer
      ? [...this.data.values()].filter((m) => m.peer === peer).slice(-CONVERSATION_PAGE)
      : [];
    return { conversations, messages, unread: this.unreadCount() };
  }

  /** The renderer's report of a message sent or received, or of a delivery. */
  async record(record: MessageRecord): Promise<{ unread: number; applied: boolean }> {
    const event = this.eventFor(record);
    if (!event) return { unread: this.unreadCount(), applied: false };
    await this.journal.append(event);
    applyMessageEvent(this.data, event);
    const peer = event.type === 'message' ? event.peer : (this.data.get(record.id)?.peer ?? '');
    const received = record.kind === 'received' ? this.data.get(record.id) : undefined;
    this.changed({ peer, ...(received ? { received } : {}) });
    return { unread: this.unreadCount(), applied: true };
  }

  /** The user opened the conversation: everything in it so far is read. */
  async markRead(peer: string): Promise<{ unread: number }> {
    const unread = [...this.data.values()].filter((m) => m.peer === peer && isUnread(m));
    if (unread.length === 0) return { unread: this.unreadCount() };
    const event: MessageJournalEvent = { type: 'read', peer, at: Math.max(...unread.map((m) => m.at)) };
    await this.journal.append(event);
    applyMessageEvent(this.data, event);
    this.changed({ peer });
    return { unread: this.unreadCount() };
  }

  onChange(listener: (change: MessagesChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private eventFor(record: MessageRecord): MessageJournalEvent | null {
    if (record.kind === 'status') {
      // Only a message we sent, and only once: a late answer never undoes a failure shown.
      const sent = this.data.get(record.id);
      if (!sent || sent.direction !== 'outgoing' || sent.status !== 'sending') return null;
      return { type: 'status', id: record.id, status: record.status, ...pick(record) };
    }
    if (record.kind === 'report') {
      const sent = this.data.get(record.id);
      if (!sent || sent.direction !== 'outgoing' || sent.peer !== record.peer) return null;
      if (sent.status !== 'sending' && sent.status !== 'delivered') return null;
      return { type: 'status', id: record.id, status: 'failed', reason: 'not-passed-on' };
    }
    // The same report twice (a retried IPC call) is one message.
    if (this.data.has(record.id)) return null;
    const { kind, ...fields } = record;
    const incoming = kind === 'received';
    return {
      type: 'message',
      ...fields,
      direction: incoming ? 'incoming' : 'outgoing',
      status: incoming ? 'received' : 'sending',
      ...(incoming ? { read: false } : {}),
    };
  }

  private changed(change: Omit<MessagesChange, 'unread'>): void {
    const full = { ...change, unread: this.unreadCount() };
    for (const listener of this.listeners) {
      try {
        listener(full);
      } catch (error) {
        this.options.logger.warn('Messages listener failed', { error: String(error) });
      }
    }
  }
}

function isUnread(message: TextMessage): boolean {
  return message.direction === 'incoming' && message.read !== true;
}

function pick(record: Extract<MessageRecord, { kind: 'status' }>) {
  return {
    ...(record.code !== undefined ? { code: record.code } : {}),
    ...(record.reason !== undefined ? { reason: record.reason } : {}),
  };
}
