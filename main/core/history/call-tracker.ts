import { randomBytes } from 'node:crypto';
import type { PhoneReport } from '../../../contract/desk';
import type { HistoryEntry } from '../../../contract/history';
import type { ReportedCall } from '../desk/calls';
import type { JournalEvent } from './journal-format';
import { entryFor } from './outcome';

// Turns the stream of phone reports into history events. The renderer
// reports all its calls on every change; a call is new the first time its
// id appears, changes status in between, and ends when it is reported
// 'ended'. A call that vanishes without ending (the page reloaded or
// crashed) is kept as interrupted. Ended calls linger in the reports for a
// few seconds; they are recorded once.

interface Tracked {
  historyId: string;
  start: number;
  status: ReportedCall['status'];
  acceptedHere: boolean;
  last: ReportedCall;
}

export interface TrackerOptions {
  now?: () => number;
  newId?: () => string;
}

export function newHistoryId(): string {
  return `h-${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

export class CallTracker {
  /** Calls in progress, by the renderer's call id. */
  private readonly tracked = new Map<string, Tracked>();
  /** Renderer call ids already recorded as ended, with their start and history id, while they linger. */
  private readonly done = new Map<string, { start: number | undefined; historyId: string }>();
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(options: TrackerOptions = {}) {
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? newHistoryId;
  }

  /** The events one report causes, in order. */
  report(report: PhoneReport): JournalEvent[] {
    const events: JournalEvent[] = [];
    const present = new Set(report.calls.map((c) => c.id));
    for (const [callId, call] of this.tracked) {
      if (!present.has(callId)) events.push(this.interrupt(callId, call));
    }
    for (const callId of [...this.done.keys()]) if (!present.has(callId)) this.done.delete(callId);
    for (const call of report.calls) this.observe(call, events);
    return events;
  }

  /** The history id of the phone's call `callId`: in progress, or ended a moment ago. */
  historyIdOf(callId: string): string | undefined {
    return this.tracked.get(callId)?.historyId ?? this.done.get(callId)?.historyId;
  }

  /** Renderer call ids of calls in progress (for tests and diagnostics). */
  inProgress(): string[] {
    return [...this.tracked.keys()];
  }

  private observe(call: ReportedCall, events: JournalEvent[]): void {
    if (this.done.has(call.id)) {
      // The renderer numbers calls from 1 after a reload: the same id with
      // another start time is another call.
      if (this.done.get(call.id)?.start === call.startedAt) return;
      this.done.delete(call.id);
    }
    let tracked = this.tracked.get(call.id);
    if (tracked && call.startedAt !== undefined && call.startedAt !== tracked.start) {
      events.push(this.interrupt(call.id, tracked));
      tracked = undefined;
    }
    if (!tracked) {
      tracked = this.begin(call, events);
    } else if (call.status !== tracked.status) {
      tracked.status = call.status;
      if (call.status !== 'ended') events.push(this.updated(tracked, call));
    }
    if (call.status === 'connecting' || call.status === 'active') tracked.acceptedHere = true;
    tracked.last = call;
    if (call.status === 'ended') {
      const endedAt = call.endedAt ?? this.now();
      const entry = entryFor(tracked.historyId, call, tracked.start, endedAt, tracked.acceptedHere);
      events.push({ type: 'ended', ...entry });
      this.tracked.delete(call.id);
      this.done.set(call.id, { start: call.startedAt, historyId: tracked.historyId });
    }
  }

  private begin(call: ReportedCall, events: JournalEvent[]): Tracked {
    const tracked: Tracked = {
      historyId: this.newId(),
      start: call.startedAt ?? this.now(),
      status: call.status,
      acceptedHere: false,
      last: call,
    };
    this.tracked.set(call.id, tracked);
    events.push({
      type: 'started',
      id: tracked.historyId,
      direction: call.direction,
      number: call.remoteNumber,
      name: call.remoteName,
      remoteUri: call.remoteUri ?? '',
      start: tracked.start,
    });
    // A call first seen already past its first state (main started late) still records how far it got.
    const first = call.direction === 'incoming' ? 'incoming' : 'dialing';
    if (call.status !== first && call.status !== 'ended') events.push(this.updated(tracked, call));
    return tracked;
  }

  private updated(tracked: Tracked, call: ReportedCall): JournalEvent {
    const event: JournalEvent = {
      type: 'updated',
      id: tracked.historyId,
      status: call.status,
      at: this.now(),
    };
    if (call.answeredAt !== undefined) event.answeredAt = call.answeredAt;
    return event;
  }

  private interrupt(callId: string, tracked: Tracked): JournalEvent {
    this.tracked.delete(callId);
    const call = tracked.last;
    const end = this.now();
    const entry: HistoryEntry = {
      id: tracked.historyId,
      direction: call.direction,
      number: call.remoteNumber,
      name: call.remoteName,
      remoteUri: call.remoteUri ?? '',
      start: tracked.start,
      end,
      duration: call.answeredAt !== undefined ? Math.max(0, Math.round((end - call.answeredAt) / 1000)) : 0,
      outcome: 'interrupted',
    };
    return { type: 'ended', ...entry };
  }
}
