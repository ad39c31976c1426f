import { join } from 'node:path';
import { z } from 'zod';
import { MESSAGE_FAILURES, TextMessageSchema, type TextMessage } from '../../../contract/messages';
import { moveAside, removeStrayTempFiles, writeFileAtomic } from '../durable-file';
import { describeError } from '../errors';
import { isPassingReadError, openForAppend, readPatiently, ReadGuard } from '../file-guard';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';

// messages.jsonl: the text-message history, kept the way the call history is
// (history/journal-file.ts). Every change is one complete JSON line, appended
// and fsynced before the IPC call returns, so a crash costs at most the line
// being written; a cut-off last line is skipped, a damaged line too, and the
// rest replays. From time to time the file is rewritten whole (atomically)
// with one line per message.

export const MESSAGES_FILE = 'messages.jsonl';

const MessageEvent = TextMessageSchema.extend({ type: z.literal('message') });
const StatusEvent = z.object({
  type: z.literal('status'),
  id: z.string().min(1).max(64),
  status: z.enum(['delivered', 'failed']),
  code: z.number().int().optional(),
  reason: z.enum(MESSAGE_FAILURES).optional(),
});
/** Every incoming message of `peer` up to `at` has been read. */
const ReadEvent = z.object({ type: z.literal('read'), peer: z.string().min(1).max(128), at: z.number() });
const EventSchema = z.discriminatedUnion('type', [MessageEvent, StatusEvent, ReadEvent]);
export type MessageJournalEvent = z.infer<typeof EventSchema>;

/** Messages by id, oldest first (a Map keeps insertion order). */
export type MessageData = Map<string, TextMessage>;

export interface Replay {
  data: MessageData;
  lines: number;
  garbage: number;
  tornTail: boolean;
}

export function replayMessages(text: string): Replay {
  const data: MessageData = new Map();
  const parts = text.split('\n');
  const tail = parts.pop() ?? '';
  let lines = 0;
  let garbage = 0;
  for (const raw of parts) {
    if (!raw.trim()) continue;
    lines++;
    const event = parseLine(raw);
    if (event) applyMessageEvent(data, event);
    else garbage++;
  }
  // A line without its newline was being written when DeskPhone stopped: kept only if whole.
  const event = tail.trim() ? parseLine(tail) : null;
  if (event) applyMessageEvent(data, event);
  return { data, lines: lines + (event ? 1 : 0), garbage, tornTail: tail.trim() !== '' };
}

function parseLine(raw: string): MessageJournalEvent | null {
  try {
    const parsed = EventSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function applyMessageEvent(data: MessageData, event: MessageJournalEvent): void {
  if (event.type === 'message') {
    const { type: _type, ...message } = event;
    data.set(message.id, { ...data.get(message.id), ...message });
  } else if (event.type === 'status') {
    const message = data.get(event.id);
    if (!message || message.direction !== 'outgoing') return;
    message.status = event.status;
    if (event.code !== undefined) message.code = event.code;
    if (event.reason !== undefined) message.reason = event.reason;
  } else {
    for (const message of data.values()) {
      if (message.peer === event.peer && message.direction === 'incoming' && message.at <= event.at) {
        message.read = true;
      }
    }
  }
}

export class MessageJournal {
  lines = 0;
  private queue: Promise<void> = Promise.resolve();
  private readonly guard: ReadGuard;

  private constructor(readonly filePath: string) {
    this.guard = new ReadGuard('Your message history file', filePath);
  }

  static async open(
    dir: string,
    options: { logger: Logger; notices: NoticeBoard },
  ): Promise<{ journal: MessageJournal; data: MessageData; needsRewrite: boolean }> {
    const journal = new MessageJournal(join(dir, MESSAGES_FILE));
    await removeStrayTempFiles(journal.filePath);
    const read = await readPatiently(journal.filePath);
    if (read.kind === 'missing') return { journal, data: new Map(), needsRewrite: false };
    if (read.kind === 'unreadable') {
      options.logger.warn('Message journal unreadable', { error: describeError(read.error) });
      if (isPassingReadError(read.error))
        journal.guard.protect(read.error, options.notices, 'messages-unreadable');
      else await moveAside(journal.filePath);
      return { journal, data: new Map(), needsRewrite: false };
    }
    const replay = replayMessages(read.text);
    journal.lines = replay.lines;
    if (replay.garbage > 0) {
      const movedTo = await moveAside(journal.filePath);
      options.logger.warn('Message journal had damaged lines; kept a copy', {
        garbage: replay.garbage,
        movedTo,
      });
      options.notices.add({
        id: 'messages-damaged',
        level: 'warning',
        message: `Your message history file had ${replay.garbage} damaged line(s), which were skipped. All other messages are kept.${movedTo ? ` The old file was kept as ${movedTo}.` : ''}`,
      });
    } else if (replay.tornTail) {
      options.logger.warn('Message journal ended in a cut-off line; skipped it');
    }
    return { journal, data: replay.data, needsRewrite: replay.garbage > 0 || replay.tornTail };
  }

  /** Appends one event and resolves once it is on disk. */
  append(event: MessageJournalEvent): Promise<void> {
    const line = `${JSON.stringify(event)}\n`;
    return this.enqueue(async () => {
      this.guard.check();
      const handle = await openForAppend(this.filePath);
      try {
        await handle.appendFile(line, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.lines++;
    });
  }

  /** Replaces the file with one line per message (the newest `max`). */
  rewrite(data: MessageData, max: number): Promise<void> {
    const messages = [...data.values()].slice(-max);
    const text = messages.map((m) => `${JSON.stringify({ type: 'message', ...m })}\n`).join('');
    return this.enqueue(async () => {
      this.guard.check();
      await writeFileAtomic(this.filePath, text, { mode: 0o600 });
      this.lines = messages.length;
    });
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const run = this.queue.then(write);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
