import type { PhoneReport } from '../../../contract/desk';
import {
  CALL_NOTE_MAX,
  type HistoryEntry,
  type HistoryList,
  type HistoryListRequest,
  type HistoryNoteRequest,
} from '../../../contract/history';
import { plainText } from '../../../contract/plain-text';
import { describeError, UserFacingError } from '../errors';
import type { RecordingRef } from '../../../contract/recording';
import type { Logger } from '../logger';
import type { NoticeBoard } from '../notices';
import { CallTracker, type TrackerOptions } from './call-tracker';
import { HistoryJournal } from './journal-file';
import { applyEvent, interruptedEntry, type HistoryData, type JournalEvent } from './journal-format';
import { matcher } from './search';

// The call history main keeps: built from the phone's reports, written to an
// append-only journal as it happens, read back (with calls cut off by a crash
// marked interrupted) at start. Also counts the missed calls the user has not
// looked at yet, for the tray and the app badge.

export const DEFAULT_MAX_CALLS = 5000;
const DEFAULT_PAGE = 200;

export interface HistoryStoreOptions {
  logger: Logger;
  notices: NoticeBoard;
  /** Calls kept; older ones are dropped at the next compaction. */
  maxCalls?: number;
  /** Journal lines after which it is compacted; default twice maxCalls. */
  compactAfter?: number;
  now?: () => Date;
  tracker?: TrackerOptions;
}

export type HistoryListener = (missed: number) => void;

export class HistoryStore {
  private readonly listeners = new Set<HistoryListener>();
  private readonly tracker: CallTracker;
  private readonly maxCalls: number;
  private readonly compactAfter: number;
  private sorted: HistoryEntry[] | null = null;
  private writes: Promise<void> = Promise.resolve();

  private constructor(
    private readonly journal: HistoryJournal,
    private readonly data: HistoryData,
    private readonly options: HistoryStoreOptions,
  ) {
    this.maxCalls = options.maxCalls ?? DEFAULT_MAX_CALLS;
    this.compactAfter = options.compactAfter ?? this.maxCalls * 2;
    this.tracker = new CallTracker({ now: () => this.now().getTime(), ...options.tracker });
  }

  /** Opens (and if needed repairs) history.jsonl in `dir`. */
  static async open(dir: string, options: HistoryStoreOptions): Promise<HistoryStore> {
    const opened = await HistoryJournal.open(dir, options);
    const store = new HistoryStore(opened.journal, opened.data, options);
    await store.settleAfterOpen(opened.needsRewrite);
    return store;
  }

