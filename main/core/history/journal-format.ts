import { z } from 'zod';
import { CALL_STATUSES } from '../../../contract/desk';
import { CALL_NOTE_MAX, HistoryEntrySchema, type HistoryEntry } from '../../../contract/history';
import { RecordingRefSchema, type RecordingRef } from '../../../contract/recording';

// The lines of history.jsonl and how a run of them replays into the history.
// Every line is one complete event, so a crash can cost at most the line
// being written, and replay can skip a damaged line and keep the rest.

const Id = z.string().min(1).max(64);

export const StartedEventSchema = z.object({
  type: z.literal('started'),
  id: Id,
  direction: z.enum(['outgoing', 'incoming']),
  number: z.string().max(256),
  name: z.string().max(256),
  remoteUri: z.string().max(512),
  start: z.number(),
});

export const UpdatedEventSchema = z.object({
  type: z.literal('updated'),
  id: Id,
  status: z.enum(CALL_STATUSES),
  /** Epoch ms of this change, so an interrupted call knows how far it got. */
  at: z.number(),
  answeredAt: z.number().optional(),
  /** A note typed during the call ('' removes it); older journals have none. */
  note: z.string().max(CALL_NOTE_MAX).optional(),
});

/** The finished call in full: replay needs no earlier line to rebuild it. */
export const EndedEventSchema = HistoryEntrySchema.extend({ type: z.literal('ended') });

/** The user looked at the Recent view: missed calls that ended before `at` are seen. */
export const SeenEventSchema = z.object({ type: z.literal('seen'), at: z.number() });

/** A recording of the call began or finished (the same file again updates it). */
export const RecordedEventSchema = z.object({
  type: z.literal('recorded'),
  id: Id,
  recording: RecordingRefSchema,
});

export const JournalEventSchema = z.discriminatedUnion('type', [
  StartedEventSchema,
  UpdatedEventSchema,
  EndedEventSchema,
  SeenEventSchema,
  RecordedEventSchema,
]);
export type JournalEvent = z.infer<typeof JournalEventSchema>;
export type StartedEvent = z.infer<typeof StartedEventSchema>;

/** A call whose start is on disk but whose end is not (yet). */
export interface LiveCall extends Omit<StartedEvent, 'type'> {
  status: (typeof CALL_STATUSES)[number];
  answeredAt?: number;
  /** Epoch ms of the last event seen for this call. */
  lastAt: number;
  recordings?: RecordingRef[];
  note?: string;
}

export interface HistoryData {
  /** Finished calls by id. */
  finished: Map<string, HistoryEntry>;
  live: Map<string, LiveCall>;
  /** Missed calls that ended at or before this time have been seen. */
  seenUpTo: number;
}

export interface Replay {
  data: HistoryData;
  lines: number;
  /** Lines that were not valid events, other than a torn last line. */
  garbage: number;
  /** The last line was cut short (a crash while writing it). */
  tornTail: boolean;
}

export function emptyHistory(): HistoryData {
  return { finished: new Map(), live: new Map(), seenUpTo: 0 };
}

export function serialise(event: JournalEvent): string {
  return `${JSON.stringify(event)}\n`;
}

/** Reads journal text line by line; never throws. */
export function replayJournal(text: string): Replay {
  const data = emptyHistory();
  const rawLines = text.split('\n');
  // Text written completely ends with '\n', so the last piece is empty;
  // anything else there is a line whose write did not finish.
  const tail = rawLines.pop() ?? '';
  let garbage = 0;
  let lines = 0;
  for (const raw of rawLines) {
    if (raw.trim() === '') continue;
    lines++;
    const event = parseLine(raw);
    if (event) applyEvent(data, event);
    else garbage++;
  }
  let tornTail = false;
  if (tail.trim() !== '') {
    // A complete event that only lacks its newline is kept; a cut one is dropped.
    const event = parseLine(tail);
    if (event) {
      lines++;
      applyEvent(data, event);
    }
    tornTail = true;
  }
  return { data, lines, garbage, tornTail };
}

function parseLine(raw: string): JournalEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  const parsed = JournalEventSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Applies one event to the history in memory (replay and live use the same rules). */
export function applyEvent(data: HistoryData, event: JournalEvent): void {
  switch (event.type) {
    case 'started': {
      if (data.finished.has(event.id)) return;
      const { type: _type, ...call } = event;
      const status = event.direction === 'incoming' ? 'incoming' : 'dialing';
      data.live.set(event.id, { ...call, status, lastAt: event.start });
      return;
    }
    case 'updated': {
      const live = data.live.get(event.id);
      if (!live) return;
      live.status = event.status;
      live.lastAt = Math.max(live.lastAt, event.at);
      if (event.answeredAt !== undefined) live.answeredAt = event.answeredAt;
      if (event.note !== undefined) live.note = event.note || undefined;
      return;
    }
    case 'ended': {
      const { type: _type, ...entry } = event;
      // The end is recorded from the phone's report, which knows nothing of the note typed or
      // the recordings made meanwhile.
      const live = data.live.get(event.id);
      const note = live?.note;
      const recordings = entry.recordings ?? live?.recordings;
      data.live.delete(event.id);
      const kept = note && entry.note === undefined ? { ...entry, note } : entry;
      data.finished.set(event.id, recordings ? { ...kept, recordings } : kept);
      return;
    }
    case 'recorded': {
      const call = data.finished.get(event.id) ?? data.live.get(event.id);
      if (!call) return;
      const others = (call.recordings ?? []).filter((r) => r.file !== event.recording.file);
      call.recordings = [...others, event.recording].slice(-16);
      return;
    }
    case 'seen':
      data.seenUpTo = Math.max(data.seenUpTo, event.at);
      return;
  }
}

/** What a call that started but never ended (DeskPhone was killed) is remembered as. */
export function interruptedEntry(call: LiveCall): HistoryEntry {
  const { status: _status, answeredAt, lastAt, note, ...rest } = call;
  const duration = answeredAt !== undefined ? Math.max(0, Math.round((lastAt - answeredAt) / 1000)) : 0;
  return { ...rest, end: lastAt, duration, outcome: 'interrupted', ...(note ? { note } : {}) };
}
