import { join } from 'node:path';
import type { HistoryEntry } from '../../../contract/history';
import { moveAside, removeStrayTempFiles, writeFileAtomic } from '../durable-file';
import { isPassingReadError, openForAppend, readPatiently, ReadGuard } from '../file-guard';
import { describeError } from '../errors';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';
import {
  emptyHistory,
  replayJournal,
  serialise,
  type HistoryData,
  type JournalEvent,
  type LiveCall,
} from './journal-format';

// history.jsonl on disk. Changes are appended one complete line at a time and
// fsynced before the call returns, so killing DeskPhone loses at most the
// line being written. From time to time the journal is rewritten whole
// (atomically) to drop superseded lines and the oldest calls.

export const HISTORY_FILE = 'history.jsonl';

export interface JournalOptions {
  logger: Logger;
  notices: NoticeBoard;
  now?: () => Date;
}

export interface OpenedJournal {
  journal: HistoryJournal;
  data: HistoryData;
  /** Lines read; the caller compacts when there are too many. */
  lines: number;
  /** The file had to be repaired (torn or damaged lines): rewrite it before appending. */
  needsRewrite: boolean;
}

export class HistoryJournal {
  private queue: Promise<void> = Promise.resolve();
  /** Lines in the file now, counted as they are written. */
  lines = 0;

  private readonly guard: ReadGuard;

  private constructor(readonly filePath: string) {
    this.guard = new ReadGuard('Your call history file', filePath);
  }

  /** Reads the journal in `dir`, skipping damaged lines and moving an unusable file aside. */
  static async open(dir: string, options: JournalOptions): Promise<OpenedJournal> {
    const journal = new HistoryJournal(join(dir, HISTORY_FILE));
    const { logger, notices } = options;
    const stray = await removeStrayTempFiles(journal.filePath);
    if (stray.length > 0) logger.warn('Removed temp files left by an interrupted history rewrite');

    const read = await readPatiently(journal.filePath);
    if (read.kind === 'missing') return { journal, data: emptyHistory(), lines: 0, needsRewrite: false };
    if (read.kind === 'unreadable' && isPassingReadError(read.error)) {
      // Held by another program or a disk hiccup: keep the file as it is; calls are not recorded this run.
      logger.warn('History journal unreadable; left untouched', { error: describeError(read.error) });
      journal.guard.protect(read.error, notices, 'history-unreadable');
      return { journal, data: emptyHistory(), lines: 0, needsRewrite: false };
    }
    if (read.kind === 'unreadable') {
      await journal.quarantine(options, `could not be opened (${describeError(read.error)})`, true);
      return { journal, data: emptyHistory(), lines: 0, needsRewrite: false };
    }
    const replay = replayJournal(read.text);
    const kept = replay.lines - replay.garbage;
    journal.lines = replay.lines;
    if (replay.garbage > 0) {
      // The damaged file is kept as it was, for support; the calls that
      // could be read go on in a clean journal.
      const nothingLeft = kept === 0;
      await journal.quarantine(
        options,
        nothingLeft
          ? 'was damaged and could not be read'
          : `had ${replay.garbage} damaged line${replay.garbage === 1 ? '' : 's'}, which were skipped`,
        nothingLeft,
      );
      return { journal, data: replay.data, lines: kept, needsRewrite: !nothingLeft };
    }
    if (replay.tornTail) {
      logger.warn('History journal ended in a cut-off line; skipped it');
      notices.add({
        id: 'history-torn',
        level: 'info',
        message:
          'DeskPhone stopped while it was saving the call history, so the very last change to it may be missing. All other calls are kept.',
      });
    }
    return { journal, data: replay.data, lines: replay.lines, needsRewrite: replay.tornTail };
  }

  /** Appends events as lines and waits until they are on disk. */
  append(events: readonly JournalEvent[]): Promise<void> {
    if (events.length === 0) return this.queue;
    const text = events.map(serialise).join('');
    return this.enqueue(async () => {
      this.guard.check();
      const handle = await openForAppend(this.filePath);
      try {
        await handle.appendFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.lines += events.length;
    });
  }

  /**
   * Replaces the journal with the shortest one that replays to the same
   * history: one line per finished call (oldest first, at most `maxCalls`),
   * the calls still in progress, and the seen mark.
   */
  rewrite(data: HistoryData, maxCalls: number): Promise<void> {
    const events = compactEvents(data, maxCalls);
    return this.enqueue(async () => {
      this.guard.check();
      await writeFileAtomic(this.filePath, events.map(serialise).join(''), { mode: 0o600 });
      this.lines = events.length;
    });
  }

  /** Resolves when every write queued so far is done. */
  flush(): Promise<void> {
    return this.queue;
  }

  /** Writes run one after another, so lines land in the order they were made. */
  private enqueue(write: () => Promise<void>): Promise<void> {
    const run = this.queue.then(write);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async quarantine(options: JournalOptions, problem: string, emptied: boolean): Promise<void> {
    const { logger, notices, now = () => new Date() } = options;
    const movedTo = await moveAside(this.filePath, now());
    logger.warn('History journal damaged; moved aside', { problem, movedTo });
    const where = movedTo
      ? `The old file was kept as ${movedTo}.`
      : `The old file could not be moved and is still at ${this.filePath}.`;
    const start = emptied ? 'The call list starts empty.' : 'All calls that could be read are kept.';
    notices.add({
      id: 'history-damaged',
      level: 'warning',
      message: `Your call history file ${problem}. ${start} ${where}`,
    });
  }
}

/** The events of a compacted journal; exported for tests. */
export function compactEvents(data: HistoryData, maxCalls: number): JournalEvent[] {
  const finished = oldestFirst([...data.finished.values()]).slice(-maxCalls);
  const events: JournalEvent[] = finished.map((entry) => ({ type: 'ended', ...entry }));
  for (const call of data.live.values()) events.push(...liveEvents(call));
  if (data.seenUpTo > 0) events.push({ type: 'seen', at: data.seenUpTo });
  return events;
}

function liveEvents(call: LiveCall): JournalEvent[] {
  const { status, answeredAt, lastAt, note, recordings = [], ...started } = call;
  const update: JournalEvent = { type: 'updated', id: call.id, status, at: lastAt };
  if (answeredAt !== undefined) update.answeredAt = answeredAt;
  if (note) update.note = note;
  const recorded = recordings.map((recording): JournalEvent => ({
    type: 'recorded',
    id: call.id,
    recording,
  }));
  return [{ type: 'started', ...started }, update, ...recorded];
}

/** By start time; equal starts keep their order (Array.prototype.sort is stable). */
export function oldestFirst(entries: HistoryEntry[]): HistoryEntry[] {
  return entries.sort((a, b) => a.start - b.start);
}