  /** Called with the new missed count whenever the history changes. */
  onChange(listener: HistoryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The renderer's report of the phone; records what changed. */
  report(report: PhoneReport): Promise<void> {
    let events: JournalEvent[];
    try {
      events = this.tracker.report(report);
    } catch (error) {
      // A history bug must never stop the phone's reports reaching the tray.
      this.options.logger.error('Recording a call failed', { error: describeError(error) });
      return this.writes;
    }
    if (events.length === 0) return this.writes;
    for (const event of events) applyEvent(this.data, event);
    if (events.some((e) => e.type === 'ended')) {
      this.trim();
      this.changed();
    }
    return this.persist(events);
  }

  list(request: HistoryListRequest = {}): HistoryList {
    const matches = matcher(request.query);
    const found = this.newestFirst().filter(
      (e) => matches(e) && (!request.direction || e.direction === request.direction),
    );
    const offset = request.offset ?? 0;
    const entries = found.slice(offset, offset + (request.limit ?? DEFAULT_PAGE));
    return { entries, total: found.length, missed: this.missedCount() };
  }

  /**
   * Sets the note of a call (the phone's call id during or just after the
   * call, or its history id from Recent); an empty note removes it. The note
   * is one line of plain text, like everything else shown in Recent.
   */
  async setNote(request: HistoryNoteRequest): Promise<{ entryId: string; note: string }> {
    const id = 'callId' in request ? this.tracker.historyIdOf(request.callId) : request.entryId;
    const note = plainText(request.note, CALL_NOTE_MAX);
    const finished = id ? this.data.finished.get(id) : undefined;
    const live = id ? this.data.live.get(id) : undefined;
    let event: JournalEvent;
    if (finished) {
      const { note: _old, ...entry } = finished;
      // The whole entry again: replay keeps the last line of a call.
      event = { type: 'ended', ...entry, ...(note ? { note } : {}) };
    } else if (live) {
      event = { type: 'updated', id: live.id, status: live.status, at: live.lastAt, note };
    } else {
      throw new UserFacingError('That call is no longer in your call history, so the note was not saved.');
    }
    applyEvent(this.data, event);
    this.sorted = null;
    if (finished) this.changed();
    await this.persist([event]);
    return { entryId: id!, note };
  }

  /** Missed calls that ended after the user last opened the Recent view. */
  missedCount(): number {
    let count = 0;
    for (const entry of this.data.finished.values()) {
      if (entry.outcome === 'missed' && entry.end > this.data.seenUpTo) count++;
    }
    return count;
  }

  /** The user opened the Recent view: every missed call so far counts as seen. */
  async markSeen(): Promise<number> {
    let latest = this.now().getTime();
    for (const entry of this.data.finished.values()) latest = Math.max(latest, entry.end);
    const before = this.missedCount();
    const event: JournalEvent = { type: 'seen', at: latest };
    applyEvent(this.data, event);
    if (before > 0) this.changed();
    await this.persist([event]);
    return this.missedCount();
  }

  /** Forgets every finished call (calls in progress stay). Returns how many were removed. */
  async clear(): Promise<number> {
    const removed = this.data.finished.size;
    this.data.finished.clear();
    this.sorted = null;
    this.changed();
    await this.rewrite();
    return removed;
  }

  /** The history entry of the renderer's call id, while the phone still reports that call. */
  historyIdOf(callId: string): string | undefined {
    return this.tracker.historyIdOf(callId);
  }

  /** Adds a recording to a call (or updates it: same file), in progress or finished. */
  recorded(historyId: string, recording: RecordingRef): Promise<void> {
    const event: JournalEvent = { type: 'recorded', id: historyId, recording };
    applyEvent(this.data, event);
    this.changed();
    return this.persist([event]);
  }

  recordingOf(historyId: string, index: number): RecordingRef | undefined {
    return (
      this.data.finished.get(historyId)?.recordings?.[index] ??
      this.data.live.get(historyId)?.recordings?.[index]
    );
  }

  /** Resolves once everything recorded so far is on disk. */
  flush(): Promise<void> {
    return this.writes;
  }

  private async settleAfterOpen(needsRewrite: boolean): Promise<void> {
    // Calls that started but never ended: DeskPhone was killed during them.
    const interrupted = [...this.data.live.values()].map(interruptedEntry);
    for (const entry of interrupted) applyEvent(this.data, { type: 'ended', ...entry });
    if (interrupted.length > 0) {
      this.options.logger.info('Calls cut off when DeskPhone stopped', { count: interrupted.length });
    }
    this.trim();
    if (needsRewrite || this.journal.lines > this.compactAfter) await this.rewrite();
    else await this.persist(interrupted.map((entry) => ({ type: 'ended', ...entry })));
  }

  /** Appends the events; compacts once the journal has grown past its limit. */
  private persist(events: JournalEvent[]): Promise<void> {
    return this.enqueue(async () => {
      await this.journal.append(events);
      if (this.journal.lines > this.compactAfter) await this.journal.rewrite(this.data, this.maxCalls);
    });
  }

  private rewrite(): Promise<void> {
    return this.enqueue(() => this.journal.rewrite(this.data, this.maxCalls));
  }

  private enqueue(write: () => Promise<void>): Promise<void> {
    const run = this.writes.then(write).catch((error: unknown) => {
      // The history in memory stays right; the next compaction writes it all again.
      this.options.logger.error('Saving call history failed', { error: describeError(error) });
    });
    this.writes = run;
    return run;
  }

  /** Drops the oldest calls beyond maxCalls from memory; the next compaction drops them on disk. */
  private trim(): void {
    const excess = this.data.finished.size - this.maxCalls;
    if (excess <= 0) return;
    const oldest = [...this.data.finished.values()].sort((a, b) => a.start - b.start).slice(0, excess);
    for (const entry of oldest) this.data.finished.delete(entry.id);
    this.sorted = null;
  }

  private newestFirst(): HistoryEntry[] {
    this.sorted ??= [...this.data.finished.values()].sort((a, b) => b.start - a.start);
    return this.sorted;
  }

  private changed(): void {
    this.sorted = null;
    const missed = this.missedCount();
    for (const listener of this.listeners) {
      try {
        listener(missed);
      } catch (error) {
        this.options.logger.warn('A history listener failed', { error: describeError(error) });
      }
    }
  }

  private now(): Date {
    return (this.options.now ?? (() => new Date()))();
  }
}
